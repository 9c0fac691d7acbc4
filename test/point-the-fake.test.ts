// Issue 8: the fake wired like the Vonage account and application a real app is wired to. A
// third-party-style app (CommonJS, @vonage/server-sdk 3.27, webhooks at paths of its own choosing:
// /track-dlr, /msg-status, /ivr/answer...) runs unchanged in this process; msw hands its SDK calls to
// the fake, and the webhooks that follow must reach the app's own paths, configured each way Vonage
// configures them: settings (the flags' names), an application JSON, the Applications API, the
// account settings API, and URLs in the request itself.
import { generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Vonage } from '@vonage/server-sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedDelivery, VonageApplication } from 'vonage-webhook-simulator';
import { createVonageMock, type VonageMock, type VonageMockOptions } from 'vonage-webhook-simulator/msw';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body: Record<string, unknown> | null;
}

// The app reads its credentials from the environment when it loads, as such apps do.
Object.assign(process.env, {
  VONAGE_API_KEY: API_KEY,
  VONAGE_API_SECRET: API_SECRET,
  VONAGE_APPLICATION_ID: APPLICATION_ID,
  VONAGE_PRIVATE_KEY: privateKey,
});
const strangerApp = createRequire(import.meta.url)('./support/apps/stranger-app.cjs') as {
  server: Server;
  received: Received[];
};

const msw = setupServer();
let appUrl = '';
let mock: VonageMock | undefined;

async function trigger(path: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${appUrl}${path}`, { method: 'POST', body: JSON.stringify(input) });
  const body = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body;
}

/** A fresh fake for one test, with the app's credentials and webhooks at once. */
function useFake(options: VonageMockOptions = {}): VonageMock {
  mock = createVonageMock({ apiKey: API_KEY, apiSecret: API_SECRET, seed: 8, ...options });
  msw.resetHandlers(...mock.handlers);
  return mock;
}

const receivedAt = (path: string) => strangerApp.received.filter((entry) => entry.path === path);

beforeAll(async () => {
  if (!strangerApp.server.listening) {
    await new Promise<void>((resolve) => strangerApp.server.once('listening', () => resolve()));
  }
  appUrl = `http://127.0.0.1:${(strangerApp.server.address() as AddressInfo).port}`;
  msw.listen({ onUnhandledRequest: 'bypass' });
});

afterEach(async () => {
  await mock?.close();
  mock = undefined;
  strangerApp.received.length = 0;
});

afterAll(async () => {
  msw.close();
  await new Promise<void>((resolve) => strangerApp.server.close(() => resolve()));
});

