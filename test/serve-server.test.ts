// createFakeVonageServer: the fake Vonage over HTTP, driven in-process with fetch; and
// toApplicationWebhooks (setup: test/support/fake-vonage-server.ts).
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeVonageServer,
  isVwsError,
  type ServeLogEntry,
  verifyWebhookJwt,
} from 'vonage-webhook-simulator';
import { toApplicationWebhooks } from 'vonage-webhook-simulator/advanced';
import { toDefaultVonageHost } from '../src/serve/vonage-request-url.js';
import {
  basic,
  closeServers,
  json,
  receiver,
  SIGNATURE_SECRET,
  serve,
  smsBody,
} from './support/fake-vonage-server.js';

afterEach(closeServers);

describe('createFakeVonageServer', () => {
  it('answers a request for the Vonage host named by x-vws-original-host, as the preload sends it', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/sms/json`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-vws-original-host': 'rest.nexmo.com',
        'x-vws-original-scheme': 'https',
      },
      body: smsBody(),
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ 'message-count': '1', messages: [{ status: '0' }] });
    const [recorded] = server.fake.requests;
    expect(recorded?.url).toBe('https://rest.nexmo.com/sms/json');
    expect(recorded?.headers.host).toBe('rest.nexmo.com');
    expect(Object.keys(recorded?.headers ?? {}).filter((name) => name.startsWith('x-vws-'))).toEqual([]);
  });

  it('takes /sms/... for rest.nexmo.com and other paths for api.nexmo.com when no original host is sent', async () => {
    const server = await serve();
    const sms = await fetch(`${server.url}/sms/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: smsBody(),
    });
    const message = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic },
      body: JSON.stringify({
        message_type: 'text',
        channel: 'sms',
        to: '447700900123',
        from: 'Acme',
        text: 'Hi',
      }),
    });
    expect([sms.status, message.status]).toEqual([200, 202]);
    expect(server.fake.requests.map((request) => [request.url, request.api])).toEqual([
      ['https://rest.nexmo.com/sms/json', 'sms'],
      ['https://api.nexmo.com/v1/messages', 'messages'],
    ]);
    expect(toDefaultVonageHost('/sms')).toBe('rest.nexmo.com');
    expect(toDefaultVonageHost('/smsx/json')).toBe('api.nexmo.com');
    expect(toDefaultVonageHost('/account/settings')).toBe('rest.nexmo.com');
    expect(toDefaultVonageHost('/v2/applications')).toBe('api.nexmo.com');
  });

  it('sends webhooks to the usual paths below webhookBaseUrl, signed', async () => {
    const app = await receiver();
    const server = await serve({ webhookBaseUrl: app.url });
    await fetch(`${server.url}/sms/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: smsBody(),
    });
    const pushed = await fetch(`${server.url}/_vws/inbound/message`, {
      method: 'POST',
      body: JSON.stringify({ channel: 'whatsapp', text: 'Hello?' }),
    });
    expect(pushed.status).toBe(202);
    await server.fake.settled();
    expect(app.received.map((webhook) => webhook.path).sort()).toEqual([
      '/webhooks/delivery-receipt',
      '/webhooks/inbound',
    ]);
    const inbound = app.received.find((webhook) => webhook.path === '/webhooks/inbound');
    expect(
      verifyWebhookJwt(String(inbound?.headers.authorization), {
        secret: SIGNATURE_SECRET,
        body: inbound?.body ?? '',
      }).valid,
    ).toBe(true);
    expect(JSON.parse(inbound?.body ?? '{}')).toMatchObject({ channel: 'whatsapp', text: 'Hello?' });
  });

  it('serves its recordings, pushes, settled and reset under /_vws', async () => {
    const app = await receiver();
    const server = await serve({ webhookBaseUrl: `${app.url}/` });
    await fetch(`${server.url}/_vws/inbound/call`, { method: 'POST', body: '{"from":"447700900556"}' });
    const sms = await fetch(`${server.url}/_vws/inbound/sms`, { method: 'POST', body: '{"text":"STOP"}' });
    expect(await json(sms)).toMatchObject({ lifecycle: 1, scenario: 'sms.inbound' });
    const settled = await fetch(`${server.url}/_vws/settled?timeoutMs=5000`);
    expect(await json(settled)).toMatchObject({ settled: true });

    const deliveries = (await json(await fetch(`${server.url}/_vws/deliveries`))) as {
      event: string;
      state: string;
      result: { status: number; ok: boolean } | null;
    }[];
    expect(deliveries.length).toBeGreaterThan(2);
    expect(deliveries.every((delivery) => delivery.state === 'sent' && delivery.result?.ok === true)).toBe(
      true,
    );
    expect(deliveries.map((delivery) => delivery.event)).toContain('sms.inbound.text');
    expect(await json(await fetch(`${server.url}/_vws/requests`))).toEqual([]);
    const lifecycles = await json(await fetch(`${server.url}/_vws/lifecycles`));
    expect(lifecycles).toMatchObject([{ index: 0, scenario: 'voice.inbound', error: null }, { index: 1 }]);

    expect((await fetch(`${server.url}/_vws/reset`, { method: 'POST' })).status).toBe(204);
    expect(await json(await fetch(`${server.url}/_vws/deliveries`))).toEqual([]);
  });

  it('answers 400 for a body that is not a JSON object, a channel without inbound messages, and 404/405 for unknown endpoints', async () => {
    const server = await serve();
    const post = (path: string, body: string) => fetch(`${server.url}${path}`, { method: 'POST', body });
    const notJson = await post('/_vws/inbound/sms', 'text=STOP');
    expect(notJson.status).toBe(400);
    expect(await json(notJson)).toMatchObject({ error: { code: 'VWS_ERR_INVALID_JSON' } });
    const badChannel = await post('/_vws/inbound/message', '{"channel":"pigeon"}');
    expect(badChannel.status).toBe(400);
    expect(await json(badChannel)).toMatchObject({ error: { message: expect.stringMatching(/pigeon/) } });
    const unknown = await fetch(`${server.url}/_vws/nothing`);
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({
      error: { message: expect.stringMatching(/GET \/_vws\/requests/) },
    });
    const wrongMethod = await fetch(`${server.url}/_vws/reset`);
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('answers 404 for a Vonage host it does not fake and 400 for an original host that is not Vonage', async () => {
    const server = await serve();
    const video = await fetch(`${server.url}/v2/project/abc`, {
      headers: { 'x-vws-original-host': 'video.api.vonage.com' },
    });
    expect(video.status).toBe(404);
    expect(await json(video)).toMatchObject({
      detail: expect.stringMatching(/does not fake video\.api\.vonage\.com/),
    });
    const other = await fetch(`${server.url}/sms/json`, {
      headers: { 'x-vws-original-host': 'example.com' },
    });
    expect(other.status).toBe(400);
    const injected = await fetch(`${server.url}/sms/json`, {
      headers: { 'x-vws-original-host': 'rest.nexmo.com@evil' },
    });
    expect(injected.status).toBe(400);
    expect(server.fake.requests).toEqual([]);
  });

  it('logs each API call in and each webhook out, and a webhook without a URL as not sent', async () => {
    const app = await receiver();
    const entries: ServeLogEntry[] = [];
    const server = await serve({
      webhooks: { smsDeliveryReceipt: `${app.url}/dlr` },
      onLog: (entry) => entries.push(entry),
    });
    await fetch(`${server.url}/sms/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: smsBody(),
    });
    await fetch(`${server.url}/_vws/inbound/sms`, { method: 'POST', body: '{}' });
    await server.fake.settled();
    // The API call is logged as it is answered; its receipt and the push's not-sent webhook race.
    const [first, ...rest] = entries;
    expect(first).toMatchObject({
      direction: 'in',
      url: 'https://rest.nexmo.com/sms/json',
      status: 200,
      lifecycle: 0,
    });
    expect(
      rest.map((entry) => (entry.direction === 'out' ? `${entry.event} #${entry.lifecycle}` : 'in')).sort(),
    ).toEqual(['sms.delivery_receipt.delivered #0', 'sms.inbound.text #1']);
    const notSent = entries.find((entry) => entry.direction === 'out' && entry.state === 'not_sent');
    expect(notSent).toMatchObject({ event: 'sms.inbound.text', reason: expect.stringMatching(/smsInbound/) });
    const sent = entries.find((entry) => entry.direction === 'out' && entry.state === 'sent');
    expect(sent).toMatchObject({ url: `${app.url}/dlr`, result: { status: 200, ok: true } });
  });

  it('throws a usage error naming --port when the port is in use', async () => {
    const first = await serve();
    const error = await createFakeVonageServer({ port: first.port }).catch((caught: unknown) => caught);
    expect(isVwsError(error) && error.code).toBe('VWS_ERR_USAGE');
    expect((error as Error).message).toMatch(
      new RegExp(`^Port ${first.port} on 127\\.0\\.0\\.1 is in use: .*--port`),
    );
  });
});

