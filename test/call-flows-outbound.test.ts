// Outbound calls (reference run-time.md#outbound-call-lifecycle), determinism and the virtual clock (docs/decisions/107 "One virtual clock"),
// against a loopback app through the public entry on a manual clock. Citations name
// pages of docs/reference/.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeVonage,
  type FakeVonage,
  type FakeVonageOptions,
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

const CALLEE = '447700900123';
const OURS = '447700900000';
const REF_DATE = '2026-01-01T00:00:00.000Z';

const fakes: FakeVonage[] = [];
const apps: NccoApp[] = [];

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((each) => each.close()));
  await Promise.all(apps.splice(0).map((each) => each.close()));
});

async function startApp(routes: Readonly<Record<string, AppRoute>> = {}): Promise<NccoApp> {
  const app = await startNccoApp(routes);
  apps.push(app);
  return app;
}

function startFake(
  app: NccoApp,
  options: { seed?: number; endUsers?: FakeVonageOptions['endUsers'] } = {},
): FakeVonage {
  const vonage = createFakeVonage({
    clock: 'manual',
    seed: options.seed ?? 23,
    refDate: REF_DATE,
    applicationId: TEST_APPLICATION_ID,
    webhooks: { answerUrl: app.url('/answer'), eventUrl: app.url('/event') },
    ...(options.endUsers === undefined ? {} : { endUsers: options.endUsers }),
  });
  fakes.push(vonage);
  return vonage;
}

/** `POST /v1/calls` to {@link CALLEE}; resolves with the 201 body. */
async function createCall(
  vonage: FakeVonage,
  fields: Record<string, unknown>,
): Promise<{ uuid: string; conversation_uuid: string }> {
  const response = await vonage.handle(
    voiceApiRequest('POST', '/v1/calls', {
      to: [{ type: 'phone', number: CALLEE }],
      from: { type: 'phone', number: OURS },
      ...fields,
    }),
  );
  expect(response?.status).toBe(201);
  return (await response?.json()) as { uuid: string; conversation_uuid: string };
}

const statusesOf = (app: NccoApp, path = '/event') =>
  app.bodies(path).flatMap((body) => (typeof body.status === 'string' ? [body.status] : []));

const saidTexts = (transcript: readonly TranscriptEntry[]) =>
  transcript.flatMap((entry) => (entry.kind === 'said' ? [entry.text] : []));

function webhookAt(transcript: readonly TranscriptEntry[], event: string): number {
  const found = transcript.find((entry) => entry.kind === 'webhook' && entry.event === event);
  if (found === undefined) throw new Error(`no ${event} in:\n${toTranscriptText(transcript)}`);
  return found.atMs;
}

