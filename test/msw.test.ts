// THE loop, closed in one process: an app built on the official @vonage/server-sdk makes real calls
// (SMS, Voice, Messages); msw hands them to the fake Vonage, which answers as Vonage does and sends
// the webhooks that follow to the app's real HTTP server on 127.0.0.1, signed. The example app
// (examples/app) checks every signature as Vonage's guides say; here each webhook is checked again
// with the package's own verifiers and correlated with what the SDK got back.
import { generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Vonage } from '@vonage/server-sdk';
import { getResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RequestParts, verifySmsSignature, verifyWebhookJwt } from 'vonage-webhook-simulator';
// Through the package's `./msw` entry once vitest.config.ts and tsconfig.json alias it.
import { createVonageHandlers, createVonageMock, type VonageMock } from 'vonage-webhook-simulator/msw';
import { createApp } from '../examples/app/app.js';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const SIGNATURE_SECRET = 'signature-secret-for-the-msw-test';
const FROM = '447700900001';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const vonage = new Vonage({
  apiKey: API_KEY,
  apiSecret: API_SECRET,
  applicationId: APPLICATION_ID,
  privateKey,
});
const app = createApp({
  vonage,
  signatureSecret: SIGNATURE_SECRET,
  from: FROM,
  smsSignatureMethod: 'sha256',
});
const credentials = {
  apiKey: API_KEY,
  apiSecret: API_SECRET,
  applicationId: APPLICATION_ID,
  signatureSecret: SIGNATURE_SECRET,
  smsSignatureMethod: 'sha256',
  seed: 42,
} as const;
let appServer: Server;
let appUrl = '';
let mock: VonageMock;
const msw = setupServer();

/** The application's webhook URLs: the app's own routes. */
const webhooksOf = (base: string) => ({
  smsDlrUrl: `${base}/webhooks/delivery-receipt`,
  smsInboundUrl: `${base}/webhooks/inbound-sms`,
  statusUrl: `${base}/webhooks/status`,
  inboundUrl: `${base}/webhooks/inbound`,
  answerUrl: `${base}/webhooks/answer`,
  eventUrl: `${base}/webhooks/event`,
});

beforeAll(async () => {
  appServer = await new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  mock = createVonageMock({ ...credentials, webhooks: webhooksOf(appUrl) });
  msw.use(...mock.handlers);
  msw.listen({ onUnhandledRequest: 'bypass' });
});

afterEach(() => {
  mock.reset();
  app.locals.webhooks.length = 0;
});

