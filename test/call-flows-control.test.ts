// Issue 9 review: call control before the answer and on connected legs, inline NCCO checks, flows
// that loop without time passing, scripted ring outcomes and machine detection on connect.
// Citations name pages of docs/reference/.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeVonage,
  type FakeVonage,
  type FakeVonageOptions,
  toTranscriptText,
} from 'vonage-webhook-simulator';
import {
  appJwt,
  type NccoApp,
  startNccoApp,
  TEST_APPLICATION_ID,
  voiceApiRequest,
} from './support/ncco-app.js';

const CALLEE = '447700900002';
const AGENT = '447700900005';
const OURS = '447700900009';

const fakes: FakeVonage[] = [];
const apps: NccoApp[] = [];

afterEach(async () => {
  await Promise.all(fakes.splice(0).map((each) => each.close()));
  await Promise.all(apps.splice(0).map((each) => each.close()));
});

async function setUp(options: Partial<FakeVonageOptions> = {}) {
  const app = await startNccoApp();
  apps.push(app);
  const vonage = createFakeVonage({
    clock: 'manual',
    seed: 5,
    refDate: '2026-01-15T12:00:00Z',
    applicationId: TEST_APPLICATION_ID,
    webhooks: { answerUrl: app.url('/answer'), eventUrl: app.url('/event') },
    ...options,
  });
  fakes.push(vonage);
  return { app, vonage };
}

const statuses = (app: NccoApp, path = '/event') =>
  app.bodies(path).flatMap((body) => (typeof body.status === 'string' ? [body.status] : []));

async function createCall(vonage: FakeVonage, fields: Record<string, unknown>) {
  const response = await vonage.handle(
    voiceApiRequest('POST', '/v1/calls', {
      to: [{ type: 'phone', number: CALLEE }],
      from: { type: 'phone', number: OURS },
      ...fields,
    }),
  );
  return { status: response?.status, body: (await response?.json()) as Record<string, unknown> };
}

describe('call control before the answer (reference run-time.md#call-control-during-a-call, run-time.md#outbound-call-lifecycle #5)', () => {
  it('cancels an outbound call the app hangs up while it rings: no answer, no answer URL', async () => {
    const { app, vonage } = await setUp();
    app.on('/answer', [{ action: 'talk', text: 'never said' }]);
    let uuid = '';
    app.on('/event', (request) => {
      if (request.body?.status === 'ringing') {
        void vonage.handle(voiceApiRequest('PUT', `/v1/calls/${uuid}`, { action: 'hangup' }));
      }
      return { status: 204 };
    });
    const created = await createCall(vonage, {
      answer_url: [app.url('/answer')],
      event_url: [app.url('/event')],
    });
    uuid = String(created.body.uuid);
    await vonage.runUntilIdle();
    expect(statuses(app)).toEqual(['started', 'ringing', 'cancelled']);
    expect(app.requests('/answer')).toEqual([]);
  });

  it('ends an inbound call the app hangs up before it is answered, unbilled', async () => {
    const { app, vonage } = await setUp();
    app.on('/answer', [{ action: 'talk', text: 'never said' }]);
    app.on('/event', (request) => {
      if (request.body?.status === 'started') {
        void vonage.handle(
          voiceApiRequest('PUT', `/v1/calls/${String(request.body.uuid)}`, { action: 'hangup' }),
        );
      }
      return { status: 204 };
    });
    const call = vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    expect(statuses(app), text).not.toContain('answered');
    expect(app.bodies('/event').find((body) => body.status === 'completed')).toMatchObject({ duration: '0' });
    expect(text).toContain('before the call was answered');
    expect(text).not.toContain('never said');
  });
});

describe('connected legs under call control (reference run-time.md#call-control-during-a-call)', () => {
  it('cancels a connected leg the app hangs up while it rings, and the caller goes on', async () => {
    const { app, vonage } = await setUp({ endUsers: { [AGENT]: ['answer'] } });
    app.on('/answer', [
      { action: 'connect', endpoint: [{ type: 'phone', number: AGENT }], eventUrl: [app.url('/agent')] },
      { action: 'talk', text: 'the agent could not come' },
    ]);
    app.on('/agent', (request) => {
      if (request.body?.status === 'started') {
        void vonage.handle(
          voiceApiRequest('PUT', `/v1/calls/${String(request.body.uuid)}`, { action: 'hangup' }),
        );
      }
      return { status: 204 };
    });
    const call = vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    expect(statuses(app, '/agent'), toTranscriptText(call.transcript)).toContain('cancelled');
    expect(toTranscriptText(call.transcript)).toContain('the agent could not come');
  });

  it('notes a transfer of a connected leg as not simulated, leaving the call alone', async () => {
    const { app, vonage } = await setUp({ endUsers: { [AGENT]: ['answer', 'wait 5s', 'hang up'] } });
    app.on('/answer', [
      { action: 'connect', endpoint: [{ type: 'phone', number: AGENT }], eventUrl: [app.url('/agent')] },
    ]);
    app.on('/agent', (request) => {
      if (request.body?.status === 'answered') {
        void vonage.handle(
          voiceApiRequest('PUT', `/v1/calls/${String(request.body.uuid)}`, {
            action: 'transfer',
            destination: { type: 'ncco', ncco: [{ action: 'talk', text: 'B transferred' }] },
          }),
        );
      }
      return { status: 204 };
    });
    const call = vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    expect(text).toContain('not simulated on a connected leg');
    expect(text).not.toContain('B transferred');
  });
});

