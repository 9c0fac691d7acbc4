// The fake Vonage REST API end to end: API requests in, Vonage's answers out, lifecycles delivered to
// a real loopback server and checked with the package's own verifiers, all through the public entry.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeVonage,
  type FakeVonage,
  type FakeVonageOptions,
  verifySmsSignature,
  verifyWebhookJwt,
} from 'vonage-webhook-simulator';

interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface App {
  readonly url: string;
  readonly received: Received[];
}

const servers: Server[] = [];
const fakes: FakeVonage[] = [];

/** A loopback app: answers 200 (an NCCO on /answer), or the status a path maps to. */
async function startApp(statuses: Record<string, number> = {}): Promise<App> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      received.push({
        method: request.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = statuses[url.pathname] ?? 200;
      if (url.pathname === '/answer' && status === 200) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify([{ action: 'talk', text: 'Hello' }]));
        return;
      }
      response.writeHead(status);
      response.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const SIGNATURE_SECRET = 'signature-secret-for-tests';
const APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';

function fake(options: FakeVonageOptions = {}): FakeVonage {
  const created = createFakeVonage({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    applicationId: APPLICATION_ID,
    signatureSecret: SIGNATURE_SECRET,
    timeScale: 0,
    ...options,
  });
  fakes.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((each) => each.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An application JWT as the SDKs make one (RS256; the fake reads its claims only). */
function appJwt(applicationId = APPLICATION_ID): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ application_id: applicationId, iat: 1_700_000_000, jti: 'x' })}.c2ln`;
}

const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;

function post(url: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function call(vonage: FakeVonage, request: Request): Promise<{ status: number; body: unknown }> {
  const response = await vonage.handle(request);
  if (response === undefined) throw new Error(`not handled: ${request.url}`);
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

const smsSend = (fields: Record<string, unknown>) =>
  post('https://rest.nexmo.com/sms/json', { api_key: API_KEY, api_secret: API_SECRET, ...fields });

const problemShape = {
  type: expect.any(String),
  title: expect.any(String),
  detail: expect.any(String),
  instance: expect.stringMatching(/^[0-9a-f]{32}$/),
};

describe('createFakeVonage: routing', () => {
  it('leaves requests to other hosts alone', async () => {
    const vonage = fake();
    expect(
      await vonage.handle(new Request('https://example.com/v1/messages', { method: 'POST' })),
    ).toBeUndefined();
    expect(vonage.requests).toEqual([]);
  });

  it('answers an unknown path on a Vonage host with a 404 problem, matching paths case-sensitively', async () => {
    const vonage = fake();
    const unknown = await call(vonage, new Request('https://api.nexmo.com/v1/nothing'));
    expect(unknown).toMatchObject({ status: 404, body: { ...problemShape, title: 'Not Found' } });
    const upper = await call(vonage, post('https://api.nexmo.com/V1/messages', {}));
    expect(upper.status).toBe(404);
    expect(vonage.requests.map((request) => request.api)).toEqual([null, null]);
  });

  it('answers another method on a known path with 405 and Allow', async () => {
    const vonage = fake();
    const response = await vonage.handle(new Request('https://api.nexmo.com/v1/messages'));
    expect(response?.status).toBe(405);
    expect(response?.headers.get('allow')).toBe('POST');
  });

  it('serves the regional hosts and the Messages sandbox', async () => {
    const vonage = fake();
    const body = { channel: 'sms', message_type: 'text', to: '447700900123', from: 'Acme', text: 'Hi' };
    for (const host of [
      'api-eu.vonage.com',
      'api-us-1.nexmo.com',
      'api-ap-2.vonage.com',
      'messages-sandbox.nexmo.com',
    ]) {
      const answer = await call(vonage, post(`https://${host}/v1/messages`, body, { authorization: basic }));
      expect(answer.status, host).toBe(202);
    }
  });
});

