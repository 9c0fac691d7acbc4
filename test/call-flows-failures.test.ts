// Call flows when the app fails (reference run-time.md#answer-url-failure-and-invalid-ncco, run-time.md#execution-model #8–9) and when it steers a running call by REST
// (reference run-time.md#call-control-during-a-call), against a loopback app through the public entry on a manual clock. Citations name
// pages of docs/reference/.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeVonage,
  type FakeVonage,
  type Lifecycle,
  type TranscriptEntry,
  toTranscriptText,
} from 'vonage-webhook-simulator';
import {
  type AppRoute,
  type NccoApp,
  startNccoApp,
  TEST_APPLICATION_ID,
  voiceApiRequest,
} from './support/ncco-app.js';

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

async function startFlow(
  routes: Readonly<Record<string, AppRoute>>,
  options: { fallback?: boolean; retries?: 'vonage' | 'none' } = {},
): Promise<Flow> {
  const app = await startNccoApp(routes);
  apps.push(app);
  const vonage = createFakeVonage({
    clock: 'manual',
    seed: 11,
    refDate: '2026-01-01T00:00:00.000Z',
    applicationId: TEST_APPLICATION_ID,
    webhooks: {
      answerUrl: app.url('/answer'),
      eventUrl: app.url('/event'),
      ...(options.fallback === true ? { fallbackAnswerUrl: app.url('/fallback') } : {}),
    },
    ...(options.retries === undefined ? {} : { retries: options.retries }),
  });
  fakes.push(vonage);
  return { app, vonage };
}

async function run(flow: Flow, caller: readonly string[] = []): Promise<{ call: Lifecycle; text: string }> {
  const call = flow.vonage.pushIncomingCall({ caller });
  await flow.vonage.runUntilIdle();
  expect(call.error).toBeNull();
  return { call, text: toTranscriptText(call.transcript) };
}

const saidTexts = (transcript: readonly TranscriptEntry[]) =>
  transcript.flatMap((entry) => (entry.kind === 'said' ? [entry.text] : []));

const statusesOf = (app: NccoApp, path = '/event') =>
  app.bodies(path).flatMap((body) => (typeof body.status === 'string' ? [body.status] : []));

function completedOf(app: NccoApp): Record<string, unknown> {
  const found = app.bodies('/event').find((body) => body.status === 'completed');
  if (found === undefined) throw new Error('no completed event');
  return found;
}

/** A fallback request's data, from a JSON body or (GET) a query whose objects are JSON text. */
function fallbackData(app: NccoApp): Record<string, unknown> {
  const [request] = app.requests('/fallback');
  if (request === undefined) throw new Error('the fallback URL was not requested');
  const data: Record<string, unknown> = request.body ?? { ...request.query };
  if (typeof data.original_request === 'string') data.original_request = JSON.parse(data.original_request);
  return data;
}

