// Call flows, NCCO action by action (here conversation), against a
// loopback app through the public entry on a manual clock (setup: test/support/call-flow.ts). Each
// test cites the row of docs/reference/run-time.md (reference run-time.md#…) or, where the reference
// says Unknown, the choice of docs/decisions/107 it checks.
import { afterEach, describe, expect, it } from 'vitest';
import { toTranscriptText } from 'vonage-webhook-simulator';
import { closeFlows, entries, startFlow, webhook } from './support/call-flow.js';

afterEach(closeFlows);

describe('conversation (reference run-time.md#action-by-action conversation, run-time.md#conference-end)', () => {
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