describe('inline NCCOs are checked like answered ones', () => {
  it('answers Create Call with 400 naming the action that is wrong', async () => {
    const { vonage } = await setUp();
    const created = await createCall(vonage, {
      ncco: [{ action: 'tlak', text: 'Hi' }],
      event_url: ['http://127.0.0.1:9/e'],
    });
    expect(created.status).toBe(400);
    expect(created.body.invalid_parameters).toEqual([
      expect.objectContaining({ name: expect.stringMatching(/^ncco\[0\]/) }),
    ]);
    expect(vonage.lifecycles).toEqual([]);
  });
});

describe('flows that loop without time passing', () => {
  it('ends a call whose notify is answered with the same notify, saying why', async () => {
    const { app, vonage } = await setUp();
    const notify = [{ action: 'notify', payload: { n: 1 }, eventUrl: [app.url('/notify')] }];
    app.on('/answer', notify);
    app.on('/notify', notify);
    const call = vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    expect(app.requests('/notify').length).toBeLessThanOrEqual(102);
    expect(call.transcript.at(-1)).toMatchObject({ kind: 'end', reason: expect.stringContaining('looped') });
  });
});

describe('scripted ring outcomes (reference run-time.md#outbound-call-lifecycle #5)', () => {
  it.each([
    ['unanswered', 'unanswered'],
    ['cancelled', 'cancelled'],
    ['timeout', 'timeout'],
  ])('ends an outbound call with outcome %s as status %s', async (outcome, status) => {
    const { app, vonage } = await setUp();
    vonage.scriptOutcome({ to: CALLEE, outcome, scenario: 'voice.outbound' });
    await createCall(vonage, { answer_url: [app.url('/answer')], event_url: [app.url('/event')] });
    await vonage.runUntilIdle();
    expect(statuses(app)).toEqual(['started', 'ringing', status]);
  });
});

describe('machine detection on connect (reference run-time.md#outbound-call-lifecycle #11)', () => {
  it('sends a plain machine event first, with no sub_state outside beep detection', async () => {
    const { app, vonage } = await setUp({ endUsers: { [AGENT]: ['voicemail'] } });
    app.on('/answer', [
      {
        action: 'connect',
        endpoint: [{ type: 'phone', number: AGENT }],
        eventUrl: [app.url('/agent')],
        advancedMachineDetection: { behavior: 'continue', mode: 'detect' },
      },
    ]);
    vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    const machine = app.bodies('/agent').filter((body) => body.status === 'machine');
    expect(machine).toHaveLength(1);
    expect(machine[0]).not.toHaveProperty('sub_state');
  });
});

describe('scripts of another role', () => {
  it("rings a number whose endUsers script is a chat user's as if it had none, and the call ends", async () => {
    const { app, vonage } = await setUp({ endUsers: { [AGENT]: 'read; reply "STOP"' } });
    app.on('/answer', [
      { action: 'connect', endpoint: [{ type: 'phone', number: AGENT }], eventUrl: [app.url('/agent')] },
    ]);
    const call = vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    expect(call.error).toBeNull();
    expect(statuses(app)).toContain('completed');
  });
});

