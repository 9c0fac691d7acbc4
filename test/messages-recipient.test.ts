// The person a Messages send goes to, through the fake as a user drives it (docs/decisions/109): the
// `endUsers` script of the recipient's number reads the message and answers it on the inbound URL.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createFakeVonage,
  createScenario,
  type EndUserStep,
  type EventName,
  type FakeVonageOptions,
  parseEndUserScript,
} from 'vonage-webhook-simulator';
import type { MessagesSendParams } from 'vonage-webhook-simulator/advanced';
import { closedValidator, ownValidator } from './support/own-schemas.js';
import { createRecordingDeliver } from './support/recording-deliver.js';

const statusUrl = 'http://app.test/webhooks/status';
const inboundUrl = 'http://app.test/webhooks/inbound';
const basic = `Basic ${Buffer.from('key:secret').toString('base64')}`;
const person = '447700900001';
const business = '447700900000';

function sendMessage(body: Record<string, unknown>): Request {
  return new Request('https://api.nexmo.com/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: basic },
    body: JSON.stringify({ message_type: 'text', text: 'Who wins the cup?', to: person, ...body }),
  });
}

/** A fake on a manual clock that records what it would deliver, with the person's script. */
function createVonage(script: string | readonly string[], extra: Partial<FakeVonageOptions> = {}) {
  const { sent, deliver } = createRecordingDeliver();
  const vonage = createFakeVonage({
    clock: 'manual',
    seed: 7,
    refDate: '2026-02-01T10:00:00.000Z',
    deliver,
    webhooks: { messagesStatus: statusUrl, messagesInbound: inboundUrl },
    endUsers: { [person]: script },
    ...extra,
  });
  return { vonage, sent };
}

/** Sends one message, runs the clock out, and returns the send's message_uuid. */
async function send(vonage: ReturnType<typeof createVonage>['vonage'], body: Record<string, unknown>) {
  const response = await vonage.handle(sendMessage(body));
  if (response === null || response === undefined)
    throw new Error('the fake did not answer POST /v1/messages');
  expect(response.status).toBe(202);
  const { message_uuid: messageUuid } = (await response.json()) as { message_uuid: string };
  await vonage.runUntilIdle();
  return messageUuid;
}

/** Every delivery the fake recorded checks against its event's schema, open and closed. */
function expectSchemaValid(vonage: ReturnType<typeof createVonage>['vonage']): void {
  const failures: string[] = [];
  for (const delivery of vonage.deliveries) {
    for (const validate of [
      ownValidator(delivery.event, delivery.version),
      closedValidator(delivery.event, delivery.version),
    ]) {
      if (!validate(delivery.payload)) {
        failures.push(
          `${delivery.event}: ${JSON.stringify(validate.errors)} ${JSON.stringify(delivery.payload)}`,
        );
      }
    }
  }
  expect(failures).toEqual([]);
}

type RecipientStep = MessagesSendParams['recipient'][number];

const eventsOf = (sent: ReturnType<typeof createVonage>['sent']): EventName[] =>
  sent.map(({ webhook }) => webhook.event);