describe('createFakeVonage: SMS API', () => {
  it('answers bad requests with HTTP 200 and the SMS API status codes', async () => {
    const vonage = fake();
    const cases: [Request, string, string][] = [
      [
        post('https://rest.nexmo.com/sms/json', { from: 'Acme', to: '447700900123', text: 'x' }),
        '2',
        'Missing api_key',
      ],
      [smsSend({ api_secret: 'wrong', from: 'Acme', to: '447700900123', text: 'x' }), '4', 'Bad Credentials'],
      [smsSend({ to: '447700900123', text: 'x' }), '2', 'Missing from param'],
      [smsSend({ from: 'Acme', text: 'x' }), '2', 'Missing to param'],
      [smsSend({ from: 'Acme', to: 'not-a-number', text: 'x' }), '3', 'Invalid to param'],
      [
        smsSend({ from: 'Acme', to: '447700900123', text: 'x', callback: 'ftp://nope' }),
        '23',
        'Invalid Callback Url',
      ],
    ];
    for (const [request, status, text] of cases) {
      const answer = await call(vonage, request);
      expect(answer, text).toEqual({
        status: 200,
        body: { 'message-count': '1', messages: [{ status, 'error-text': text }] },
      });
    }
    expect(vonage.lifecycles).toEqual([]);
  });

  it('accepts form bodies, query parameters and Basic auth', async () => {
    const vonage = fake();
    const form = new URLSearchParams({
      api_key: API_KEY,
      api_secret: API_SECRET,
      from: 'Acme',
      to: '447700900123',
      text: 'Hi',
    });
    const viaForm = await call(
      vonage,
      new Request('https://rest.nexmo.com/sms/json', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      }),
    );
    const viaQuery = await call(vonage, new Request(`https://rest.nexmo.com/sms/json?${form}`));
    const viaBasic = await call(
      vonage,
      post(
        'https://rest.nexmo.com/sms/json',
        { from: 'Acme', to: '447700900123', text: 'Hi' },
        { authorization: basic },
      ),
    );
    for (const answer of [viaForm, viaQuery, viaBasic]) {
      expect(answer.body).toMatchObject({ 'message-count': '1', messages: [{ status: '0' }] });
    }
  });

  it('answers one entry per part and sends signed receipts that agree with the answer', async () => {
    const app = await startApp();
    const vonage = fake({ smsSignatureMethod: 'sha256', smsWebhookFormat: 'POST' });
    const answer = await call(
      vonage,
      smsSend({
        from: 'AcmeInc',
        to: '447700900123',
        text: 'word '.repeat(40),
        'client-ref': 'order-1',
        callback: `${app.url}/dlr`,
      }),
    );
    const body = answer.body as { 'message-count': string; messages: Record<string, string>[] };
    expect(body['message-count']).toBe('2');
    expect(body.messages).toHaveLength(2);
    for (const message of body.messages) {
      expect(message).toMatchObject({ to: '447700900123', status: '0', 'client-ref': 'order-1' });
      expect(message['message-id']).toMatch(/^[0-9A-F]{16}$/);
      expect(message['message-price']).toMatch(/^\d+\.\d{8}$/);
      expect(message['remaining-balance']).toMatch(/^\d+\.\d{8}$/);
    }
    expect(Number(body.messages[1]?.['remaining-balance'])).toBeLessThan(
      Number(body.messages[0]?.['remaining-balance']),
    );

    await vonage.settled();
    expect(app.received).toHaveLength(2);
    app.received.forEach((request, index) => {
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=UTF-8');
      const params = Object.fromEntries(new URLSearchParams(request.body));
      expect(verifySmsSignature(params, { secret: SIGNATURE_SECRET, method: 'sha256' })).toEqual({
        valid: true,
      });
      const sent = body.messages[index] as Record<string, string>;
      expect(params).toMatchObject({
        messageId: sent['message-id'],
        msisdn: '447700900123',
        to: 'AcmeInc',
        'network-code': sent.network,
        price: sent['message-price'],
        'client-ref': 'order-1',
        'api-key': API_KEY,
      });
    });
  });

  it('sends no receipt when status-report-req is 0, and records why', async () => {
    const app = await startApp();
    const vonage = fake({ webhooks: { smsDeliveryReceipt: `${app.url}/dlr` } });
    await call(vonage, smsSend({ from: 'Acme', to: '447700900123', text: 'Hi', 'status-report-req': 0 }));
    await vonage.settled();
    expect(app.received).toEqual([]);
    expect(vonage.deliveries[0]).toMatchObject({
      state: 'not_sent',
      reason: expect.stringContaining('status-report-req'),
    });
  });
});

