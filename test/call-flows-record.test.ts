// Call flows, NCCO action by action (here record), against a
// loopback app through the public entry on a manual clock (setup: test/support/call-flow.ts). Each
// test cites the row of docs/reference/run-time.md (reference run-time.md#…) or, where the reference
// says Unknown, the choice of docs/decisions/107 it checks.
import { afterEach, describe, expect, it } from 'vitest';
import { toTranscriptText } from 'vonage-webhook-simulator';
import { actionAt, closeFlows, entries, saying, startFlow, webhook } from './support/call-flow.js';
import { appJwt, type NccoApp } from './support/ncco-app.js';

afterEach(closeFlows);

describe('record (reference run-time.md#action-by-action record, run-time.md#record-without-a-stop-condition, run-time.md#transcription-timing; ndp-rec)', () => {
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
