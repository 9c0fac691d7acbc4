// Call flows, NCCO action by action, against a loopback app through the public entry on a manual
// clock. Each test cites the row of docs/reference/run-time.md (reference run-time.md#…) or, where
// the reference says Unknown, the choice of docs/decisions/107 it checks.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeVonage,
  type FakeVonage,
  type FakeVonageOptions,
  type Lifecycle,
  type TranscriptEntry,
  toTranscriptText,
} from 'vonage-webhook-simulator';
import {
  type AppRoute,
  appJwt,
  type NccoApp,
  startNccoApp,
  TEST_APPLICATION_ID,
} from './support/ncco-app.js';

const SEED = 7;
const REF_DATE = '2026-01-01T00:00:00.000Z';
const CALLEE = '447700900002';
const CALLEE_2 = '447700900003';

const fakes: FakeVonage[] = [];
const apps: NccoApp[] = [];

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((each) => each.close()));
  await Promise.all(apps.splice(0).map((each) => each.close()));
});

interface Flow {
  readonly app: NccoApp;
  readonly vonage: FakeVonage;
}

/** A loopback app answering `routes` and a manual-clock fake pointed at it. */
async function startFlow(
  routes: Readonly<Record<string, AppRoute>>,
  options: { endUsers?: FakeVonageOptions['endUsers'] } = {},
): Promise<Flow> {
  const app = await startNccoApp(routes);
  apps.push(app);
  const vonage = createFakeVonage({
    clock: 'manual',
    seed: SEED,
    refDate: REF_DATE,
    applicationId: TEST_APPLICATION_ID,
    webhooks: { answerUrl: app.url('/answer'), eventUrl: app.url('/event') },
    ...(options.endUsers === undefined ? {} : { endUsers: options.endUsers }),
  });
  fakes.push(vonage);
  return { app, vonage };
}

/** An inbound call answered with `ncco`, run to its end. */
async function runInbound(
  ncco: readonly unknown[] | ((app: NccoApp) => readonly unknown[]),
  caller: readonly string[] = [],
): Promise<Flow & { call: Lifecycle; text: string }> {
  const flow = await startFlow({});
  flow.app.on('/answer', typeof ncco === 'function' ? ncco(flow.app) : ncco);
  const call = flow.vonage.pushIncomingCall({ caller });
  await flow.vonage.runUntilIdle();
  expect(call.error).toBeNull();
  return { ...flow, call, text: toTranscriptText(call.transcript) };
}

type Entry<TKind extends TranscriptEntry['kind']> = Extract<TranscriptEntry, { kind: TKind }>;

const entries = <TKind extends TranscriptEntry['kind']>(
  transcript: readonly TranscriptEntry[],
  kind: TKind,
): Entry<TKind>[] => transcript.filter((entry): entry is Entry<TKind> => entry.kind === kind);

/** The transcript line of the first webhook of `event` (on leg `leg`); fails the test when none. */
function webhook(transcript: readonly TranscriptEntry[], event: string, leg = 'A'): Entry<'webhook'> {
  const found = entries(transcript, 'webhook').find((entry) => entry.event === event && entry.leg === leg);
  if (found === undefined) {
    throw new Error(`no ${event} on leg ${leg} in:\n${toTranscriptText(transcript)}`);
  }
  return found;
}

/** The first line that says `text`. */
function saying(transcript: readonly TranscriptEntry[], text: string): Entry<'said'> {
  const found = entries(transcript, 'said').find((entry) => entry.text === text);
  if (found === undefined) throw new Error(`"${text}" was not said in:\n${toTranscriptText(transcript)}`);
  return found;
}

const saidTexts = (transcript: readonly TranscriptEntry[]) =>
  entries(transcript, 'said').map((entry) => entry.text);

/** When the `input`/`record`/... action started (its transcript line). */
function actionAt(transcript: readonly TranscriptEntry[], action: string, leg = 'A'): number {
  const found = entries(transcript, 'action').find((entry) => entry.action === action && entry.leg === leg);
  if (found === undefined) throw new Error(`no ${action} in:\n${toTranscriptText(transcript)}`);
  return found.atMs;
}

const statusesOf = (bodies: readonly Record<string, unknown>[]) => bodies.map((body) => body.status);

/** The `completed` event the app received at `path`. */
function completedAt(app: NccoApp, path = '/event'): Record<string, unknown> {
  const found = app.bodies(path).find((body) => body.status === 'completed');
  if (found === undefined) throw new Error(`no completed at ${path}`);
  return found;
}

const words = (count: number) => Array.from({ length: count }, (_, index) => `word${index}`).join(' ');

