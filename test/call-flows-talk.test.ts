// Call flows, NCCO action by action (here talk, stream, wait and the end of the flow), against a
// loopback app through the public entry on a manual clock (setup: test/support/call-flow.ts). Each
// test cites the row of docs/reference/run-time.md (reference run-time.md#…) or, where the reference
// says Unknown, the choice of docs/decisions/107 it checks.
import { afterEach, describe, expect, it } from 'vitest';
import {
  actionAt,
  closeFlows,
  completedAt,
  entries,
  runInbound,
  saying,
  statusesOf,
  webhook,
  words,
} from './support/call-flow.js';

afterEach(closeFlows);

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
