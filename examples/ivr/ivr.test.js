// Testing the IVR the way you would test yours: the fake Vonage places calls into the app's real
// HTTP server, signs every webhook, plays the caller (and the agent) from a script, and runs on a
// manual clock, so a minute-long call takes only the app's own time. Each test says what the caller
// does and checks what the app received and what Vonage said, in order.
import { generateKeyPairSync } from 'node:crypto';
import { tokenGenerate } from '@vonage/jwt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeVonage, toTranscriptText } from 'vonage-webhook-simulator';
import { createIvrApp, prompts } from './app.js';

const signatureSecret = 'ivr-signature-secret';
const applicationId = 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab';
const agentNumber = '447700900100';
const refDate = '2026-01-01T09:00:00Z';

// A throwaway key pair: recordings are downloaded with an application JWT signed by it.
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const app = createIvrApp({ signatureSecret, agentNumber });

/** @type {import('node:http').Server} */
let server;
let baseUrl = '';
/** @type {import('vonage-webhook-simulator').FakeVonage[]} */
const fakes = [];

beforeAll(async () => {
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
});

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((vonage) => vonage.close()));
  app.locals.webhooks.length = 0;
  app.locals.recordings.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * A fake Vonage on a manual clock whose application sends calls to the IVR.
 * @param {{ seed?: number, agent?: string[], secret?: string }} [options] `agent`: what the agent does when rung
 */
function createVonage(options = {}) {
  const vonage = createFakeVonage({
    clock: 'manual',
    seed: options.seed ?? 7,
    refDate,
    signatureSecret: options.secret ?? signatureSecret,
    applicationId,
    webhooks: { answerUrl: `${baseUrl}/ivr/answer`, eventUrl: `${baseUrl}/ivr/events` },
    ...(options.agent === undefined ? {} : { endUsers: { [agentNumber]: options.agent } }),
  });
  fakes.push(vonage);
  return vonage;
}

/**
 * Places a call whose caller follows `caller`, runs it to its end, and checks that the app trusted
 * every webhook (their JWTs verified).
 * @param {string[]} caller
 * @param {{ seed?: number, agent?: string[] }} [options]
 */
async function placeCall(caller, options) {
  const vonage = createVonage(options);
  const call = vonage.pushIncomingCall({ caller });
  await vonage.runUntilIdle();
  expect(call.error).toBeNull();
  expect(app.locals.webhooks.filter((webhook) => webhook.rejected !== null)).toEqual([]);
  return { vonage, call };
}

/** @param {string} path */
const received = (path) => app.locals.webhooks.filter((webhook) => webhook.path === path);
/** @param {string} path */
const statuses = (path) => received(path).map((webhook) => webhook.params.status);
/** @param {string} path */
const completed = (path) => received(path).find((webhook) => webhook.params.status === 'completed')?.params;

/**
 * What Vonage said on the call, in order.
 * @param {import('vonage-webhook-simulator').Lifecycle} call
 */
const said = (call) =>
  call.transcript.flatMap((entry) => (entry.kind === 'said' && entry.via === 'talk' ? [entry.text] : []));

/**
 * How a leg of the call ended.
 * @param {import('vonage-webhook-simulator').Lifecycle} call
 * @param {string} leg
 */
const endOf = (call, leg) => call.transcript.find((entry) => entry.kind === 'end' && entry.leg === leg);

