import { createScenarioContext, toScenario, toWebhook } from './scenario-context.js';
import type { PlannedWebhook, Scenario, ScenarioOptions } from './types.js';
import {
  checkDisconnectedBy,
  createAnsweredTail,
  createVoiceLeg,
  toAnswerOverrides,
  toLegFields,
  type VoiceLegParams,
} from './voice-call.js';

/** Parameters of {@link createVoiceInboundScenario}: `to` is your Vonage number, `from` the caller. */
export type VoiceInboundParams = VoiceLegParams;

/**
 * The webhooks of a call to one of your Vonage numbers (reference voice.md#answer-webhook, voice.md#call-status-events): the answer request
 * (`voice.answer.inbound`), then `started` → `ringing` → `answered` (the platform answers at once) →
 * the step results → `completed`, all with the leg's `uuid`, `conversation_uuid`, numbers and
 * direction `inbound`; `completed` is billed at your number's inbound rate.
 *
 * @example
 * ```ts
 * import { createVoiceInboundScenario } from 'vonage-webhook-simulator';
 * const call = createVoiceInboundScenario({ seed: 3, params: { steps: [{ action: 'input', type: 'speech' }] } });
 * const answer = call.webhooks.find((webhook) => webhook.target === 'voice-answer');
 * ```
 * @see https://developer.vonage.com/voice/voice-api/webhook-reference
 */
export function createVoiceInboundScenario(options: ScenarioOptions<VoiceInboundParams> = {}): Scenario {
  const context = createScenarioContext('voice.inbound', options);
  const { faker } = context;
  const params = options.params ?? {};
  const disconnectedBy = checkDisconnectedBy(params.disconnectedBy);
  const leg = createVoiceLeg(faker, 'inbound', params);
  const webhooks: PlannedWebhook[] = [];

  const answerAt = faker.number.int({ min: 200, max: 900 });
  webhooks.push(toWebhook(context, 'answer', 'voice.answer.inbound', answerAt, toAnswerOverrides(leg)));
  const startedAt = answerAt + faker.number.int({ min: 50, max: 400 });
  webhooks.push(toWebhook(context, 'started', 'voice.event.started', startedAt, toLegFields(leg)));
  const ringingAt = startedAt + faker.number.int({ min: 20, max: 300 });
  webhooks.push(toWebhook(context, 'ringing', 'voice.event.ringing', ringingAt, toLegFields(leg)));
  const answeredAt = ringingAt + faker.number.int({ min: 50, max: 600 });
  webhooks.push(toWebhook(context, 'answered', 'voice.event.answered', answeredAt, toLegFields(leg)));

  const steps = params.steps ?? [];
  webhooks.push(...createAnsweredTail(context, leg, steps, answeredAt, answeredAt, disconnectedBy));
  return toScenario(context, webhooks, { uuid: leg.uuid, conversation_uuid: leg.conversationUuid }, options);
}
