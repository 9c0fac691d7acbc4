// Testing the example app the way you would test yours: the official SDK calls the fake Vonage
// through msw, and the webhooks that follow reach the app's real HTTP server, signed. A second part
// sends the app single webhooks from the fixtures, including deliberately broken signatures.
import { generateKeyPairSync } from 'node:crypto';
import { Vonage } from '@vonage/server-sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generate, negativeSigningModes, toRequest, validateNcco } from 'vonage-webhook-simulator';
import { createVonageMock } from 'vonage-webhook-simulator/msw';
import { createApp } from './app.js';

const credentials = {
  apiKey: 'a1b2c3d4',
  apiSecret: 'Secret123',
  applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
};
const signatureSecret = 'example-signature-secret';

// A throwaway key pair: the SDK signs its API calls with it; the fake reads the claims only.
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const app = createApp({
  vonage: new Vonage({ ...credentials, privateKey }),
  signatureSecret,
  from: '447700900001',
  smsSignatureMethod: 'sha256',
});

/** @type {import('node:http').Server} */
let server;
let baseUrl = '';
/** @type {import('vonage-webhook-simulator/msw').VonageMock} */
let vonage;
const msw = setupServer();

beforeAll(async () => {
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  vonage = createVonageMock({
    ...credentials,
    signatureSecret,
    smsSignatureMethod: 'sha256',
    webhooks: {
      smsDlrUrl: `${baseUrl}/webhooks/delivery-receipt`,
      smsInboundUrl: `${baseUrl}/webhooks/inbound-sms`,
      statusUrl: `${baseUrl}/webhooks/status`,
      inboundUrl: `${baseUrl}/webhooks/inbound`,
      answerUrl: `${baseUrl}/webhooks/answer`,
    },
  });
  msw.use(...vonage.handlers);
  // Requests to the app itself (127.0.0.1) go through untouched.
  msw.listen({ onUnhandledRequest: 'bypass' });
});

afterEach(() => {
  vonage.reset();
  app.locals.webhooks.length = 0;
});

afterAll(async () => {
  msw.close();
  await vonage.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * @param {string} path
 * @param {unknown} body
 */
async function post(path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** @param {string} path */
const received = (path) => app.locals.webhooks.filter((webhook) => webhook.path === path);

describe('the example app against the fake Vonage', () => {
  it('gets a signed delivery receipt for the SMS it sent', async () => {
    const { body } = await post('/send-sms', { to: '447700900123', text: 'Your code is 1234' });
    await vonage.settled();

    const [receipt] = received('/webhooks/delivery-receipt');
    expect(receipt?.rejected).toBeNull();
    expect(receipt?.params).toMatchObject({ messageId: body.messageIds[0], status: 'delivered' });
  });

  it('answers the call it placed with an NCCO and follows the call to completed', async () => {
    const { body } = await post('/call', { to: '447700900123' });
    await vonage.settled();

    const answer = vonage.deliveries.find((delivery) => delivery.target === 'voice-answer');
    expect(answer?.result?.ok).toBe(true);
    const statuses = received('/webhooks/event').map((event) => event.params.status);
    expect(statuses.at(-1)).toBe('completed');
    expect(received('/webhooks/event').every((event) => event.params.uuid === body.uuid)).toBe(true);
  });

  it('receives an inbound SMS and an inbound WhatsApp message', async () => {
    vonage.pushInboundSms({ from: '447700900555', text: 'STOP' });
    vonage.pushInboundMessage('whatsapp', { from: '447700900556', text: 'Hello?' });
    await vonage.settled();

    expect(received('/webhooks/inbound-sms')[0]?.params).toMatchObject({
      msisdn: '447700900555',
      text: 'STOP',
    });
    expect(received('/webhooks/inbound')[0]?.params).toMatchObject({ channel: 'whatsapp', text: 'Hello?' });
  });
});

describe('the example app with single webhooks from the fixtures', () => {
  it('returns a valid NCCO to an answer request', async () => {
    const payload = generate('voice.answer.inbound', { seed: 7 });
    const response = await fetch(
      toRequest(
        { name: 'voice.answer.inbound', payload },
        { url: `${baseUrl}/webhooks/answer`, signatureSecret, apiKey: credentials.apiKey },
      ),
    );
    expect(response.status).toBe(200);
    expect(validateNcco(await response.json()).valid).toBe(true);
  });

  it.each(negativeSigningModes)('refuses a message status signed %s', async (signingMode) => {
    const payload = generate('messages.status.read', { seed: 7 });
    const response = await fetch(
      toRequest(
        { name: 'messages.status.read', payload },
        { url: `${baseUrl}/webhooks/status`, signatureSecret, apiKey: credentials.apiKey, signingMode },
      ),
    );
    expect(response.status).toBe(401);
  });
});