describe('talk (reference run-time.md#action-by-action talk; rate reference run-time.md#tts-duration: 0.4 s a word, 0.3 s a comma, SSML break)', () => {
  it('speaks 0.4 s a word before the next action runs', async () => {
    const { call, text } = await runInbound((app) => [
      { action: 'talk', text: 'one two three four five' },
      { action: 'notify', payload: {}, eventUrl: [app.url('/notify')] },
    ]);
    const started = saying(call.transcript, 'one two three four five').atMs;
    expect(webhook(call.transcript, 'voice.event.notify').atMs - started, text).toBe(2_000);
  });

  it('adds 0.3 s a comma and the time of an SSML <break>', async () => {
    const ssml = '<speak>Hello, world<break time="1500ms"/>again</speak>';
    const { call, text } = await runInbound([
      { action: 'talk', text: ssml },
      { action: 'wait', timeout: 1 },
    ]);
    // 3 words (1.2 s) + 1 comma (0.3 s) + the 1.5 s break.
    expect(actionAt(call.transcript, 'wait') - saying(call.transcript, ssml).atMs, text).toBe(3_000);
  });

  it('plays loop times: loop 3 of a two-word text takes 2.4 s', async () => {
    const { call, text } = await runInbound([
      { action: 'talk', text: 'hello there', loop: 3 },
      { action: 'wait', timeout: 1 },
    ]);
    const started = saying(call.transcript, 'hello there').atMs;
    expect(actionAt(call.transcript, 'wait') - started, text).toBe(2_400);
  });

  it('loop 0 repeats until the caller hangs up (disconnected_by user)', async () => {
    const { app, call, text } = await runInbound(
      [{ action: 'talk', text: 'please hold', loop: 0 }],
      ['wait 30s', 'hang up'],
    );
    const completed = completedAt(app);
    expect(completed.disconnected_by, text).toBe('user');
    const answeredAt = webhook(call.transcript, 'voice.event.answered').atMs;
    const held = webhook(call.transcript, 'voice.event.completed').atMs - answeredAt;
    expect(held).toBeGreaterThanOrEqual(30_000);
    expect(held).toBeLessThan(32_000);
  });

  it('bargeIn: a key pressed during the prompt cuts it, and is the first digit of the input', async () => {
    const prompt = words(20); // 8 s
    const { app, call, text } = await runInbound(
      [
        { action: 'talk', text: prompt, bargeIn: true },
        { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 2 } },
      ],
      ['press 57'],
    );
    expect(app.bodies('/event').find((body) => body.dtmf !== undefined)?.dtmf, text).toEqual({
      digits: '57',
      timed_out: false,
    });
    const talk = saying(call.transcript, prompt);
    expect(talk.interrupted, text).toBe(true);
    const input = webhook(call.transcript, 'voice.event.input.dtmf');
    expect(input.atMs - talk.atMs, text).toBeLessThan(8_000);
  });

  it('without bargeIn the caller is heard only once the prompt has finished', async () => {
    const prompt = words(20); // 8 s
    const { app, call, text } = await runInbound(
      [
        { action: 'talk', text: prompt },
        { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 } },
      ],
      ['press 5'],
    );
    const talk = saying(call.transcript, prompt);
    expect(talk.interrupted, text).toBeUndefined();
    expect(webhook(call.transcript, 'voice.event.input.dtmf').atMs - talk.atMs).toBeGreaterThanOrEqual(8_000);
    expect(app.bodies('/event').find((body) => body.dtmf !== undefined)?.dtmf).toEqual({
      digits: '5',
      timed_out: false,
    });
  });

  it('bargeIn stays on for the following talk until an input: a press cuts the second prompt too', async () => {
    const second = words(20); // 8 s, no bargeIn of its own
    const { app, call, text } = await runInbound(
      [
        { action: 'talk', text: 'Hi', bargeIn: true },
        { action: 'talk', text: second },
        { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 } },
      ],
      ['press 3'],
    );
    const talk = saying(call.transcript, second);
    expect(talk.interrupted, text).toBe(true);
    expect(webhook(call.transcript, 'voice.event.input.dtmf').atMs - talk.atMs).toBeLessThan(8_000);
    expect(app.bodies('/event').find((body) => body.dtmf !== undefined)?.dtmf).toMatchObject({ digits: '3' });
  });

  it('bargeIn ends at the input: a talk after it plays in full before the next key is heard', async () => {
    const second = words(10); // 4 s
    const { app, call, text } = await runInbound(
      [
        { action: 'talk', text: words(20), bargeIn: true },
        { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 } },
        { action: 'talk', text: second },
        { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 } },
      ],
      ['press 1', 'press 2'],
    );
    const talk = saying(call.transcript, second);
    expect(talk.interrupted, text).toBeUndefined();
    const results = entries(call.transcript, 'webhook').filter(
      (entry) => entry.event === 'voice.event.input.dtmf',
    );
    expect(results).toHaveLength(2);
    expect((results[1]?.atMs ?? 0) - talk.atMs).toBeGreaterThanOrEqual(4_000);
    expect(app.bodies('/event').flatMap((body) => (body.dtmf === undefined ? [] : [body.dtmf]))).toEqual([
      { digits: '1', timed_out: false },
      { digits: '2', timed_out: false },
    ]);
  });
});

describe("stream (reference run-time.md#action-by-action stream; 5 s a loop is decision 107's choice)", () => {
  it('plays 5 s a loop before the next action', async () => {
    const url = 'https://example.com/hold.mp3';
    const { call, text } = await runInbound([
      { action: 'stream', streamUrl: [url], loop: 2 },
      { action: 'wait', timeout: 1 },
    ]);
    expect(actionAt(call.transcript, 'wait') - saying(call.transcript, url).atMs, text).toBe(10_000);
  });
});