describe('toApplicationWebhooks', () => {
  it('puts every application webhook on its usual path below the base URL, keeping a base path', () => {
    expect(toApplicationWebhooks('http://127.0.0.1:3000/app/')).toEqual({
      answerUrl: 'http://127.0.0.1:3000/app/webhooks/answer',
      eventUrl: 'http://127.0.0.1:3000/app/webhooks/event',
      fallbackAnswerUrl: 'http://127.0.0.1:3000/app/webhooks/fallback',
      inboundUrl: 'http://127.0.0.1:3000/app/webhooks/inbound',
      statusUrl: 'http://127.0.0.1:3000/app/webhooks/status',
      verifyStatusUrl: 'http://127.0.0.1:3000/app/webhooks/verify',
      rtcEventUrl: 'http://127.0.0.1:3000/app/webhooks/rtc/event',
      smsInboundUrl: 'http://127.0.0.1:3000/app/webhooks/inbound-sms',
      smsDlrUrl: 'http://127.0.0.1:3000/app/webhooks/delivery-receipt',
    });
  });

  it('rejects a base URL that is not http(s) or has a query', () => {
    expect(() => toApplicationWebhooks('ftp://127.0.0.1')).toThrow(/Invalid webhook base URL/);
    expect(() => toApplicationWebhooks('http://127.0.0.1:3000/?x=1')).toThrow(/without query/);
    expect(() => toApplicationWebhooks('127.0.0.1:3000')).toThrow(/absolute http\(s\) URL/);
  });
});