describe('answer URL failures (reference run-time.md#answer-url-failure-and-invalid-ncco)', () => {
  it('answer URL 500: the fallback answer URL gets the answer data with reason and original_request, and its NCCO runs', async () => {
    const flow = await startFlow(
      { '/answer': { status: 500 }, '/fallback': [{ action: 'talk', text: 'from the fallback' }] },
      { fallback: true },
    );
    const { call, text } = await run(flow);
    const data = fallbackData(flow.app);
    expect(data, text).toMatchObject({
      uuid: call.ids.uuid,
      conversation_uuid: call.ids.conversation_uuid,
      reason: 'Invalid response code.',
      original_request: { url: flow.app.url('/answer'), type: 'answer' },
    });
    // The same data as the original request, plus reason and original_request (reference voice.md#fallback-answer-url).
    const answerKeys = Object.keys(flow.app.requests('/answer')[0]?.query ?? {});
    expect(Object.keys(data).sort()).toEqual([...answerKeys, 'reason', 'original_request'].sort());
    expect(saidTexts(call.transcript)).toEqual(['from the fallback']);
    expect(statusesOf(flow.app)).toContain('answered');
  });

  it('answer URL refusing connections: the fallback gets reason "Connection closed." (reference run-time.md#answer-url-failure-and-invalid-ncco reason values, pr2491)', async () => {
    const flow = await startFlow(
      { '/fallback': [{ action: 'talk', text: 'from the fallback' }] },
      { fallback: true },
    );
    // A port nobody listens on: the connection is refused at once, on loopback.
    const closed = await startNccoApp();
    const refusedUrl = closed.url('/answer');
    await closed.close();
    const vonage = createFakeVonage({
      clock: 'manual',
      seed: 11,
      refDate: '2026-01-01T00:00:00.000Z',
      applicationId: TEST_APPLICATION_ID,
      webhooks: {
        answerUrl: refusedUrl,
        eventUrl: flow.app.url('/event'),
        fallbackAnswerUrl: flow.app.url('/fallback'),
      },
    });
    fakes.push(vonage);
    const call = vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    expect(fallbackData(flow.app), toTranscriptText(call.transcript)).toMatchObject({
      reason: 'Connection closed.',
      original_request: { url: refusedUrl, type: 'answer' },
    });
    expect(saidTexts(call.transcript)).toEqual(['from the fallback']);
  });

  it('answer URL 500 and no fallback: the call ends unanswered (completed, duration "0", nothing billed, no answered; reference run-time.md#answer-url-total-failure, decision 107)', async () => {
    const flow = await startFlow({ '/answer': { status: 500 } });
    const { text } = await run(flow);
    const statuses = statusesOf(flow.app);
    expect(statuses, text).not.toContain('answered');
    expect(statuses.at(-1)).toBe('completed');
    const completed = completedOf(flow.app);
    expect(completed.duration).toBe('0');
    expect(Number(completed.price)).toBe(0);
    expect(completed.disconnected_by).toBe('platform');
  });

  it('an invalid NCCO: voice.event.error to the event URL, then the fallback with reason "Invalid NCCO." and no retry of the answer URL (reference run-time.md#answer-url-failure-and-invalid-ncco, run-time.md#execution-model #9, run-time.md#invalid-ncco-error-event-and-fallback-order)', async () => {
    const flow = await startFlow(
      {
        '/answer': [{ action: 'dance', text: 'no such action' }],
        '/fallback': [{ action: 'talk', text: 'rescued' }],
      },
      { fallback: true, retries: 'vonage' },
    );
    const { call, text } = await run(flow);
    expect(flow.app.requests('/answer'), text).toHaveLength(1);
    const error = flow.app.requests('/event').find((request) => typeof request.body?.reason === 'string');
    expect(error?.body, text).toMatchObject({
      conversation_uuid: call.ids.conversation_uuid,
      reason: expect.any(String),
    });
    const [fallback] = flow.app.requests('/fallback');
    expect(error?.seq).toBeLessThan(fallback?.seq ?? -1);
    expect(fallbackData(flow.app)).toMatchObject({
      reason: 'Invalid NCCO.',
      original_request: { url: flow.app.url('/answer'), type: 'answer' },
    });
    expect(saidTexts(call.transcript)).toEqual(['rescued']);
  });

  it('an invalid NCCO with no fallback: the error event, then the call ends unanswered', async () => {
    const flow = await startFlow({ '/answer': { status: 200, json: { action: 'talk' } } });
    const { text } = await run(flow);
    const statuses = statusesOf(flow.app);
    expect(
      flow.app.bodies('/event').some((body) => typeof body.reason === 'string'),
      text,
    ).toBe(true);
    expect(statuses).not.toContain('answered');
    expect(completedOf(flow.app).duration).toBe('0');
  });

  it('a fallback answering 500 too: the call ends unanswered (reference run-time.md#answer-url-failure-and-invalid-ncco, reference voice.md#fallback-answer-url)', async () => {
    const flow = await startFlow(
      { '/answer': { status: 500 }, '/fallback': { status: 500 } },
      { fallback: true },
    );
    const { text } = await run(flow);
    expect(flow.app.requests('/fallback'), text).not.toHaveLength(0);
    expect(statusesOf(flow.app)).not.toContain('answered');
    expect(completedOf(flow.app).duration).toBe('0');
  });
});

