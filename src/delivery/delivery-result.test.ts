import { describe, expect, it } from 'vitest';
import { deliveryErrorCodes } from './delivery-error-codes.js';
import { deliveryOutcomes, toOutcome } from './delivery-result.js';

describe('toOutcome', () => {
  it('maps each delivery code to its own outcome', () => {
    const outcomes = deliveryErrorCodes.map(toOutcome);
    expect(new Set(outcomes).size).toBe(deliveryErrorCodes.length);
    for (const outcome of outcomes) expect(deliveryOutcomes).toContain(outcome);
    expect(outcomes).not.toContain('accepted');
    expect(outcomes).not.toContain('not_sent');
  });

  it('gives accepted for no code and not_sent for a non-delivery code', () => {
    expect(toOutcome(null)).toBe('accepted');
    expect(toOutcome('VWS_ERR_UNKNOWN_EVENT')).toBe('not_sent');
  });
});
