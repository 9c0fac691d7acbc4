// The fake Vonage REST API end to end (routing, deliveries and inbound traffic): API requests in, Vonage's answers out, lifecycles
// delivered to a real loopback server and checked with the package's own verifiers, all through the
// public entry (setup: test/support/fake-vonage-app.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { verifySmsSignature, verifyWebhookJwt } from 'vonage-webhook-simulator';
import {
  API_KEY,
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

  it('records a webhook whose URL is unknown as not sent, with the option to fix (library words, issue 11)', async () => {
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
        reason: expect.stringContaining('the webhooks.statusUrl, webhookBaseUrl or application option'),
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
