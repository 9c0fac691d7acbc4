// The official Node SDK (@vonage/server-sdk 3.27: @vonage/applications and @vonage/accounts 1.20)
// against the fake's Applications API and Account API through msw: every answer parses, the values
// round-trip through the SDK's snake_case/camelCase transforms, and an application or SMS setting
// made this way decides where the fake's webhooks go.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { Vonage } from '@vonage/server-sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliverWebhook, OutgoingWebhook } from 'vonage-webhook-simulator';
import { createVonageMock, type VonageMock } from 'vonage-webhook-simulator/msw';

const API_KEY = 'a1b2c3d4';
const API_SECRET = 'Secret123';
const DEFAULT_APPLICATION_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';

const vonage = new Vonage({ apiKey: API_KEY, apiSecret: API_SECRET });
// Given where the keys do not matter: the fake then has no RSA pair to generate.
const ownKeys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const keys = { publicKey: ownKeys.publicKey };
const sent: OutgoingWebhook[] = [];
// Webhooks stay in the process: this file checks where the fake sends them, not the sending.
const deliver: DeliverWebhook = async (parts, webhook) => {
  sent.push(webhook);
  return {
    index: 0,
    ok: true,
    outcome: 'accepted',
    code: null,
    status: 204,
    request: { method: parts.method, url: parts.url, event: null },
    response: { status: 204, headers: {}, bodyExcerpt: null, bodyTruncated: false },
    ncco: null,
    attempts: [],
    durationMs: 0,
    error: null,
    nccoIssues: [],
  };
};
let mock: VonageMock;
const msw = setupServer();

beforeAll(() => {
  mock = createVonageMock({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    applicationId: DEFAULT_APPLICATION_ID,
    timeScale: 0,
    deliver,
    webhooks: { statusUrl: 'https://default.test/status', smsDlrUrl: 'https://default.test/dlr' },
  });
  msw.use(...mock.handlers);
  msw.listen({ onUnhandledRequest: 'error' });
});

afterEach(() => {
  mock.reset();
  sent.length = 0;
});

afterAll(async () => {
  msw.close();
  await mock.close();
});

const voiceAndMessages = {
  voice: {
    webhooks: {
      answerUrl: {
        address: 'https://app.test/answer',
        httpMethod: 'GET',
        connectTimeout: 500,
        socketTimeout: 3000,
      },
      eventUrl: { address: 'https://app.test/event', httpMethod: 'POST' },
    },
    signedCallbacks: true,
    conversationsTTL: 48,
  },
  messages: {
    version: 'v1',
    webhooks: {
      inboundUrl: { address: 'https://app.test/inbound', httpMethod: 'POST' },
      statusUrl: { address: 'https://app.test/status', httpMethod: 'POST' },
    },
    authenticateInboundMedia: false,
  },
} as Parameters<typeof vonage.applications.createApplication>[0]['capabilities'];