describe('createFakeVonage: Messages API', () => {
  const whatsapp = {
    channel: 'whatsapp',
    message_type: 'text',
    to: '447700900123',
    from: '447700900000',
    text: 'Hi',
  };

  it('answers 401 without credentials and 422 problems for bad requests', async () => {
    const vonage = fake();
    const url = 'https://api.nexmo.com/v1/messages';
    const auth = { authorization: `Bearer ${appJwt()}` };
    expect(await call(vonage, post(url, whatsapp))).toMatchObject({
      status: 401,
      body: {
        ...problemShape,
        type: 'https://developer.nexmo.com/api-errors#unauthorized',
        title: 'Unauthorized',
      },
    });
    expect(
      (await call(vonage, post(url, whatsapp, { authorization: `Bearer ${appJwt('another-app')}` }))).status,
    ).toBe(401);
    const missing = await call(vonage, post(url, { ...whatsapp, text: undefined }, auth));
    expect(missing).toMatchObject({
      status: 422,
      body: {
        ...problemShape,
        type: 'https://developer.nexmo.com/api-errors/messages-olympus#1150',
        invalid_parameters: [{ name: 'text', reason: 'is required.' }],
      },
    });
    const combination = await call(
      vonage,
      post(url, { ...whatsapp, channel: 'sms', message_type: 'image' }, auth),
    );
    expect(combination).toMatchObject({ status: 422, body: { title: 'Invalid message type' } });
    const channel = await call(vonage, post(url, { ...whatsapp, channel: 'pigeon' }, auth));
    expect(channel).toMatchObject({ status: 422, body: { title: 'Unsupported channel' } });
    const recipient = await call(vonage, post(url, { ...whatsapp, to: '12' }, auth));
    expect(recipient).toMatchObject({ status: 422, body: { title: 'Invalid recipient' } });
    const json = await vonage.handle(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: '{"channel":',
      }),
    );
    expect(json?.status).toBe(422);
    expect(await json?.json()).toMatchObject({ title: 'The request body did not contain valid JSON' });
  });

  it('answers 202 with a message_uuid and sends JWT-signed statuses to the status URL', async () => {
    const app = await startApp();
    const vonage = fake({ webhooks: { messagesStatus: `${app.url}/status` } });
    const answer = await call(
      vonage,
      post(
        'https://api.nexmo.com/v1/messages',
        { ...whatsapp, client_ref: 'ref-7' },
        { authorization: `Bearer ${appJwt()}` },
      ),
    );
    expect(answer.status).toBe(202);
    const { message_uuid: uuid } = answer.body as { message_uuid: string };
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await vonage.settled();
    expect(app.received.length).toBeGreaterThanOrEqual(2);
    for (const request of app.received) {
      expect(request).toMatchObject({ method: 'POST', path: '/status' });
      const verified = verifyWebhookJwt(request.headers.authorization, {
        secret: SIGNATURE_SECRET,
        body: request.body,
      });
      expect(verified).toMatchObject({
        valid: true,
        claims: { api_key: API_KEY, application_id: APPLICATION_ID },
      });
      expect(JSON.parse(request.body)).toMatchObject({
        message_uuid: uuid,
        channel: 'whatsapp',
        client_ref: 'ref-7',
      });
    }
  });

  it('sends statuses to the webhook_url of the request over the application setting', async () => {
    const app = await startApp();
    const vonage = fake({ webhooks: { messagesStatus: `${app.url}/app-status` } });
    await call(
      vonage,
      post(
        'https://api.nexmo.com/v1/messages',
        { ...whatsapp, webhook_url: `${app.url}/own` },
        { authorization: basic },
      ),
    );
    await vonage.settled();
    expect(new Set(app.received.map((request) => request.path))).toEqual(new Set(['/own']));
  });
});