describe('input, DTMF (reference run-time.md#action-by-action input (sync); reference voice.md#action-results-and-other-events input)', () => {
  const menu = (dtmf: Record<string, unknown>) => [{ action: 'input', type: ['dtmf'], dtmf }];
  const inputBody = (app: NccoApp, path = '/event') => {
    const found = app.bodies(path).find((body) => 'dtmf' in body);
    if (found === undefined) throw new Error(`no input result at ${path}`);
    return found;
  };

  it('ends at maxDigits: the extra keys are not taken and timed_out is false', async () => {
    const { app, call, text } = await runInbound(menu({ maxDigits: 3 }), ['press 12345']);
    expect(inputBody(app).dtmf, text).toEqual({ digits: '123', timed_out: false });
    // Ended on the 3rd key, not after a timeOut: 2 key gaps after the first key.
    const pressed = entries(call.transcript, 'did').find((entry) => entry.step.startsWith('press'));
    expect(webhook(call.transcript, 'voice.event.input.dtmf').atMs - (pressed?.atMs ?? 0)).toBeLessThan(
      3_000,
    );
  });

  it('defaults to maxDigits 4', async () => {
    const { app, text } = await runInbound(menu({}), ['press 123456']);
    expect(inputBody(app).dtmf, text).toEqual({ digits: '1234', timed_out: false });
  });

  it('submitOnHash: # ends the input and is not in the digits', async () => {
    const { app, text } = await runInbound(menu({ maxDigits: 10, submitOnHash: true }), ['press 42#']);
    expect(inputBody(app).dtmf, text).toEqual({ digits: '42', timed_out: false });
  });

  it('timeOut after the last key: the digits so far with timed_out true, timeOut s after the last key', async () => {
    const { app, call, text } = await runInbound(menu({ maxDigits: 4, timeOut: 5 }), ['press 2']);
    expect(inputBody(app).dtmf, text).toEqual({ digits: '2', timed_out: true });
    const pressed = entries(call.transcript, 'did').find((entry) => entry.step === 'press 2');
    expect(webhook(call.transcript, 'voice.event.input.dtmf').atMs - (pressed?.atMs ?? 0)).toBe(5_000);
  });

  it('silence: the input times out after timeOut (default 3 s) with no digits', async () => {
    const { app, call, text } = await runInbound(menu({}), ['silence']);
    const result = webhook(call.transcript, 'voice.event.input.timeout');
    expect(result.atMs - actionAt(call.transcript, 'input'), text).toBe(3_000);
    const body = inputBody(app);
    expect((body.dtmf as Record<string, unknown>).timed_out).toBe(true);
    expect([null, '']).toContain((body.dtmf as Record<string, unknown>).digits);
  });

  it('sends the result to the action eventUrl with eventMethod GET as a query string', async () => {
    const { app, call } = await runInbound(
      (app) => [
        {
          action: 'input',
          type: ['dtmf'],
          dtmf: { maxDigits: 1 },
          eventUrl: [app.url('/menu')],
          eventMethod: 'GET',
        },
      ],
      ['press 7'],
    );
    const [menuRequest] = app.requests('/menu');
    expect(menuRequest?.method, toTranscriptText(call.transcript)).toBe('GET');
    expect(menuRequest?.text).toBe('');
    expect(JSON.parse(menuRequest?.query.dtmf ?? 'null')).toEqual({ digits: '7', timed_out: false });
    expect(menuRequest?.query.uuid).toBe(call.ids.uuid);
    expect(app.bodies('/event').some((body) => 'dtmf' in body)).toBe(false);
  });

  it('sends the result to the action eventUrl by POST (the default eventMethod)', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [flow.app.url('/menu')] },
    ]);
    const call = flow.vonage.pushIncomingCall({ caller: ['press 7'] });
    await flow.vonage.runUntilIdle();
    const [menuRequest] = flow.app.requests('/menu');
    expect(menuRequest?.method, toTranscriptText(call.transcript)).toBe('POST');
    expect(menuRequest?.body).toMatchObject({
      dtmf: { digits: '7', timed_out: false },
      uuid: call.ids.uuid,
      conversation_uuid: call.ids.conversation_uuid,
    });
  });

  it('with no eventUrl the result goes to the call event URL (reference run-time.md#action-by-action "input with no eventUrl", ndp-dtmf)', async () => {
    const { app, text } = await runInbound(menu({ maxDigits: 1 }), ['press 9']);
    expect(inputBody(app, '/event').dtmf, text).toEqual({ digits: '9', timed_out: false });
  });

  it("the answer's NCCO replaces the rest of the flow (reference run-time.md#execution-model #5)", async () => {
    const flow = await startFlow({ '/menu': [{ action: 'talk', text: 'You chose well' }] });
    flow.app.on('/answer', [
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [flow.app.url('/menu')] },
      { action: 'talk', text: 'never said' },
    ]);
    const call = flow.vonage.pushIncomingCall({ caller: ['press 1'] });
    await flow.vonage.runUntilIdle();
    expect(saidTexts(call.transcript), toTranscriptText(call.transcript)).toEqual(['You chose well']);
  });

  it('an empty 204 answer continues with the next action (reference run-time.md#execution-model #7, run-time.md#an-empty-answer-to-an-input-result)', async () => {
    const flow = await startFlow({ '/menu': { status: 204 } });
    flow.app.on('/answer', [
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [flow.app.url('/menu')] },
      { action: 'talk', text: 'carrying on' },
    ]);
    const call = flow.vonage.pushIncomingCall({ caller: ['press 1'] });
    await flow.vonage.runUntilIdle();
    expect(saidTexts(call.transcript), toTranscriptText(call.transcript)).toEqual(['carrying on']);
    expect(completedAt(flow.app).disconnected_by).toBe('platform');
  });
});

describe('input, asynchronous DTMF (reference run-time.md#action-by-action input mode:"asynchronous", §6.4)', () => {
  it('sends one event per key while the flow goes on', async () => {
    const { app, call, text } = await runInbound(
      (app) => [
        { action: 'input', mode: 'asynchronous', type: ['dtmf'], eventUrl: [app.url('/keys')] },
        { action: 'wait', timeout: 10 },
      ],
      ['wait 2s', 'press 12'],
    );
    const keys = app.bodies('/keys');
    expect(
      keys.map((body) => (body.dtmf as { digits: unknown } | undefined)?.digits),
      text,
    ).toEqual(['1', '2']);
    // Non-blocking: the wait started with the input, and the keys came during it.
    expect(actionAt(call.transcript, 'wait')).toBe(actionAt(call.transcript, 'input'));
    expect(keys.every((body) => body.uuid === call.ids.uuid)).toBe(true);
  });
});