describe('webhook URLs as Vonage configures them (issue 8)', () => {
  it("sends an SMS send's receipt to the account's DLR URL (webhooks.smsDlrUrl), as POST-JSON", async () => {
    const fake = useFake({ webhooks: { smsDlrUrl: `${appUrl}/track-dlr` } });
    const sent = await trigger('/trigger/sms', { to: '447700900123' });
    const delivery = await fake.waitFor('sms.delivery_receipt', { timeoutMs: 10_000 });
    await fake.settled({ strict: true, timeoutMs: 10_000 });
    expect(delivery.url).toBe(`${appUrl}/track-dlr`);
    const [receipt] = receivedAt('/track-dlr');
    expect(receipt?.method).toBe('POST');
    expect(receipt?.body?.messageId).toBe((sent.messages as { messageId: string }[])[0]?.messageId);
  });

  it("sends a WhatsApp send through the sandbox host to the application's status URL (application JSON)", async () => {
    const application: VonageApplication = {
      id: APPLICATION_ID,
      name: 'Acme notifications',
      capabilities: {
        messages: {
          webhooks: {
            inbound_url: { address: `${appUrl}/msg-inbound`, http_method: 'POST' },
            status_url: { address: `${appUrl}/msg-status`, http_method: 'POST' },
          },
        },
      },
    };
    const fake = useFake({ application });
    const sent = await trigger('/trigger/whatsapp', { to: '447700900123' });
    await fake.settled({ strict: true, timeoutMs: 10_000 });
    const statuses = receivedAt('/msg-status');
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) {
      expect(status.body).toMatchObject({ message_uuid: sent.messageUUID, channel: 'whatsapp' });
    }
    expect(fake.requests[0]?.url).toBe('https://messages-sandbox.nexmo.com/v1/messages');
  });

  it('follows an application created through the Applications API: its event URL gets the call events', async () => {
    const fake = useFake({ applicationId: APPLICATION_ID });
    const admin = new Vonage({ apiKey: API_KEY, apiSecret: API_SECRET });
    const created = await admin.applications.createApplication({
      name: 'IVR',
      capabilities: {
        voice: {
          webhooks: {
            answerUrl: { address: `${appUrl}/ivr/answer`, httpMethod: 'POST' },
            eventUrl: { address: `${appUrl}/ivr/track-call`, httpMethod: 'POST' },
          },
        },
      },
    } as Parameters<typeof admin.applications.createApplication>[0]);
    expect(created.id).not.toBe(APPLICATION_ID);
    const key = (created as { keys?: { privateKey?: string } }).keys?.privateKey;
    expect(key).toContain('PRIVATE KEY');
    // The app now places calls as the new application (its JWT carries the new id).
    const ivr = new Vonage({ applicationId: created.id as string, privateKey: key as string });
    const call = await ivr.voice.createOutboundCall({
      to: [{ type: 'phone', number: '447700900123' }],
      from: { type: 'phone', number: '447700900001' },
      ncco: [{ action: 'talk', text: 'Hi' }],
    } as Parameters<typeof ivr.voice.createOutboundCall>[0]);
    await fake.settled({ strict: true, timeoutMs: 10_000 });
    const events = receivedAt('/ivr/track-call');
    expect(events.map((event) => event.body?.status)).toContain('completed');
    for (const event of events) expect(event.body?.uuid).toBe(call.uuid);
  });

  it('routes the next receipts to URLs set by the account settings API (updateAccountCallbacks)', async () => {
    const fake = useFake({ webhooks: { smsDlrUrl: 'http://127.0.0.1:9/old-dlr' } });
    const admin = new Vonage({ apiKey: API_KEY, apiSecret: API_SECRET });
    await admin.accounts.updateAccountCallbacks({
      drCallBackUrl: `${appUrl}/track-dlr`,
      moCallBackUrl: `${appUrl}/sms-in`,
    });
    await trigger('/trigger/sms', { to: '447700900123' });
    fake.pushInboundSms({ text: 'STOP' });
    await fake.settled({ strict: true, timeoutMs: 10_000 });
    expect(receivedAt('/track-dlr')).toHaveLength(1);
    expect(receivedAt('/sms-in')[0]?.body).toMatchObject({ text: 'STOP' });
  });

  it('lets a URL in the request win: SMS callback, Messages webhook_url, Create Call event_url', async () => {
    const fake = useFake({
      webhooks: {
        smsDlrUrl: 'http://127.0.0.1:9/never',
        statusUrl: 'http://127.0.0.1:9/never',
        eventUrl: 'http://127.0.0.1:9/never',
      },
      applicationId: APPLICATION_ID,
    });
    await trigger('/trigger/sms', { to: '447700900123', extra: { callback: `${appUrl}/track-dlr` } });
    await trigger('/trigger/whatsapp', {
      to: '447700900123',
      extra: { webhook_url: `${appUrl}/msg-status` },
    });
    await trigger('/trigger/call', {
      to: '447700900123',
      extra: { event_url: [`${appUrl}/ivr/track-call`], event_method: 'GET' },
    });
    await fake.settled({ strict: true, timeoutMs: 10_000 });
    expect(receivedAt('/track-dlr')).toHaveLength(1);
    expect(receivedAt('/msg-status').length).toBeGreaterThan(0);
    const events = receivedAt('/ivr/track-call');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.method === 'GET' && event.query.uuid !== undefined)).toBe(true);
  });

  it("sends an RCS reply pushed with overrides to the application's inbound URL, with the given id", async () => {
    const fake = useFake({ webhooks: { inboundUrl: `${appUrl}/msg-inbound` } });
    const lifecycle = fake.pushInboundMessage('rcs', {
      messageType: 'reply',
      from: '447700900123',
      overrides: { reply: { id: 'brazil', title: 'Brazil' } },
    });
    await fake.settled({ strict: true, timeoutMs: 10_000 });
    const [inbound] = receivedAt('/msg-inbound');
    expect(inbound?.body).toMatchObject({
      channel: 'rcs',
      message_type: 'reply',
      from: '447700900123',
      reply: { id: 'brazil', title: 'Brazil' },
      message_uuid: lifecycle.ids.message_uuid,
    });
  });

  it('fills only unset settings from webhookBaseUrl; settings by flag name win over the application', async () => {
    const fake = useFake({
      webhookBaseUrl: 'http://127.0.0.1:9/base',
      application: {
        capabilities: { voice: { webhooks: { answer_url: { address: `${appUrl}/x`, http_method: 'GET' } } } },
      },
      webhooks: { answerUrl: `${appUrl}/ivr/answer`, answerMethod: 'POST' },
    });
    expect(fake.webhookRoutes()).toMatchObject({
      answerUrl: { url: `${appUrl}/ivr/answer`, method: 'POST' },
      eventUrl: { url: 'http://127.0.0.1:9/base/webhooks/event', method: 'POST' },
      smsDlrUrl: { url: 'http://127.0.0.1:9/base/webhooks/delivery-receipt', method: 'POST-JSON' },
    });
    fake.pushIncomingCall({});
    const answer = await fake.waitFor('voice.answer', { timeoutMs: 10_000 });
    expect(answer.result?.ok).toBe(true);
    expect(receivedAt('/ivr/answer')[0]?.method).toBe('POST');
  });
});