describe('createFakeVonage: Voice API', () => {
  const createCall = (fields: Record<string, unknown> = {}, authorization = `Bearer ${appJwt()}`) =>
    post(
      'https://api.nexmo.com/v1/calls',
      {
        to: [{ type: 'phone', number: '447700900123' }],
        from: { type: 'phone', number: '447700900000' },
        ...fields,
      },
      { authorization },
    );

  it('answers 401 without a JWT (Basic is not enough) and 400 with invalid_parameters', async () => {
    const vonage = fake({ webhooks: { voiceEvent: 'http://127.0.0.1:9/event' } });
    expect(await call(vonage, createCall({ answer_url: ['https://example.com/a'] }, basic))).toMatchObject({
      status: 401,
      body: { title: 'Unauthorized' },
    });
    const invalid = await call(vonage, createCall({ to: [], answer_url: 'https://example.com/a' }));
    expect(invalid).toMatchObject({ status: 400, body: { ...problemShape, title: 'Bad Request' } });
    const names = (invalid.body as { invalid_parameters: { name: string }[] }).invalid_parameters.map(
      (p) => p.name,
    );
    expect(names).toEqual(['to', 'answer_url']);
  });

  it('requires event_url when the application has no event URL', async () => {
    const vonage = fake();
    const answer = await call(vonage, createCall({ answer_url: ['https://example.com/a'] }));
    expect(answer.body).toMatchObject({ invalid_parameters: [{ name: 'event_url' }] });
  });

  it('creates the call, requests the answer URL by answer_method and sends signed events', async () => {
    const app = await startApp();
    const vonage = fake();
    const answer = await call(
      vonage,
      createCall({ answer_url: [`${app.url}/answer`], event_url: [`${app.url}/event`] }),
    );
    expect(answer.status).toBe(201);
    const created = answer.body as Record<string, string>;
    expect(created).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'started',
      direction: 'outbound',
      conversation_uuid: expect.stringMatching(/^CON-[0-9a-f-]{36}$/),
    });
    await vonage.settled();
    const answerRequest = app.received.find((request) => request.path === '/answer');
    expect(answerRequest).toMatchObject({ method: 'GET', query: { uuid: created.uuid, to: '447700900123' } });
    expect(
      verifyWebhookJwt(answerRequest?.headers.authorization, { secret: SIGNATURE_SECRET, body: '' }).valid,
    ).toBe(true);
    const events = app.received.filter((request) => request.path === '/event');
    expect(events.map((request) => JSON.parse(request.body).status)).toEqual([
      'started',
      'ringing',
      'answered',
      'completed',
    ]);
    for (const event of events) {
      expect(
        verifyWebhookJwt(event.headers.authorization, { secret: SIGNATURE_SECRET, body: event.body }).valid,
      ).toBe(true);
      expect(JSON.parse(event.body)).toMatchObject({
        uuid: created.uuid,
        conversation_uuid: created.conversation_uuid,
      });
    }

    const jwt = { authorization: `Bearer ${appJwt()}` };
    const details = await call(
      vonage,
      new Request(`https://api.nexmo.com/v1/calls/${created.uuid}`, { headers: jwt }),
    );
    expect(details).toMatchObject({
      status: 200,
      body: { uuid: created.uuid, status: 'completed', direction: 'outbound' },
    });
    const talk = await call(
      vonage,
      new Request(`https://api.nexmo.com/v1/calls/${created.uuid}/talk`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...jwt },
        body: JSON.stringify({ text: 'Hello' }),
      }),
    );
    expect(talk).toEqual({
      status: 400,
      body: expect.objectContaining({ detail: `Call ${created.uuid} is not in progress.` }),
    });
    const missing = await call(
      vonage,
      new Request('https://api.nexmo.com/v1/calls/00000000-0000-4000-8000-000000000000', { headers: jwt }),
    );
    expect(missing).toMatchObject({ status: 404, body: { title: 'Not Found' } });
  });

  it('answers talk, stream and dtmf on a live call', async () => {
    const vonage = fake({ timeScale: 1, webhooks: { voiceEvent: 'http://127.0.0.1:9/event' } });
    const created = (await call(vonage, createCall({ ncco: [{ action: 'talk', text: 'Hi' }] }))).body as {
      uuid: string;
    };
    const put = (path: string, body: unknown) =>
      call(
        vonage,
        new Request(`https://api.nexmo.com/v1/calls/${created.uuid}/${path}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${appJwt()}` },
          body: JSON.stringify(body),
        }),
      );
    expect(await put('talk', { text: 'Hello' })).toEqual({
      status: 200,
      body: { message: 'Talk started', uuid: created.uuid },
    });
    expect(await put('stream', { stream_url: ['https://example.com/a.mp3'] })).toEqual({
      status: 200,
      body: { message: 'Stream started', uuid: created.uuid },
    });
    expect(await put('dtmf', { digits: '1713' })).toEqual({
      status: 200,
      body: { message: 'DTMF sent', uuid: created.uuid },
    });
    expect((await put('dtmf', {})).status).toBe(400);
    vonage.reset();
    expect(vonage.deliveries).toEqual([]);
  });

  it('requests no answer URL for a call created with an inline NCCO, and says so', async () => {
    const app = await startApp();
    const vonage = fake({ webhooks: { voiceEvent: `${app.url}/event` } });
    await call(vonage, createCall({ ncco: [{ action: 'talk', text: 'Hi' }] }));
    await vonage.settled();
    expect(vonage.deliveries.some((delivery) => delivery.target === 'voice-answer')).toBe(false);
    // The inline NCCO ran: Vonage said its text (issue 9).
    expect(vonage.lifecycles[0]?.transcript).toContainEqual(
      expect.objectContaining({ kind: 'said', text: 'Hi' }),
    );
    expect(app.received.length).toBeGreaterThan(0);
    expect(app.received.every((request) => request.path === '/event')).toBe(true);
  });
});