afterAll(async () => {
  msw.close();
  await mock.close();
  appServer.closeAllConnections();
  await new Promise((resolve) => appServer.close(resolve));
});

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${appUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function paramsOf(request: RequestParts): Record<string, unknown> {
  if (request.format === 'json') return JSON.parse(request.body ?? '{}') as Record<string, unknown>;
  if (request.format === 'form') return Object.fromEntries(new URLSearchParams(request.body ?? ''));
  return Object.fromEntries(new URL(request.url).searchParams);
}

function bearerOf(request: RequestParts): string | undefined {
  return request.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
}

describe('createVonageMock', () => {
  it('answers vonage.sms.send and delivers one signed receipt per part to the app when a text needs two parts', async () => {
    const sent = await post('/send-sms', { to: '447700900123', text: 'Long text. '.repeat(20) });
    expect(sent.status).toBe(200);
    const messageIds = sent.body.messageIds as string[];
    expect(messageIds).toHaveLength(2);
    await mock.settled();

    expect(mock.requests.map((request) => [request.method, request.url, request.api])).toEqual([
      ['POST', 'https://rest.nexmo.com/sms/json', 'sms'],
    ]);
    const receipts = mock.deliveries.filter((delivery) => delivery.target === 'sms-delivery-receipt');
    expect(receipts.map((receipt) => receipt.state)).toEqual(['sent', 'sent']);
    for (const receipt of receipts) {
      const request = receipt.request as RequestParts;
      expect(verifySmsSignature(paramsOf(request), { secret: SIGNATURE_SECRET, method: 'sha256' })).toEqual({
        valid: true,
      });
      expect(receipt.result?.status).toBe(204);
    }
    const received = app.locals.webhooks.filter((webhook) => webhook.path === '/webhooks/delivery-receipt');
    expect(received.map((webhook) => webhook.rejected)).toEqual([null, null]);
    expect(received.map((webhook) => webhook.params.messageId).sort()).toEqual([...messageIds].sort());
    expect(received.every((webhook) => webhook.params.status === 'delivered')).toBe(true);
  });

  it('answers vonage.voice.createOutboundCall and sends the answer request and call events for the same uuid', async () => {
    const call = await post('/call', { to: '447700900123' });
    expect(call.status).toBe(200);
    const uuid = call.body.uuid as string;
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    await mock.settled();

    const voice = mock.deliveries.filter((delivery) => delivery.target.startsWith('voice-'));
    expect(voice.map((delivery) => delivery.state).every((state) => state === 'sent')).toBe(true);
    for (const delivery of voice) {
      const request = delivery.request as RequestParts;
      const verified = verifyWebhookJwt(bearerOf(request), {
        secret: SIGNATURE_SECRET,
        body: request.body ?? '',
      });
      expect(verified.valid, delivery.event).toBe(true);
      if (verified.valid) expect(verified.claims.application_id).toBe(APPLICATION_ID);
      expect(paramsOf(request).uuid).toBe(uuid);
    }
    const answer = voice.find((delivery) => delivery.target === 'voice-answer');
    expect(answer?.request?.method).toBe('GET');
    expect(answer?.result?.ncco).toEqual([{ action: 'talk', text: 'Hello from the example app. Goodbye.' }]);
    const statuses = app.locals.webhooks
      .filter((webhook) => webhook.path === '/webhooks/event')
      .map((webhook) => webhook.params.status);
    expect(statuses).toEqual(expect.arrayContaining(['started', 'ringing', 'answered', 'completed']));
    expect(statuses.at(-1)).toBe('completed');
    expect(app.locals.webhooks.every((webhook) => webhook.rejected === null)).toBe(true);
  });

  it('answers vonage.messages.send and delivers the statuses of the message_uuid the SDK got', async () => {
    const sent = await post('/send-message', { to: '447700900123', text: 'Hi there', channel: 'whatsapp' });
    expect(sent.status).toBe(200);
    await mock.settled();

    const statuses = app.locals.webhooks.filter((webhook) => webhook.path === '/webhooks/status');
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) {
      expect(status.rejected).toBeNull();
      expect(status.params.message_uuid).toBe(sent.body.messageUuid);
      expect(status.params.channel).toBe('whatsapp');
    }
    for (const delivery of mock.deliveries) {
      const request = delivery.request as RequestParts;
      expect(
        verifyWebhookJwt(bearerOf(request), { secret: SIGNATURE_SECRET, body: request.body ?? '' }).valid,
      ).toBe(true);
    }
  });

  it('delivers pushInboundSms, pushIncomingCall and pushInboundMessage to the app with the given params', async () => {
    mock.pushInboundSms({ from: '447700900555', to: FROM, text: 'STOP' });
    const call = mock.pushIncomingCall({ from: '447700900556', to: FROM });
    mock.pushInboundMessage('whatsapp', { from: '447700900557', to: FROM, text: 'Hello?' });
    await mock.settled();

    const byPath = (path: string) => app.locals.webhooks.filter((webhook) => webhook.path === path);
    expect(
      byPath('/webhooks/inbound-sms').map((webhook) => [webhook.params.text, webhook.params.msisdn]),
    ).toEqual([['STOP', '447700900555']]);
    const [answer] = byPath('/webhooks/answer');
    expect(answer?.params.from).toBe('447700900556');
    expect(answer?.params.uuid).toBe(call.ids.uuid);
    expect(
      byPath('/webhooks/inbound').map((webhook) => [webhook.params.text, webhook.params.channel]),
    ).toEqual([['Hello?', 'whatsapp']]);
    expect(app.locals.webhooks.every((webhook) => webhook.rejected === null)).toBe(true);
  });

  it("passes Vonage's 401 to the SDK when the application id is not the account's", async () => {
    const stranger = new Vonage({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      applicationId: 'bbbbbbbb-0000-4000-8000-000000000000',
      privateKey,
    });
    await expect(
      stranger.voice.createOutboundCall({
        to: [{ type: 'phone', number: '447700900123' }],
        from: { type: 'phone', number: FROM },
        ncco: [{ action: 'talk', text: 'Hi' }],
      }),
    ).rejects.toThrow();
    expect(mock.requests.map((request) => request.response.status)).toEqual([401]);
    expect(mock.deliveries).toEqual([]);
  });

  it('answers a Vonage host it does not fake with a 404 instead of passing the request on', async () => {
    const response = await fetch('https://video.api.vonage.com/v2/project/abc/session', { method: 'POST' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { detail: string }).detail).toMatch(
      /does not fake video\.api\.vonage\.com/,
    );
    expect(mock.requests).toEqual([]);
  });

  it('cancels pending webhooks and forgets the recordings on reset', async () => {
    // Real time: the call's webhooks would take its whole duration; reset must not wait for them.
    const realTime = createVonageMock({ ...credentials, timeScale: 1, webhooks: webhooksOf(appUrl) });
    msw.use(...realTime.handlers);
    try {
      await post('/call', { to: '447700900123' });
      expect(realTime.lifecycles).toHaveLength(1);
      realTime.reset();
      const started = performance.now();
      await realTime.settled({ timeoutMs: 2000 });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(realTime.requests).toEqual([]);
      expect(realTime.deliveries).toEqual([]);
      expect(app.locals.webhooks.map((webhook) => webhook.params.status)).not.toContain('completed');
    } finally {
      msw.resetHandlers(...mock.handlers);
      await realTime.close();
    }
  });

  it('delivers with timeScale 0 by default, so a call lifecycle settles in well under its real duration', async () => {
    const started = performance.now();
    await post('/call', { to: '447700900123' });
    await mock.settled({ timeoutMs: 5000 });
    expect(performance.now() - started).toBeLessThan(5000);
    const last = mock.deliveries.at(-1);
    expect(last?.atMs).toBeGreaterThan(5000);
  });
});

