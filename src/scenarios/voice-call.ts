import type { Faker } from '@faker-js/faker';
import { VwsError } from '../errors.js';
import type { WebhookEventMap } from '../fixtures/events.js';
import { createConversationUuid, createUuid } from '../fixtures/shared/ids.js';
import { createPhoneNumber, type PhoneNumber } from '../fixtures/shared/phone.js';
import { toIsoMillis, toIsoSeconds } from '../fixtures/shared/time.js';
import type { DeepPartial } from '../fixtures/shared/types.js';
import { createLegTariff, type LegTariff, toCallPrice } from '../fixtures/voice/billing.js';
import { createRegionUrl } from '../fixtures/voice/call-parties.js';
import type { VoiceDirection } from '../fixtures/voice/types.js';
import { toPhoneNumber } from './phone-of.js';
import {
  ceilSecond,
  checkParam,
  floorSecond,
  type ScenarioContext,
  type ScenarioOverrides,
  toWebhook,
} from './scenario-context.js';
import type { PlannedWebhook } from './types.js';

/** The kinds of `input` result a step can produce: keys pressed, words said, or nothing in time. */
export const voiceInputTypes = ['dtmf', 'speech', 'timeout'] as const;
/** One of {@link voiceInputTypes}. */
export type VoiceInputType = (typeof voiceInputTypes)[number];

/**
 * One NCCO action of an answered call whose result Vonage reports on the event URL: an `input`
 * (DTMF keys, speech, or a time-out) or a `record` of `seconds` length.
 */
export type VoiceStep =
  | {
      readonly action: 'input';
      /** Default `dtmf`. */
      readonly type?: VoiceInputType;
      /** The keys pressed (`0-9`, `*`, `#`), for a `dtmf` input; drawn from the seed when absent. */
      readonly digits?: string;
    }
  | {
      readonly action: 'record';
      /** Length of the recording in whole seconds (1 to 7200, the record `timeOut` range); default 3–60. */
      readonly seconds?: number;
    };

/** Parameters every voice scenario shares: the leg's numbers and ids, as the Create Call response or your numbers give them. */
export interface VoiceLegParams {
  /** The called number: the callee (outbound) or your Vonage number (inbound). E.164 without `+`. */
  readonly to: string;
  /** The calling number: your Vonage number (outbound) or the caller (inbound). */
  readonly from: string;
  /** The leg id (`uuid` of the Create Call response). */
  readonly uuid: string;
  /** The conversation id, `CON-` and a UUID. */
  readonly conversationUuid: string;
  /** NCCO actions whose results arrive between `answered` and `completed`, in order. */
  readonly steps: readonly VoiceStep[];
  /** `disconnected_by` of `completed`; drawn from the seed when absent. */
  readonly disconnectedBy: 'user' | 'platform';
}

/** One call leg of a story: its numbers, ids, tariff and region, shared by every webhook of the leg. */
export interface VoiceLeg {
  readonly direction: VoiceDirection;
  readonly from: string;
  readonly to: string;
  readonly uuid: string;
  readonly conversationUuid: string;
  readonly virtual: PhoneNumber;
  readonly remote: PhoneNumber;
  readonly tariff: LegTariff;
  readonly regionUrl: string;
}

const legIdPattern = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/;
const conversationIdPattern = /^CON-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The leg of a story. The remote party (callee or caller) and your number are taken from the params
 * or drawn in one country, as apps call from a local number; ids likewise.
 */
