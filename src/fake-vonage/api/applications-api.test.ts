import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRecordingDeliver } from '../../../test/support/recording-deliver.js';
import { createFakeVonage } from '../create-fake-vonage.js';
import type { FakeVonageOptions } from '../types.js';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const basic = `Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')}`;
const BASE = 'https://api.nexmo.com/v2/applications';

const createFake = (extra: Partial<FakeVonageOptions> = {}) =>
  createFakeVonage({ apiKey: API_KEY, apiSecret: API_SECRET, timeScale: 0, ...extra });

type Fake = ReturnType<typeof createFake>;

async function call(
  fake: Fake,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: basic, 'content-type': 'application/json' },
): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const response = await fake.handle(
    new Request(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    }),
  );
  if (response === undefined) throw new Error(`The fake did not answer ${method} ${url}`);
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : JSON.parse(text), text };
}

const voiceApp = {
  name: 'Voice app',
  capabilities: {
    voice: {
      webhooks: {
        answer_url: { address: 'https://app.test/answer', http_method: 'GET', connect_timeout: 500 },
        event_url: { address: 'https://app.test/event', http_method: 'POST', socket_timeout: 3000 },
      },
      signed_callbacks: true,
      conversations_ttl: 48,
      region: 'eu-west',
    },
    messages: {
      version: 'v1',
      webhooks: {
        inbound_url: { address: 'https://app.test/inbound', http_method: 'POST' },
        status_url: { address: 'https://app.test/status', http_method: 'POST' },
      },
    },
  },
};

const existingKeys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

/** A given public key spares the fake an RSA generation where the keys do not matter. */
const ownKey = { public_key: existingKeys.publicKey };

const recorder = createRecordingDeliver;

/** A JWT as the SDKs make one: RS256 over the application's private key. */
function toJwt(applicationId: string, privateKey: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ application_id: applicationId, iat: 1_700_000_000, jti: 'j1' })}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

