import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { chargeableStatusOf } from '../fixtures/messages/pricing.js';
import { type MessagesChannel, messagesChannels, messagesReadChannels } from '../fixtures/messages/types.js';
import { toV01Inbound, toV01Status } from '../fixtures/messages/v0-1.js';
import type { MessagesV1InboundSource, MessagesV1StatusSource } from '../fixtures/messages/v0-1-types.js';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import { DEFAULT_REF_DATE } from '../fixtures/shared/types.js';
import { getSchema } from '../schemas/index.js';
import { createMessagesSendScenario } from './messages-send.js';
import { type MessagesSendParams, messagesSendOutcomes } from './messages-send-types.js';

const start = Date.parse(DEFAULT_REF_DATE);
const tapChannels = (channel: MessagesChannel): boolean => channel === 'whatsapp' || channel === 'rcs';
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

describe('createMessagesSendScenario with a recipient', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  const validators = new Map<string, readonly ValidateFunction[]>();

  function validatorsOf(event: string, version: string | undefined): readonly ValidateFunction[] {
    const key = `${event}@${version ?? 'v1'}`;
    let pair = validators.get(key);
    if (pair === undefined) {
      const { $id: _id, ...schema } = getSchema(event, version === undefined ? {} : { version });
      pair = [ajv.compile(schema), ajv.compile(closeSchema(schema) as Record<string, unknown>)];
      validators.set(key, pair);
    }
    return pair;
  }

  const read = { kind: 'read' } as const;
  const ignore = { kind: 'ignore' } as const;
  const reply = (text: string) => ({ kind: 'reply', text }) as const;
  const tap = (id: string) => ({ kind: 'tap', id }) as const;
  const wait = (ms: number) => ({ kind: 'wait', ms }) as const;
  type Params = Partial<MessagesSendParams>;
  const sendTo = (params: Params, seed = 1) => createMessagesSendScenario({ seed, params });
  const eventsOf = (params: Params, seed = 1) =>
    sendTo(params, seed).webhooks.map((webhook) => webhook.event);

  it('keeps the planned statuses byte for byte without a script or with an empty one', () => {
    for (const channel of messagesChannels) {
      for (const seed of [1, 2, 42]) {
        const planned = JSON.stringify(sendTo({ channel, clientRef: 'r-1' }, seed));
        expect(JSON.stringify(sendTo({ channel, clientRef: 'r-1', recipient: [] }, seed))).toBe(planned);
      }
    }
  });

  it('sends read a few seconds after delivery on the channels that report it', () => {
    for (const channel of messagesReadChannels) {
      for (let seed = 1; seed <= 10; seed++) {
        const { webhooks } = sendTo({ channel, recipient: [read] }, seed);
        expect(webhooks.map((webhook) => webhook.payload.status)).toEqual(['submitted', 'delivered', 'read']);
        const gap = (webhooks[2]?.atMs ?? 0) - (webhooks[1]?.atMs ?? 0);
        expect(gap).toBeGreaterThanOrEqual(2_000);
        expect(gap).toBeLessThanOrEqual(10_000);
      }
    }
  });

  it('sends no read on sms and mms, where the step passes silently', () => {
    for (const channel of ['sms', 'mms'] as const) {
      expect(eventsOf({ channel, recipient: [read] })).toEqual([
        `messages.status.submitted.${channel}`,
        `messages.status.delivered.${channel}`,
      ]);
    }
  });

  it('answers a WhatsApp message with a text that quotes it, after reading it, from the recipient', () => {
    const sent = sendTo({
      channel: 'whatsapp',
      to: '447700900001',
      from: '447700900000',
      clientRef: 'promo-9',
      recipient: [reply('STOP')],
    });
    expect(sent.webhooks.map((webhook) => webhook.event)).toEqual([
      'messages.status.submitted.whatsapp',
      'messages.status.delivered.whatsapp',
      'messages.status.read.whatsapp',
      'messages.inbound.whatsapp.text',
    ]);
    const [, delivered, status, answer] = sent.webhooks;
    expect(answer?.target).toBe('messages-inbound');
    expect(answer?.payload).toMatchObject({
      channel: 'whatsapp',
      to: '447700900000',
      from: '447700900001',
      message_type: 'text',
      text: 'STOP',
      client_ref: 'promo-9',
      context_status: 'available',
      context: { message_uuid: sent.ids.message_uuid, message_from: '447700900000' },
    });
    expect(answer?.payload.context).not.toHaveProperty('whatsapp_referred_product');
    expect(answer?.payload.message_uuid).not.toBe(sent.ids.message_uuid);
    expect(Date.parse(String(answer?.payload.timestamp))).toBe(start + (answer?.atMs ?? 0));
    // The person opens the message, then types: at least a second after the read.
    expect((answer?.atMs ?? 0) - (status?.atMs ?? 0)).toBeGreaterThanOrEqual(1_000);
    const profile = delivered?.payload.profile ?? status?.payload.profile;
    if (profile !== undefined) expect(answer?.payload.profile).toEqual(profile);
  });

  it('reads once, however many steps open the message', () => {
    const events = eventsOf({ channel: 'messenger', recipient: [read, read, reply('ok'), reply('thanks')] });
    expect(events.filter((event) => event === 'messages.status.read.messenger')).toHaveLength(1);
    expect(events.filter((event) => event === 'messages.inbound.messenger.text')).toHaveLength(2);
  });

  it('delays the next step by a wait, exactly', () => {
    for (const channel of ['whatsapp', 'rcs'] as const) {
      const now = sendTo({ channel, recipient: [read] }, 5).webhooks;
      const later = sendTo({ channel, recipient: [wait(10_000), read] }, 5).webhooks;
      expect((later[2]?.atMs ?? 0) - (now[2]?.atMs ?? 0)).toBe(10_000);
    }
  });

  it('takes typing time for a reply: a long text comes later than a short one', () => {
    const short = sendTo({ channel: 'whatsapp', recipient: [read, reply('ok')] }, 9).webhooks[3];
    const long = sendTo({ channel: 'whatsapp', recipient: [read, reply('x'.repeat(200))] }, 9).webhooks[3];
    expect((long?.atMs ?? 0) - (short?.atMs ?? 0)).toBeGreaterThanOrEqual(199 * 150 - 1_000);
  });

  it('does nothing more after ignore, and never reads', () => {
    expect(eventsOf({ channel: 'whatsapp', recipient: [ignore] })).toEqual([
      'messages.status.submitted.whatsapp',
      'messages.status.delivered.whatsapp',
    ]);
    expect(() => sendTo({ channel: 'whatsapp', recipient: [ignore, read] })).toThrow(
      /comes after \{ kind: 'ignore' \}/,
    );
  });

  it('does nothing when the message is rejected or undeliverable', () => {
    for (const outcome of ['rejected', 'undeliverable'] as const) {
      expect(eventsOf({ channel: 'whatsapp', outcome, recipient: [read, reply('STOP'), tap('a')] })).toEqual([
        'messages.status.submitted.whatsapp',
        `messages.status.${outcome}.whatsapp`,
      ]);
    }
  });

  it('lets the script time the read when the outcome is read, and refuses a script that never reads', () => {
    const sent = sendTo({ channel: 'viber_service', outcome: 'read', recipient: [wait(60_000), read] });
    expect(sent.webhooks.map((webhook) => webhook.payload.status)).toEqual([
      'submitted',
      'delivered',
      'read',
    ]);
    expect((sent.webhooks[2]?.atMs ?? 0) - (sent.webhooks[1]?.atMs ?? 0)).toBeGreaterThanOrEqual(62_000);
    expect(() => sendTo({ channel: 'whatsapp', outcome: 'read', recipient: [ignore] })).toThrow(
      /Outcome "read" needs the recipient to read the message.*use outcome "delivered"/,
    );
  });

  it('answers a tap with a reply on WhatsApp (quoting the message) and RCS (postback id)', () => {
    const whatsapp = sendTo({ channel: 'whatsapp', from: '447700900000', recipient: [tap('brazil')] });
    expect(whatsapp.webhooks[3]).toMatchObject({
      event: 'messages.inbound.whatsapp.reply',
      target: 'messages-inbound',
      payload: {
        message_type: 'reply',
        reply: { id: 'brazil', title: 'brazil' },
        context_status: 'available',
        context: { message_uuid: whatsapp.ids.message_uuid, message_from: '447700900000' },
      },
    });
    expect(whatsapp.webhooks[3]?.payload.reply).not.toHaveProperty('description');
    const rcs = sendTo({
      channel: 'rcs',
      to: '447700900001',
      from: 'AcmeFootball',
      recipient: [tap('brazil')],
    });
    expect(rcs.webhooks.map((webhook) => webhook.event)).toEqual([
      'messages.status.submitted.rcs',
      'messages.status.delivered.rcs',
      'messages.status.read.rcs',
      'messages.inbound.rcs.reply',
    ]);
    expect(rcs.webhooks[3]?.payload).toMatchObject({
      to: 'AcmeFootball',
      from: '447700900001',
      reply: { id: 'brazil', title: 'brazil' },
    });
  });

  it('refuses a tap on channels with nothing to tap, naming the channel and the ones that have', () => {
    for (const channel of ['sms', 'mms', 'messenger', 'viber_service'] as const) {
      expect(() => sendTo({ channel, recipient: [tap('brazil')] })).toThrow(
        new RegExp(`cannot tap "brazil" on ${channel}: .*send on "rcs" or "whatsapp"`),
      );
    }
  });

  it('answers viber with the message as context, and sms with the reply as text and keyword', () => {
    const viber = sendTo({ channel: 'viber_service', from: '12345', recipient: [reply('STOP')] });
    expect(viber.webhooks[3]?.payload).toMatchObject({
      to: '12345',
      context: { message_uuid: viber.ids.message_uuid },
    });
    for (let seed = 1; seed <= 10; seed++) {
      const sms = sendTo({ channel: 'sms', to: '447400123456', recipient: [reply('stop now')] }, seed);
      const [submitted, , answer] = sms.webhooks;
      expect(answer?.payload).toMatchObject({
        to: submitted?.payload.from,
        from: '447400123456',
        text: 'stop now',
        sms: { num_messages: '1', keyword: 'STOP' },
      });
      // A recipient who answers needs a number to answer to, not an alphanumeric sender id.
      expect(String(submitted?.payload.from)).toMatch(/^[1-9][0-9]{6,14}$/);
      const origin = answer?.payload.origin as { network_code: string } | undefined;
      if (origin !== undefined) expect(origin.network_code).toMatch(/^234/);
      expect(answer?.payload).not.toHaveProperty('client_ref');
    }
  });

  it('refuses a reply to an sms sender that cannot receive one', () => {
    expect(() => sendTo({ channel: 'sms', from: 'AcmeInc', recipient: [reply('STOP')] })).toThrow(
      /cannot reply to sms sender "AcmeInc".*Send from one of your numbers/,
    );
    expect(eventsOf({ channel: 'sms', from: 'AcmeInc', recipient: [read] })).toHaveLength(2);
  });

  it('refuses a recipient that is not a list of chat steps', () => {
    expect(() => sendTo({ channel: 'whatsapp', recipient: 'read' as never })).toThrow(
      /Invalid messages\.send recipient "read": give the recipient's steps as a list/,
    );
    for (const step of [
      { kind: 'press', digits: '1' },
      { kind: 'reply', text: ' ' },
      { kind: 'wait', ms: -1 },
    ]) {
      expect(() => sendTo({ channel: 'whatsapp', recipient: [step as never] })).toThrow(
        /Invalid messages\.send recipient step .*use \{ kind: 'read' \}/,
      );
    }
  });

  it('builds answers that validate against their schemas, open and closed, keys in the schema order', () => {
    const failures: string[] = [];
    const scripts = [
      [read, reply('STOP')],
      [wait(5_000), reply('Grüße 😊 '.repeat(30))],
      [tap('brazil'), reply('ok')],
    ];
    for (const channel of messagesChannels) {
      for (const version of ['v1', 'v0.1'] as const) {
        if (version === 'v0.1' && channel === 'rcs') continue;
        for (const recipient of scripts) {
          if (!tapChannels(channel) && recipient.some((step) => step.kind === 'tap')) continue;
          for (const seed of [1, 2, 3, 42, 2024]) {
            const sent = sendTo({ channel, clientRef: 'r-1', webhookVersion: version, recipient }, seed);
            for (const webhook of sent.webhooks) {
              for (const validate of validatorsOf(webhook.event, webhook.version)) {
                if (!validate(webhook.payload)) {
                  failures.push(
                    `${webhook.event} ${version} seed ${seed}: ${ajv.errorsText(validate.errors)}`,
                  );
                }
              }
              if (webhook.target !== 'messages-inbound' || version === 'v0.1') continue;
              const order = Object.keys(getSchema(webhook.event).properties as Record<string, unknown>);
              const keys = Object.keys(webhook.payload);
              expect(keys, webhook.event).toEqual(
                [...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
              );
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers v0.1 sends in the v0.1 inbound shape of the same message', () => {
    const params = {
      channel: 'whatsapp',
      from: '447700900000',
      recipient: [reply('STOP'), tap('brazil')],
    } as const;
    const v1 = sendTo(params, 4);
    const v01 = sendTo({ ...params, webhookVersion: 'v0.1' }, 4);
    expect(v01.webhooks.map(({ event, atMs }) => ({ event, atMs }))).toEqual(
      v1.webhooks.map(({ event, atMs }) => ({ event, atMs })),
    );
    const [text, button] = v01.webhooks.slice(3);
    expect(text).toMatchObject({
      version: 'v0.1',
      payload: { message: { content: { type: 'text', text: 'STOP' } } },
    });
    expect(text?.payload).toEqual(
      toV01Inbound(v1.webhooks[3]?.payload as unknown as MessagesV1InboundSource),
    );
    // v0.1 WhatsApp has no interactive replies: they arrive as unsupported (decision 030).
    expect(button?.payload.message).toEqual({ content: { type: 'unsupported' } });
  });

  it('gives byte-identical webhooks for the same seed, different ones for another', () => {
    const params = {
      channel: 'whatsapp',
      recipient: [read, wait(3_000), reply('Yes please'), tap('brazil')],
    } as const;
    expect(JSON.stringify(sendTo(params, 8))).toBe(JSON.stringify(sendTo(params, 8)));
    expect(JSON.stringify(sendTo(params, 9))).not.toBe(JSON.stringify(sendTo(params, 8)));
  });
});
