import { VwsError } from '../errors.js';
import { toIsoMillis } from '../fixtures/shared/time.js';
import { toCallPrice } from '../fixtures/voice/billing.js';
import { ceilSecond, createScenarioContext, pickParam, toScenario, toWebhook } from './scenario-context.js';
import type { PlannedWebhook, Scenario, ScenarioOptions } from './types.js';
import {
  checkDisconnectedBy,
  createAnsweredTail,
  createVoiceLeg,
  toAnswerOverrides,
  toLegFields,
  type VoiceLegParams,
} from './voice-call.js';

/**
 * How an outbound call ends: `answered` (by a person), `machine` (by voicemail, with machine
 * detection), or a failure status of reference voice.md#call-status-events.
 */
export const voiceOutboundOutcomes = [
  'answered',
  'busy',
  'unanswered',
  'rejected',
  'failed',
  'cancelled',
  'timeout',
  'machine',
] as const;
/** One of {@link voiceOutboundOutcomes}. */
export type VoiceOutboundOutcome = (typeof voiceOutboundOutcomes)[number];

/** Parameters of {@link createVoiceOutboundScenario}: what the Create Call request and its response said. */
export interface VoiceOutboundParams extends VoiceLegParams {
  /** Default `answered`. */
  readonly outcome: VoiceOutboundOutcome;
  /**
   * The call was created with `machine_detection`: a `human` event follows the answer (outcome
   * `machine` always sends `machine`). Default false.
   */
  readonly machineDetection: boolean;
  /**
   * Send a zero-length `completed` after a failure status. Default false: whether Vonage does is not
   * documented (reference voice.md#call-status-events ❓, docs/decisions/081).
   */
  readonly completedAfterFailure: boolean;
}

// Failures before the destination rang: refused by Vonage, or the call could not be routed.
const beforeRinging = ['rejected', 'failed'] as const;

/** How long after `ringing` each failure that follows it comes, in ms. */
const failureDelays = {
  busy: [1_000, 8_000],
  cancelled: [2_000, 30_000],
  unanswered: [15_000, 45_000],
  // `ringing_timer` / connect `timeout` default 60 s.
  timeout: [60_000, 60_800],
} as const;

function failureWebhooks(
  context: ReturnType<typeof createScenarioContext>,
  leg: ReturnType<typeof createVoiceLeg>,
  status: 'busy' | 'unanswered' | 'rejected' | 'failed' | 'cancelled' | 'timeout',
  at: number,
  completedAfterFailure: boolean,
): PlannedWebhook[] {
  const failure = toWebhook(context, status, `voice.event.${status}`, at, toLegFields(leg));
  if (!completedAfterFailure) return [failure];
  // A leg that never connected: no talk time, so duration 0 and price 0 at the leg's rate; the
  // failure's SIP code, when it has one (decision 081).
  const endMillis = ceilSecond(context.start + at);
  const sipCode = failure.payload.sip_code;
  const completedAt = at + context.faker.number.int({ min: 40, max: 400 });
  const completed = toWebhook(context, 'completed', 'voice.event.completed', completedAt, {
    ...toLegFields(leg),
    start_time: toIsoMillis(endMillis),
    end_time: toIsoMillis(endMillis),
    duration: '0',
    rate: leg.tariff.rate,
    price: toCallPrice(leg.tariff.rate, 0),
    network: leg.tariff.network,
    sip_code: typeof sipCode === 'number' ? sipCode : undefined,
    disconnected_by: 'platform',
  });
  return [failure, completed];
}