describe('instruction webhook failures (reference run-time.md#execution-model #8, reference voice.md#fallback-answer-url)', () => {
  const menu = (app: NccoApp) => [
    { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [app.url('/menu')] },
    { action: 'talk', text: 'the current NCCO continues' },
  ];

  it('input eventUrl failing with a fallback configured: voice.fallback.event with the input data, reason and original_request type event; its NCCO runs', async () => {
    const flow = await startFlow(
      { '/menu': { status: 500 }, '/fallback': [{ action: 'talk', text: 'fallback instructions' }] },
      { fallback: true },
    );
    flow.app.on('/answer', menu(flow.app));
    const { call, text } = await run(flow, ['press 3']);
    expect(fallbackData(flow.app), text).toMatchObject({
      uuid: call.ids.uuid,
      dtmf: { digits: '3', timed_out: false },
      reason: 'Invalid response code.',
      original_request: { url: flow.app.url('/menu'), type: 'event' },
    });
    // The same data as the original request, plus reason and original_request (reference voice.md#fallback-answer-url).
    const { reason: _reason, original_request: _original, ...rest } = fallbackData(flow.app);
    expect(rest).toEqual(flow.app.requests('/menu')[0]?.body);
    expect(
      call.transcript.some((entry) => entry.kind === 'webhook' && entry.event === 'voice.fallback.event'),
    ).toBe(true);
    expect(saidTexts(call.transcript)).toEqual(['fallback instructions']);
  });

  it('input eventUrl and fallback both failing: the current NCCO continues (reference run-time.md#execution-model #8)', async () => {
    const flow = await startFlow(
      { '/menu': { status: 500 }, '/fallback': { status: 500 } },
      { fallback: true },
    );
    flow.app.on('/answer', menu(flow.app));
    const { call, text } = await run(flow, ['press 3']);
    expect(flow.app.requests('/fallback'), text).not.toHaveLength(0);
    expect(saidTexts(call.transcript)).toEqual(['the current NCCO continues']);
  });

  it('input eventUrl failing without a fallback: the current NCCO continues', async () => {
    const flow = await startFlow({ '/menu': { status: 500 } });
    flow.app.on('/answer', menu(flow.app));
    const { call, text } = await run(flow, ['press 3']);
    expect(flow.app.requests('/menu'), text).toHaveLength(1);
    expect(saidTexts(call.transcript)).toEqual(['the current NCCO continues']);
    expect(completedOf(flow.app).disconnected_by).toBe('platform');
  });

  it('notify eventUrl failing without a fallback: the current NCCO continues', async () => {
    const flow = await startFlow({ '/notify': { status: 503 } });
    flow.app.on('/answer', [
      { action: 'notify', payload: { a: 1 }, eventUrl: [flow.app.url('/notify')] },
      { action: 'talk', text: 'still here' },
    ]);
    const { call, text } = await run(flow);
    expect(saidTexts(call.transcript), text).toEqual(['still here']);
  });
});