describe('input, speech (reference run-time.md#action-by-action input (sync), ndp-asr; reference voice.md#action-results-and-other-events)', () => {
  const speechBody = (app: NccoApp) => {
    const found = app.bodies('/event').find((body) => 'speech' in body);
    if (found === undefined) throw new Error('no speech result');
    return found;
  };

  it('reports the words with the given confidence, ended by end_on_silence_timeout endOnSilence s after them', async () => {
    const { app, call, text } = await runInbound(
      [{ action: 'input', type: ['speech'], speech: { endOnSilence: 1 } }],
      ['say "I want sales" 0.6'],
    );
    const body = speechBody(app);
    expect(body.speech, text).toEqual({
      timeout_reason: 'end_on_silence_timeout',
      results: [{ text: 'I want sales', confidence: '0.6' }],
    });
    const said = entries(call.transcript, 'did').find((entry) => entry.step.startsWith('say'));
    // Three words at the person's pace (0.35 s each, voice-timing.ts), then 1 s of silence.
    expect(webhook(call.transcript, 'voice.event.input.speech').atMs - (said?.atMs ?? 0)).toBe(
      3 * 350 + 1_000,
    );
  });

  it('draws a confidence from the seed (0.8–0.99) when the script gives none', async () => {
    const { app, text } = await runInbound([{ action: 'input', type: ['speech'] }], ['say "billing"']);
    const [result] = (speechBody(app).speech as { results: { text: string; confidence: string }[] }).results;
    expect(result?.text, text).toBe('billing');
    expect(Number(result?.confidence)).toBeGreaterThanOrEqual(0.8);
    expect(Number(result?.confidence)).toBeLessThanOrEqual(0.99);
  });

  it('words longer than maxDuration are cut there: max_duration (reference run-time.md#action-by-action input)', async () => {
    const { app, call, text } = await runInbound(
      [{ action: 'input', type: ['speech'], speech: { maxDuration: 2 } }],
      ['say "one two three four five six seven eight nine ten"'],
    );
    expect(speechBody(app).speech, text).toMatchObject({ timeout_reason: 'max_duration' });
    const said = entries(call.transcript, 'did').find((entry) => entry.step.startsWith('say'));
    expect(webhook(call.transcript, 'voice.event.input.speech').atMs - (said?.atMs ?? 0)).toBe(2_000);
  });

  it('no words within startTimeout: start_timeout with no results', async () => {
    const { app, call, text } = await runInbound(
      [{ action: 'input', type: ['speech'], speech: { startTimeout: 4 } }],
      ['silence'],
    );
    expect(speechBody(app).speech, text).toMatchObject({ timeout_reason: 'start_timeout', results: [] });
    expect(
      webhook(call.transcript, 'voice.event.input.timeout').atMs - actionAt(call.transcript, 'input'),
    ).toBe(4_000);
  });

  it("type ['dtmf','speech'] with a key press: the digits, and speech results empty (reference run-time.md#action-by-action input both types)", async () => {
    const { app, text } = await runInbound(
      [{ action: 'input', type: ['dtmf', 'speech'], dtmf: { maxDigits: 1 } }],
      ['press 4'],
    );
    const body = speechBody(app);
    expect(body.dtmf, text).toEqual({ digits: '4', timed_out: false });
    expect((body.speech as { results: unknown[] }).results).toEqual([]);
  });

  it("type ['dtmf','speech'] with words: the speech results, and dtmf digits null", async () => {
    const { app, text } = await runInbound(
      [{ action: 'input', type: ['dtmf', 'speech'], dtmf: { maxDigits: 1 } }],
      ['say "agent please" 0.9'],
    );
    const body = speechBody(app);
    expect(body.dtmf, text).toEqual({ digits: null, timed_out: false });
    expect(body.speech).toMatchObject({ results: [{ text: 'agent please', confidence: '0.9' }] });
  });
});