describe('the Messages v0.1 API (issue 8)', () => {
  it('answers a v0.1 send as v0.1 and sends its statuses in the v0.1 shape', async () => {
    const fake = useFake({ webhooks: { statusUrl: `${appUrl}/msg-status` } });
    // As the legacy `nexmo` client's channel.send() does: Basic auth, v0.1 body.
    const response = await fetch('https://api.nexmo.com/v0.1/messages', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`,
      },
      body: JSON.stringify({
        from: { type: 'sms', number: 'Acme' },
        to: { type: 'sms', number: '447700900123' },
        message: { content: { type: 'text', text: 'Hello' } },
      }),
    });
    expect(response.status).toBe(202);
    const { message_uuid: uuid } = (await response.json()) as { message_uuid: string };
    await fake.settled({ strict: true, timeoutMs: 10_000 });
    const statuses = receivedAt('/msg-status');
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) {
      expect(status.body).toMatchObject({ message_uuid: uuid, to: { type: 'sms', number: '447700900123' } });
      expect(status.body).not.toHaveProperty('channel');
    }
    expect(fake.deliveries.every((delivery) => delivery.version === 'v0.1')).toBe(true);
  });

  it("sends v1 sends' statuses in v0.1 when the application's messages version is v0.1", async () => {
    const fake = useFake({
      application: {
        capabilities: {
          messages: { version: 'v0.1', webhooks: { status_url: { address: `${appUrl}/msg-status` } } },
        },
      },
    });
    await trigger('/trigger/whatsapp', { to: '447700900123' });
    await fake.settled({ strict: true, timeoutMs: 10_000 });
    const statuses = receivedAt('/msg-status');
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses)
      expect(status.body?.to).toMatchObject({ type: 'whatsapp', number: '447700900123' });
  });
});

describe('scripted outcomes (issue 8)', () => {
  it('makes the next send to a number end as scripted, once, then as usual', async () => {
    const fake = useFake({ webhooks: { smsDlrUrl: `${appUrl}/track-dlr` } });
    fake.scriptOutcome({ to: '+44 7700 900123', outcome: 'rejected', scenario: 'sms.send' });
    await trigger('/trigger/sms', { to: '447700900123' });
    await trigger('/trigger/sms', { to: '447700900123' });
    await fake.settled({ timeoutMs: 10_000 });
    expect(receivedAt('/track-dlr').map((entry) => entry.body?.status)).toEqual(['rejected', 'delivered']);
    expect(fake.outcomes).toEqual([]);
  });

  it('applies an `always` rule to every send and leaves other numbers alone', async () => {
    const fake = useFake({ webhooks: { statusUrl: `${appUrl}/msg-status` } });
    fake.scriptOutcome({ to: '447700900123', outcome: 'undeliverable', times: 'always' });
    await trigger('/trigger/whatsapp', { to: '447700900123' });
    await trigger('/trigger/whatsapp', { to: '447700900123' });
    await trigger('/trigger/whatsapp', { to: '447700900999' });
    await fake.settled({ timeoutMs: 10_000 });
    const last = (to: string) =>
      receivedAt('/msg-status')
        .filter((entry) => entry.body?.to === to)
        .map((entry) => entry.body?.status);
    expect(
      last('447700900123').filter((status) => status === 'rejected' || status === 'undeliverable'),
    ).toHaveLength(2);
    expect(last('447700900999')).not.toContain('undeliverable');
    expect(fake.outcomes).toHaveLength(1);
  });

  it('rejects an unknown scenario or outcome with the choices', () => {
    const fake = useFake();
    expect(() => fake.scriptOutcome({ to: '447700900123', outcome: 'exploded' })).toThrow(
      /Unknown outcome "exploded"/,
    );
    expect(() => fake.scriptOutcome({ to: 'not-a-number', outcome: 'read' })).toThrow(
      /^Invalid outcome rule to "not-a-number": give the number/,
    );
    expect(() =>
      fake.scriptOutcome({ to: '447700900123', outcome: 'busy', scenario: 'voice.outbond' }),
    ).toThrow(/Unknown scenario "voice.outbond".*voice.outbound/);
    expect(() => fake.scriptOutcome({ to: '447700900123', outcome: 'read', scenario: 'sms.send' })).toThrow(
      /Unknown sms.send outcome "read": use /,
    );
  });
});

describe('strict settling and waiting (issue 8)', () => {
  it('rejects settled({ strict: true }) naming each webhook the app did not accept', async () => {
    // The app has no route /nowhere: it answers 404 for every receipt.
    const fake = useFake({ webhooks: { smsDlrUrl: `${appUrl}/nowhere` } });
    await trigger('/trigger/sms', { to: '447700900123', text: 'x'.repeat(200) });
    await fake.settled({ timeoutMs: 10_000 });
    const error = await fake.settled({ strict: true }).catch((caught: unknown) => caught as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^settled\(\{ strict: true \}\): 2 webhook\(s\) not accepted: sms\.delivery_receipt\.delivered \(lifecycle #0\): POST http:\/\/127\.0\.0\.1:\d+\/nowhere answered 404: .* sms\.delivery_receipt\.delivered \(lifecycle #0\): POST/,
    );
  });

  it('waits for one webhook by predicate and gives up after its timeout, naming what was sent', async () => {
    const fake = useFake({ webhooks: { smsDlrUrl: `${appUrl}/track-dlr` } });
    await trigger('/trigger/sms', { to: '447700900123' });
    const match = (delivery: RecordedDelivery) =>
      'msisdn' in delivery.payload && delivery.payload.msisdn === '447700900123';
    await expect(fake.waitFor(match, { timeoutMs: 10_000 })).resolves.toMatchObject({ state: 'sent' });
    await expect(fake.waitFor('messages.stauts')).rejects.toThrow(
      /^Unknown event "messages\.stauts" for waitFor\. Did you mean "messages\.status/,
    );
    await expect(fake.waitFor('voice.event', { timeoutMs: 50 })).rejects.toThrow(
      /waitFor\("voice.event"\) gave up after 50 ms: .*sent: sms\.delivery_receipt\.delivered/,
    );
  });
});
