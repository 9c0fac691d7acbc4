// An example Vonage webhook receiver, written the way Vonage's guides do it: the official SDK
// helpers check the signatures, and the JWT's payload_hash is compared with the SHA-256 of the body
// (https://developer.vonage.com/messages/concepts/signed-webhooks). `vws contract` runs against it.
//
// `mode` makes the same app into the broken receivers real projects ship, for the contract suite:
//   correct              verifies everything (the app to copy)
//   ignore-payload-hash  checks the JWT signature but not payload_hash (a common mistake)
//   no-verification      checks nothing
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { verifySignature } from '@vonage/jwt';
import { SMS } from '@vonage/sms';

/** The modes `createReceiver` (and `server.js --mode`, `npm start -- <mode>`) accepts. */
export const receiverModes = ['correct', 'ignore-payload-hash', 'no-verification'];

const MAX_AGE_SECONDS = 300;
const smsAlgorithms = {
  md5hash: 'MD5HASH',
  md5: 'MD5HMAC',
  sha1: 'SHA1HMAC',
  sha256: 'SHA256HMAC',
  sha512: 'SHA512HMAC',
};

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseParams(request, url, body) {
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) return JSON.parse(body || '{}');
  if (type.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(body));
  return Object.fromEntries(url.searchParams);
}

function jwtIsValid(request, params, options) {
  if (options.mode === 'no-verification') return true;
  const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
  if (!token || !verifySignature(token, options.signatureSecret)) return false;
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  if (Math.abs(Date.now() / 1000 - claims.iat) > MAX_AGE_SECONDS) return false;
  if (options.mode === 'ignore-payload-hash') return true;
  // Vonage's Node snippet: sha256 of the re-serialised query + body.
  const hash = createHash('sha256').update(JSON.stringify(params)).digest('hex');
  return request.method === 'GET' || hash === claims.payload_hash;
}

function smsSignatureIsValid(params, options) {
  if (options.mode === 'no-verification') return true;
  if (typeof params.sig !== 'string' || typeof params.timestamp !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - Number(params.timestamp)) > MAX_AGE_SECONDS) return false;
  const sms = new SMS({ apiKey: 'unused', apiSecret: 'unused' });
  return sms.verifySignature(
    params.sig,
    params,
    options.signatureSecret,
    smsAlgorithms[options.smsSignatureMethod],
  );
}

const json = (response, status, value) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
};

/**
 * Creates the example app: an `http.Server`, not yet listening.
 * @param {{ signatureSecret: string, smsSignatureMethod?: keyof typeof smsAlgorithms, mode?: string }} options
 */
export function createReceiver(options) {
  const settings = { smsSignatureMethod: 'sha256', mode: 'correct', ...options };
  if (!receiverModes.includes(settings.mode)) {
    // An unknown mode would otherwise run as some other receiver under the wrong name.
    throw new TypeError(`Unknown receiver mode "${settings.mode}". Use one of: ${receiverModes.join(', ')}.`);
  }
  const received = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://receiver.local');
    const body = await readBody(request);
    let params;
    try {
      params = parseParams(request, url, body);
    } catch {
      return json(response, 400, { error: 'malformed body' });
    }
    received.push({ path: url.pathname, params });
    switch (url.pathname) {
      case '/webhooks/inbound-sms':
      case '/webhooks/delivery-receipt':
        if (!smsSignatureIsValid(params, settings)) return json(response, 401, { error: 'bad signature' });
        response.writeHead(204).end();
        return;
      case '/webhooks/answer':
        if (!jwtIsValid(request, params, settings)) return json(response, 401, { error: 'bad signature' });
        return json(response, 200, [
          { action: 'talk', text: 'Thanks for calling. Leave a message after the tone.' },
          {
            action: 'record',
            beepStart: true,
            endOnSilence: 3,
            eventUrl: ['https://example.test/webhooks/recording'],
          },
        ]);
      case '/webhooks/event':
      case '/webhooks/inbound':
      case '/webhooks/status':
        if (!jwtIsValid(request, params, settings)) return json(response, 401, { error: 'bad signature' });
        response.writeHead(200).end();
        return;
      default:
        return json(response, 404, { error: 'no such route' });
    }
  });
  return Object.assign(server, { received });
}