describe('the IVR through the fake Vonage', () => {
  it('takes a message when the caller presses 1, and the recording can be downloaded', async () => {
    const { vonage, call } = await placeCall(['press 1', 'say "please call me back"']);

    expect(received('/ivr/answer')).toHaveLength(1);
    expect(received('/ivr/menu').map((webhook) => webhook.params.dtmf)).toEqual([
      { digits: '1', timed_out: false },
    ]);
    expect(said(call)).toEqual([prompts.welcome, prompts.leaveMessage, prompts.thanks]);
    expect(call.transcript).toContainEqual(expect.objectContaining({ kind: 'said', via: 'beep' }));

    const [recording] = app.locals.recordings;
    expect(app.locals.recordings).toHaveLength(1);
    expect(recording.url).toMatch(/^https:\/\/api\.nexmo\.com\/v1\/files\/[0-9a-f-]{36}$/);
    expect(recording.conversationUuid).toBe(received('/ivr/answer')[0]?.params.conversation_uuid);

    // Downloading it needs an application JWT, as on Vonage.
    const download = (/** @type {Record<string, string>} */ headers) =>
      vonage.handle(new Request(recording.url, { headers }));
    expect((await download({}))?.status).toBe(401);
    const audio = await download({ authorization: `Bearer ${tokenGenerate(applicationId, privateKey)}` });
    expect(audio?.status).toBe(200);
    expect(audio?.headers.get('content-type')).toBe('audio/mpeg');
    expect((await audio?.arrayBuffer())?.byteLength).toBeGreaterThan(0);

    expect(statuses('/ivr/events')).toEqual(['started', 'ringing', 'answered', 'completed']);
    expect(completed('/ivr/events')?.disconnected_by).toBe('platform');
  });

  it('connects the caller to the agent when they press 2, until the caller hangs up', async () => {
    const { call } = await placeCall(['press 2', 'wait 30s', 'hang up'], {
      agent: ['answer', 'wait 300s', 'hang up'],
    });

    expect(received('/ivr/menu')[0]?.params.dtmf).toEqual({ digits: '2', timed_out: false });
    expect(said(call)).toEqual([prompts.welcome, prompts.connecting]);
    expect(statuses('/ivr/agent-events')).toEqual(['started', 'ringing', 'answered', 'completed']);

    const caller = received('/ivr/answer')[0]?.params;
    const agentLeg = completed('/ivr/agent-events');
    expect(agentLeg).toMatchObject({
      to: agentNumber,
      from: caller?.to,
      conversation_uuid: caller?.conversation_uuid,
      disconnected_by: 'platform',
    });
    expect(agentLeg?.uuid).not.toBe(caller?.uuid);
    expect(completed('/ivr/events')?.disconnected_by).toBe('user');
    expect(endOf(call, 'A')).toMatchObject({ reason: 'the caller hung up', disconnectedBy: 'user' });
    expect(app.locals.recordings).toEqual([]);
  });

  it('ends the call, with no busy message, when the agent hangs up first', async () => {
    const { call } = await placeCall(['press 2'], { agent: ['answer', 'wait 10s', 'hang up'] });

    expect(said(call)).toEqual([prompts.welcome, prompts.connecting]);
    expect(completed('/ivr/agent-events')?.disconnected_by).toBe('user');
    expect(completed('/ivr/events')?.disconnected_by).toBe('platform');
    expect(app.locals.recordings).toEqual([]);
  });

  it.each([
    ['busy', 'busy'],
    ['no answer', 'timeout'],
  ])('hears at /ivr/agent-events when the agent is %s (status %s)', async (agent, status) => {
    await placeCall(['press 2'], { agent: [agent] });

    expect(statuses('/ivr/agent-events')).toEqual(['started', 'ringing', status]);
  });

  // A synchronous connect reads the NCCO its failure event answers (reference run-time.md#action-by-action).
  it('plays the busy message and takes a voicemail when the agent is busy', async () => {
    const { call } = await placeCall(['press 2', 'say "it is about my order"'], { agent: ['busy'] });

    expect(said(call)).toEqual([prompts.welcome, prompts.connecting, prompts.agentsBusy, prompts.thanks]);
    expect(app.locals.recordings).toHaveLength(1);
  });

  it('says sorry and hangs up when the caller presses 9', async () => {
    const { call } = await placeCall(['press 9']);

    expect(received('/ivr/menu')[0]?.params.dtmf).toEqual({ digits: '9', timed_out: false });
    expect(said(call)).toEqual([prompts.welcome, prompts.sorry]);
    expect(received('/ivr/agent-events')).toEqual([]);
    expect(completed('/ivr/events')?.disconnected_by).toBe('platform');
    expect(endOf(call, 'A')).toMatchObject({ reason: 'the NCCO ran out' });
  });

  it('says sorry and hangs up when the caller presses nothing', async () => {
    const { call } = await placeCall(['silence']);

    expect(received('/ivr/menu')[0]?.params.dtmf).toEqual({ digits: null, timed_out: true });
    expect(said(call)).toEqual([prompts.welcome, prompts.sorry]);
    // Nobody barged in: the whole welcome played.
    expect(call.transcript.find((entry) => entry.kind === 'said')).not.toHaveProperty('interrupted');
    expect(completed('/ivr/events')?.disconnected_by).toBe('platform');
  });

  it('stops when the caller hangs up during the welcome', async () => {
    const { call } = await placeCall(['wait 2s', 'hang up']);

    expect(received('/ivr/menu')).toEqual([]);
    expect(said(call)).toEqual([prompts.welcome]);
    expect(statuses('/ivr/events')).toEqual(['started', 'ringing', 'answered', 'completed']);
    expect(completed('/ivr/events')?.disconnected_by).toBe('user');
    expect(endOf(call, 'A')).toMatchObject({ reason: 'the caller hung up', disconnectedBy: 'user' });
  });

  it('refuses webhooks signed with another secret, so Vonage cannot answer the call', async () => {
    const vonage = createVonage({ secret: 'not-the-account-secret' });
    const call = vonage.pushIncomingCall({ caller: ['press 1'] });
    await vonage.runUntilIdle();

    expect(received('/ivr/answer')).toMatchObject([{ rejected: 'bad JWT signature' }]);
    expect(app.locals.webhooks.every((webhook) => webhook.rejected !== null)).toBe(true);
    expect(said(call)).toEqual([]);
    expect(endOf(call, 'A')).toMatchObject({ duration: 0, disconnectedBy: 'platform' });
  });
});

