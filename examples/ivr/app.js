// A small phone menu (IVR), written the way Vonage's Voice guides write one: the answer URL returns
// an NCCO that greets the caller and asks for a key; the `input` action's eventUrl gets the key and
// answers the next NCCO (https://developer.vonage.com/en/voice/voice-api/guides/dtmf,
// https://developer.vonage.com/en/voice/voice-api/ncco-reference):
//   1        leave a message: talk, record (ends on 3 s of silence, beep first), talk goodbye
//   2        talk, then connect to an agent's phone (rings 20 s); when the agent's leg fails (busy,
//            no answer...) its event is answered with: all agents are busy, record a voicemail, goodbye
//   other    (or no key within 5 s) sorry, goodbye; the flow runs out and Vonage hangs up
// Every webhook carries a JWT signed with the account's signature secret; the app checks it as
// examples/app does (https://developer.vonage.com/en/getting-started/concepts/signing-messages).
// What it receives stays in memory (`app.locals`) for tests; nothing in it knows about the simulator.
import { createHash } from 'node:crypto';
import { verifySignature } from '@vonage/jwt';
import express from 'express';

const MAX_AGE_SECONDS = 300;

// The statuses that end a connect's leg before anyone answers
// (https://developer.vonage.com/en/voice/voice-api/webhook-reference#event-webhook).
const agentFailures = new Set(['busy', 'timeout', 'unanswered', 'failed', 'rejected', 'cancelled']);

/** What Vonage says, by step: tests and the README compare transcripts against these. */
export const prompts = {
  welcome: 'Welcome to Acme Support. Press 1 to leave a message, or 2 to speak to an agent.',
  leaveMessage: 'Please leave a message after the tone.',
  thanks: 'Thank you, we will call you back. Goodbye.',
  connecting: 'Connecting you to an agent.',
  agentsBusy: 'All our agents are busy. Please leave a message after the tone.',
  sorry: 'Sorry, I did not get that. Goodbye.',
};

/**
 * @typedef {object} IvrOptions
 * @property {string} signatureSecret the account's signature secret (dashboard, API settings)
 * @property {string} agentNumber the agent's phone number (E.164 without `+`) that option 2 connects to
 * @property {string} [from] the Vonage number the agent's leg comes from; by default the number the caller called
 * @property {string} [publicUrl] where Vonage reaches this app; by default the host the request came to
 */

/**
 * @typedef {object} ReceivedWebhook
 * @property {string} path
 * @property {string} method
 * @property {Record<string, unknown>} params the JSON body, or the query of a GET
 * @property {string | null} rejected why the signature check failed, `null` when it passed
 */

/**
 * @typedef {object} Recording
 * @property {string} conversationUuid
 * @property {string} recordingUuid
 * @property {string} url where to download it (with an application JWT)
 */

/** @param {string} text */
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/**
 * Checks a signed Voice webhook; returns why it fails, or `null`.
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
 * Talk, record a message after the tone, say goodbye.
 * @param {string} base
 * @param {string} prompt
 */
const takeMessage = (base, prompt) => [
  { action: 'talk', text: prompt },
  { action: 'record', endOnSilence: 3, beepStart: true, eventUrl: [`${base}/ivr/recording`] },
  { action: 'talk', text: prompts.thanks },
];

/**
 * The NCCO that answers the menu's input: 1 takes a message, 2 connects to the agent, any other key
 * (or none) says sorry.
 * @param {string} digits the keys the caller pressed, `''` when none
 * @param {string} base where Vonage reaches this app
 * @param {string | undefined} from the number the agent's leg comes from
 * @param {string} agentNumber
 */