describe('createFakeVonage: Number Insight', () => {
  const lookup = (query: Record<string, string>) =>
    new Request(`https://api.nexmo.com/ni/advanced/async/json?${new URLSearchParams(query)}`);

  it('answers bad requests with a status and error_text', async () => {
    const vonage = fake();
    expect(
      await call(vonage, lookup({ number: '447700900123', callback: 'https://example.com/ni' })),
    ).toEqual({
      status: 200,
      body: { status: 4, error_text: 'Invalid credentials' },
    });
    const noCallback = await call(
      vonage,
      lookup({ api_key: API_KEY, api_secret: API_SECRET, number: '447700900123' }),
    );
    expect(noCallback.body).toMatchObject({ status: 3 });
    const badNumber = await call(
      vonage,
      lookup({ api_key: API_KEY, api_secret: API_SECRET, number: '12', callback: 'https://example.com/ni' }),
    );
    expect(badNumber.body).toEqual({
      status: 3,
      error_text: 'Invalid request :: Not valid number format detected [ 12 ]',
    });
  });

  it('answers the request id and posts the unsigned result to the callback', async () => {
    const app = await startApp();
    const vonage = fake();
    const answer = await call(
      vonage,
      lookup({ api_key: API_KEY, api_secret: API_SECRET, number: '447700900123', callback: `${app.url}/ni` }),
    );
    expect(answer.body).toEqual({
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      number: '447700900123',
      remaining_balance: '9.96000000',
      request_price: '0.04000000',
      status: 0,
    });
    await vonage.settled();
    expect(app.received).toHaveLength(1);
    expect(app.received[0]?.headers.authorization).toBeUndefined();
    expect(JSON.parse(app.received[0]?.body ?? '{}')).toMatchObject({
      request_id: (answer.body as { request_id: string }).request_id,
      international_format_number: '447700900123',
    });
  });
});

