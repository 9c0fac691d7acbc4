// A small Vonage app, the kind the simulator is for: it sends SMS, places calls and sends messages
// through the official SDK (@vonage/server-sdk), and receives the webhooks that follow, checking
// every signature the way Vonage's guides say:
//   - Voice and Messages webhooks carry a JWT signed with the account's signature secret (HS256);
//     its payload_hash is the SHA-256 of the exact body and its iat must be recent
//     (https://developer.vonage.com/en/getting-started/concepts/signing-messages).
//   - SMS API webhooks carry a `sig` parameter when the account signs them
//     (https://developer.vonage.com/en/messaging/sms/guides/signing-messages).
// Nothing in it knows about the simulator: tests point the SDK at a fake (msw, or `vws serve` with the
// routing preload) and the fake's webhooks arrive here like Vonage's.
import { createHash } from 'node:crypto';
import { verifySignature } from '@vonage/jwt';
import express from 'express';

const MAX_AGE_SECONDS = 300;

// The SDK's names of the dashboard's SMS signature methods.
const smsAlgorithms = {
  md5hash: 'MD5HASH',
  md5: 'MD5HMAC',
  sha1: 'SHA1HMAC',
  sha256: 'SHA256HMAC',
  sha512: 'SHA512HMAC',
};

/**
 * @typedef {object} AppOptions
 * @property {import('@vonage/server-sdk').Vonage} vonage the SDK client (`new Vonage({ apiKey, apiSecret, applicationId, privateKey })`)
 * @property {string} signatureSecret the account's signature secret (dashboard, API settings)
 * @property {string} from the number (or sender id) to send from
 * @property {keyof typeof smsAlgorithms} [smsSignatureMethod] set when the account signs SMS webhooks
 * @property {string} [publicUrl] where Vonage reaches this app; by default the host the request came to
 */

/**
 * @typedef {object} ReceivedWebhook
 * @property {string} path
 * @property {string} method
 * @property {Record<string, unknown>} params the JSON body, the form fields or the query
 * @property {string | null} rejected why the signature check failed, `null` when it passed
 */

/** @param {string} text */
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/**
 * Checks a signed Voice or Messages webhook; returns why it fails, or `null`.
 * @param {import('express').Request & { rawBody?: string }} request
 * @param {string} secret
 */
function checkJwt(request, secret) {
  const token = (request.get('authorization') ?? '').replace(/^Bearer /, '');
  if (token === '' || !verifySignature(token, secret)) return 'bad JWT signature';
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  if (Math.abs(Date.now() / 1000 - claims.iat) > MAX_AGE_SECONDS) return 'stale JWT';
  // A GET has no body: the hash is the SHA-256 of the empty string.
  if (sha256(request.rawBody ?? '') !== claims.payload_hash) return 'payload_hash mismatch';
  return null;
}

/**
 * Creates the app (an Express application, not yet listening). What it received is in
 * `app.locals.webhooks`, also served at `GET /received`.
 * @param {AppOptions} options
 */
export function createApp(options) {
  const { vonage, signatureSecret, from } = options;
  /** @type {ReceivedWebhook[]} */
  const webhooks = [];
  const app = express();
  app.locals.webhooks = webhooks;

  // Keep the exact body: signatures are over the bytes Vonage sent, not a re-serialisation.
  /** @type {(request: any, _response: unknown, buffer: Buffer) => void} */
  const keepRawBody = (request, _response, buffer) => {
    request.rawBody = buffer.toString('utf8');
  };
  app.use(express.json({ verify: keepRawBody }));
  app.use(express.urlencoded({ extended: false, verify: keepRawBody }));

  /** @param {import('express').Request} request */
  const baseUrl = (request) => options.publicUrl ?? `${request.protocol}://${request.get('host')}`;

  /** @param {import('express').Request} request */
  const paramsOf = (request) =>
    request.method === 'GET' ? { ...request.query } : { ...(request.body ?? {}) };

  /**
   * Records a webhook and tells whether it may be trusted.
   * @param {import('express').Request} request
   * @param {string | null} rejected
   */
  const record = (request, rejected) => {
    webhooks.push({ path: request.path, method: request.method, params: paramsOf(request), rejected });
    return rejected === null;
  };

  /** @param {import('express').Request} request */
  const checkSms = (request) => {
    if (options.smsSignatureMethod === undefined) return null;
    const params = paramsOf(request);
    if (typeof params.sig !== 'string') return 'unsigned SMS webhook';
    if (Math.abs(Date.now() / 1000 - Number(params.timestamp)) > MAX_AGE_SECONDS) return 'stale sig';
    const valid = vonage.sms.verifySignature(
      params.sig,
      params,
      signatureSecret,
      smsAlgorithms[options.smsSignatureMethod],
    );
    return valid ? null : 'bad sig';
  };

  // ---- calls into Vonage ----

  app.post('/send-sms', async (request, response) => {
    const { to, text } = request.body;
    const result = await vonage.sms.send({ to, from, text });
    response.json({ messageIds: result.messages.map((message) => message.messageId) });
  });

  app.post('/call', async (request, response) => {
    const base = baseUrl(request);
    const call = await vonage.voice.createOutboundCall({
      to: [{ type: 'phone', number: request.body.to }],
      from: { type: 'phone', number: from },
      answerUrl: [`${base}/webhooks/answer`],
      eventUrl: [`${base}/webhooks/event`],
    });
    response.json({ uuid: call.uuid, conversationUuid: call.conversationUUID });
  });

  app.post('/send-message', async (request, response) => {
    const { to, text, channel = 'whatsapp' } = request.body;
    const result = await vonage.messages.send({ messageType: 'text', channel, to, from, text });
    response.json({ messageUuid: result.messageUUID });
  });

  // ---- webhooks from Vonage ----

  for (const path of ['/webhooks/delivery-receipt', '/webhooks/inbound-sms']) {
    app.all(path, (request, response) => {
      response.status(record(request, checkSms(request)) ? 204 : 401).end();
    });
  }

  app.all(['/webhooks/answer', '/webhooks/fallback'], (request, response) => {
    if (!record(request, checkJwt(request, signatureSecret))) return void response.status(401).end();
    response.json([{ action: 'talk', text: 'Hello from the example app. Goodbye.' }]);
  });

  for (const path of ['/webhooks/event', '/webhooks/status', '/webhooks/inbound']) {
    app.all(path, (request, response) => {
      response.status(record(request, checkJwt(request, signatureSecret)) ? 204 : 401).end();
    });
  }

  app.get('/received', (_request, response) => {
    response.json(webhooks);
  });

  // The SDK throws for Vonage's error answers: pass them on with Vonage's status and body.
  /** @type {import('express').ErrorRequestHandler} */
  const onError = (error, _request, response, _next) => {
    const status = error.response?.status ?? 500;
    response.status(status >= 400 ? status : 500).json({ error: String(error.message ?? error) });
  };
  app.use(onError);
  return app;
}
