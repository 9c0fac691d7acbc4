// The fake Vonage REST API end to end (the SMS and Messages APIs): API requests in, Vonage's answers out, lifecycles
// delivered to a real loopback server and checked with the package's own verifiers, all through the
// public entry (setup: test/support/fake-vonage-app.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { verifySmsSignature, verifyWebhookJwt } from 'vonage-webhook-simulator';
import {
  API_KEY,
  API_SECRET,
  APPLICATION_ID,
  appJwt,
  basic,
  call,
  closeFakeVonageApps,
  fake,
  post,
  problemShape,
  SIGNATURE_SECRET,
  smsSend,
  startApp,
} from './support/fake-vonage-app.js';

afterEach(closeFakeVonageApps);

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