describe('createFakeVonage: Verify v2', () => {
  const start = (body: Record<string, unknown>) =>
    post('https://api.nexmo.com/v2/verify', body, { authorization: `Bearer ${appJwt()}` });
  const check = (requestId: string, code: string) =>
    post(`https://api.nexmo.com/v2/verify/${requestId}`, { code }, { authorization: `Bearer ${appJwt()}` });
  const sms = { brand: 'Acme', workflow: [{ channel: 'sms', to: '447700900123' }] };

  it('answers 422 with invalid_parameters and 409 for a second verification of a number', async () => {
    const vonage = fake();
    const invalid = await call(vonage, start({ workflow: [{ channel: 'fax', to: '447700900123' }] }));
    expect(invalid).toMatchObject({
      status: 422,
      body: {
        ...problemShape,
        title: 'Invalid params',
        invalid_parameters: [{ name: 'brand', reason: 'Brand is required' }, { name: 'workflow[0].channel' }],
      },
    });
    const first = await call(vonage, start(sms));
    expect(first.status).toBe(202);
    const second = await call(vonage, start(sms));
    expect(second).toMatchObject({
      status: 409,
      body: { title: 'Conflict', request_id: (first.body as { request_id: string }).request_id },
    });
  });

  it('checks codes: 400 when wrong, 200 when right, then 404', async () => {
    const app = await startApp();
    const vonage = fake({ webhooks: { verifyStatus: `${app.url}/verify` } });
    const started = await call(vonage, start(sms));
    const { request_id: requestId } = started.body as { request_id: string };
    expect(await call(vonage, check(requestId, '0000'))).toMatchObject({
      status: 400,
      body: { title: 'Invalid Code' },
    });
    expect(await call(vonage, check(requestId, '1234'))).toEqual({
      status: 200,
      body: { request_id: requestId, status: 'completed' },
    });
    expect((await call(vonage, check(requestId, '1234'))).status).toBe(404);
    await vonage.settled();
    expect(app.received.length).toBeGreaterThan(0);
    for (const request of app.received) {
      expect(
        verifyWebhookJwt(request.headers.authorization, { secret: SIGNATURE_SECRET, body: request.body })
          .valid,
      ).toBe(true);
      expect(JSON.parse(request.body)).toMatchObject({ request_id: requestId });
    }
  });

  it('ends the request with 410 after three wrong codes', async () => {
    const vonage = fake({ verifyCode: '999999' });
    const { request_id: requestId } = (await call(vonage, start({ ...sms, code_length: 6 }))).body as {
      request_id: string;
    };
    expect((await call(vonage, check(requestId, '111111'))).status).toBe(400);
    expect((await call(vonage, check(requestId, '222222'))).status).toBe(400);
    expect(await call(vonage, check(requestId, '333333'))).toMatchObject({
      status: 410,
      body: { title: 'Invalid Code' },
    });
  });
});