export function createVoiceLeg(
  faker: Faker,
  direction: VoiceDirection,
  params: Partial<VoiceLegParams>,
): VoiceLeg {
  const remoteParam = direction === 'outbound' ? params.to : params.from;
  const virtualParam = direction === 'outbound' ? params.from : params.to;
  const remoteLabel = direction === 'outbound' ? 'to' : 'from';
  const virtualLabel = direction === 'outbound' ? 'from' : 'to';
  const remote =
    remoteParam === undefined ? createPhoneNumber(faker) : toPhoneNumber(faker, remoteParam, remoteLabel);
  const virtual =
    virtualParam === undefined
      ? createPhoneNumber(faker, remote.country)
      : toPhoneNumber(faker, virtualParam, virtualLabel);
  const uuid =
    params.uuid === undefined
      ? createUuid(faker)
      : checkParam(params.uuid, legIdPattern, 'uuid', 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab');
  const conversationUuid =
    params.conversationUuid === undefined
      ? createConversationUuid(faker)
      : checkParam(
          params.conversationUuid,
          conversationIdPattern,
          'conversationUuid',
          'CON-aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
        );
  return {
    direction,
    from: direction === 'outbound' ? virtual.msisdn : remote.msisdn,
    to: direction === 'outbound' ? remote.msisdn : virtual.msisdn,
    uuid,
    conversationUuid,
    virtual,
    remote,
    tariff: createLegTariff(faker, direction, virtual, remote),
    regionUrl: createRegionUrl(faker, virtual.country),
  };
}

/** The fields every status event of a leg carries, as overrides. */
export type VoiceLegFields = {
  from: string;
  to: string;
  uuid: string;
  conversation_uuid: string;
  direction: VoiceDirection;
};

/** The fields every status event of the leg carries. */
export function toLegFields(leg: VoiceLeg): VoiceLegFields {
  return {
    from: leg.from,
    to: leg.to,
    uuid: leg.uuid,
    conversation_uuid: leg.conversationUuid,
    direction: leg.direction,
  };
}

/** The answer request of the leg: its numbers and ids; `region_url`, when the seed has one, for the leg's region. */
export function toAnswerOverrides(
  leg: VoiceLeg,
): ScenarioOverrides<'voice.answer.inbound' | 'voice.answer.outbound'> {
  return (base) => ({
    to: leg.to,
    from: leg.from,
    conversation_uuid: leg.conversationUuid,
    uuid: leg.uuid,
    ...(base.region_url === undefined ? {} : { region_url: leg.regionUrl }),
  });
}

function checkSteps(steps: readonly VoiceStep[]): readonly VoiceStep[] {
  for (const step of steps) {
    if (step.action === 'input') {
      const type = step.type ?? 'dtmf';
      if (!(voiceInputTypes as readonly string[]).includes(type)) {
        throw new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `Invalid input step type "${type}": use one of "dtmf", "speech", "timeout".`,
        );
      }
      if (step.digits !== undefined) {
        if (type !== 'dtmf') {
          throw new VwsError(
            'VWS_ERR_INVALID_OPTION',
            `Input step digits need type "dtmf" (got "${type}"): drop digits or the type.`,
          );
        }
        checkParam(step.digits, /^[0-9*#]{1,20}$/, 'input step digits', '1234');
      }
    } else if (step.action === 'record') {
      const { seconds } = step;
      if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 1 || seconds > 7200)) {
        throw new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `Invalid record step seconds ${String(seconds)}: use a whole number from 1 to 7200.`,
        );
      }
    } else {
      const action = (step as { action?: unknown }).action;
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid step action ${JSON.stringify(action)}: use "input" or "record".`,
      );
    }
  }
  return steps;
}

/**
 * The action results of the steps, one after another from `cursor` (ms after the API request): an
 * input result after its prompt and the caller's answer; a record result shortly after the recording
 * ends, with whole-second times and about 3.8 kB per second of MP3 (the capture: 18990 bytes for 5 s).
 * Returns the webhooks and the moment the next action starts.
 */
export function createStepWebhooks(
  context: ScenarioContext,
  leg: VoiceLeg,
  steps: readonly VoiceStep[],
  cursor: number,
): { webhooks: PlannedWebhook[]; cursor: number } {
  const { faker } = context;
  const webhooks: PlannedWebhook[] = [];
  let now = cursor;
  checkSteps(steps).forEach((step, index) => {
    const role = `step:${index}`;
    if (step.action === 'input') {
      const type = step.type ?? 'dtmf';
      // The prompt (talk) plays, then the caller answers, or the input times out.
      const prompt = faker.number.int({ min: 2_000, max: 6_000 });
      const answer =
        type === 'timeout'
          ? faker.number.int({ min: 3_000, max: 10_000 })
          : faker.number.int({ min: 1_500, max: 8_000 });
      const at = now + prompt + answer;
      const digits = step.digits === undefined ? {} : { dtmf: { digits: step.digits, timed_out: false } };
      const { direction: _direction, ...fields } = toLegFields(leg);
      webhooks.push(toWebhook(context, role, `voice.event.input.${type}`, at, { ...fields, ...digits }));
      // The app answers the input webhook with the next NCCO.
      now = at + faker.number.int({ min: 150, max: 800 });
    } else {
      const seconds = step.seconds ?? faker.number.int({ min: 3, max: 60 });
      const recordStart = ceilSecond(context.start + now + faker.number.int({ min: 1_000, max: 4_000 }));
      const recordEnd = recordStart + seconds * 1000;
      const at = recordEnd - context.start + faker.number.int({ min: 200, max: 900 });
      const size = seconds * faker.number.int({ min: 3_700, max: 4_000 });
      webhooks.push(
        toWebhook(context, role, 'voice.event.record', at, {
          start_time: toIsoSeconds(recordStart),
          end_time: toIsoSeconds(recordEnd),
          size,
          conversation_uuid: leg.conversationUuid,
        }),
      );
      now = at;
    }
  });
  return { webhooks, cursor: now };
}

/**
 * The `completed` event of an answered leg: whole-second `start_time` (down from the answer) and
 * `end_time` (up from the hang-up), `duration` = end − start, `price` = rate × duration / 60
 * (docs/decisions/012), the leg's tariff and network.
 */
export function toCompletedOverrides(
  context: ScenarioContext,
  leg: VoiceLeg,
  answeredAt: number,
  hangupAt: number,
  disconnectedBy: 'user' | 'platform' | undefined,
): DeepPartial<WebhookEventMap['voice.event.completed']> {
  const startMillis = floorSecond(context.start + answeredAt);
  const endMillis = ceilSecond(context.start + hangupAt);
  const duration = (endMillis - startMillis) / 1000;
  return {
    ...toLegFields(leg),
    start_time: toIsoMillis(startMillis),
    end_time: toIsoMillis(endMillis),
    duration: String(duration),
    rate: leg.tariff.rate,
    price: toCallPrice(leg.tariff.rate, duration),
    network: leg.tariff.network,
    ...(disconnectedBy === undefined ? {} : { disconnected_by: disconnectedBy }),
  };
}

/**
 * The end of an answered call: the step results from `cursor`, then the hang-up (a closing prompt
 * after the last step, or the conversation itself when there are none) and `completed`.
 */
export function createAnsweredTail(
  context: ScenarioContext,
  leg: VoiceLeg,
  steps: readonly VoiceStep[],
  cursor: number,
  answeredAt: number,
  disconnectedBy: 'user' | 'platform' | undefined,
): PlannedWebhook[] {
  const { faker } = context;
  const stepped = createStepWebhooks(context, leg, steps, cursor);
  const hangupAt =
    stepped.cursor +
    (steps.length > 0
      ? faker.number.int({ min: 1_000, max: 6_000 })
      : faker.number.int({ min: 5_000, max: 120_000 }));
  const completedAt = hangupAt + faker.number.int({ min: 80, max: 900 });
  return [
    ...stepped.webhooks,
    toWebhook(
      context,
      'completed',
      'voice.event.completed',
      completedAt,
      toCompletedOverrides(context, leg, answeredAt, hangupAt, disconnectedBy),
    ),
  ];
}

/** Checks the `disconnectedBy` param. */
export function checkDisconnectedBy(value: string | undefined): 'user' | 'platform' | undefined {
  if (value === undefined || value === 'user' || value === 'platform') return value;
  throw new VwsError(
    'VWS_ERR_INVALID_OPTION',
    `Invalid disconnectedBy "${value}": use "user" or "platform".`,
  );
}