/**
 * The webhooks of an outbound call created with `answer_url` (reference voice.md#answer-webhook, voice.md#call-status-events): `started` →
 * `ringing` → `answered` → the answer request (`voice.answer.outbound`) → `human`/`machine` with
 * machine detection → the step results → `completed`. Failure outcomes end with their status:
 * `rejected`/`failed` right after `started`, the others after `ringing`; no `completed` follows unless
 * `completedAfterFailure`. Every event of the leg has the same `uuid` (`call_uuid` on machine
 * detection), `conversation_uuid`, numbers and direction; `completed` bills `answered` to hang-up.
 *
 * @example
 * ```ts
 * import { createVoiceOutboundScenario } from 'vonage-webhook-simulator';
 * const call = createVoiceOutboundScenario({
 *   seed: 7,
 *   params: { to: '447700900123', steps: [{ action: 'input', digits: '12' }, { action: 'record' }] },
 * });
 * for (const webhook of call.webhooks) console.log(webhook.atMs, webhook.event);
 * ```
 * @see https://developer.vonage.com/voice/voice-api/webhook-reference
 */
export function createVoiceOutboundScenario(options: ScenarioOptions<VoiceOutboundParams> = {}): Scenario {
  const context = createScenarioContext('voice.outbound', options);
  const { faker } = context;
  const params = options.params ?? {};
  const outcome = pickParam(params.outcome, voiceOutboundOutcomes, 'answered', 'voice.outbound outcome');
  const steps = params.steps ?? [];
  const connects = outcome === 'answered' || outcome === 'machine';
  if (steps.length > 0 && !connects) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Steps need an answered call: outcome "${outcome}" ends before the answer; drop steps or use "answered".`,
    );
  }
  const disconnectedBy = checkDisconnectedBy(params.disconnectedBy);
  const completedAfterFailure = params.completedAfterFailure === true;
  const leg = createVoiceLeg(faker, 'outbound', params);
  const ids = { uuid: leg.uuid, conversation_uuid: leg.conversationUuid };
  const webhooks: PlannedWebhook[] = [];

  const startedAt = faker.number.int({ min: 300, max: 1_200 });
  webhooks.push(toWebhook(context, 'started', 'voice.event.started', startedAt, toLegFields(leg)));
  if ((beforeRinging as readonly string[]).includes(outcome)) {
    const at = startedAt + faker.number.int({ min: 100, max: 2_000 });
    const status = outcome as (typeof beforeRinging)[number];
    webhooks.push(...failureWebhooks(context, leg, status, at, completedAfterFailure));
    return toScenario(context, webhooks, ids, options);
  }

  const ringingAt = startedAt + faker.number.int({ min: 800, max: 3_000 });
  webhooks.push(toWebhook(context, 'ringing', 'voice.event.ringing', ringingAt, toLegFields(leg)));
  if (!connects) {
    const status = outcome as keyof typeof failureDelays;
    const [min, max] = failureDelays[status];
    const at = ringingAt + faker.number.int({ min, max });
    webhooks.push(...failureWebhooks(context, leg, status, at, completedAfterFailure));
    return toScenario(context, webhooks, ids, options);
  }

  const answeredAt = ringingAt + faker.number.int({ min: 3_000, max: 20_000 });
  webhooks.push(toWebhook(context, 'answered', 'voice.event.answered', answeredAt, toLegFields(leg)));
  // Vonage fetches the NCCO from answer_url once the callee picks up.
  const answerAt = answeredAt + faker.number.int({ min: 20, max: 300 });
  webhooks.push(toWebhook(context, 'answer', 'voice.answer.outbound', answerAt, toAnswerOverrides(leg)));
  let cursor = answerAt;
  if (outcome === 'machine' || params.machineDetection === true) {
    // Detection runs beside the NCCO and reports within seconds of the answer.
    const detectedAt = answeredAt + faker.number.int({ min: 1_500, max: 5_000 });
    const status = outcome === 'machine' ? 'machine' : 'human';
    webhooks.push(
      toWebhook(context, status, `voice.event.${status}`, detectedAt, {
        from: leg.from,
        to: leg.to,
        call_uuid: leg.uuid,
        conversation_uuid: leg.conversationUuid,
      }),
    );
    cursor = Math.max(cursor, detectedAt);
  }
  webhooks.push(...createAnsweredTail(context, leg, steps, cursor, answeredAt, disconnectedBy));
  return toScenario(context, webhooks, ids, options);
}
