import { describe, expect, it } from 'vitest';
import { toCallPrice } from '../fixtures/voice/billing.js';
import { toPlannedScenario } from './scenario-context.js';
import type { PlannedScenario as Scenario } from './types.js';
import { createVoiceInboundScenario as createTyped } from './voice-inbound.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createVoiceInboundScenario = (...args: Parameters<typeof createTyped>) =>
  toPlannedScenario(createTyped(...args));

const eventsOf = (scenario: Scenario) => scenario.webhooks.map((webhook) => webhook.event);

describe('createVoiceInboundScenario', () => {
  it('asks the answer URL first, then reports started, ringing, answered, the steps and completed', () => {
    const call = createVoiceInboundScenario({ seed: 1, params: { steps: [{ action: 'input' }] } });
    expect(eventsOf(call)).toEqual([
      'voice.answer.inbound',
      'voice.event.started',
      'voice.event.ringing',
      'voice.event.answered',
      'voice.event.input.dtmf',
      'voice.event.completed',
    ]);
    expect(call.webhooks.map((webhook) => webhook.target)).toEqual([
      'voice-answer',
      'voice-event',
      'voice-event',
      'voice-event',
      'voice-event',
      'voice-event',
    ]);
  });

  it('keeps the caller, your number and the ids on every webhook, direction inbound', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const call = createVoiceInboundScenario({ seed, params: { from: '447400123456', to: '442071838750' } });
      for (const { event, payload } of call.webhooks) {
        expect(payload, event).toMatchObject({
          from: '447400123456',
          to: '442071838750',
          uuid: call.ids.uuid,
          conversation_uuid: call.ids.conversation_uuid,
        });
        if (event.startsWith('voice.event.') && event !== 'voice.event.input.dtmf') {
          expect(payload.direction, event).toBe('inbound');
        }
      }
    }
  });

  it("bills completed at your number's inbound rate with its network label", () => {
    const call = createVoiceInboundScenario({ seed: 6, params: { to: '442071838750' } });
    const completed = call.webhooks.at(-1)?.payload ?? {};
    expect(completed).toMatchObject({ status: 'completed', rate: '0.00450000', network: 'GB-FIXED' });
    const duration =
      (Date.parse(String(completed.end_time)) - Date.parse(String(completed.start_time))) / 1000;
    expect(completed.duration).toBe(String(duration));
    expect(completed.price).toBe(toCallPrice('0.00450000', duration));
  });
});