describe('the virtual clock', () => {
  it('moves only when told: two seconds in, the welcome is still playing', async () => {
    const vonage = createVonage();
    const call = vonage.pushIncomingCall({ caller: ['wait 4s', 'press 9'] });

    await vonage.advance(2000);
    expect(vonage.now()).toBe(2000);
    expect(said(call)).toEqual([prompts.welcome]);
    expect(statuses('/ivr/events')).toEqual(['started', 'ringing', 'answered']);
    expect(received('/ivr/menu')).toEqual([]);

    await vonage.advance(4000);
    expect(received('/ivr/menu')[0]?.params.dtmf).toEqual({ digits: '9', timed_out: false });
    expect(statuses('/ivr/events')).not.toContain('completed');

    await vonage.runUntilIdle();
    expect(said(call)).toEqual([prompts.welcome, prompts.sorry]);
    expect(statuses('/ivr/events').at(-1)).toBe('completed');
  });

  it('runs a call of more than a minute without waiting for it', async () => {
    const { vonage } = await placeCall(['press 2', 'wait 60s', 'hang up'], {
      agent: ['answer', 'wait 300s', 'hang up'],
    });

    expect(vonage.now()).toBeGreaterThanOrEqual(60_000);
    const end = completed('/ivr/events');
    expect(Number(end?.duration)).toBeGreaterThanOrEqual(60);
    // Payload times are refDate plus the call's virtual time.
    expect(Date.parse(String(end?.end_time)) - Date.parse(refDate)).toBeGreaterThanOrEqual(60_000);
  });

  it('gives the same transcript for the same seed', async () => {
    const caller = ['press 1', 'say "please call me back"'];
    const first = await placeCall(caller, { seed: 42 });
    const second = await placeCall(caller, { seed: 42 });

    expect(toTranscriptText(second.call.transcript)).toBe(toTranscriptText(first.call.transcript));
    expect(second.call.transcript).toEqual(first.call.transcript);
    const [one, two] = app.locals.recordings;
    expect(two?.url).toBe(one?.url);
  });
});