describe('vonage.applications', () => {
  it('creates an application with a new key pair and gets it back unchanged, without the private key', async () => {
    const created = await vonage.applications.createApplication({
      name: 'SDK app',
      capabilities: voiceAndMessages,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.name).toBe('SDK app');
    expect(created.keys?.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(createPublicKey(created.keys?.publicKey ?? '').asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(created.privacy?.improveAi).toBe(false);
    expect(created.capabilities.voice?.webhooks?.answerUrl).toMatchObject({
      address: 'https://app.test/answer',
      httpMethod: 'GET',
      connectTimeout: 500,
      socketTimeout: 3000,
    });
    // The SDK sends `conversationsTTL` as `conversations_ttl` (Vonage's name), and reads it back as
    // `conversations_ttl` and `conversationsTtl`: the value round-trips, the camelCase name does not.
    expect(JSON.parse(mock.requests[0]?.body ?? '{}').capabilities.voice.conversations_ttl).toBe(48);
    expect(created.capabilities.voice).toMatchObject({ conversations_ttl: 48, conversationsTtl: 48 });
    expect(created.capabilities.messages?.webhooks.statusUrl.address).toBe('https://app.test/status');
    expect(
      mock.requests.map((request) => [request.method, request.url, request.api, request.response.status]),
    ).toEqual([['POST', 'https://api.nexmo.com/v2/applications', 'applications', 201]]);

    const got = await vonage.applications.getApplication(created.id as string);
    expect(got.keys).toEqual({ publicKey: created.keys?.publicKey, public_key: created.keys?.publicKey });
    expect(got.capabilities).toEqual(created.capabilities);
    expect(got.name).toBe('SDK app');
  });

  it('keeps a public key it is given and answers no private key', async () => {
    const created = await vonage.applications.createApplication({
      name: 'Own key',
      keys,
      privacy: { improveAi: true },
      capabilities: {},
    });
    expect(created.keys?.publicKey).toBe(ownKeys.publicKey);
    expect(created.keys?.privateKey).toBeUndefined();
    expect(created.privacy?.improveAi).toBe(true);
  });

  it('lists one page and every page', async () => {
    for (const name of ['one', 'two', 'three']) {
      await vonage.applications.createApplication({ name, keys, capabilities: {} });
    }
    const page = await vonage.applications.listApplications({ pageSize: 2, page: 2 });
    expect(page.totalItems).toBe(4);
    expect(page.totalPages).toBe(2);
    expect(page.pageSize).toBe(2);
    expect(page.page).toBe(2);
    expect(page._embedded.applications.map((application) => application.name)).toEqual(['two', 'three']);
    const all: string[] = [];
    for await (const application of vonage.applications.listAllApplications({ pageSize: 3 })) {
      all.push(application.name);
    }
    expect(all).toEqual(['vws fake application', 'one', 'two', 'three']);
    expect(mock.requests.slice(-2).map((request) => new URL(request.url).search)).toEqual([
      '?page_size=3&page=1',
      '?page_size=3&page=2',
    ]);
  });

  it('updates an application, and a 400 for an invalid one reaches the caller', async () => {
    const created = await vonage.applications.createApplication({
      name: 'Before',
      keys,
      capabilities: voiceAndMessages,
    });
    const updated = await vonage.applications.updateApplication({
      id: created.id as string,
      name: 'After',
      capabilities: {
        rtc: {
          webhooks: { eventUrl: { address: 'https://app.test/rtc', httpMethod: 'POST' } },
          signedCallbacks: true,
          legPersistenceTime: 7,
        },
      },
    });
    expect(updated.name).toBe('After');
    expect(updated.keys?.publicKey).toBe(created.keys?.publicKey);
    expect(updated.capabilities.voice).toBeUndefined();
    expect(updated.capabilities.rtc?.legPersistenceTime).toBe(7);
    expect((await vonage.applications.getApplication(created.id as string)).name).toBe('After');

    const invalid = vonage.applications.updateApplication({
      id: created.id as string,
      name: 'Broken',
      capabilities: { rtc: { legPersistenceTime: 40 } as never },
    });
    await expect(invalid).rejects.toMatchObject({ response: { status: 400 } });
  });

  it('deletes an application, after which getting it is a 404', async () => {
    const created = await vonage.applications.createApplication({
      name: 'Short-lived',
      keys,
      capabilities: {},
    });
    await expect(vonage.applications.deleteApplication(created.id as string)).resolves.toBeUndefined();
    await expect(vonage.applications.getApplication(created.id as string)).rejects.toMatchObject({
      response: { status: 404 },
    });
  });

  it("sends the webhooks of a message sent with the new application's own key to its status URL", async () => {
    const created = await vonage.applications.createApplication({
      name: 'Sender',
      capabilities: voiceAndMessages,
    });
    const asApplication = new Vonage({
      applicationId: created.id as string,
      privateKey: created.keys?.privateKey as string,
    });
    const { messageUUID } = await asApplication.messages.send({
      messageType: 'text',
      channel: 'sms',
      to: '447700900123',
      from: 'Acme',
      text: 'Hi',
    } as Parameters<typeof asApplication.messages.send>[0]);
    expect(messageUUID).toMatch(/^[0-9a-f-]{36}$/);
    await mock.settled();
    const statuses = sent.filter((webhook) => webhook.target === 'messages-status');
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses.map((webhook) => webhook.url))).toEqual(new Set(['https://app.test/status']));
  });
});

describe('vonage.accounts', () => {
  it('updates the SMS callback URLs, and delivery receipts then go to the new one', async () => {
    const settings = await vonage.accounts.updateAccountCallbacks({
      moCallBackUrl: 'https://app.test/inbound-sms',
      drCallBackUrl: 'https://app.test/dlr',
    });
    expect(settings).toEqual({
      'mo-callback-url': 'https://app.test/inbound-sms',
      'dr-callback-url': 'https://app.test/dlr',
      'max-outbound-request': 30,
      'max-inbound-request': 30,
      'max-calls-per-second': 30,
    });
    const request = mock.requests.at(-1);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toMatch(/^Basic /);

    await vonage.sms.send({ to: '447700900123', from: 'Acme', text: 'Hello' });
    await mock.settled();
    const receipts = sent.filter((webhook) => webhook.target === 'sms-delivery-receipt');
    expect(receipts.length).toBeGreaterThan(0);
    expect(new Set(receipts.map((webhook) => webhook.url))).toEqual(new Set(['https://app.test/dlr']));

    const cleared = await vonage.accounts.updateAccountCallbacks({ drCallBackUrl: '' });
    expect(cleared['dr-callback-url']).toBe('');
    expect(cleared['mo-callback-url']).toBe('https://app.test/inbound-sms');
  });

  it('reads the balance', async () => {
    const balance = await vonage.accounts.getBalance();
    expect(balance).toEqual({ value: 10, autoReload: false });
  });
});
