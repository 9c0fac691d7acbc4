import { describe, expect, it } from 'vitest';
import { chargeableStatusOf } from '../fixtures/messages/pricing.js';
import { type MessagesChannel, messagesChannels } from '../fixtures/messages/types.js';
import { DEFAULT_REF_DATE } from '../fixtures/shared/types.js';
import { createMessagesSendScenario } from './messages-send.js';

const start = Date.parse(DEFAULT_REF_DATE);
const statusesOf = (
  channel: MessagesChannel,
  outcome: 'delivered' | 'read' | 'rejected' | 'undeliverable',
  seed = 1,
) =>
  createMessagesSendScenario({ seed, params: { channel, outcome } }).webhooks.map(
    (webhook) => webhook.payload.status,
  );

describe('createMessagesSendScenario', () => {
  it('sends submitted, delivered and read on the channels that report read', () => {
    for (const channel of ['whatsapp', 'messenger', 'viber_service', 'rcs'] as const) {
      expect(statusesOf(channel, 'read')).toEqual(['submitted', 'delivered', 'read']);
    }
  });

  it('sends submitted then the failure, with an error object', () => {
    for (const channel of messagesChannels) {
      for (const outcome of ['rejected', 'undeliverable'] as const) {
        const sent = createMessagesSendScenario({ seed: 2, params: { channel, outcome } });
        expect(sent.webhooks.map((webhook) => webhook.event)).toEqual([
          `messages.status.submitted.${channel}`,
          `messages.status.${outcome}.${channel}`,
        ]);
        expect(sent.webhooks[1]?.payload.error).toMatchObject({ title: expect.stringMatching(/^1\d{3}$/) });
      }
    }
  });

  it('refuses read on channels that never report it', () => {
    expect(() => createMessagesSendScenario({ params: { channel: 'sms', outcome: 'read' } })).toThrow(
      /Channel "sms" never reports "read"/,
    );
  });

  it('keeps message_uuid, numbers, channel and client_ref on every status, times increasing', () => {
    for (const channel of messagesChannels) {
      for (let seed = 1; seed <= 8; seed++) {
        const sent = createMessagesSendScenario({
          seed,
          params: { channel, clientRef: 'order-7', outcome: 'delivered' },
        });
        const [first] = sent.webhooks;
        let previous = -1;
        for (const { payload, atMs, target } of sent.webhooks) {
          expect(target).toBe('messages-status');
          expect(payload).toMatchObject({
            message_uuid: sent.ids.message_uuid,
            to: first?.payload.to,
            from: first?.payload.from,
            channel,
            client_ref: 'order-7',
          });
          expect(Date.parse(String(payload.timestamp))).toBe(start + atMs);
          expect(atMs).toBeGreaterThan(previous);
          previous = atMs;
        }
      }
    }
  });

  it('charges once, on the chargeable status, SMS per part at the country price', () => {
    for (const channel of messagesChannels) {
      const sent = createMessagesSendScenario({ seed: 3, params: { channel, text: 'x'.repeat(200) } });
      for (const { payload } of sent.webhooks) {
        const usage = payload.usage as { price: string } | undefined;
        if (payload.status === chargeableStatusOf(channel)) expect(usage?.price, channel).toBeDefined();
        else if (usage !== undefined) expect(usage.price, channel).toBe('0');
      }
    }
    const sms = createMessagesSendScenario({
      seed: 3,
      params: { channel: 'sms', to: '447400123456', text: 'x'.repeat(200) },
    });
    expect(sms.webhooks[0]?.payload.usage).toEqual({ currency: 'EUR', price: '0.0890' });
    for (const { payload } of sms.webhooks) {
      expect(payload.sms).toEqual({ count_total: '2' });
      expect(String((payload.destination as { network_code: string }).network_code)).toMatch(/^234/);
    }
  });

  it('repeats the WhatsApp account, conversation category and recipient on every status', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sent = createMessagesSendScenario({ seed, params: { channel: 'whatsapp', outcome: 'read' } });
      const details = sent.webhooks.map(
        (webhook) => webhook.payload.whatsapp as Record<string, Record<string, unknown>>,
      );
      const wabaIds = new Set(details.map((detail) => detail.waba_id));
      expect(wabaIds.size).toBe(1);
      const categories = new Set(
        details.flatMap((detail) => [detail.pricing?.category, detail.conversation?.origin].filter(Boolean)),
      );
      const category = details[1]?.pricing?.category;
      for (const value of categories) {
        expect(typeof value === 'string' ? value : (value as { type: string }).type).toBe(category);
      }
      for (const detail of details) {
        if (detail.recipient !== undefined) expect(detail.recipient.wa_id).toBe(sent.webhooks[0]?.payload.to);
      }
    }
  });

  it('uses the ids of the send request and response', () => {
    const sent = createMessagesSendScenario({
      params: {
        channel: 'messenger',
        to: '1234567890123456',
        from: '123456789012345',
        messageUuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
      },
    });
    expect(sent.webhooks[0]?.payload).toMatchObject({
      to: '1234567890123456',
      from: '123456789012345',
      message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
    });
    expect(() => createMessagesSendScenario({ params: { channel: 'telegram' as 'sms' } })).toThrow(
      /use one of "sms"/,
    );
  });
});
