// The fake Vonage REST API end to end (Number Insight and Verify v2): API requests in, Vonage's answers out, lifecycles
// delivered to a real loopback server and checked with the package's own verifiers, all through the
// public entry (setup: test/support/fake-vonage-app.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhookJwt } from 'vonage-webhook-simulator';
import {
  API_KEY,
  API_SECRET,
  appJwt,
  call,
  closeFakeVonageApps,
  fake,
  post,
  problemShape,
  SIGNATURE_SECRET,
  startApp,
} from './support/fake-vonage-app.js';

afterEach(closeFakeVonageApps);

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
