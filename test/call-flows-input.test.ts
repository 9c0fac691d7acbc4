// Call flows, NCCO action by action (here input: DTMF, asynchronous and speech; notify), against a
// loopback app through the public entry on a manual clock (setup: test/support/call-flow.ts). Each
// test cites the row of docs/reference/run-time.md (reference run-time.md#…) or, where the reference
// says Unknown, the choice of docs/decisions/107 it checks.
import { afterEach, describe, expect, it } from 'vitest';
import { toTranscriptText } from 'vonage-webhook-simulator';
import {
  actionAt,
  closeFlows,
  completedAt,
  entries,
  runInbound,
  saidTexts,
  startFlow,
  webhook,
} from './support/call-flow.js';
import type { NccoApp } from './support/ncco-app.js';

afterEach(closeFlows);

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

describe('input, asynchronous DTMF (reference run-time.md#action-by-action input mode:"asynchronous", run-time.md#async-dtmf-payload-and-blocking)', () => {
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
