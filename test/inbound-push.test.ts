import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeVonage,
  createFakeVonageServer,
  type FakeVonage,
  type FakeVonageOptions,
  type FakeVonageServer,
  isVwsError,
} from 'vonage-webhook-simulator';
import { createVonageMock } from 'vonage-webhook-simulator/msw';
import { type RecordedWebhook, startRecordingApp } from './support/recording-app.js';

const CALLER = '447700900123';
const OUR_NUMBER = '447700900000';
const LEG = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const CONVERSATION = 'CON-aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';

interface Receiver {
  readonly url: string;
  readonly received: RecordedWebhook[];
  /** The JSON body, or for a GET the query, of each webhook to `path`, in arrival order. */
  payloads(path: string): Record<string, unknown>[];
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A loopback app that records every webhook and answers 200 (an NCCO on /webhooks/answer). */
async function startReceiver(): Promise<Receiver> {
  const app = await startRecordingApp();
  closers.push(() => app.close());
  const { received } = app;
  return {
    url: app.url,
    received,
    payloads: (path) =>
      received
        .filter((entry) => entry.path === path)
        .map((entry) =>
          entry.method === 'GET'
            ? Object.fromEntries(entry.query)
            : (JSON.parse(entry.body) as Record<string, unknown>),
        ),
  };
}

function fake(app: Receiver, options: FakeVonageOptions = {}): FakeVonage {
  const created = createFakeVonage({ webhookBaseUrl: app.url, seed: 7, timeScale: 0, ...options });
  closers.push(() => created.close());
  return created;
}

/** The error `run` throws synchronously, checked to be the usage error of a push. */
function pushError(run: () => unknown): Error {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(isVwsError(thrown) && thrown.code).toBe('VWS_ERR_INVALID_OPTION');
  return thrown as Error;
}

/** A JWT the fake accepts when it is given no application id to check (the signature is not verified). */
function anyJwt(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ application_id: 'any', iat: 1_700_000_000, jti: 'x' })}.c2ln`;
}

describe('createFakeVonage: pushes with overrides', () => {
  it('delivers an RCS reply with the given id and title, and reports its message_uuid', async () => {
    const app = await startReceiver();
    const vonage = fake(app);
    const lifecycle = vonage.pushInboundMessage('rcs', {
      messageType: 'reply',
      from: CALLER,
      overrides: { reply: { id: 'brazil', title: 'Brazil' } },
    });
    await vonage.settled({ timeoutMs: 5_000 });
    const [inbound] = app.payloads('/webhooks/inbound');
    expect(inbound).toMatchObject({
      channel: 'rcs',
      message_type: 'reply',
      from: CALLER,
      reply: { id: 'brazil', title: 'Brazil' },
    });
    expect(lifecycle.ids).toEqual({ message_uuid: inbound?.message_uuid });
  });

  it('delivers a WhatsApp button with the given payload fields', async () => {
    const app = await startReceiver();
    const vonage = fake(app);
    vonage.pushInboundMessage('whatsapp', {
      messageType: 'button',
      overrides: { button: { payload: { choice: 'table-for-two' }, text: 'Book' }, profile: { name: 'Ada' } },
    });
    await vonage.settled({ timeoutMs: 5_000 });
    const [inbound] = app.payloads('/webhooks/inbound');
    // The payload object merges into the generated one key by key, as generate's overrides do.
    expect(inbound).toMatchObject({
      message_type: 'button',
      button: { payload: { choice: 'table-for-two' }, text: 'Book' },
      profile: { name: 'Ada' },
    });
  });

  it('makes lifecycle.ids follow a message_uuid given in overrides', async () => {
    const app = await startReceiver();
    const vonage = fake(app);
    const lifecycle = vonage.pushInboundMessage('sms', { overrides: { message_uuid: LEG, text: 'STOP' } });
    await vonage.settled({ timeoutMs: 5_000 });
    expect(lifecycle.ids).toEqual({ message_uuid: LEG });
    expect(app.payloads('/webhooks/inbound')).toMatchObject([{ message_uuid: LEG, text: 'STOP' }]);
  });

  it('throws at once for a field the payload does not have, naming its path, and starts nothing', () => {
    const vonage = createFakeVonage({ timeScale: 0 });
    const error = pushError(() =>
      vonage.pushInboundMessage('rcs', {
        messageType: 'reply',
        // @ts-expect-error the payload has reply.id, not reply.idd
        overrides: { reply: { idd: 'brazil' } },
      }),
    );
    expect(error.message).toContain(
      'overrides.reply.idd is not a field of reply in messages.inbound.rcs.reply (did you mean "id"?); it has id, title, description',
    );
    expect([vonage.lifecycles.length, vonage.deliveries.length]).toEqual([0, 0]);
  });

  it('throws at once for a value of the wrong type, naming the field and the type it takes', () => {
    const vonage = createFakeVonage({ timeScale: 0 });
    const error = pushError(() =>
      // @ts-expect-error reply.id is a string
      vonage.pushInboundMessage('rcs', { messageType: 'reply', overrides: { reply: { id: 42 } } }),
    );
    expect(error.message).toContain(
      'overrides.reply.id is a string in messages.inbound.rcs.reply, not a number',
    );
    expect(vonage.lifecycles).toEqual([]);
  });

  it('throws when a param and an override set the same field to different values', () => {
    const vonage = createFakeVonage({ timeScale: 0 });
    const error = pushError(() =>
      vonage.pushInboundSms({ from: CALLER, overrides: { msisdn: '447700900999' } }),
    );
    expect(error.message).toBe(
      'from "447700900123" and overrides.msisdn "447700900999" set the same payload field: give it once (either way).',
    );
  });

  it('generates the v0.1 shape with webhookVersion, with the convenience values in their v0.1 places', async () => {
    const app = await startReceiver();
    const vonage = fake(app);
    const lifecycle = vonage.pushInboundMessage('whatsapp', {
      webhookVersion: 'v0.1',
      from: CALLER,
      text: 'Hi',
      overrides: { to: { number: OUR_NUMBER } },
    });
    await vonage.settled({ timeoutMs: 5_000 });
    const [inbound] = app.payloads('/webhooks/inbound');
    expect(inbound).toMatchObject({
      from: { type: 'whatsapp', number: CALLER },
      to: { type: 'whatsapp', number: OUR_NUMBER },
      message: { content: { type: 'text', text: 'Hi' } },
    });
    expect(inbound).not.toHaveProperty('channel');
    expect(lifecycle.ids).toEqual({ message_uuid: inbound?.message_uuid });
    const error = pushError(() =>
      // @ts-expect-error RCS has no v0.1 shape
      vonage.pushInboundMessage('rcs', { webhookVersion: 'v0.1' }),
    );
    expect(error.message).toBe(
      'Unknown webhookVersion "v0.1" for messages.inbound.rcs.text: use "v1" (the catalog has no other shape of this event).',
    );
  });

  it("takes the application's capabilities.messages.version, and checks the overrides against that shape", async () => {
    const app = await startReceiver();
    const vonage = fake(app, { application: { capabilities: { messages: { version: 'v0.1' } } } });
    // It compiles (the types cannot see the application's version); the run-time check refuses it.
    const error = pushError(() => vonage.pushInboundMessage('sms', { overrides: { from: CALLER } }));
    expect(error.message).toContain('overrides.from is an object in messages.inbound.sms.text, not a string');
    vonage.pushInboundMessage('sms', { webhookVersion: 'v0.1', overrides: { from: { number: CALLER } } });
    await vonage.settled({ timeoutMs: 5_000 });
    expect(app.payloads('/webhooks/inbound')).toMatchObject([{ from: { type: 'sms', number: CALLER } }]);
  });

  it('applies call overrides to the answer request; the events and the call record follow from, to and the ids', async () => {
    const app = await startReceiver();
    const vonage = fake(app);
    const lifecycle = vonage.pushIncomingCall({
      to: OUR_NUMBER,
      overrides: {
        from: CALLER,
        uuid: LEG,
        conversation_uuid: CONVERSATION,
        region_url: 'https://api-us-3.vonage.com',
      },
    });
    expect(lifecycle.ids).toEqual({ uuid: LEG, conversation_uuid: CONVERSATION });
    await vonage.settled({ timeoutMs: 5_000 });
    expect(app.payloads('/webhooks/answer')).toMatchObject([
      {
        from: CALLER,
        to: OUR_NUMBER,
        uuid: LEG,
        conversation_uuid: CONVERSATION,
        region_url: 'https://api-us-3.vonage.com',
      },
    ]);
    const events = app.payloads('/webhooks/event');
    expect(events.length).toBeGreaterThan(3);
    for (const event of events) {
      expect(event).toMatchObject({
        from: CALLER,
        to: OUR_NUMBER,
        uuid: LEG,
        conversation_uuid: CONVERSATION,
      });
    }
    const record = await vonage.handle(
      new Request(`https://api.nexmo.com/v1/calls/${LEG}`, {
        headers: { authorization: `Bearer ${anyJwt()}` },
      }),
    );
    expect(await record?.json()).toMatchObject({
      uuid: LEG,
      conversation_uuid: CONVERSATION,
      from: { type: 'phone', number: CALLER },
      to: { type: 'phone', number: OUR_NUMBER },
    });
    const wrong = pushError(() =>
      // @ts-expect-error endpoint_type of an inbound phone call is "phone"
      vonage.pushIncomingCall({ overrides: { endpoint_type: 'sip', caller: CALLER } }),
    );
    expect(wrong.message).toContain('overrides.endpoint_type is always "phone" in voice.answer.inbound');
    expect(wrong.message).toContain('overrides.caller is not a field of voice.answer.inbound');
  });

  it('applies SMS overrides to every part of a long message; overrides.text is the whole message', async () => {
    const app = await startReceiver();
    const vonage = fake(app);
    const text = `${'Hello from a long message. '.repeat(7)}The end.`;
    const lifecycle = vonage.pushInboundSms({ overrides: { text, msisdn: CALLER, keyword: 'HELLO' } });
    await vonage.settled({ timeoutMs: 5_000 });
    const parts = app
      .payloads('/webhooks/inbound-sms')
      .sort((a, b) => Number(a['concat-part']) - Number(b['concat-part']));
    expect(parts).toHaveLength(2);
    expect(parts.map((part) => part.text).join('')).toBe(text);
    expect(parts.every((part) => part.msisdn === CALLER && part.keyword === 'HELLO')).toBe(true);
    expect(lifecycle.ids.messageIds).toEqual(parts.map((part) => part.messageId));
    const error = pushError(() =>
      vonage.pushInboundSms({ text, overrides: { messageId: '0A0000001234567B' } }),
    );
    expect(error.message).toContain(
      'overrides.messageId cannot be set on a push: each part has its own; pass messageIds',
    );
  });

  it('keeps the convenience params working beside overrides', async () => {
    const app = await startReceiver();
    const vonage = fake(app);
    const sms = vonage.pushInboundSms({
      from: CALLER,
      to: OUR_NUMBER,
      text: 'STOP now',
      overrides: { 'api-key': 'k1' },
    });
    await vonage.settled({ timeoutMs: 5_000 });
    const [payload] = app.payloads('/webhooks/inbound-sms');
    expect(payload).toMatchObject({
      msisdn: CALLER,
      to: OUR_NUMBER,
      text: 'STOP now',
      keyword: 'STOP',
      'api-key': 'k1',
    });
    expect(sms.ids).toEqual({ messageIds: [payload?.messageId] });
  });
});