describe('outbound calls (reference run-time.md#outbound-call-lifecycle)', () => {
  it('with answer_url: started → ringing → answered, then the answer URL by answer_method POST, then its NCCO (reference run-time.md#outbound-call-lifecycle #2–3)', async () => {
    const app = await startApp({ '/out': [{ action: 'talk', text: 'This is your reminder' }] });
    const vonage = startFake(app, { endUsers: { [CALLEE]: ['answer'] } });
    const created = await createCall(vonage, {
      answer_url: [app.url('/out')],
      answer_method: 'POST',
      event_url: [app.url('/event')],
    });
    await vonage.runUntilIdle();
    const call = vonage.lifecycles[0];
    const text = toTranscriptText(call?.transcript ?? []);
    const [answer] = app.requests('/out');
    expect(answer?.method, text).toBe('POST');
    expect(answer?.body).toMatchObject({
      uuid: created.uuid,
      conversation_uuid: created.conversation_uuid,
      to: CALLEE,
      from: OURS,
    });
    expect(statusesOf(app)).toEqual(['started', 'ringing', 'answered', 'completed']);
    // The answer webhook is sent once the callee answered.
    const answered = app.requests('/event').find((request) => request.body?.status === 'answered');
    expect(answered?.seq).toBeLessThan(answer?.seq ?? -1);
    expect(saidTexts(call?.transcript ?? [])).toEqual(['This is your reminder']);
  });

  it('answer_method defaults to GET (reference run-time.md#outbound-call-lifecycle #2)', async () => {
    const app = await startApp({ '/out': [{ action: 'talk', text: 'Hi' }] });
    const vonage = startFake(app);
    const created = await createCall(vonage, {
      answer_url: [app.url('/out')],
      event_url: [app.url('/event')],
    });
    await vonage.runUntilIdle();
    const [answer] = app.requests('/out');
    expect(answer?.method).toBe('GET');
    expect(answer?.query).toMatchObject({ uuid: created.uuid, to: CALLEE });
  });

  it('with an inline ncco: no answer webhook, the NCCO runs on answer (reference run-time.md#outbound-call-lifecycle #2)', async () => {
    const app = await startApp();
    const vonage = startFake(app);
    await createCall(vonage, {
      ncco: [{ action: 'talk', text: 'inline words' }],
      event_url: [app.url('/event')],
    });
    await vonage.runUntilIdle();
    const transcript = vonage.lifecycles[0]?.transcript ?? [];
    expect(app.requests('/answer'), toTranscriptText(transcript)).toHaveLength(0);
    expect(app.received.every((request) => request.path === '/event')).toBe(true);
    expect(saidTexts(transcript)).toEqual(['inline words']);
    expect(webhookAt(transcript, 'voice.event.completed')).toBeGreaterThan(
      webhookAt(transcript, 'voice.event.answered'),
    );
  });

  it('a busy callee: started, ringing, busy; never answered, no answer webhook (reference run-time.md#outbound-call-lifecycle #5)', async () => {
    const app = await startApp({ '/out': [{ action: 'talk', text: 'never' }] });
    const vonage = startFake(app, { endUsers: { [CALLEE]: ['busy'] } });
    await createCall(vonage, { answer_url: [app.url('/out')], event_url: [app.url('/event')] });
    await vonage.runUntilIdle();
    const text = toTranscriptText(vonage.lifecycles[0]?.transcript ?? []);
    expect(statusesOf(app).slice(0, 3), text).toEqual(['started', 'ringing', 'busy']);
    expect(statusesOf(app)).not.toContain('answered');
    expect(app.requests('/out')).toHaveLength(0);
  });

  it('a callee who does not answer: timeout ringing_timer s after ringing (reference run-time.md#outbound-call-lifecycle #4)', async () => {
    const app = await startApp({ '/out': [{ action: 'talk', text: 'never' }] });
    const vonage = startFake(app, { endUsers: { [CALLEE]: ['no answer'] } });
    await createCall(vonage, {
      answer_url: [app.url('/out')],
      event_url: [app.url('/event')],
      ringing_timer: 5,
    });
    await vonage.runUntilIdle();
    const transcript = vonage.lifecycles[0]?.transcript ?? [];
    const text = toTranscriptText(transcript);
    expect(statusesOf(app).slice(0, 3), text).toEqual(['started', 'ringing', 'timeout']);
    expect(app.requests('/out')).toHaveLength(0);
    expect(webhookAt(transcript, 'voice.event.timeout') - webhookAt(transcript, 'voice.event.ringing')).toBe(
      5_000,
    );
  });

  it.each([
    ['reject', 'rejected'],
    ['fail', 'failed'],
  ])(
    'a callee who does %s: a %s event, never answered (reference run-time.md#outbound-call-lifecycle #5)',
    async (step, status) => {
      const app = await startApp();
      const vonage = startFake(app, { endUsers: { [CALLEE]: [step] } });
      await createCall(vonage, { ncco: [{ action: 'talk', text: 'never' }], event_url: [app.url('/event')] });
      await vonage.runUntilIdle();
      const statuses = statusesOf(app);
      expect(statuses, toTranscriptText(vonage.lifecycles[0]?.transcript ?? [])).toContain(status);
      expect(statuses).not.toContain('answered');
    },
  );

  it("voicemail with machine_detection 'continue': answered, machine (with call_uuid), then the NCCO runs (reference run-time.md#outbound-call-lifecycle #7, #11)", async () => {
    const app = await startApp({ '/out': [{ action: 'talk', text: 'please call us back' }] });
    const vonage = startFake(app, { endUsers: { [CALLEE]: ['voicemail'] } });
    const created = await createCall(vonage, {
      answer_url: [app.url('/out')],
      event_url: [app.url('/event')],
      machine_detection: 'continue',
    });
    await vonage.runUntilIdle();
    const transcript = vonage.lifecycles[0]?.transcript ?? [];
    const text = toTranscriptText(transcript);
    expect(statusesOf(app), text).toEqual(['started', 'ringing', 'answered', 'machine', 'completed']);
    const machine = app.bodies('/event').find((body) => body.status === 'machine');
    expect(machine).toMatchObject({ call_uuid: created.uuid, conversation_uuid: created.conversation_uuid });
    expect(saidTexts(transcript)).toEqual(['please call us back']);
  });

  it("voicemail with machine_detection 'hangup': machine, then the call ends without running the NCCO (reference run-time.md#outbound-call-lifecycle #7)", async () => {
    const app = await startApp({ '/out': [{ action: 'talk', text: 'never said' }] });
    const vonage = startFake(app, { endUsers: { [CALLEE]: ['voicemail'] } });
    await createCall(vonage, {
      answer_url: [app.url('/out')],
      event_url: [app.url('/event')],
      machine_detection: 'hangup',
    });
    await vonage.runUntilIdle();
    const transcript = vonage.lifecycles[0]?.transcript ?? [];
    const text = toTranscriptText(transcript);
    expect(statusesOf(app), text).toEqual(['started', 'ringing', 'answered', 'machine', 'completed']);
    expect(saidTexts(transcript)).toEqual([]);
    const completed = app.bodies('/event').find((body) => body.status === 'completed');
    expect(completed?.disconnected_by).toBe('platform');
  });

  it("a person with machine_detection 'continue': a human event, then the NCCO (reference run-time.md#outbound-call-lifecycle #3)", async () => {
    const app = await startApp({ '/out': [{ action: 'talk', text: 'hello human' }] });
    const vonage = startFake(app, { endUsers: { [CALLEE]: ['answer'] } });
    await createCall(vonage, {
      answer_url: [app.url('/out')],
      event_url: [app.url('/event')],
      machine_detection: 'continue',
    });
    await vonage.runUntilIdle();
    const transcript = vonage.lifecycles[0]?.transcript ?? [];
    expect(statusesOf(app), toTranscriptText(transcript)).toEqual([
      'started',
      'ringing',
      'answered',
      'human',
      'completed',
    ]);
    expect(saidTexts(transcript)).toEqual(['hello human']);
  });

  it('advanced_machine_detection detect_beep on voicemail: machine, then machine with sub_state beep_start (reference run-time.md#outbound-call-lifecycle #11)', async () => {
    const app = await startApp({ '/out': [{ action: 'talk', text: 'after the beep' }] });
    const vonage = startFake(app, { endUsers: { [CALLEE]: ['voicemail'] } });
    await createCall(vonage, {
      answer_url: [app.url('/out')],
      event_url: [app.url('/event')],
      advanced_machine_detection: { behavior: 'continue', mode: 'detect_beep', beep_timeout: 45 },
    });
    await vonage.runUntilIdle();
    const text = toTranscriptText(vonage.lifecycles[0]?.transcript ?? []);
    const machine = app.bodies('/event').filter((body) => body.status === 'machine');
    expect(
      machine.map((body) => body.sub_state ?? null),
      text,
    ).toEqual([null, 'beep_start']);
  });

  it('length_timer: the platform hangs up that many seconds after answered (reference run-time.md#outbound-call-lifecycle #4)', async () => {
    const app = await startApp({ '/out': [{ action: 'wait', timeout: 120 }] });
    const vonage = startFake(app, { endUsers: { [CALLEE]: ['answer'] } });
    await createCall(vonage, {
      answer_url: [app.url('/out')],
      event_url: [app.url('/event')],
      length_timer: 10,
    });
    await vonage.runUntilIdle();
    const transcript = vonage.lifecycles[0]?.transcript ?? [];
    const completed = app.bodies('/event').find((body) => body.status === 'completed');
    expect(completed?.disconnected_by, toTranscriptText(transcript)).toBe('platform');
    const held =
      webhookAt(transcript, 'voice.event.completed') - webhookAt(transcript, 'voice.event.answered');
    expect(held).toBeGreaterThanOrEqual(10_000);
    expect(held).toBeLessThan(11_000);
  });

  it('the callee script goes on after the answer: an input takes its keys', async () => {
    const app = await startApp();
    app.on('/out', [
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [app.url('/menu')] },
    ]);
    const vonage = startFake(app, { endUsers: { [CALLEE]: ['answer', 'press 2'] } });
    await createCall(vonage, { answer_url: [app.url('/out')], event_url: [app.url('/event')] });
    await vonage.runUntilIdle();
    expect(app.bodies('/menu')[0]?.dtmf, toTranscriptText(vonage.lifecycles[0]?.transcript ?? [])).toEqual({
      digits: '2',
      timed_out: false,
    });
  });
});

