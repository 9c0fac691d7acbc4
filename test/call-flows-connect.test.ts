// Call flows, NCCO action by action (here connect), against a
// loopback app through the public entry on a manual clock (setup: test/support/call-flow.ts). Each
// test cites the row of docs/reference/run-time.md (reference run-time.md#…) or, where the reference
// says Unknown, the choice of docs/decisions/107 it checks.
import { afterEach, describe, expect, it } from 'vitest';
import { toTranscriptText } from 'vonage-webhook-simulator';
import {
  CALLEE,
  CALLEE_2,
  closeFlows,
  completedAt,
  entries,
  saidTexts,
  saying,
  startFlow,
  statusesOf,
  webhook,
} from './support/call-flow.js';
import type { NccoApp } from './support/ncco-app.js';

afterEach(closeFlows);

describe('connect (reference run-time.md#action-by-action connect rows, run-time.md#caller-hangs-up-during-an-answered-connect to run-time.md#events-of-a-connect-with-no-eventurl)', () => {
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

  it("machineDetection 'hangup' with a voicemail callee: machine event, the leg is hung up, the NCCO goes on (reference run-time.md#action-by-action connect extras, run-time.md#outbound-call-lifecycle #7)", async () => {
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

  it('limit: the connected leg is hung up limit s after it answered, by the platform (reference run-time.md#action-by-action connect, run-time.md#when-the-ncco-runs-out)', async () => {
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
