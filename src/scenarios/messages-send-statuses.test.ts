// createMessagesSendScenario's planned statuses, in v1 and in the v0.1 webhook version (the recipient's
// answers: messages-send-recipient.test.ts).
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { chargeableStatusOf } from '../fixtures/messages/pricing.js';
import { type MessagesChannel, messagesChannels, messagesReadChannels } from '../fixtures/messages/types.js';
import { toV01Status } from '../fixtures/messages/v0-1.js';
import type { MessagesV1StatusSource } from '../fixtures/messages/v0-1-types.js';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import { DEFAULT_REF_DATE } from '../fixtures/shared/types.js';
import { getSchema } from '../schemas/index.js';
import { createMessagesSendScenario as createTyped } from './messages-send.js';
import { messagesSendOutcomes } from './messages-send-types.js';
import { toPlannedScenario } from './scenario-context.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createMessagesSendScenario = (...args: Parameters<typeof createTyped>) =>
  toPlannedScenario(createTyped(...args));

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

describe('createMessagesSendScenario with webhookVersion v0.1', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  const v01Channels = messagesChannels.filter((channel) => channel !== 'rcs');

  function validatorsOf(event: string): readonly ValidateFunction[] {
    const { $id: _id, ...schema } = getSchema(event, { version: 'v0.1' });
    return [ajv.compile(schema), ajv.compile(closeSchema(schema) as Record<string, unknown>)];
  }

  it('sends statuses that validate against the catalog v0.1 schemas, open and closed', () => {
    const validators = new Map<string, readonly ValidateFunction[]>();
    const failures: string[] = [];
    for (const channel of v01Channels) {
      for (const outcome of messagesSendOutcomes) {
        if (outcome === 'read' && !(messagesReadChannels as readonly string[]).includes(channel)) continue;
        for (const seed of [1, 2, 42]) {
          const sent = createMessagesSendScenario({
            seed,
            params: { channel, outcome, clientRef: 'ref-1', webhookVersion: 'v0.1' },
          });
          for (const webhook of sent.webhooks) {
            const pair = validators.get(webhook.event) ?? validatorsOf(webhook.event);
            validators.set(webhook.event, pair);
            for (const validate of pair) {
              if (!validate(webhook.payload)) {
                failures.push(`${webhook.event} seed ${seed}: ${ajv.errorsText(validate.errors)}`);
              }
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('describes the same message as the v1 statuses of the same seed', () => {
    for (const channel of v01Channels) {
      const params = { channel, outcome: 'rejected', clientRef: 'order-7', text: 'x'.repeat(200) } as const;
      const v1 = createMessagesSendScenario({ seed: 5, params });
      const v01 = createMessagesSendScenario({ seed: 5, params: { ...params, webhookVersion: 'v0.1' } });
      expect(v01.ids).toEqual(v1.ids);
      expect(v01.webhooks.map(({ event, atMs, target }) => ({ event, atMs, target }))).toEqual(
        v1.webhooks.map(({ event, atMs, target }) => ({ event, atMs, target })),
      );
      v01.webhooks.forEach((webhook, index) => {
        const source = v1.webhooks[index]?.payload as unknown as MessagesV1StatusSource;
        expect(webhook.payload, channel).toEqual(toV01Status(source));
        expect(webhook.payload).toMatchObject({
          message_uuid: v1.ids.message_uuid,
          client_ref: 'order-7',
          timestamp: new Date(start + webhook.atMs).toISOString(),
        });
        expect(webhook.payload).not.toHaveProperty('channel');
      });
      expect(v01.webhooks[1]?.payload.error).toMatchObject({ code: expect.any(Number) });
    }
  });

  it('writes to and from as v0.1 endpoints: numbers, Messenger ids, the Viber service id', () => {
    const viber = createMessagesSendScenario({
      params: { channel: 'viber_service', to: '447700900123', from: '12345', webhookVersion: 'v0.1' },
    });
    expect(viber.webhooks[0]?.payload).toMatchObject({
      to: { number: '447700900123', type: 'viber_service_msg' },
      from: { id: '12345', type: 'viber_service_msg' },
    });
    const messenger = createMessagesSendScenario({
      params: { channel: 'messenger', to: '1234567890123456', webhookVersion: 'v0.1' },
    });
    expect(messenger.webhooks[0]?.payload.to).toEqual({ id: '1234567890123456', type: 'messenger' });
  });

  it('keeps v1 the default and takes an MMS short code as sender', () => {
    const sent = createMessagesSendScenario({ params: { channel: 'mms', from: '12345' } });
    expect(sent.webhooks[0]?.payload).toMatchObject({ channel: 'mms', from: '12345' });
  });

  it('refuses channels without v0.1 statuses and unknown versions, naming the choices', () => {
    expect(() => createMessagesSendScenario({ params: { channel: 'rcs', webhookVersion: 'v0.1' } })).toThrow(
      /No v0\.1 shape for "messages\.status\.submitted\.rcs".*Use webhookVersion "v1", or a channel with v0\.1 statuses: "sms", "mms", "whatsapp", "messenger", "viber_service"\./,
    );
    expect(() => createMessagesSendScenario({ params: { webhookVersion: 'v2' as 'v1' } })).toThrow(
      /Invalid messages\.send webhookVersion "v2": use one of "v1", "v0\.1"\./,
    );
  });
});
