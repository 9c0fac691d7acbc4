import { describe, expect, it } from 'vitest';
import { findCountryOfMsisdn } from '../fixtures/shared/phone.js';
import { toPlannedScenario } from './scenario-context.js';
import { createSmsSendScenario as createTyped } from './sms-send.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createSmsSendScenario = (...args: Parameters<typeof createTyped>) =>
  toPlannedScenario(createTyped(...args));

const ids = ['0A0000001234567B', '0A0000001234567C', '0A0000001234567D'];

describe('createSmsSendScenario', () => {
  it.each([
    ['a GSM-7 text of 160 characters', 'a'.repeat(160), 1],
    ['a GSM-7 text of 161 characters', 'a'.repeat(161), 2],
    ['a GSM-7 text of 307 characters', 'a'.repeat(307), 3],
    ['a UCS-2 text of 70 characters', 'ж'.repeat(70), 1],
    ['a UCS-2 text of 71 characters', 'ж'.repeat(71), 2],
  ])('sends one receipt per part for %s', (_label, text, parts) => {
    const sms = createSmsSendScenario({ seed: 1, params: { text } });
    expect(sms.webhooks).toHaveLength(parts);
    expect(sms.ids.messageIds).toHaveLength(parts);
  });

  it("carries the send response's message ids, one per part, in part order", () => {
    const sms = createSmsSendScenario({ seed: 2, params: { text: 'b'.repeat(400), messageIds: ids } });
    expect(sms.webhooks.map((webhook) => webhook.payload.messageId)).toEqual(ids);
    expect(sms.ids.messageIds).toEqual(ids);
    expect(sms.webhooks.every((webhook) => webhook.target === 'sms-delivery-receipt')).toBe(true);
  });

  it("gives every part the recipient's carrier network, the country's price and one err-code", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sms = createSmsSendScenario({ seed, params: { text: 'c'.repeat(320), status: 'failed' } });
      const [first, ...rest] = sms.webhooks.map((webhook) => webhook.payload);
      const country = findCountryOfMsisdn(String(first?.msisdn));
      expect(country?.carriers.map((carrier) => carrier.networkCode)).toContain(first?.['network-code']);
      expect(first?.price).toBe(country?.smsPrice);
      expect(first?.['err-code']).not.toBe('0');
      for (const part of rest) {
        for (const key of ['msisdn', 'to', 'network-code', 'price', 'status', 'err-code', 'api-key']) {
          expect(part[key], key).toBe(first?.[key]);
        }
      }
    }
  });

  it('uses the given numbers, client-ref and status, and drops client-ref when none was sent', () => {
    const sms = createSmsSendScenario({
      seed: 3,
      params: {
        to: '14155550123',
        from: '14155550100',
        clientRef: 'order-9',
        status: 'expired',
        apiKey: 'abcd1234',
      },
    });
    expect(sms.webhooks[0]?.event).toBe('sms.delivery_receipt.expired');
    expect(sms.webhooks[0]?.payload).toMatchObject({
      msisdn: '14155550123',
      to: '14155550100',
      'client-ref': 'order-9',
      'api-key': 'abcd1234',
      price: '0.00809000',
    });
    for (let seed = 1; seed <= 10; seed++) {
      expect(createSmsSendScenario({ seed }).webhooks[0]?.payload).not.toHaveProperty('client-ref');
    }
  });

  it('sends a US recipient a number as sender id and others a name', () => {
    expect(createSmsSendScenario({ seed: 4, params: { to: '14155550123' } }).webhooks[0]?.payload.to).toMatch(
      /^1\d{10}$/,
    );
    expect(
      createSmsSendScenario({ seed: 4, params: { to: '447400123456' } }).webhooks[0]?.payload.to,
    ).toMatch(/[A-Za-z]/);
  });

  it('stamps the carrier time (scts) no later than the push and the parts in order', () => {
    const sms = createSmsSendScenario({ seed: 5, params: { text: 'd'.repeat(500) } });
    let previous = '';
    for (const { payload } of sms.webhooks) {
      const pushed = String(payload['message-timestamp']);
      const scts = String(payload.scts);
      // scts is YYMMDDHHMM; the push time, to the minute, in the same form.
      const pushedMinute = pushed.slice(2, 16).replace(/[- :]/g, '');
      expect(scts <= pushedMinute).toBe(true);
      expect(pushed >= previous).toBe(true);
      previous = pushed;
    }
  });

  it('rejects a message id count that does not match the parts', () => {
    expect(() => createSmsSendScenario({ params: { text: 'short', messageIds: ids } })).toThrow(
      /Got 3 messageIds for a text of 1 part/,
    );
    expect(() => createSmsSendScenario({ params: { status: 'lost' as 'failed' } })).toThrow(
      /use one of "delivered"/,
    );
  });
});