describe('determinism (decision 107: "a seeded run is byte-identical")', () => {
  async function ivrRun(app: NccoApp, seed: number) {
    const vonage = startFake(app, { seed, endUsers: { '447700900002': ['answer', 'wait 12s', 'hang up'] } });
    const call = vonage.pushIncomingCall({ caller: ['press 2', 'say "I would like an agent"'] });
    await vonage.runUntilIdle();
    const deliveries = JSON.stringify(
      vonage.deliveries.map((delivery) => ({
        event: delivery.event,
        url: delivery.url,
        atMs: delivery.atMs,
        payload: delivery.payload,
      })),
    );
    const transcript = JSON.stringify(call.transcript);
    await vonage.close();
    return { deliveries, transcript, text: toTranscriptText(call.transcript) };
  }

  async function ivrApp(): Promise<NccoApp> {
    const app = await startApp();
    app.on('/answer', [
      { action: 'talk', text: 'Welcome. Press 1 for sales, 2 for support.', bargeIn: true },
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [app.url('/menu')] },
    ]);
    app.on('/menu', [
      { action: 'record', eventUrl: [app.url('/rec')], transcription: {} },
      { action: 'input', type: ['speech'], eventUrl: [app.url('/speech')] },
      {
        action: 'connect',
        endpoint: [{ type: 'phone', number: '447700900002' }],
        eventUrl: [app.url('/leg')],
      },
      { action: 'notify', payload: { done: true }, eventUrl: [app.url('/notify')] },
    ]);
    return app;
  }

  it('the same seeded flow run twice gives byte-identical delivery payloads and transcripts', async () => {
    const app = await ivrApp();
    const first = await ivrRun(app, 99);
    const second = await ivrRun(app, 99);
    expect(first.text).toContain('connect');
    expect(first.text).toContain('record');
    expect(second.deliveries).toBe(first.deliveries);
    expect(second.transcript).toBe(first.transcript);
  });

  it('another seed gives another run (the comparison above is not vacuous)', async () => {
    const app = await ivrApp();
    const first = await ivrRun(app, 99);
    const other = await ivrRun(app, 100);
    expect(other.deliveries).not.toBe(first.deliveries);
  });
});