describe('createFakeVonage: deliveries', () => {
  it('records a 404 from the app as the result and goes on with the lifecycle', async () => {
    const app = await startApp({ '/event': 404 });
    const vonage = fake({ webhooks: { voiceEvent: `${app.url}/event` } });
    await call(
      vonage,
      post(
        'https://api.nexmo.com/v1/calls',
        {
          to: [{ type: 'phone', number: '447700900123' }],
          from: { type: 'phone', number: '447700900000' },
          ncco: [{ action: 'talk', text: 'x' }],
        },
        { authorization: `Bearer ${appJwt()}` },
      ),
    );
    await vonage.settled();
    const events = vonage.deliveries.filter((delivery) => delivery.target === 'voice-event');
    expect(events.map((delivery) => delivery.event)).toEqual([
      'voice.event.started',
      'voice.event.ringing',
      'voice.event.answered',
      'voice.event.completed',
    ]);
    for (const delivery of events) {
      expect(delivery).toMatchObject({ state: 'sent', result: { status: 404, outcome: 'rejected' } });
    }
    expect(app.received.filter((request) => request.path === '/event')).toHaveLength(4);
  });

  it('records a webhook whose URL is unknown as not sent, with the setting to fix', async () => {
    const vonage = fake();
    await call(
      vonage,
      post(
        'https://api.nexmo.com/v1/messages',
        { channel: 'sms', message_type: 'text', to: '447700900123', from: 'Acme', text: 'Hi' },
        { authorization: basic },
      ),
    );
    await vonage.settled();
    expect(vonage.deliveries.length).toBeGreaterThan(0);
    for (const delivery of vonage.deliveries) {
      expect(delivery).toMatchObject({
        state: 'not_sent',
        url: null,
        reason: expect.stringContaining('webhooks.statusUrl, --status-url'),
      });
    }
  });

  it('records both directions: the API call with its answer and each webhook with its request and result', async () => {
    const app = await startApp();
    const vonage = fake({ webhooks: { smsDeliveryReceipt: `${app.url}/dlr` } });
    await call(vonage, smsSend({ from: 'Acme', to: '447700900123', text: 'Hi' }));
    await vonage.settled();
    expect(vonage.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: 'https://rest.nexmo.com/sms/json',
        api: 'sms',
        lifecycle: 0,
        response: expect.objectContaining({
          status: 200,
          body: expect.stringContaining('"message-count":"1"'),
        }),
      }),
    ]);
    expect(vonage.requests[0]?.response.headers['x-nexmo-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(vonage.deliveries).toEqual([
      expect.objectContaining({
        event: 'sms.delivery_receipt.delivered',
        url: `${app.url}/dlr`,
        state: 'sent',
        request: expect.objectContaining({ method: 'POST', format: 'json' }),
        result: expect.objectContaining({ ok: true, status: 200 }),
      }),
    ]);
  });

  it('delivers the same payloads byte for byte under the same seed and refDate', async () => {
    const run = async (seed: number) => {
      const app = await startApp();
      const vonage = fake({
        seed,
        refDate: '2026-03-01T09:00:00Z',
        webhooks: {
          smsDeliveryReceipt: `${app.url}/dlr`,
          voiceEvent: `${app.url}/event`,
          messagesStatus: `${app.url}/status`,
        },
      });
      await call(vonage, smsSend({ from: 'Acme', to: '447700900123', text: 'x'.repeat(200) }));
      await call(
        vonage,
        post(
          'https://api.nexmo.com/v1/messages',
          { channel: 'sms', message_type: 'text', to: '14155550100', from: 'Acme', text: 'Hi' },
          { authorization: basic },
        ),
      );
      await call(
        vonage,
        post(
          'https://api.nexmo.com/v1/calls',
          {
            to: [{ type: 'phone', number: '447700900123' }],
            from: { type: 'phone', number: '447700900000' },
            ncco: [{ action: 'talk', text: 'x' }],
          },
          { authorization: `Bearer ${appJwt()}` },
        ),
      );
      vonage.pushInboundSms({ to: '447700900000', from: '447700900123', text: 'STOP' });
      await vonage.settled();
      return {
        payloads: vonage.deliveries.map((delivery) => JSON.stringify(delivery.payload)),
        answers: vonage.requests.map((request) => request.response.body),
      };
    };
    const first = await run(42);
    const second = await run(42);
    expect(second).toEqual(first);
    expect(first.payloads.length).toBeGreaterThan(5);
    expect((await run(43)).payloads).not.toEqual(first.payloads);
  });

  it('rejects settled() on timeout, naming what is still pending', async () => {
    const app = await startApp();
    const vonage = fake({ timeScale: 1, webhooks: { smsDeliveryReceipt: `${app.url}/dlr` } });
    await call(vonage, smsSend({ from: 'Acme', to: '447700900123', text: 'Hi' }));
    await expect(vonage.settled({ timeoutMs: 20 })).rejects.toThrow(
      /settled\(\) gave up after 20 ms with 1 webhook\(s\) pending: sms\.delivery_receipt\.delivered to http:\/\/127\.0\.0\.1:\d+\/dlr \(lifecycle #0 sms\.send/,
    );
    vonage.reset();
    await vonage.settled({ timeoutMs: 20 });
    expect(app.received).toEqual([]);
  });

  it('answers the API call but rejects settled() when the lifecycle cannot be generated', async () => {
    const vonage = fake();
    // A valid number of a country the scenarios have no prices or networks for.
    const answer = await call(vonage, smsSend({ from: 'Acme', to: '999123456789', text: 'Hi' }));
    expect(answer.body).toMatchObject({ messages: [{ status: '0' }] });
    expect(vonage.lifecycles[0]?.error?.message).toContain('sms.send lifecycle (#0) could not be generated');
    await expect(vonage.settled()).rejects.toThrow('could not be generated');
  });
});

