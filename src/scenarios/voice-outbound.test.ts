import { describe, expect, it } from 'vitest';
import { isVwsError } from '../errors.js';
import { DEFAULT_REF_DATE } from '../fixtures/shared/types.js';
import { toCallPrice } from '../fixtures/voice/billing.js';
import { toPlannedScenario } from './scenario-context.js';
import type { PlannedScenario as Scenario, PlannedWebhook as ScheduledWebhook } from './types.js';
import { createVoiceOutboundScenario as createTyped, type VoiceOutboundOutcome } from './voice-outbound.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createVoiceOutboundScenario = (...args: Parameters<typeof createTyped>) =>
  toPlannedScenario(createTyped(...args));

const seeds = Array.from({ length: 20 }, (_, index) => index + 1);
const start = Date.parse(DEFAULT_REF_DATE);

const eventsOf = (scenario: Scenario) => scenario.webhooks.map((webhook) => webhook.event);
const find = (scenario: Scenario, event: string) => {
  const webhook = scenario.webhooks.find((candidate) => candidate.event === event);
  if (webhook === undefined) throw new Error(`no ${event} in ${eventsOf(scenario).join(', ')}`);
  return webhook;
};
const time = (value: unknown) => Date.parse(String(value));

describe('createVoiceOutboundScenario', () => {
  it('sends started, ringing, answered, the answer request and completed for an answered call', () => {
    expect(eventsOf(createVoiceOutboundScenario({ seed: 1 }))).toEqual([
      'voice.event.started',
      'voice.event.ringing',
      'voice.event.answered',
      'voice.answer.outbound',
      'voice.event.completed',
    ]);
  });

  it.each<[VoiceOutboundOutcome, string[]]>([
    ['busy', ['started', 'ringing', 'busy']],
    ['unanswered', ['started', 'ringing', 'unanswered']],
    ['cancelled', ['started', 'ringing', 'cancelled']],
    ['timeout', ['started', 'ringing', 'timeout']],
    ['rejected', ['started', 'rejected']],
    ['failed', ['started', 'failed']],
  ])('ends a %s call with its status and no completed', (outcome, statuses) => {
    const call = createVoiceOutboundScenario({ seed: 3, params: { outcome } });
    expect(eventsOf(call)).toEqual(statuses.map((status) => `voice.event.${status}`));
  });

  it('adds a zero-length completed after the failure when completedAfterFailure is set', () => {
    const call = createVoiceOutboundScenario({
      seed: 3,
      params: { outcome: 'busy', completedAfterFailure: true },
    });
    expect(eventsOf(call).slice(-2)).toEqual(['voice.event.busy', 'voice.event.completed']);
    const completed = find(call, 'voice.event.completed').payload;
    expect(completed).toMatchObject({ duration: '0', price: '0.00000000', sip_code: 486 });
    expect(completed.start_time).toBe(completed.end_time);
  });

  it('reports the machine and the human with call_uuid after the answer request', () => {
    const machine = createVoiceOutboundScenario({ seed: 4, params: { outcome: 'machine' } });
    expect(eventsOf(machine).slice(3, 5)).toEqual(['voice.answer.outbound', 'voice.event.machine']);
    expect(find(machine, 'voice.event.machine').payload.call_uuid).toBe(machine.ids.uuid);
    const human = createVoiceOutboundScenario({ seed: 4, params: { machineDetection: true } });
    expect(eventsOf(human)).toContain('voice.event.human');
    expect(eventsOf(createVoiceOutboundScenario({ seed: 4 }))).not.toContain('voice.event.human');
  });

  it('keeps uuid, conversation_uuid, numbers and direction the same on every event of the leg', () => {
    for (const seed of seeds) {
      const call = createVoiceOutboundScenario({
        seed,
        params: { machineDetection: true, steps: [{ action: 'input' }, { action: 'record' }] },
      });
      const { uuid, conversation_uuid } = call.ids;
      const answer = find(call, 'voice.answer.outbound').payload;
      for (const { event, payload } of call.webhooks) {
        expect(payload.conversation_uuid, event).toBe(conversation_uuid);
        if (event === 'voice.event.record') continue;
        expect(payload.uuid ?? payload.call_uuid, event).toBe(uuid);
        expect([payload.from, payload.to], event).toEqual([answer.from, answer.to]);
        if (
          event.startsWith('voice.event.') &&
          !event.startsWith('voice.event.input') &&
          event !== 'voice.event.human'
        ) {
          expect(payload.direction, event).toBe('outbound');
        }
      }
    }
  });

  it('stamps each payload with its own delivery time', () => {
    for (const seed of seeds) {
      for (const { event, payload, atMs } of createVoiceOutboundScenario({
        seed,
        params: { steps: [{ action: 'input' }] },
      }).webhooks) {
        if (payload.timestamp !== undefined) expect(time(payload.timestamp), event).toBe(start + atMs);
      }
    }
  });

  it('bills completed from the answer to the hang-up: duration = end - start, price = rate x duration / 60', () => {
    for (const seed of seeds) {
      const call = createVoiceOutboundScenario({
        seed,
        params: { steps: [{ action: 'record', seconds: 12 }] },
      });
      const answered = find(call, 'voice.event.answered');
      const record = find(call, 'voice.event.record');
      const completed = find(call, 'voice.event.completed');
      const { start_time, end_time, duration, rate, price } = completed.payload;
      expect(time(start_time)).toBe(Math.floor((start + answered.atMs) / 1000) * 1000);
      expect(Number(duration)).toBe((time(end_time) - time(start_time)) / 1000);
      expect(price).toBe(toCallPrice(String(rate), Number(duration)));
      expect(time(end_time)).toBeGreaterThanOrEqual(time(record.payload.end_time));
      expect(completed.atMs).toBeGreaterThan(record.atMs);
    }
  });

  it('reports step results between answered and completed, with the given digits and recording length', () => {
    const call = createVoiceOutboundScenario({
      seed: 8,
      params: {
        steps: [
          { action: 'input', digits: '42#' },
          { action: 'record', seconds: 20 },
          { action: 'input', type: 'speech' },
        ],
      },
    });
    expect(eventsOf(call).slice(4, 7)).toEqual([
      'voice.event.input.dtmf',
      'voice.event.record',
      'voice.event.input.speech',
    ]);
    expect(find(call, 'voice.event.input.dtmf').payload.dtmf).toEqual({ digits: '42#', timed_out: false });
    const record = find(call, 'voice.event.record').payload;
    expect((time(record.end_time) - time(record.start_time)) / 1000).toBe(20);
    expect(Number(record.size) / 20).toBeGreaterThanOrEqual(3_700);
    expect(Number(record.size) / 20).toBeLessThanOrEqual(4_000);
    expect(time(record.start_time)).toBeGreaterThan(
      time(find(call, 'voice.event.input.dtmf').payload.timestamp),
    );
  });

  it('uses the numbers and ids of the Create Call request, billing the callee country', () => {
    const call = createVoiceOutboundScenario({
      seed: 2,
      params: {
        to: '4915112345678',
        from: '4930123456',
        uuid: '63f61863-4a51-4f6b-86e1-46edebcf9356',
        conversationUuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22',
        disconnectedBy: 'user',
      },
    });
    expect(call.ids).toEqual({
      uuid: '63f61863-4a51-4f6b-86e1-46edebcf9356',
      conversation_uuid: 'CON-f972836a-550f-45fa-956c-12a2ab5b7d22',
    });
    const completed = find(call, 'voice.event.completed').payload;
    expect(completed).toMatchObject({
      to: '4915112345678',
      from: '4930123456',
      rate: '0.03960000',
      disconnected_by: 'user',
    });
    expect(String(completed.network)).toMatch(/^262/);
  });

  it('rejects steps on a call that is never answered, and unknown outcomes, with usage errors', () => {
    const attempts = [
      () => createVoiceOutboundScenario({ params: { outcome: 'busy', steps: [{ action: 'record' }] } }),
      () => createVoiceOutboundScenario({ params: { outcome: 'hangup' as VoiceOutboundOutcome } }),
      () => createVoiceOutboundScenario({ params: { to: '2801234567' } }), // +28x is spare
      () => createVoiceOutboundScenario({ params: { steps: [{ action: 'input', digits: '12a' }] } }),
      () => createVoiceOutboundScenario({ params: { steps: [{ action: 'record', seconds: 0 }] } }),
      () => createVoiceOutboundScenario({ params: { uuid: 'not-a-uuid' } }),
    ];
    for (const attempt of attempts) {
      try {
        attempt();
        expect.unreachable('the invalid params were accepted');
      } catch (error) {
        expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
      }
    }
    expect(() =>
      createVoiceOutboundScenario({ params: { outcome: 'hangup' as VoiceOutboundOutcome } }),
    ).toThrow(/use one of "answered", "busy"/);
  });

  it('draws a different call for each seed', () => {
    const ids = new Set(seeds.map((seed) => createVoiceOutboundScenario({ seed }).ids.uuid));
    expect(ids.size).toBe(seeds.length);
  });

  it('keeps times increasing through the whole call', () => {
    for (const seed of seeds) {
      const webhooks: readonly ScheduledWebhook[] = createVoiceOutboundScenario({
        seed,
        params: { outcome: 'machine', steps: [{ action: 'input', type: 'timeout' }, { action: 'record' }] },
      }).webhooks;
      for (let index = 1; index < webhooks.length; index++) {
        expect((webhooks[index] as ScheduledWebhook).atMs).toBeGreaterThan(
          (webhooks[index - 1] as ScheduledWebhook).atMs,
        );
      }
    }
  });
});