describe('the virtual clock (decision 107 "One virtual clock")', () => {
  it('advance(ms) moves only as far as asked: nothing due later has happened', async () => {
    const app = await startApp();
    app.on('/answer', [
      { action: 'wait', timeout: 30 },
      { action: 'notify', payload: {}, eventUrl: [app.url('/notify')] },
    ]);
    const vonage = startFake(app);
    const call = vonage.pushIncomingCall();
    expect(app.received).toHaveLength(0);
    await vonage.advance(10_000);
    expect(vonage.now()).toBe(10_000);
    expect(statusesOf(app)).toEqual(['started', 'ringing', 'answered']);
    expect(app.requests('/notify')).toHaveLength(0);
    await vonage.advance(10_000);
    expect(vonage.now()).toBe(20_000);
    expect(app.requests('/notify')).toHaveLength(0);
    await vonage.advance(15_000);
    expect(vonage.now()).toBe(35_000);
    expect(app.requests('/notify'), toTranscriptText(call.transcript)).toHaveLength(1);
    await vonage.runUntilIdle();
    expect(statusesOf(app).at(-1)).toBe('completed');
  });

  it('nothing moves on a manual clock until told', async () => {
    const app = await startApp({ '/answer': [{ action: 'talk', text: 'Hi' }] });
    const vonage = startFake(app);
    vonage.pushIncomingCall();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.received).toHaveLength(0);
    expect(vonage.now()).toBe(0);
  });

  // How fast in real time is measured by bench/call-flow.bench.js, never by a test.
  it('runUntilIdle() finishes a 60-second call without the test moving any timer', async () => {
    const app = await startApp({ '/answer': [{ action: 'wait', timeout: 60 }] });
    const vonage = startFake(app);
    const call = vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    const completed = app.bodies('/event').find((body) => body.status === 'completed');
    expect(Number(completed?.duration), toTranscriptText(call.transcript)).toBeGreaterThanOrEqual(60);
    // The platform hangs up a moment after the flow ran out; end_time is counted up to the second.
    expect(Number(completed?.duration)).toBeLessThanOrEqual(62);
    expect(vonage.now()).toBeGreaterThanOrEqual(60_000);
  });

  it('payload times are refDate plus the call own virtual time', async () => {
    const app = await startApp({ '/answer': [{ action: 'wait', timeout: 20 }] });
    const vonage = startFake(app);
    const call = vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    const answered = app.bodies('/event').find((body) => body.status === 'answered');
    const completed = app.bodies('/event').find((body) => body.status === 'completed');
    const answeredAt = webhookAt(call.transcript, 'voice.event.answered');
    expect(Date.parse(String(answered?.timestamp)) - Date.parse(REF_DATE)).toBe(answeredAt);
    expect(
      Date.parse(String(completed?.timestamp)) - Date.parse(String(answered?.timestamp)),
    ).toBeGreaterThanOrEqual(20_000);
  });
});
