import { describe, expect, it } from 'vitest';
import { generate } from '../fixtures/generate.js';
import { isEvent } from './is-event.js';

describe('isEvent', () => {
  it('accepts a payload of the named event', () => {
    expect(isEvent('sms.inbound.text', generate('sms.inbound.text', { seed: 1 }))).toBe(true);
    expect(isEvent('messages.status.delivered', generate('messages.status.delivered', { seed: 2 }))).toBe(
      true,
    );
  });

  it('accepts a payload of the default variant when given a family name', () => {
    expect(isEvent('sms.delivery_receipt', generate('sms.delivery_receipt.delivered', { seed: 3 }))).toBe(
      true,
    );
  });

  it('rejects a payload of another event (issue 13)', () => {
    expect(isEvent('voice.answer', generate('sms.inbound', { seed: 4 }))).toBe(false);
    expect(
      isEvent('sms.delivery_receipt.expired', generate('sms.delivery_receipt.delivered', { seed: 5 })),
    ).toBe(false);
  });

  it('rejects a payload missing a required field', () => {
    const { msisdn: _msisdn, ...rest } = generate('sms.inbound.text', { seed: 6 });
    expect(isEvent('sms.inbound.text', rest)).toBe(false);
  });

  it('rejects values that are not objects', () => {
    expect(isEvent('sms.inbound', null)).toBe(false);
    expect(isEvent('sms.inbound', 'msisdn=447700900001')).toBe(false);
  });

  it('allows fields the schema does not list', () => {
    expect(isEvent('sms.inbound.text', { ...generate('sms.inbound.text', { seed: 7 }), extra: 'x' })).toBe(
      true,
    );
  });

  it('throws VWS_ERR_UNKNOWN_EVENT for a name that is no event', () => {
    expect(() => isEvent('sms.inbund' as 'sms.inbound', {})).toThrow(
      expect.objectContaining({ code: 'VWS_ERR_UNKNOWN_EVENT' }),
    );
  });
});