describe('handleCreateApplication', () => {
  it('answers 201 with the application, a new RSA 2048 key pair and a relative self link', async () => {
    const fake = createFake();
    const { status, body } = await call(fake, 'POST', BASE, voiceApp);
    expect(status).toBe(201);
    const id = body.id as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Object.keys(body)).toEqual(['id', 'name', 'keys', 'privacy', 'capabilities', '_links']);
    expect(body).toMatchObject({
      name: 'Voice app',
      privacy: { improve_ai: false },
      capabilities: voiceApp.capabilities,
      _links: { self: { href: `/v2/applications/${id}` } },
    });
    const keys = body.keys as { private_key: string; public_key: string };
    expect(Object.keys(keys)).toEqual(['private_key', 'public_key']);
    expect(keys.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n$/);
    expect(keys.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    expect(createPublicKey(keys.public_key).asymmetricKeyDetails?.modulusLength).toBe(2048);
    // The two keys are one pair.
    const signature = sign('sha256', Buffer.from('vws'), keys.private_key);
    expect(verify('sha256', Buffer.from('vws'), keys.public_key, signature)).toBe(true);
  });

  it('keeps the public key it is given and answers no private key', async () => {
    const fake = createFake();
    const { status, body } = await call(fake, 'POST', BASE, {
      name: 'Own key',
      keys: { public_key: existingKeys.publicKey },
      privacy: { improve_ai: true },
    });
    expect(status).toBe(201);
    expect(body.keys).toEqual({ public_key: existingKeys.publicKey });
    expect(body.privacy).toEqual({ improve_ai: true });
    expect(body.capabilities).toEqual({});
  });

  it('stores the application but never its private key', async () => {
    const fake = createFake();
    const created = await call(fake, 'POST', BASE, { name: 'Keys' });
    const id = created.body.id as string;
    const got = await call(fake, 'GET', `${BASE}/${id}`);
    expect(got.body.keys).toEqual({ public_key: (created.body.keys as { public_key: string }).public_key });
    expect(got.text).not.toContain('PRIVATE KEY');
    // Nor does the recording of the answer that carried it (decision 102).
    expect(JSON.stringify(fake.requests)).not.toContain('BEGIN PRIVATE KEY');
  });

  it('draws the ids from the seed', async () => {
    const ids = async (seed: number) => {
      const fake = createFake({ seed });
      return [
        (await call(fake, 'POST', BASE, { name: 'a', keys: ownKey })).body.id,
        (await call(fake, 'POST', BASE, { name: 'b', keys: ownKey })).body.id,
      ];
    };
    expect(await ids(7)).toEqual(await ids(7));
    expect(await ids(7)).not.toEqual(await ids(8));
  });

  it('answers 400 payload-validation naming every invalid parameter', async () => {
    const fake = createFake();
    const { status, body } = await call(fake, 'POST', BASE, {
      keys: { public_key: 'not a key' },
      privacy: { improve_ai: 'yes' },
      capabilities: {
        voice: {
          webhooks: {
            answer_url: { address: 'ftp://app.test/answer', http_method: 'PUT', connect_timeout: 50 },
          },
          signed_callbacks: 'true',
        },
        rtc: { leg_persistence_time: 40 },
        verify: { version: 'v1' },
        vbc: 'on',
      },
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      type: 'https://developer.nexmo.com/api-errors/application#payload-validation',
      title: 'Bad Request',
      detail: 'The request failed due to validation errors',
      instance: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect((body.invalid_parameters as { name: string }[]).map((each) => each.name).sort()).toEqual(
      [
        'name',
        'keys.public_key',
        'privacy.improve_ai',
        'capabilities.voice.webhooks.answer_url.address',
        'capabilities.voice.webhooks.answer_url.http_method',
        'capabilities.voice.webhooks.answer_url.connect_timeout',
        'capabilities.voice.signed_callbacks',
        'capabilities.rtc.leg_persistence_time',
        'capabilities.verify.version',
        'capabilities.vbc',
      ].sort(),
    );
    expect(fake.requests.at(-1)?.api).toBe('applications');
    const list = await call(fake, 'GET', BASE);
    expect(list.body.total_items).toBe(1);
  });

  it('answers 400 for a body that is not valid JSON and 415 for another content type', async () => {
    const fake = createFake();
    const broken = await call(fake, 'POST', BASE, '{"name":');
    expect(broken.status).toBe(400);
    expect(broken.body.invalid_parameters).toEqual([
      { name: 'body', reason: expect.stringMatching(/^must be valid JSON/) },
    ]);
    const form = await call(fake, 'POST', BASE, 'name=Form', {
      authorization: basic,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({
      type: 'https://developer.nexmo.com/api-errors#content-type-header',
      title: 'Unsupported Content-Type header',
    });
  });

  it('answers 401 without Basic credentials, to a wrong secret and to a JWT', async () => {
    const fake = createFake();
    const wrong = `Basic ${Buffer.from(`${API_KEY}:nope`).toString('base64')}`;
    const jwt = `Bearer ${toJwt('aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab', existingKeys.privateKey)}`;
    for (const authorization of [undefined, wrong, jwt]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization !== undefined) headers.authorization = authorization;
      const { status, body } = await call(fake, 'POST', BASE, { name: 'x' }, headers);
      expect(status).toBe(401);
      expect(body).toMatchObject({ type: 'https://developer.nexmo.com/api-errors#unauthorized' });
    }
  });

  it("routes the webhooks of a request made with the new application's JWT to its URLs", async () => {
    const { sent, deliver } = recorder();
    const fake = createFake({ deliver, webhooks: { statusUrl: 'https://default.test/status' } });
    const created = await call(fake, 'POST', BASE, voiceApp);
    const id = created.body.id as string;
    const privateKey = (created.body.keys as { private_key: string }).private_key;
    const sent202 = await call(
      fake,
      'POST',
      'https://api.nexmo.com/v1/messages',
      { channel: 'sms', message_type: 'text', to: '447700900123', from: 'Acme', text: 'Hi' },
      { authorization: `Bearer ${toJwt(id, privateKey)}`, 'content-type': 'application/json' },
    );
    expect(sent202.status).toBe(202);
    await fake.settled();
    const statuses = sent.filter((each) => each.webhook.target === 'messages-status');
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses.map((each) => each.webhook.url))).toEqual(new Set(['https://app.test/status']));
  });
});

describe('handleListApplications', () => {
  it('lists the default application first, then the created ones, page by page with links', async () => {
    const fake = createFake({ applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' });
    for (const name of ['one', 'two', 'three']) await call(fake, 'POST', BASE, { name, keys: ownKey });
    const first = await call(fake, 'GET', `${BASE}?page_size=3`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page_size: 3, page: 1, total_items: 4, total_pages: 2 });
    const embedded = (first.body._embedded as { applications: Record<string, unknown>[] }).applications;
    expect(embedded.map((each) => each.name)).toEqual(['vws fake application', 'one', 'two']);
    expect(embedded[0]?.id).toBe('aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab');
    expect(embedded.every((each) => each._links === undefined && each.keys !== undefined)).toBe(true);
    expect(JSON.stringify(embedded)).not.toContain('PRIVATE KEY');
    expect(first.body._links).toEqual({
      self: { href: '/v2/applications?page_size=3&page=1' },
      first: { href: '/v2/applications?page_size=3' },
      last: { href: '/v2/applications?page_size=3&page=2' },
      next: { href: '/v2/applications?page_size=3&page=2' },
    });
    const second = await call(fake, 'GET', `${BASE}?page_size=3&page=2`);
    expect((second.body._embedded as { applications: { name: string }[] }).applications).toHaveLength(1);
    expect(second.body._links).toEqual({
      self: { href: '/v2/applications?page_size=3&page=2' },
      first: { href: '/v2/applications?page_size=3' },
      last: { href: '/v2/applications?page_size=3&page=2' },
      prev: { href: '/v2/applications?page_size=3&page=1' },
    });
  });

  it('pages by 10 when page_size is not given', async () => {
    const fake = createFake();
    const { body } = await call(fake, 'GET', BASE);
    expect(body).toMatchObject({ page_size: 10, page: 1, total_items: 1, total_pages: 1 });
    expect(body._links).toEqual({
      self: { href: '/v2/applications?page_size=10&page=1' },
      first: { href: '/v2/applications?page_size=10' },
      last: { href: '/v2/applications?page_size=10&page=1' },
    });
  });

  it('answers 400 list-validation for a page_size outside 1 to 100 or a page below 1', async () => {
    const fake = createFake();
    for (const query of ['page_size=0', 'page_size=101', 'page_size=ten', 'page=0']) {
      const { status, body } = await call(fake, 'GET', `${BASE}?${query}`);
      expect(status, query).toBe(400);
      expect(body).toMatchObject({
        type: 'https://developer.nexmo.com/api-errors/application#list-validation',
        title: 'Bad Request',
        invalid_parameters: [{ name: query.split('=')[0] }],
      });
    }
    const { body } = await call(fake, 'GET', `${BASE}?page_size=101`);
    expect(body.invalid_parameters).toEqual([{ name: 'page_size', reason: 'must be between 1 and 100' }]);
  });
});

describe('handleGetApplication', () => {
  it('answers the configured default application in the API shape', async () => {
    const fake = createFake({
      application: {
        id: 'bbbbbbbb-bbbb-4ccc-8ddd-0123456789ab',
        name: 'From file',
        capabilities: voiceApp.capabilities,
      },
    });
    const { status, body } = await call(fake, 'GET', `${BASE}/bbbbbbbb-bbbb-4ccc-8ddd-0123456789ab`);
    expect(status).toBe(200);
    expect(body).toEqual({
      id: 'bbbbbbbb-bbbb-4ccc-8ddd-0123456789ab',
      name: 'From file',
      keys: {},
      capabilities: voiceApp.capabilities,
      _links: { self: { href: '/v2/applications/bbbbbbbb-bbbb-4ccc-8ddd-0123456789ab' } },
    });
  });

  it('answers 404 not-found for an id the account does not have', async () => {
    const fake = createFake();
    const { status, body } = await call(fake, 'GET', `${BASE}/no-such-app`);
    expect(status).toBe(404);
    expect(body).toEqual({
      type: 'https://developer.nexmo.com/api-errors#not-found',
      title: 'Not Found',
      detail: "ID 'no-such-app' does not exist, or you do not have access",
      instance: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });
});

describe('handleUpdateApplication', () => {
  it('replaces name and capabilities, keeping the key and privacy the request leaves out', async () => {
    const fake = createFake();
    const created = await call(fake, 'POST', BASE, {
      ...voiceApp,
      keys: ownKey,
      privacy: { improve_ai: true },
    });
    const id = created.body.id as string;
    const publicKey = (created.body.keys as { public_key: string }).public_key;
    const rtc = { webhooks: { event_url: { address: 'https://app.test/rtc', http_method: 'GET' } } };
    const { status, body } = await call(fake, 'PUT', `${BASE}/${id}`, {
      id,
      name: 'Renamed',
      capabilities: { rtc },
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      id,
      name: 'Renamed',
      keys: { public_key: publicKey },
      privacy: { improve_ai: true },
      capabilities: { rtc },
      _links: { self: { href: `/v2/applications/${id}` } },
    });
    expect((await call(fake, 'GET', `${BASE}/${id}`)).body).toEqual(body);
    const rekeyed = await call(fake, 'PUT', `${BASE}/${id}`, {
      name: 'Renamed',
      keys: { public_key: existingKeys.publicKey },
      privacy: { improve_ai: false },
    });
    expect(rekeyed.body).toMatchObject({
      keys: { public_key: existingKeys.publicKey },
      privacy: { improve_ai: false },
      capabilities: {},
    });
  });

  it("changes where the default application's webhooks go", async () => {
    const { sent, deliver } = recorder();
    const fake = createFake({ deliver, applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' });
    const updated = await call(fake, 'PUT', `${BASE}/aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab`, voiceApp);
    expect(updated.status).toBe(200);
    await call(fake, 'POST', 'https://api.nexmo.com/v1/messages', {
      channel: 'sms',
      message_type: 'text',
      to: '447700900123',
      from: 'Acme',
      text: 'Hi',
    });
    await fake.settled();
    const urls = sent
      .filter((each) => each.webhook.target === 'messages-status')
      .map((each) => each.webhook.url);
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls)).toEqual(new Set(['https://app.test/status']));
    // The answer URL's method and `connect_timeout` (the name the Node SDK sends) reach the sender.
    sent.length = 0;
    fake.pushIncomingCall();
    await fake.settled();
    const answer = sent.find((each) => each.webhook.target === 'voice-answer');
    expect(answer?.webhook.url).toBe('https://app.test/answer');
    expect(answer?.parts.method).toBe('GET');
    expect(answer?.webhook.timeout).toEqual({ connectMs: 500 });
  });

  it('answers 404 for an unknown id and 400 for an invalid body, changing nothing', async () => {
    const fake = createFake();
    expect((await call(fake, 'PUT', `${BASE}/no-such-app`, { name: 'x' })).status).toBe(404);
    const created = await call(fake, 'POST', BASE, { ...voiceApp, keys: ownKey });
    const id = created.body.id as string;
    const invalid = await call(fake, 'PUT', `${BASE}/${id}`, { capabilities: {} });
    expect(invalid.status).toBe(400);
    expect(invalid.body.invalid_parameters).toEqual([{ name: 'name', reason: 'is required.' }]);
    expect((await call(fake, 'GET', `${BASE}/${id}`)).body.name).toBe('Voice app');
  });
});

describe('handleDeleteApplication', () => {
  it('answers 204 without a body, after which the application is gone', async () => {
    const fake = createFake();
    const id = (await call(fake, 'POST', BASE, { name: 'Short-lived', keys: ownKey })).body.id as string;
    const deleted = await call(fake, 'DELETE', `${BASE}/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call(fake, 'GET', `${BASE}/${id}`)).status).toBe(404);
    expect((await call(fake, 'DELETE', `${BASE}/${id}`)).status).toBe(404);
    expect((await call(fake, 'GET', BASE)).body.total_items).toBe(1);
  });
});
