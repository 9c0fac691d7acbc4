// createMessagesSendScenario with a recipient script: reads, replies, taps and waits, and the inbound
// answers they send.
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { type MessagesChannel, messagesChannels, messagesReadChannels } from '../fixtures/messages/types.js';
import { toV01Inbound } from '../fixtures/messages/v0-1.js';
import type { MessagesV1InboundSource } from '../fixtures/messages/v0-1-types.js';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import { DEFAULT_REF_DATE } from '../fixtures/shared/types.js';
import { getSchema } from '../schemas/index.js';
import { createMessagesSendScenario as createTyped } from './messages-send.js';
import type { MessagesSendParams } from './messages-send-types.js';
import { toPlannedScenario } from './scenario-context.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createMessagesSendScenario = (...args: Parameters<typeof createTyped>) =>
  toPlannedScenario(createTyped(...args));

const start = Date.parse(DEFAULT_REF_DATE);
const tapChannels = (channel: MessagesChannel): boolean => channel === 'whatsapp' || channel === 'rcs';

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
