import { describe, expect, it } from 'vitest';
import { createRecordingDeliver } from '../../../test/support/recording-deliver.js';
import { createFakeVonage } from '../create-fake-vonage.js';
import type { FakeVonageOptions } from '../types.js';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;
const SETTINGS = 'https://rest.nexmo.com/account/settings';
const BALANCE = 'https://rest.nexmo.com/account/get-balance';
const form = { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' };

const createFake = (extra: Partial<FakeVonageOptions> = {}) =>
  createFakeVonage({ apiKey: API_KEY, apiSecret: API_SECRET, timeScale: 0, ...extra });

async function call(
  fake: ReturnType<typeof createFake>,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fake.handle(
    new Request(url, { method, headers, ...(body === undefined ? {} : { body }) }),
  );
  if (response === undefined) throw new Error(`The fake did not answer ${method} ${url}`);
  expect(response.headers.get('content-type')).toBe('application/json');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const recorder = createRecordingDeliver;

describe('handleAccountSettings', () => {
  it('sets both URLs from a form body and answers the settings in force', async () => {
    const fake = createFake();
    const body = new URLSearchParams({
      drCallBackUrl: 'https://app.test/webhooks/delivery-receipt',
      moCallBackUrl: 'https://app.test/webhooks/inbound-sms',
    }).toString();
    const { status, body: settings } = await call(fake, 'POST', SETTINGS, form, body);
    expect(status).toBe(200);
    expect(settings).toEqual({
      'mo-callback-url': 'https://app.test/webhooks/inbound-sms',
      'dr-callback-url': 'https://app.test/webhooks/delivery-receipt',
      'max-outbound-request': 30,
      'max-inbound-request': 30,
      'max-calls-per-second': 30,
    });
    expect(fake.requests.at(-1)?.api).toBe('account');
  });

  it('takes the URLs and api_key/api_secret from the query as well', async () => {
    const fake = createFake();
    const query = new URLSearchParams({
      api_key: API_KEY,
      api_secret: API_SECRET,
      moCallBackUrl: 'http://127.0.0.1:3000/inbound-sms',
    });
    const { status, body } = await call(fake, 'POST', `${SETTINGS}?${query}`, {});
    expect(status).toBe(200);
    expect(body['mo-callback-url']).toBe('http://127.0.0.1:3000/inbound-sms');
    expect(body['dr-callback-url']).toBe('');
  });

  it('leaves a URL the request does not name and unsets one given as an empty string', async () => {
    const fake = createFake({
      webhooks: { smsInboundUrl: 'https://app.test/inbound-sms', smsDlrUrl: 'https://app.test/dlr' },
    });
    const { body } = await call(fake, 'POST', SETTINGS, form, 'drCallBackUrl=');
    expect(body['mo-callback-url']).toBe('https://app.test/inbound-sms');
    expect(body['dr-callback-url']).toBe('');
    const { body: unchanged } = await call(fake, 'POST', SETTINGS, form);
    expect(unchanged['mo-callback-url']).toBe('https://app.test/inbound-sms');
    expect(unchanged['dr-callback-url']).toBe('');
  });

  it('refuses a value that is not an absolute http(s) URL with 400, changing nothing', async () => {
    const fake = createFake({ webhooks: { smsInboundUrl: 'https://app.test/inbound-sms' } });
    for (const value of ['not a url', 'ftp://app.test/dlr', '/webhooks/dlr']) {
      const body = new URLSearchParams({ moCallBackUrl: 'https://app.test/new', drCallBackUrl: value });
      const { status, body: error } = await call(fake, 'POST', SETTINGS, form, body.toString());
      expect(status, value).toBe(400);
      expect(error).toEqual({
        'error-code': '400',
        'error-code-label':
          'Invalid drCallBackUrl: use an absolute http(s) URL, or an empty string to unset it.',
      });
    }
    const { body } = await call(fake, 'POST', SETTINGS, form);
    expect(body['mo-callback-url']).toBe('https://app.test/inbound-sms');
  });

  it('answers 401 authentication failed without credentials or with a wrong secret', async () => {
    const fake = createFake();
    const wrong = `Basic ${Buffer.from(`${API_KEY}:nope`).toString('base64')}`;
    for (const headers of [{}, { authorization: wrong }]) {
      const { status, body } = await call(fake, 'POST', SETTINGS, headers, 'moCallBackUrl=https://x.test');
      expect(status).toBe(401);
      expect(body).toEqual({ 'error-code': '401', 'error-code-label': 'authentication failed' });
    }
    const { body } = await call(fake, 'POST', SETTINGS, form);
    expect(body['mo-callback-url']).toBe('');
  });

  it('sends the delivery receipts of SMS sent after it to the new URL', async () => {
    const { sent, deliver } = recorder();
    const fake = createFake({ deliver, webhooks: { smsDlrUrl: 'https://old.test/dlr' } });
    await call(fake, 'POST', SETTINGS, form, 'drCallBackUrl=https%3A%2F%2Fnew.test%2Fdlr');
    const sms = await fake.handle(
      new Request('https://rest.nexmo.com/sms/json', {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'Acme', to: '447700900123', text: 'Hello' }),
      }),
    );
    expect(sms?.status).toBe(200);
    await fake.settled();
    const receipts = sent.filter((each) => each.webhook.target === 'sms-delivery-receipt');
    expect(receipts.length).toBeGreaterThan(0);
    expect(new Set(receipts.map((each) => each.webhook.url))).toEqual(new Set(['https://new.test/dlr']));
  });
});

describe('handleGetBalance', () => {
  it('answers the balance left after the prices of earlier sends, and autoReload false', async () => {
    const fake = createFake({ balance: 12.5 });
    expect((await call(fake, 'GET', BALANCE, { authorization: basic })).body).toEqual({
      value: 12.5,
      autoReload: false,
    });
    const sms = await fake.handle(
      new Request('https://rest.nexmo.com/sms/json', {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'Acme', to: '447700900123', text: 'Hello' }),
      }),
    );
    const answer = (await sms?.json()) as { messages: { 'message-price': string }[] };
    const price = Number(answer.messages[0]?.['message-price'] ?? Number.NaN);
    const query = new URLSearchParams({ api_key: API_KEY, api_secret: API_SECRET });
    const { status, body } = await call(fake, 'GET', `${BALANCE}?${query}`, {});
    expect(status).toBe(200);
    expect(body.value).toBeCloseTo(12.5 - price, 8);
    expect(String(body.value).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(8);
  });

  it('answers 401 authentication failed to wrong credentials', async () => {
    const fake = createFake();
    const query = new URLSearchParams({ api_key: API_KEY, api_secret: 'nope' });
    const { status, body } = await call(fake, 'GET', `${BALANCE}?${query}`, {});
    expect(status).toBe(401);
    expect(body).toEqual({ 'error-code': '401', 'error-code-label': 'authentication failed' });
  });
});
