import { describe, expect, it } from 'vitest';
import { toPlannedScenario } from './scenario-context.js';
import { createSmsInboundConcatenatedScenario as createTyped } from './sms-inbound-concatenated.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createSmsInboundConcatenatedScenario = (...args: Parameters<typeof createTyped>) =>
  toPlannedScenario(createTyped(...args));

describe('createSmsInboundConcatenatedScenario', () => {
  it('sends every part in order, sharing concat-ref, total, numbers and API key', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const inbound = createSmsInboundConcatenatedScenario({ seed });
      const payloads = inbound.webhooks.map((webhook) => webhook.payload);
      expect(payloads).toHaveLength(3);
      payloads.forEach((payload, index) => {
        expect(payload).toMatchObject({
          concat: 'true',
          'concat-ref': inbound.ids['concat-ref'],
          'concat-total': '3',
          'concat-part': String(index + 1),
          msisdn: payloads[0]?.msisdn,
          to: payloads[0]?.to,
          'api-key': payloads[0]?.['api-key'],
          messageId: inbound.ids.messageIds?.[index],
        });
      });
      expect(new Set(payloads.map((payload) => payload.messageId)).size).toBe(3);
      expect(inbound.webhooks.every((webhook) => webhook.target === 'sms-inbound')).toBe(true);
    }
  });

  it('splits the given text into parts that join back to it', () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(9);
    const inbound = createSmsInboundConcatenatedScenario({
      seed: 2,
      params: { text, from: '447400123456', to: '447900000001', concatRef: '77' },
    });
    expect(inbound.webhooks.map((webhook) => webhook.payload.text).join('')).toBe(text);
    expect(inbound.webhooks.map((webhook) => webhook.event)).toEqual(
      Array(3).fill('sms.inbound.concatenated'),
    );
    expect(inbound.webhooks[1]?.payload).toMatchObject({
      msisdn: '447400123456',
      to: '447900000001',
      'concat-ref': '77',
    });
  });

  it('sends a UCS-2 message as sms.inbound.unicode parts of 67 units', () => {
    const text = 'Привет, как дела? '.repeat(8);
    const inbound = createSmsInboundConcatenatedScenario({ seed: 3, params: { text } });
    expect(inbound.webhooks.map((webhook) => webhook.event)).toEqual(Array(3).fill('sms.inbound.unicode'));
    expect(inbound.webhooks.map((webhook) => String(webhook.payload.text).length)).toEqual([67, 67, 10]);
    expect(inbound.webhooks[0]?.payload.type).toBe('unicode');
  });

  it('delivers the parts out of order under chaos reorder, each still numbered', () => {
    const inbound = createSmsInboundConcatenatedScenario({ seed: 4, chaos: { reorder: true } });
    const parts = inbound.webhooks.map((webhook) => webhook.payload['concat-part']);
    expect(parts).not.toEqual(['1', '2', '3']);
    expect([...parts].sort()).toEqual(['1', '2', '3']);
  });

  it('rejects a text that fits one SMS', () => {
    expect(() => createSmsInboundConcatenatedScenario({ params: { text: 'Hello' } })).toThrow(
      /this text makes 1/,
    );
  });
});
