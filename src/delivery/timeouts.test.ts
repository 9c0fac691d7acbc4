import { describe, expect, it } from 'vitest';
import { webhookKinds } from '../fixtures/shared/define-event.js';
import { DEFAULT_TIMEOUTS, toTimeouts, vonageTimeouts } from './timeouts.js';

describe('vonageTimeouts', () => {
  it('holds the documented Voice and SMS values', () => {
    expect(vonageTimeouts['voice-answer']).toEqual({ connectMs: 1000, responseMs: 5000 });
    expect(vonageTimeouts['voice-event']).toEqual({ connectMs: 1000, responseMs: 10_000 });
    expect(vonageTimeouts['voice-fallback']).toEqual({ connectMs: 1000, responseMs: 5000 });
    expect(vonageTimeouts['sms-inbound']).toEqual({ connectMs: 3000, responseMs: 15_000 });
  });

  it('has a value for every webhook kind', () => {
    expect(Object.keys(vonageTimeouts).sort()).toEqual([...webhookKinds].sort());
  });
});

describe('toTimeouts', () => {
  it('takes the call value over the per-kind override over Vonage', () => {
    const overrides = { 'voice-event': { connectMs: 200, responseMs: 300 } };
    expect(toTimeouts('voice-event', overrides)).toEqual({ connectMs: 200, responseMs: 300 });
    expect(toTimeouts('voice-event', overrides, { responseMs: 50 })).toEqual({
      connectMs: 200,
      responseMs: 50,
    });
    expect(toTimeouts('voice-answer', overrides)).toEqual({ connectMs: 1000, responseMs: 5000 });
  });

  it('uses the messaging values when the kind is unknown', () => {
    expect(toTimeouts(undefined)).toBe(DEFAULT_TIMEOUTS);
  });

  it('rejects a timeout that is not a positive number', () => {
    expect(() => toTimeouts('sms-inbound', {}, { responseMs: 0 })).toThrow(/responseMs/);
    expect(() => toTimeouts('sms-inbound', {}, { connectMs: Number.NaN })).toThrow(/connectMs/);
  });
});