describe('named conversations belong to their application (reference run-time.md#action-by-action conversation)', () => {
  it('keeps two applications apart when their calls join the same name', async () => {
    const { app, vonage } = await setUp({ apiKey: 'a1b2c3d4', apiSecret: 'Secret123' });
    const created = await vonage.handle(
      new Request('https://api.nexmo.com/v2/applications', {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from('a1b2c3d4:Secret123').toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'other', capabilities: { voice: { webhooks: {} } } }),
      }),
    );
    if (created === undefined) throw new Error('the Applications API did not answer');
    expect(created.status).toBe(201);
    const other = String(((await created.json()) as { id: string }).id);
    const join = (endOnExit: boolean) => [{ action: 'conversation', name: 'support-room', endOnExit }];
    // Call 1 (this application) leaves after 15 s and would end the room for everyone in it.
    app.on('/answer', join(true));
    const first = vonage.pushIncomingCall({ caller: ['wait 15s', 'hang up'] });
    // Call 2 (the other application) joins a room of the same name within 10 s and stays.
    vonage.scriptOutcome({ to: CALLEE, outcome: 'answered', scenario: 'voice.outbound' });
    const second = await vonage.handle(
      new Request('https://api.nexmo.com/v1/calls', {
        method: 'POST',
        headers: { authorization: `Bearer ${appJwt(other)}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          to: [{ type: 'phone', number: CALLEE }],
          from: { type: 'phone', number: OURS },
          ncco: [...join(false), { action: 'talk', text: 'never reached by the other room ending' }],
          event_url: [app.url('/other-event')],
        }),
      }),
    );
    expect(second?.status).toBe(201);
    await vonage.advance(30_000);
    expect(toTranscriptText(first.transcript)).toContain('ended: the caller hung up');
    // Still in its own room: not ended by the first application's call leaving.
    expect(statuses(app, '/other-event')).not.toContain('completed');
    await vonage.runUntilIdle();
  });
});

describe('control that arrives while a webhook is in flight (reference run-time.md#call-control-during-a-call)', () => {
  it('ends the call before the NCCO that webhook returned runs', async () => {
    const { app, vonage } = await setUp();
    app.on('/answer', [
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [app.url('/menu')] },
    ]);
    app.on('/menu', (request) => {
      void vonage.handle(
        voiceApiRequest('PUT', `/v1/calls/${String(request.body?.uuid)}`, { action: 'hangup' }),
      );
      return [
        { action: 'notify', payload: { step: 'after hangup' }, eventUrl: [app.url('/notify')] },
        { action: 'talk', text: 'never said' },
      ];
    });
    const call = vonage.pushIncomingCall({ caller: ['press 1'] });
    await vonage.runUntilIdle();
    const text = toTranscriptText(call.transcript);
    expect(app.requests('/notify'), text).toEqual([]);
    expect(text).not.toContain('never said');
    expect(call.transcript.at(-1)).toMatchObject({ kind: 'end', disconnectedBy: 'platform' });
  });

  it('keeps an outbound call ringing after a transfer, and runs the transferred NCCO once answered', async () => {
    const { app, vonage } = await setUp({ endUsers: { [CALLEE]: ['answer'] } });
    app.on('/answer', [{ action: 'talk', text: 'from the answer URL' }]);
    let uuid = '';
    app.on('/event', (request) => {
      if (request.body?.status === 'ringing') {
        void vonage.handle(
          voiceApiRequest('PUT', `/v1/calls/${uuid}`, {
            action: 'transfer',
            destination: { type: 'ncco', ncco: [{ action: 'talk', text: 'from the transfer' }] },
          }),
        );
      }
      return { status: 204 };
    });
    const created = await createCall(vonage, {
      answer_url: [app.url('/answer')],
      event_url: [app.url('/event')],
    });
    uuid = String(created.body.uuid);
    const call = vonage.lifecycles[0];
    await vonage.runUntilIdle();
    const text = toTranscriptText(call?.transcript ?? []);
    const events = app.bodies('/event');
    const ringing = Date.parse(String(events.find((body) => body.status === 'ringing')?.timestamp));
    const answered = Date.parse(String(events.find((body) => body.status === 'answered')?.timestamp));
    // The callee still takes its 3-8 s to answer (decision 107), whatever the transfer.
    expect(answered - ringing, text).toBeGreaterThanOrEqual(3_000);
    expect(text).toContain('from the transfer');
    expect(app.requests('/answer')).toEqual([]);
  });
});

describe('connect to numbers as apps write them', () => {
  it('rings a number written with "+", and refuses one no country serves with invalid_number', async () => {
    const { app, vonage } = await setUp({ endUsers: { [AGENT]: ['answer', 'wait 2s', 'hang up'] } });
    app.on('/answer', [
      {
        action: 'connect',
        endpoint: [{ type: 'phone', number: '999123456789' }],
        eventUrl: [app.url('/bad')],
      },
      {
        action: 'connect',
        endpoint: [{ type: 'phone', number: `+${AGENT}` }],
        eventUrl: [app.url('/agent')],
      },
      { action: 'talk', text: 'after the agent' },
    ]);
    const call = vonage.pushIncomingCall();
    await vonage.runUntilIdle();
    expect(call.error).toBeNull();
    expect(app.bodies('/bad').find((body) => body.status === 'rejected')).toMatchObject({
      detail: 'invalid_number',
    });
    expect(statuses(app, '/agent')).toEqual(['started', 'ringing', 'answered', 'completed']);
    expect(app.bodies('/agent')[0]?.to).toBe(AGENT);
    expect(toTranscriptText(call.transcript)).toContain('after the agent');
  });
});