function toMenuNcco(digits, base, from, agentNumber) {
  if (digits === '1') return takeMessage(base, prompts.leaveMessage);
  if (digits === '2') {
    return [
      { action: 'talk', text: prompts.connecting },
      {
        action: 'connect',
        from,
        endpoint: [{ type: 'phone', number: agentNumber }],
        timeout: 20,
        // Synchronous: the agent leg's failure event is answered with the voicemail NCCO below
        // (https://developer.vonage.com/en/voice/voice-api/ncco-reference#connect). Actions placed
        // after a plain connect would also play once an agent who did answer hangs up.
        eventType: 'synchronous',
        eventUrl: [`${base}/ivr/agent-events`],
      },
    ];
  }
  return [{ action: 'talk', text: prompts.sorry }];
}

/**
 * Creates the IVR app (an Express application, not yet listening). What it received is in
 * `app.locals.webhooks` (every webhook, refused ones too) and `app.locals.recordings`, also served
 * at `GET /ivr/received`.
 * @param {IvrOptions} options
 */
export function createIvrApp(options) {
  const { signatureSecret, agentNumber } = options;
  /** @type {ReceivedWebhook[]} */
  const webhooks = [];
  /** @type {Recording[]} */
  const recordings = [];
  const app = express();
  app.locals.webhooks = webhooks;
  app.locals.recordings = recordings;

  // Keep the exact body: the JWT's payload_hash is over the bytes Vonage sent.
  /** @type {(request: any, _response: unknown, buffer: Buffer) => void} */
  const keepRawBody = (request, _response, buffer) => {
    request.rawBody = buffer.toString('utf8');
  };
  app.use(express.json({ verify: keepRawBody }));

  /** @param {import('express').Request} request */
  const baseUrl = (request) => options.publicUrl ?? `${request.protocol}://${request.get('host')}`;

  /**
   * Records a webhook; answers 401 and returns `null` when its signature fails, else its params.
   * @param {import('express').Request} request
   * @param {import('express').Response} response
   * @returns {Record<string, any> | null}
   */
  const receive = (request, response) => {
    const params = request.method === 'GET' ? { ...request.query } : { ...(request.body ?? {}) };
    const rejected = checkJwt(request, signatureSecret);
    webhooks.push({ path: request.path, method: request.method, params, rejected });
    if (rejected === null) return params;
    response.status(401).end();
    return null;
  };

  // The answer URL: Vonage's default method is GET, an application may set POST.
  /** @type {import('express').RequestHandler} */
  const answer = (request, response) => {
    if (receive(request, response) === null) return;
    response.json([
      { action: 'talk', text: prompts.welcome, bargeIn: true },
      {
        action: 'input',
        type: ['dtmf'],
        dtmf: { maxDigits: 1, timeOut: 5 },
        eventUrl: [`${baseUrl(request)}/ivr/menu`],
      },
    ]);
  };
  app.get('/ivr/answer', answer);
  app.post('/ivr/answer', answer);

  // The input's result: the NCCO it answers replaces the rest of the call's.
  app.post('/ivr/menu', (request, response) => {
    const params = receive(request, response);
    if (params === null) return;
    const digits = params.dtmf?.digits ?? '';
    response.json(toMenuNcco(digits, baseUrl(request), options.from ?? params.to, agentNumber));
  });

  // The agent leg's events: started, ringing, then answered and completed, or a failure status,
  // answered with the NCCO that replaces the rest of the call's.
  app.post('/ivr/agent-events', (request, response) => {
    const params = receive(request, response);
    if (params === null) return;
    if (!agentFailures.has(params.status)) return void response.status(204).end();
    response.json(takeMessage(baseUrl(request), prompts.agentsBusy));
  });

  app.post('/ivr/recording', (request, response) => {
    const params = receive(request, response);
    if (params === null) return;
    recordings.push({
      conversationUuid: params.conversation_uuid,
      recordingUuid: params.recording_uuid,
      url: params.recording_url,
    });
    response.status(204).end();
  });

  // The call's own events (started, ringing, answered, completed...).
  app.post('/ivr/events', (request, response) => {
    if (receive(request, response) === null) return;
    response.status(204).end();
  });

  app.get('/ivr/received', (_request, response) => {
    response.json({ webhooks, recordings });
  });
  return app;
}