describe('createFakeVonage: inbound traffic', () => {
  it('delivers an inbound SMS, a call and a message to the application webhooks', async () => {
    const app = await startApp();
    const vonage = fake({
      smsSignatureMethod: 'md5hash',
      smsWebhookFormat: 'GET',
      webhooks: {
        smsInbound: `${app.url}/inbound-sms`,
        voiceAnswer: `${app.url}/answer`,
        voiceEvent: { url: `${app.url}/event`, method: 'GET' },
        messagesInbound: `${app.url}/inbound`,
      },
    });
    vonage.pushInboundSms({ to: '447700900000', from: '447700900123', text: 'Hello there' });
    const incoming = vonage.pushIncomingCall({ to: '447700900000', from: '447700900123' });
    vonage.pushInboundMessage('whatsapp', { to: '447700900000', from: '447700900123', text: 'Hi' });
    await vonage.settled();

    const sms = app.received.find((request) => request.path === '/inbound-sms');
    expect(sms).toMatchObject({
      method: 'GET',
      query: { text: 'Hello there', keyword: 'HELLO', 'api-key': API_KEY },
    });
    expect(verifySmsSignature(sms?.query ?? {}, { secret: SIGNATURE_SECRET, method: 'md5hash' }).valid).toBe(
      true,
    );
    const answer = app.received.find((request) => request.path === '/answer');
    expect(answer?.query).toMatchObject({
      uuid: incoming.ids.uuid,
      to: '447700900000',
      from: '447700900123',
    });
    expect(
      app.received
        .filter((request) => request.path === '/event')
        .every((request) => request.method === 'GET'),
    ).toBe(true);
    const message = app.received.find((request) => request.path === '/inbound');
    expect(JSON.parse(message?.body ?? '{}')).toMatchObject({
      channel: 'whatsapp',
      message_type: 'text',
      text: 'Hi',
    });
    expect(
      verifyWebhookJwt(message?.headers.authorization, {
        secret: SIGNATURE_SECRET,
        body: message?.body ?? '',
      }),
    ).toMatchObject({
      valid: true,
      claims: { application_id: APPLICATION_ID },
    });
  });
});