describe('call control during a call (reference run-time.md#call-control-during-a-call)', () => {
  const long = Array.from({ length: 50 }, (_, index) => `word${index}`).join(' '); // 20 s of talk

  async function control(vonage: FakeVonage, path: string, body: unknown, method = 'PUT') {
    const response = await vonage.handle(voiceApiRequest(method, path, body));
    if (response === undefined) throw new Error(`not handled: ${path}`);
    return response;
  }

  it('PUT hangup mid-talk answers 204 and ends the call: completed with disconnected_by platform', async () => {
    const flow = await startFlow({ '/answer': [{ action: 'talk', text: long }] });
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.advance(5_000);
    const response = await control(flow.vonage, `/v1/calls/${call.ids.uuid}`, { action: 'hangup' });
    expect(response.status).toBe(204);
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const completed = completedOf(flow.app);
    expect(completed.disconnected_by, text).toBe('platform');
    // Cut at 5 s, not after the 20 s of talk.
    expect(Number(completed.duration)).toBeLessThanOrEqual(6);
    const end = call.transcript.find((entry) => entry.kind === 'end');
    expect(end?.atMs).toBeLessThan(7_000);
  });

  it('PUT transfer with an inline ncco abandons the current NCCO and runs the new one at once', async () => {
    const flow = await startFlow({
      '/answer': [
        { action: 'talk', text: long },
        { action: 'talk', text: 'never said' },
      ],
    });
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.advance(5_000);
    const response = await control(flow.vonage, `/v1/calls/${call.ids.uuid}`, {
      action: 'transfer',
      destination: { type: 'ncco', ncco: [{ action: 'talk', text: 'transferred' }] },
    });
    expect(response.status).toBe(204);
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    expect(saidTexts(call.transcript), text).toEqual([long, 'transferred']);
    const transferred = call.transcript.find(
      (entry) => entry.kind === 'said' && entry.text === 'transferred',
    );
    expect(transferred?.atMs).toBe(5_000);
  });

  it('PUT transfer with a url fetches the NCCO there and runs it', async () => {
    const flow = await startFlow({
      '/answer': [
        { action: 'talk', text: long },
        { action: 'talk', text: 'never said' },
      ],
      '/transfer': [{ action: 'talk', text: 'fetched by transfer' }],
    });
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.advance(5_000);
    const response = await control(flow.vonage, `/v1/calls/${call.ids.uuid}`, {
      action: 'transfer',
      destination: { type: 'ncco', url: [flow.app.url('/transfer')] },
    });
    expect(response.status).toBe(204);
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const [transfer] = flow.app.requests('/transfer');
    expect(transfer, text).toBeDefined();
    expect(transfer?.query.uuid ?? transfer?.body?.uuid).toBe(call.ids.uuid);
    expect(saidTexts(call.transcript)).toEqual([long, 'fetched by transfer']);
  });

  it('PUT talk, stream and dtmf are noted in the transcript and do not move the NCCO (reference run-time.md#rest-talk-and-stream-against-a-running-ncco)', async () => {
    const flow = await startFlow({});
    flow.app.on('/answer', [
      { action: 'wait', timeout: 10 },
      { action: 'notify', payload: {}, eventUrl: [flow.app.url('/notify')] },
    ]);
    const call = flow.vonage.pushIncomingCall();
    await flow.vonage.advance(4_000);
    const uuid = call.ids.uuid;
    expect(
      (await control(flow.vonage, `/v1/calls/${uuid}/talk`, { text: 'Hello from the API' })).status,
    ).toBe(200);
    expect(
      (await control(flow.vonage, `/v1/calls/${uuid}/stream`, { stream_url: ['https://example.com/a.mp3'] }))
        .status,
    ).toBe(200);
    expect((await control(flow.vonage, `/v1/calls/${uuid}/dtmf`, { digits: '1713' })).status).toBe(200);
    await flow.vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    const said = call.transcript.flatMap((entry) => (entry.kind === 'said' ? [[entry.via, entry.text]] : []));
    expect(said, text).toEqual([
      ['api-talk', 'Hello from the API'],
      ['api-stream', 'https://example.com/a.mp3'],
      ['api-dtmf', '1713'],
    ]);
    const waited = call.transcript.find((entry) => entry.kind === 'action' && entry.action === 'wait');
    const notified = call.transcript.find(
      (entry) => entry.kind === 'webhook' && entry.event === 'voice.event.notify',
    );
    expect((notified?.atMs ?? 0) - (waited?.atMs ?? 0)).toBe(10_000);
    expect(flow.app.requests('/notify')).toHaveLength(1);
  });
});