describe('record (reference run-time.md#action-by-action record, §6.5, §6.6; ndp-rec)', () => {
  const recordBodies = (app: NccoApp, path = '/rec') =>
    app.bodies(path).filter((body) => typeof body.recording_url === 'string');

  it('endOnSilence makes it synchronous: the record event comes before the next action', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      { action: 'record', endOnSilence: 3, eventUrl: [flow.app.url('/rec')] },
      { action: 'notify', payload: { after: 'record' }, eventUrl: [flow.app.url('/after')] },
    ]);
    const call = flow.vonage.pushIncomingCall({ caller: ['say "hello there"'] });
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const [record] = flow.app.requests('/rec');
    const [after] = flow.app.requests('/after');
    expect(record, text).toBeDefined();
    expect(after, text).toBeDefined();
    expect(record?.seq).toBeLessThan(after?.seq ?? -1);
    // The caller's two words, then 3 s of silence end it.
    const said = entries(call.transcript, 'did').find((entry) => entry.step.startsWith('say'));
    expect(webhook(call.transcript, 'voice.event.record').atMs - (said?.atMs ?? 0)).toBe(2 * 350 + 3_000);
  });

  it('endOnKey makes it synchronous: the key stops it and the record event comes before the next action', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      { action: 'record', endOnKey: '#', eventUrl: [flow.app.url('/rec')] },
      { action: 'notify', payload: {}, eventUrl: [flow.app.url('/after')] },
    ]);
    const call = flow.vonage.pushIncomingCall({ caller: ['wait 5s', 'press #'] });
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const [record] = flow.app.requests('/rec');
    const [after] = flow.app.requests('/after');
    expect(record?.seq, text).toBeLessThan(after?.seq ?? -1);
    const pressed = entries(call.transcript, 'did').find((entry) => entry.step === 'press #');
    expect(pressed, text).toBeDefined();
    expect(webhook(call.transcript, 'voice.event.record').atMs).toBe(pressed?.atMs);
  });

  it('without endOnSilence/endOnKey it is asynchronous: the flow goes on and the record event comes at the end of the call', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      { action: 'record', eventUrl: [flow.app.url('/rec')] },
      { action: 'talk', text: 'this call is recorded' },
      { action: 'wait', timeout: 5 },
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const recordStart = actionAt(call.transcript, 'record');
    expect(saying(call.transcript, 'this call is recorded').atMs, text).toBe(recordStart);
    const [record] = recordBodies(flow.app);
    expect(record, text).toBeDefined();
    // The call lasted 5 s + the talk (4 words, 1.6 s): the recording is as long.
    const recordedMs = Date.parse(String(record?.end_time)) - Date.parse(String(record?.start_time));
    expect(recordedMs).toBeGreaterThanOrEqual(6_000);
    // Sent before completed, at the end of the call.
    const completed = flow.app.requests('/event').find((request) => request.body?.status === 'completed');
    expect(flow.app.requests('/rec')[0]?.seq).toBeLessThan(completed?.seq ?? -1);
  });

  it('asynchronous with timeOut: the record event comes at timeOut while the flow still runs', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      { action: 'record', timeOut: 3, eventUrl: [flow.app.url('/rec')] },
      { action: 'wait', timeout: 20 },
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    expect(
      webhook(call.transcript, 'voice.event.record').atMs - actionAt(call.transcript, 'record'),
      text,
    ).toBe(3_000);
    expect(
      webhook(call.transcript, 'voice.event.completed').atMs - actionAt(call.transcript, 'record'),
    ).toBeGreaterThanOrEqual(20_000);
  });

  it('recording_url is downloadable from the fake with an application JWT (200 audio)', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [{ action: 'record', endOnSilence: 3, eventUrl: [flow.app.url('/rec')] }]);
    flow.vonage.pushIncomingCall({ caller: ['say "leave a message"'] });
    await flow.vonage.runUntilIdle();
    const [record] = recordBodies(flow.app);
    const url = String(record?.recording_url);
    expect(url).toMatch(/^https:\/\/api\.nexmo\.com\/v1\/files\/[0-9a-f-]{36}$/);
    const response = await flow.vonage.handle(
      new Request(url, { headers: { authorization: `Bearer ${appJwt()}` } }),
    );
    expect(response?.status).toBe(200);
    // mp3 by default (reference run-time.md#action-by-action record formats).
    expect(response?.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = new Uint8Array((await response?.arrayBuffer()) ?? new ArrayBuffer(0));
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it('more than 2 channels record as wav by default (reference run-time.md#action-by-action record formats)', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      {
        action: 'record',
        endOnSilence: 3,
        split: 'conversation',
        channels: 3,
        eventUrl: [flow.app.url('/rec')],
      },
    ]);
    const call = flow.vonage.pushIncomingCall({ caller: ['say "three channels"'] });
    await flow.vonage.runUntilIdle();
    const [record] = recordBodies(flow.app);
    expect(record, toTranscriptText(call.transcript)).toBeDefined();
    const response = await flow.vonage.handle(
      new Request(String(record?.recording_url), { headers: { authorization: `Bearer ${appJwt()}` } }),
    );
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-type')).toMatch(/^audio\/(x-)?wav$/);
  });

  it('the recording download needs an application JWT: without one it is 401 (reference run-time.md#action-by-action record, ndp-rec)', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [{ action: 'record', endOnSilence: 3, eventUrl: [flow.app.url('/rec')] }]);
    flow.vonage.pushIncomingCall({ caller: ['say "hello"'] });
    await flow.vonage.runUntilIdle();
    const url = String(recordBodies(flow.app)[0]?.recording_url);
    expect((await flow.vonage.handle(new Request(url)))?.status).toBe(401);
  });

  it('transcription: a transcription event after the record event, its transcript JSON downloadable', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      {
        action: 'record',
        endOnSilence: 3,
        eventUrl: [flow.app.url('/rec')],
        transcription: { eventUrl: [flow.app.url('/transcribed')], language: 'en-US' },
      },
    ]);
    const call = flow.vonage.pushIncomingCall({ caller: ['say "call me back tomorrow"'] });
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const [record] = flow.app.requests('/rec');
    const [transcribed] = flow.app.requests('/transcribed');
    expect(transcribed, text).toBeDefined();
    expect(record?.seq).toBeLessThan(transcribed?.seq ?? -1);
    expect(transcribed?.body).toMatchObject({
      conversation_uuid: call.ids.conversation_uuid,
      recording_uuid: record?.body?.recording_uuid,
      status: 'transcribed',
      type: 'record',
      transcription_url: expect.stringMatching(/^https:\/\/api\.nexmo\.com\/v1\/files\//),
    });
    const response = await flow.vonage.handle(
      new Request(String(transcribed?.body?.transcription_url), {
        headers: { authorization: `Bearer ${appJwt()}` },
      }),
    );
    expect(response?.status).toBe(200);
    const transcript = (await response?.json()) as { channels: { transcript: { sentence: string }[] }[] };
    expect(transcript.channels[0]?.transcript.map((each) => each.sentence).join(' ')).toContain(
      'call me back',
    );
  });
});

