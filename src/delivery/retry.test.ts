import { describe, expect, it } from 'vitest';
import { listEvents } from '../fixtures/catalog.js';
import {
  isRetryable,
  retryPolicies,
  retryPolicyNames,
  scheduleAttempts,
  toBackoffDelay,
  toRetryPolicy,
} from './retry.js';

const HOUR = 3_600_000;

describe('toRetryPolicy', () => {
  it('gives the fallback policy to the answer URL and to NCCO-returning events only', () => {
    for (const entry of listEvents({ api: 'voice' })) {
      const policy = toRetryPolicy(entry.webhook, entry.response);
      if (entry.webhook === 'voice-fallback') expect(policy.name).toBe('voice-fallback');
      else if (entry.response === 'ignored') expect(policy.name, entry.name).toBe('voice-event');
      else expect(policy.name, entry.name).toBe('voice-ncco');
    }
  });

  it('maps every catalog event to a named policy', () => {
    for (const entry of listEvents()) {
      expect(retryPolicyNames).toContain(toRetryPolicy(entry.webhook, entry.response).name);
    }
  });

  it('retries SMS receipts for 72 h and inbound SMS for 24 h', () => {
    expect(toRetryPolicy('sms-delivery-receipt', 'ignored').horizonMs).toBe(72 * HOUR);
    expect(toRetryPolicy('short-code-delivery-receipt', 'ignored').horizonMs).toBe(72 * HOUR);
    expect(toRetryPolicy('sms-inbound', 'ignored').horizonMs).toBe(24 * HOUR);
  });

  it('does not retry Number Insight and RTC callbacks, for which Vonage documents no retries', () => {
    expect(toRetryPolicy('number-insight', 'ignored').name).toBe('none');
    expect(toRetryPolicy('rtc-event', 'ignored').name).toBe('none');
  });
});

describe('isRetryable', () => {
  const voice = retryPolicies['voice-ncco'];
  const messages = retryPolicies.messages;

  it('retries voice webhooks on 429, 503 and 504 but not on 500 or 404', () => {
    const status = (code: number) => isRetryable(voice, { code: 'VWS_ERR_DELIVERY_STATUS', status: code });
    expect([429, 503, 504].map(status)).toEqual([true, true, true]);
    expect([500, 404, 502].map(status)).toEqual([false, false, false]);
  });

  it('retries voice webhooks on timeouts, refused and reset connections', () => {
    for (const code of [
      'VWS_ERR_DELIVERY_TIMEOUT',
      'VWS_ERR_DELIVERY_CONNECTION_REFUSED',
      'VWS_ERR_DELIVERY_CONNECTION_RESET',
    ] as const) {
      expect(isRetryable(voice, { code, status: null })).toBe(true);
    }
  });

  it('never retries an invalid NCCO or a redirect of a voice webhook', () => {
    expect(isRetryable(voice, { code: 'VWS_ERR_DELIVERY_NCCO_INVALID', status: 200 })).toBe(false);
    expect(isRetryable(voice, { code: 'VWS_ERR_DELIVERY_REDIRECT', status: 302 })).toBe(false);
  });

  it('retries Messages on 429 and 5xx only', () => {
    const status = (code: number) => isRetryable(messages, { code: 'VWS_ERR_DELIVERY_STATUS', status: code });
    expect([429, 500, 502, 599].map(status)).toEqual([true, true, true, true]);
    expect([400, 404, 410, 206].map(status)).toEqual([false, false, false, false]);
  });

  it('retries Verify and SMS on any status outside the success range, redirects included', () => {
    for (const policy of [retryPolicies.verify, retryPolicies['sms-inbound']]) {
      expect(isRetryable(policy, { code: 'VWS_ERR_DELIVERY_STATUS', status: 404 })).toBe(true);
      expect(isRetryable(policy, { code: 'VWS_ERR_DELIVERY_REDIRECT', status: 301 })).toBe(true);
    }
  });

  it('retries nothing under the none policy', () => {
    expect(isRetryable(retryPolicies.none, { code: 'VWS_ERR_DELIVERY_TIMEOUT', status: null })).toBe(false);
  });
});

describe('toBackoffDelay', () => {
  it('doubles from 5 s and stays at 15 min for Messages', () => {
    const delays = [1, 2, 3, 8, 9, 10, 50].map((n) => toBackoffDelay(retryPolicies.messages.backoff, n));
    expect(delays).toEqual([5000, 10_000, 20_000, 640_000, 900_000, 900_000, 900_000]);
  });
});

describe('scheduleAttempts', () => {
  it('plans the answer URL twice and then the fallback twice', () => {
    const phases = [...scheduleAttempts(retryPolicies['voice-ncco'], { fallback: true })].map((a) => a.phase);
    expect(phases).toEqual(['first', 'retry', 'fallback', 'fallback']);
  });

  it('plans no fallback attempt when no fallback URL is given', () => {
    expect([...scheduleAttempts(retryPolicies['voice-ncco'])]).toHaveLength(2);
  });

  it('spaces Messages retries 5 s doubling to 15 min and ends within 24 h', () => {
    const attempts = [...scheduleAttempts(retryPolicies.messages)];
    expect(attempts.slice(0, 10).map((a) => a.offsetMs / 1000)).toEqual([
      0, 5, 15, 35, 75, 155, 315, 635, 1275, 2175,
    ]);
    const last = attempts.at(-1);
    expect(last?.offsetMs).toBeLessThanOrEqual(24 * HOUR);
    expect((last?.offsetMs ?? 0) + 900_000).toBeGreaterThan(24 * HOUR);
    expect(attempts).toHaveLength(103);
  });

  it('resends SMS receipts every minute for 72 h', () => {
    const attempts = [...scheduleAttempts(retryPolicies['sms-delivery-receipt'])];
    expect(attempts).toHaveLength(72 * 60 + 1);
    expect(new Set(attempts.slice(1).map((a) => a.delayMs))).toEqual(new Set([60_000]));
  });

  it('stops at maxAttempts across phases', () => {
    expect([
      ...scheduleAttempts(retryPolicies['voice-ncco'], { fallback: true, maxAttempts: 3 }),
    ]).toHaveLength(3);
    expect([...scheduleAttempts(retryPolicies.messages, { maxAttempts: 1 })]).toHaveLength(1);
  });

  it('rejects a maxAttempts below 1', () => {
    expect(() => [...scheduleAttempts(retryPolicies.messages, { maxAttempts: 0 })]).toThrow(/maxAttempts/);
  });
});