describe('createVonageMock: pushes with overrides', () => {
  it('passes overrides through to the delivered payload and throws the same errors', async () => {
    const app = await startReceiver();
    const mock = createVonageMock({ webhookBaseUrl: app.url, seed: 7 });
    closers.push(() => mock.close());
    const lifecycle = mock.pushInboundMessage('rcs', {
      messageType: 'reply',
      overrides: { reply: { id: 'brazil', title: 'Brazil' } },
    });
    await mock.settled({ timeoutMs: 5_000 });
    expect(app.payloads('/webhooks/inbound')).toMatchObject([{ reply: { id: 'brazil', title: 'Brazil' } }]);
    expect(lifecycle.error).toBeNull();
    const field = pushError(() =>
      // @ts-expect-error the payload has no "buton"
      mock.pushInboundMessage('whatsapp', { messageType: 'button', overrides: { buton: { text: 'x' } } }),
    );
    expect(field.message).toContain(
      'overrides.buton is not a field of messages.inbound.whatsapp.button (did you mean "button"?)',
    );
    // @ts-expect-error a call's uuid is a string
    const type = pushError(() => mock.pushIncomingCall({ overrides: { uuid: 7 } }));
    expect(type.message).toContain('overrides.uuid is a string in voice.answer.inbound, not a number');
    expect(mock.lifecycles).toHaveLength(1);
  });
});