describe('createVonageHandlers', () => {
  const seen: string[] = [];
  const handlers = createVonageHandlers({
    handle: async (request) => {
      seen.push(request.url);
      return new URL(request.url).hostname === 'rest.nexmo.com' ? Response.json({ faked: true }) : undefined;
    },
  });

  afterEach(() => {
    seen.length = 0;
  });

  it('hands requests for Vonage hosts, regional ones included, to the fake', async () => {
    const response = await getResponse(
      handlers,
      new Request('https://rest.nexmo.com/sms/json', { method: 'POST' }),
    );
    expect(await response?.json()).toEqual({ faked: true });
    await getResponse(handlers, new Request('https://API-EU.vonage.com/v1/calls'));
    expect(seen).toEqual(['https://rest.nexmo.com/sms/json', 'https://api-eu.vonage.com/v1/calls']);
  });

  it('answers 404 itself when the fake has no answer for a Vonage host', async () => {
    const response = await getResponse(handlers, new Request('https://ws.nexmo.com/socket'));
    expect(response?.status).toBe(404);
  });

  it('leaves hosts that only look like Vonage to other handlers', async () => {
    for (const url of [
      'https://nexmo.com.example.org/sms/json',
      'https://example.com/rest.nexmo.com/sms/json',
      'http://127.0.0.1:3000/webhooks/status',
    ]) {
      expect(await getResponse(handlers, new Request(url))).toBeUndefined();
    }
    expect(seen).toEqual([]);
  });
});