describe('createFakeVonage with a message recipient (endUsers)', () => {
  it('reads a WhatsApp message and replies to it on the inbound URL, quoting the sent message', async () => {
    const { vonage, sent } = createVonage(['read', 'reply "STOP"']);
    try {
      const messageUuid = await send(vonage, { channel: 'whatsapp', from: business, client_ref: 'promo-9' });
      expect(vonage.lifecycles.map((lifecycle) => lifecycle.error)).toEqual([null]);
      expect(eventsOf(sent)).toEqual([
        'messages.status.submitted.whatsapp',
        'messages.status.delivered.whatsapp',
        'messages.status.read.whatsapp',
        'messages.inbound.whatsapp.text',
      ]);
      const read = sent[2]?.webhook;
      expect(read?.url).toBe(statusUrl);
      expect(read?.payload).toMatchObject({ message_uuid: messageUuid, status: 'read', to: person });
      const reply = sent[3]?.webhook;
      expect(reply?.url).toBe(inboundUrl);
      expect(reply?.payload).toMatchObject({
        channel: 'whatsapp',
        to: business,
        from: person,
        message_type: 'text',
        text: 'STOP',
        client_ref: 'promo-9',
        context_status: 'available',
        context: { message_uuid: messageUuid, message_from: business },
      });
      expect(reply?.payload.message_uuid).not.toBe(messageUuid);
      const times = sent.map(({ webhook }) => webhook.atMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expectSchemaValid(vonage);
    } finally {
      await vonage.close();
    }
  });

  it('sends no read for an SMS, and still delivers the reply to the inbound URL', async () => {
    const { vonage, sent } = createVonage('read; reply "STOP"');
    try {
      await send(vonage, { channel: 'sms', from: business });
      expect(eventsOf(sent)).toEqual([
        'messages.status.submitted.sms',
        'messages.status.delivered.sms',
        'messages.inbound.sms.text',
      ]);
      expect(sent[2]?.webhook.url).toBe(inboundUrl);
      expect(sent[2]?.webhook.payload).toMatchObject({
        to: business,
        from: person,
        text: 'STOP',
        sms: { num_messages: '1', keyword: 'STOP' },
      });
      expectSchemaValid(vonage);
    } finally {
      await vonage.close();
    }
  });

  it('answers an RCS suggestion tap with a reply carrying the tapped id', async () => {
    const { vonage, sent } = createVonage(['wait 10s', 'tap "brazil"']);
    try {
      await send(vonage, { channel: 'rcs', from: 'AcmeFootball' });
      expect(eventsOf(sent)).toEqual([
        'messages.status.submitted.rcs',
        'messages.status.delivered.rcs',
        'messages.status.read.rcs',
        'messages.inbound.rcs.reply',
      ]);
      const [, delivered, read, tap] = sent.map(({ webhook }) => webhook);
      expect((read?.atMs ?? 0) - (delivered?.atMs ?? 0)).toBeGreaterThanOrEqual(10_000 + 2_000);
      expect(tap?.url).toBe(inboundUrl);
      expect(tap?.payload).toMatchObject({
        to: 'AcmeFootball',
        from: person,
        message_type: 'reply',
        reply: { id: 'brazil', title: 'brazil' },
      });
      expectSchemaValid(vonage);
    } finally {
      await vonage.close();
    }
  });

  it('fails the lifecycle, naming the channel, when the script taps on an SMS', async () => {
    const { vonage, sent } = createVonage('tap "brazil"');
    try {
      const response = await vonage.handle(sendMessage({ channel: 'sms', from: business }));
      expect(response?.status).toBe(202);
      await vonage.runUntilIdle();
      expect(sent).toEqual([]);
      expect(vonage.lifecycles[0]?.error?.message).toMatch(
        /cannot tap "brazil" on sms: sms messages have no/,
      );
      await expect(vonage.settled()).rejects.toThrow(
        /The messages\.send lifecycle \(#0\) could not be generated/,
      );
    } finally {
      await vonage.close();
    }
  });

  it('leaves a message that was never delivered unread and unanswered', async () => {
    const { vonage, sent } = createVonage('read; reply "STOP"', {
      scenario: { params: { 'messages.send': { outcome: 'undeliverable' } } },
    });
    try {
      await send(vonage, { channel: 'whatsapp', from: business });
      expect(eventsOf(sent)).toEqual([
        'messages.status.submitted.whatsapp',
        'messages.status.undeliverable.whatsapp',
      ]);
    } finally {
      await vonage.close();
    }
  });

  it('answers v0.1 sends with v0.1 inbound messages', async () => {
    const { vonage, sent } = createVonage('reply "STOP"');
    try {
      await send(vonage, { channel: 'viber_service', from: '12345', webhook_version: 'v0.1' });
      expect(vonage.deliveries.map((delivery) => [delivery.event, delivery.version])).toEqual([
        ['messages.status.submitted.viber_service', 'v0.1'],
        ['messages.status.delivered.viber_service', 'v0.1'],
        ['messages.status.read.viber_service', 'v0.1'],
        ['messages.inbound.viber_service.text', 'v0.1'],
      ]);
      expect(sent[3]?.webhook.payload).toMatchObject({
        to: { type: 'viber_service_msg', id: '12345' },
        from: { type: 'viber_service_msg', number: person },
        message: { content: { type: 'text', text: 'STOP' } },
      });
      expectSchemaValid(vonage);
    } finally {
      await vonage.close();
    }
  });

  it('gives byte-identical webhooks for the same seed', async () => {
    const run = async () => {
      const { vonage, sent } = createVonage(['read', 'wait 30s', 'reply "Yes please"', 'tap "brazil"']);
      try {
        await send(vonage, { channel: 'whatsapp', from: business });
        return JSON.stringify(sent.map(({ webhook }) => [webhook.event, webhook.atMs, webhook.payload]));
      } finally {
        await vonage.close();
      }
    };
    const first = await run();
    expect(first).toContain('Yes please');
    expect(await run()).toBe(first);
  });
});

describe('createScenario("messages.send") with a parsed chat script', () => {
  it('takes the chat steps the script parser reads as the recipient', () => {
    // Every chat step the parser can return is a recipient step, so the fake can pass them on as they are.
    expectTypeOf<Extract<EndUserStep, { kind: RecipientStep['kind'] }>>().toExtend<RecipientStep>();
    const steps = parseEndUserScript('read; wait 10s; reply "STOP"; tap "brazil"', 'chat');
    const sent = createScenario('messages.send', {
      seed: 3,
      params: { channel: 'whatsapp', recipient: steps as readonly RecipientStep[] },
    });
    expect(sent.webhooks.map((webhook) => webhook.event)).toEqual([
      'messages.status.submitted.whatsapp',
      'messages.status.delivered.whatsapp',
      'messages.status.read.whatsapp',
      'messages.inbound.whatsapp.text',
      'messages.inbound.whatsapp.reply',
    ]);
  });
});