describe('connect (reference run-time.md#action-by-action connect rows, §6.7–6.9)', () => {
  const connect = (app: NccoApp, number: string, path: string, extra: Record<string, unknown> = {}) => ({
    action: 'connect',
    endpoint: [{ type: 'phone', number }],
    eventUrl: [app.url(path)],
    ...extra,
  });

  it('rings a new leg with its own uuid in the same conversation, its events to the connect eventUrl', async () => {
    const flow = await startFlow({}, { endUsers: { [CALLEE]: ['answer', 'wait 20s', 'hang up'] } });
    flow.app.on('/answer', [connect(flow.app, CALLEE, '/leg')]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const leg = flow.app.bodies('/leg');
    expect(statusesOf(leg), text).toEqual(['started', 'ringing', 'answered', 'completed']);
    const legUuid = leg[0]?.uuid;
    expect(legUuid).not.toBe(call.ids.uuid);
    for (const body of leg) {
      expect(body).toMatchObject({
        uuid: legUuid,
        conversation_uuid: call.ids.conversation_uuid,
        to: CALLEE,
      });
    }
    // The caller's own events stay on the call's event URL.
    expect(flow.app.bodies('/event').every((body) => body.uuid === call.ids.uuid)).toBe(true);
  });

  it('with no eventUrl the new leg events go to the call event URL (reference run-time.md#events-of-a-connect-with-no-eventurl)', async () => {
    const flow = await startFlow({}, { endUsers: { [CALLEE]: ['answer', 'wait 5s', 'hang up'] } });
    flow.app.on('/answer', [{ action: 'connect', endpoint: [{ type: 'phone', number: CALLEE }] }]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const legEvents = flow.app.bodies('/event').filter((body) => body.uuid !== call.ids.uuid);
    expect(statusesOf(legEvents), toTranscriptText(call.transcript)).toEqual([
      'started',
      'ringing',
      'answered',
      'completed',
    ]);
  });

  it('eventMethod GET sends the new leg events as query strings', async () => {
    const flow = await startFlow({}, { endUsers: { [CALLEE]: ['answer', 'wait 5s', 'hang up'] } });
    flow.app.on('/answer', [connect(flow.app, CALLEE, '/leg', { eventMethod: 'GET' })]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const requests = flow.app.requests('/leg');
    expect(
      requests.map((request) => request.method),
      toTranscriptText(call.transcript),
    ).toEqual(['GET', 'GET', 'GET', 'GET']);
    expect(requests.map((request) => request.query.status)).toEqual([
      'started',
      'ringing',
      'answered',
      'completed',
    ]);
  });

  it('an answered callee who hangs up ends the connect and the caller NCCO continues (reference run-time.md#action-by-action "connect answered → callee hangs up")', async () => {
    const flow = await startFlow({}, { endUsers: { [CALLEE]: ['answer', 'wait 20s', 'hang up'] } });
    flow.app.on('/answer', [connect(flow.app, CALLEE, '/leg'), { action: 'talk', text: 'the agent left' }]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const legCompleted = completedAt(flow.app, '/leg');
    expect(legCompleted.disconnected_by, text).toBe('user');
    expect(Number(legCompleted.duration)).toBeGreaterThanOrEqual(20);
    const after = saying(call.transcript, 'the agent left');
    expect(after.atMs).toBeGreaterThanOrEqual(webhook(call.transcript, 'voice.event.completed', 'B').atMs);
    expect(completedAt(flow.app).disconnected_by).toBe('platform');
  });

  it.each([
    ['busy', 'busy'],
    ['reject', 'rejected'],
    ['fail', 'failed'],
  ])(
    'a callee who is %s gets a %s event and the next connect rings (failover, reference run-time.md#action-by-action connect)',
    async (step, status) => {
      const flow = await startFlow(
        {},
        { endUsers: { [CALLEE]: [step], [CALLEE_2]: ['answer', 'wait 5s', 'hang up'] } },
      );
      flow.app.on('/answer', [connect(flow.app, CALLEE, '/first'), connect(flow.app, CALLEE_2, '/second')]);
      const call = flow.vonage.pushIncomingCall();
      await flow.vonage.runUntilIdle();
      const text = toTranscriptText(call.transcript);
      const first = statusesOf(flow.app.bodies('/first'));
      expect(first.at(-1), text).toBe(status);
      expect(first).not.toContain('answered');
      expect(statusesOf(flow.app.bodies('/second'))).toEqual(['started', 'ringing', 'answered', 'completed']);
    },
  );

  it('a callee who does not answer rings for the connect timeout, then the next connect rings', async () => {
    const flow = await startFlow(
      {},
      { endUsers: { [CALLEE]: ['no answer'], [CALLEE_2]: ['answer', 'wait 5s', 'hang up'] } },
    );
    flow.app.on('/answer', [
      connect(flow.app, CALLEE, '/first', { timeout: 15 }),
      connect(flow.app, CALLEE_2, '/second'),
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const first = statusesOf(flow.app.bodies('/first'));
    expect(first, text).not.toContain('answered');
    expect(['timeout', 'unanswered']).toContain(first.at(-1));
    const ringing = entries(call.transcript, 'webhook').find(
      (entry) => entry.leg === 'B' && entry.event === 'voice.event.ringing',
    );
    const ended = entries(call.transcript, 'webhook')
      .filter((entry) => entry.leg === 'B')
      .at(-1);
    expect((ended?.atMs ?? 0) - (ringing?.atMs ?? 0)).toBe(15_000);
    expect(statusesOf(flow.app.bodies('/second'))).toContain('answered');
  });

  it('the caller hanging up while connected completes both legs (reference run-time.md#caller-hangs-up-during-an-answered-connect)', async () => {
    const flow = await startFlow({}, { endUsers: { [CALLEE]: ['answer'] } });
    flow.app.on('/answer', [connect(flow.app, CALLEE, '/leg'), { action: 'talk', text: 'never said' }]);
    const call = flow.vonage.pushIncomingCall({ caller: ['wait 15s', 'hang up'] });
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    expect(completedAt(flow.app, '/leg').disconnected_by, text).toBe('platform');
    expect(completedAt(flow.app).disconnected_by).toBe('user');
    expect(saidTexts(call.transcript)).not.toContain('never said');
  });

  it('eventType synchronous: an NCCO answered to the failure event replaces the flow (reference run-time.md#action-by-action, ndp-fbx)', async () => {
    const flow = await startFlow({}, { endUsers: { [CALLEE]: ['busy'] } });
    flow.app.on('/leg', (request) =>
      request.body?.status === 'busy' ? [{ action: 'talk', text: 'nobody is free' }] : { status: 204 },
    );
    flow.app.on('/answer', [
      connect(flow.app, CALLEE, '/leg', { eventType: 'synchronous' }),
      { action: 'talk', text: 'never said' },
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    expect(saidTexts(call.transcript), toTranscriptText(call.transcript)).toEqual(['nobody is free']);
  });

  it('eventType synchronous with an empty answer to the failure event goes on with the next action', async () => {
    const flow = await startFlow({}, { endUsers: { [CALLEE]: ['busy'] } });
    flow.app.on('/answer', [
      connect(flow.app, CALLEE, '/leg', { eventType: 'synchronous' }),
      { action: 'talk', text: 'next action' },
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    expect(saidTexts(call.transcript), toTranscriptText(call.transcript)).toEqual(['next action']);
  });

  it("machineDetection 'hangup' with a voicemail callee: machine event, the leg is hung up, the NCCO goes on (reference run-time.md#action-by-action connect extras, §3 #7)", async () => {
    const flow = await startFlow({}, { endUsers: { [CALLEE]: ['voicemail'] } });
    flow.app.on('/answer', [
      connect(flow.app, CALLEE, '/leg', { machineDetection: 'hangup' }),
      { action: 'talk', text: 'we could not reach them' },
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const leg = flow.app.bodies('/leg');
    expect(statusesOf(leg), text).toEqual(['started', 'ringing', 'answered', 'machine', 'completed']);
    // human/machine events carry call_uuid (reference run-time.md#outbound-call-lifecycle #11).
    expect(leg[3]?.call_uuid).toBe(leg[0]?.uuid);
    expect(completedAt(flow.app, '/leg').disconnected_by).toBe('platform');
    expect(saidTexts(call.transcript)).toContain('we could not reach them');
  });

  it('limit: the connected leg is hung up limit s after it answered, by the platform (reference run-time.md#action-by-action connect, §1.3)', async () => {
    const flow = await startFlow({}, { endUsers: { [CALLEE]: ['answer', 'wait 60s', 'hang up'] } });
    flow.app.on('/answer', [connect(flow.app, CALLEE, '/leg', { limit: 5 })]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const answered = webhook(call.transcript, 'voice.event.answered', 'B').atMs;
    expect(webhook(call.transcript, 'voice.event.completed', 'B').atMs - answered, text).toBe(5_000);
    const completed = completedAt(flow.app, '/leg');
    expect(Number(completed.duration)).toBeLessThanOrEqual(6);
    expect(completed.disconnected_by, text).toBe('platform');
  });
});

describe('notify (reference run-time.md#action-by-action notify; reference voice.md#action-results-and-other-events)', () => {
  it('POSTs { payload, conversation_uuid, timestamp } to the eventUrl, payload being the action object as given (reference voice.md#action-results-and-other-events notify)', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      { action: 'notify', payload: { step: 'greeted', n: 1 }, eventUrl: [flow.app.url('/notify')] },
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    const [request] = flow.app.requests('/notify');
    expect(request?.method, toTranscriptText(call.transcript)).toBe('POST');
    expect(request?.body).toEqual({
      payload: { step: 'greeted', n: 1 },
      conversation_uuid: call.ids.conversation_uuid,
      timestamp: expect.stringMatching(/^2026-01-01T00:00:\d\d\.\d{3}Z$/),
    });
  });

  it('an NCCO answer replaces the rest of the flow (reference run-time.md#execution-model #5)', async () => {
    const flow = await startFlow({ '/notify': [{ action: 'talk', text: 'from notify' }] });
    flow.app.on('/answer', [
      { action: 'notify', payload: {}, eventUrl: [flow.app.url('/notify')] },
      { action: 'talk', text: 'never said' },
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    expect(saidTexts(call.transcript), toTranscriptText(call.transcript)).toEqual(['from notify']);
  });

  it('an empty answer continues with the next action (reference run-time.md#execution-model #6)', async () => {
    const flow = await startFlow({ '/notify': { status: 200 } });
    flow.app.on('/answer', [
      { action: 'notify', payload: {}, eventUrl: [flow.app.url('/notify')] },
      { action: 'talk', text: 'next action' },
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.runUntilIdle();
    expect(saidTexts(call.transcript), toTranscriptText(call.transcript)).toEqual(['next action']);
  });
});

describe('conversation (reference run-time.md#action-by-action conversation, §6.15)', () => {
  const MEMBER_1 = '447700900111';
  const MEMBER_2 = '447700900222';

  it('two calls join the same named conversation; endOnExit of one ends the other', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', (request) =>
      request.query.from === MEMBER_1
        ? [{ action: 'conversation', name: 'team-room', endOnExit: true }]
        : [{ action: 'conversation', name: 'team-room' }],
    );
    const first = flow.vonage.pushIncomingCall({ from: MEMBER_1, caller: ['wait 20s', 'hang up'] });
    const second = flow.vonage.pushIncomingCall({ from: MEMBER_2 });
    await flow.vonage.runUntilIdle();
    const text = `${toTranscriptText(first.transcript)}\n---\n${toTranscriptText(second.transcript)}`;
    const completed = flow.app.bodies('/event').filter((body) => body.status === 'completed');
    const byUuid = (uuid: unknown) => completed.find((body) => body.uuid === uuid);
    expect(byUuid(first.ids.uuid)?.disconnected_by, text).toBe('user');
    expect(byUuid(second.ids.uuid)?.disconnected_by, text).toBe('platform');
    const firstEnd = webhook(first.transcript, 'voice.event.completed').atMs;
    const secondEnd = webhook(second.transcript, 'voice.event.completed').atMs;
    // Ended when the first left, not at the call's length limit.
    expect(Math.abs(secondEnd - firstEnd)).toBeLessThan(2_000);
  });

  it('without endOnExit the others stay when one leaves', async () => {
    const flow = await startFlow({ '/answer': [{ action: 'conversation', name: 'open-room' }] });
    const first = flow.vonage.pushIncomingCall({ from: MEMBER_1, caller: ['wait 10s', 'hang up'] });
    const second = flow.vonage.pushIncomingCall({ from: MEMBER_2, caller: ['wait 40s', 'hang up'] });
    await flow.vonage.runUntilIdle();
    const text = `${toTranscriptText(first.transcript)}\n---\n${toTranscriptText(second.transcript)}`;
    const completed = flow.app.bodies('/event').filter((body) => body.status === 'completed');
    expect(completed.find((body) => body.uuid === second.ids.uuid)?.disconnected_by, text).toBe('user');
    expect(
      webhook(second.transcript, 'voice.event.completed').atMs -
        webhook(first.transcript, 'voice.event.completed').atMs,
    ).toBeGreaterThan(20_000);
  });

  it('startOnEnter false: the leg hears musicOnHoldUrl until a starter joins', async () => {
    const hold = 'https://example.com/hold.mp3';
    const flow = await startFlow({});
    flow.app.on('/answer', (request) =>
      request.query.from === MEMBER_1
        ? [{ action: 'conversation', name: 'hold-room', startOnEnter: false, musicOnHoldUrl: [hold] }]
        : [{ action: 'conversation', name: 'hold-room', endOnExit: true }],
    );
    const waiting = flow.vonage.pushIncomingCall({ from: MEMBER_1 });
    await flow.vonage.advance(10_000);
    const starter = flow.vonage.pushIncomingCall({ from: MEMBER_2, caller: ['wait 5s', 'hang up'] });
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(waiting.transcript);
    expect(
      entries(waiting.transcript, 'said')
        .filter((entry) => entry.via === 'music-on-hold')
        .map((entry) => entry.text),
      text,
    ).toEqual([hold]);
    // The starter's endOnExit ends the waiting leg's call too.
    expect(
      flow.app.bodies('/event').find((body) => body.status === 'completed' && body.uuid === waiting.ids.uuid)
        ?.disconnected_by,
      text,
    ).toBe('platform');
    expect(starter.error).toBeNull();
  });

  it('record: true sends a record event when the conversation ends', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      { action: 'conversation', name: 'recorded-room', record: true, eventUrl: [flow.app.url('/rec')] },
    ]);
    const call = flow.vonage.pushIncomingCall({ caller: ['wait 12s', 'hang up'] });
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const records = flow.app.bodies('/rec').filter((body) => typeof body.recording_url === 'string');
    expect(records, text).toHaveLength(1);
    expect(records[0]).toMatchObject({ conversation_uuid: call.ids.conversation_uuid });
    const recordedMs = Date.parse(String(records[0]?.end_time)) - Date.parse(String(records[0]?.start_time));
    expect(recordedMs).toBeGreaterThanOrEqual(11_000);
  });
});

describe('wait (reference run-time.md#action-by-action wait; java WaitAction)', () => {
  it.each([
    [3, 3_000],
    [0.5, 500],
    [0.01, 100], // clamped up to 0.1 s
  ])('waits timeout %s s (%s ms) before the next action', async (timeout, ms) => {
    const { call, text } = await runInbound([
      { action: 'wait', timeout },
      { action: 'talk', text: 'after the wait' },
    ]);
    expect(saying(call.transcript, 'after the wait').atMs - actionAt(call.transcript, 'wait'), text).toBe(ms);
  });

  it('waits 10 s by default', async () => {
    const { call, text } = await runInbound([{ action: 'wait' }, { action: 'talk', text: 'after the wait' }]);
    expect(saying(call.transcript, 'after the wait').atMs - actionAt(call.transcript, 'wait'), text).toBe(
      10_000,
    );
  });
});

describe('end of the flow (reference run-time.md#when-the-ncco-runs-out)', () => {
  it('the platform hangs up: completed, disconnected_by platform, duration in whole seconds, price = rate × duration / 60', async () => {
    const { app, call, text } = await runInbound([
      { action: 'talk', text: 'goodbye' },
      { action: 'wait', timeout: 7 },
    ]);
    const completed = completedAt(app);
    expect(completed.disconnected_by, text).toBe('platform');
    expect(completed.uuid).toBe(call.ids.uuid);
    expect(String(completed.duration)).toMatch(/^\d+$/);
    const duration = Number(completed.duration);
    expect(duration).toBe(
      (Date.parse(String(completed.end_time)) - Date.parse(String(completed.start_time))) / 1000,
    );
    // 0.4 s of talk + 7 s of wait after answered.
    expect(duration).toBeGreaterThanOrEqual(7);
    expect(duration).toBeLessThanOrEqual(9);
    expect(Number(completed.price)).toBeCloseTo((Number(completed.rate) * duration) / 60, 10);
    expect(statusesOf(app.bodies('/event'))).toEqual(['started', 'ringing', 'answered', 'completed']);
  });

  it("the caller's hang up ends the call with disconnected_by user", async () => {
    const { app, call, text } = await runInbound([{ action: 'wait', timeout: 60 }], ['wait 4s', 'hang up']);
    const completed = completedAt(app);
    expect(completed.disconnected_by, text).toBe('user');
    expect(Number(completed.duration)).toBeLessThanOrEqual(6);
    expect(entries(call.transcript, 'end').at(-1)?.disconnectedBy).toBe('user');
  });
});