describe('POST /_vws/inbound/*: pushes with overrides', () => {
  async function serve(app: Receiver): Promise<FakeVonageServer> {
    const server = await createFakeVonageServer({ webhookBaseUrl: app.url, seed: 7, timeScale: 0, port: 0 });
    closers.push(() => server.close());
    return server;
  }

  const post = (server: FakeVonageServer, kind: string, body: unknown) =>
    fetch(`${server.url}/_vws/inbound/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });

  it('answers 202 with the ids of the final payload, and delivers the overrides', async () => {
    const app = await startReceiver();
    const server = await serve(app);
    const reply = await post(server, 'message', {
      channel: 'rcs',
      messageType: 'reply',
      overrides: { reply: { id: 'brazil', title: 'Brazil' }, message_uuid: LEG },
    });
    expect(reply.status).toBe(202);
    expect(await reply.json()).toMatchObject({ scenario: 'messages.inbound', ids: { message_uuid: LEG } });
    const button = await post(server, 'message', {
      channel: 'whatsapp',
      messageType: 'button',
      overrides: { button: { payload: { choice: 'yes' } } },
    });
    expect(button.status).toBe(202);
    const call = await post(server, 'call', { overrides: { from: CALLER, uuid: LEG } });
    expect(await call.json()).toMatchObject({ scenario: 'voice.inbound', ids: { uuid: LEG } });
    await server.fake.settled({ timeoutMs: 5_000 });
    expect(app.payloads('/webhooks/inbound')).toMatchObject([
      { message_uuid: LEG, reply: { id: 'brazil', title: 'Brazil' } },
      { message_type: 'button', button: { payload: { choice: 'yes' } } },
    ]);
    expect(app.payloads('/webhooks/answer')).toMatchObject([{ from: CALLER, uuid: LEG }]);
  });

  it('answers 202 for a v0.1 push and delivers the v0.1 shape', async () => {
    const app = await startReceiver();
    const server = await serve(app);
    const pushed = await post(server, 'message', {
      channel: 'messenger',
      webhookVersion: 'v0.1',
      text: 'Hello',
      overrides: { from: { id: '1234567890' } },
    });
    expect(pushed.status).toBe(202);
    await server.fake.settled({ timeoutMs: 5_000 });
    expect(app.payloads('/webhooks/inbound')).toMatchObject([
      {
        from: { type: 'messenger', id: '1234567890' },
        message: { content: { type: 'text', text: 'Hello' } },
      },
    ]);
  });

  it('answers 400 naming the field for a wrong field, a wrong type, an unknown param or version, and starts nothing', async () => {
    const app = await startReceiver();
    const server = await serve(app);
    const cases: [string, unknown, string][] = [
      [
        'message',
        { channel: 'rcs', messageType: 'reply', overrides: { reply: { idd: 'x' } } },
        'overrides.reply.idd is not a field',
      ],
      [
        'message',
        { channel: 'rcs', messageType: 'reply', overrides: { reply: { id: 1 } } },
        'overrides.reply.id is a string',
      ],
      [
        'sms',
        { overrides: { msisdn: 447700900123 } },
        'overrides.msisdn is a string in sms.inbound.text, not a number',
      ],
      [
        'call',
        { overrides: { answer_url: 'x' } },
        'overrides.answer_url is not a field of voice.answer.inbound',
      ],
      ['message', { channel: 'rcs', overides: {} }, 'unknown param "overides". Did you mean "overrides"?'],
      [
        'message',
        { channel: 'rcs', webhookVersion: 'v0.1' },
        'Unknown webhookVersion "v0.1" for messages.inbound.rcs.text',
      ],
      ['message', { channel: 5 }, 'Unknown Messages channel 5'],
    ];
    for (const [kind, body, message] of cases) {
      const answer = await post(server, kind, body);
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({
        error: { code: 'VWS_ERR_INVALID_OPTION', message: expect.stringContaining(message) },
      });
    }
    const lifecycles = await fetch(`${server.url}/_vws/lifecycles`, { signal: AbortSignal.timeout(5_000) });
    expect(await lifecycles.json()).toEqual([]);
    expect(app.received).toEqual([]);
  });
});
