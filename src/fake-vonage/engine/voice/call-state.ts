import type { Faker } from '@faker-js/faker';
import type { ScenarioContext } from '../../../scenarios/scenario-context.js';
import { createScenarioFaker } from '../../../scenarios/scenario-random.js';
import { createVoiceLeg, type VoiceLeg } from '../../../scenarios/voice-call.js';
import type { CallCommand, FakeState } from '../../account/state.js';
import type { ConversationHost, EngineContext, RouteSpec, TranscriptEntry } from '../conversation.js';
import { Person } from './person.js';
import type { VoiceCallPlan } from './voice-call-plan.js';

/** A webhook payload or an NCCO action, as plain data. */
export type Payload = Record<string, unknown>;

/** Why an action stopped before its time. */
export type Interrupt =
  | { readonly kind: 'caller-hangup' }
  | { readonly kind: 'api-hangup' }
  | { readonly kind: 'limit' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'conference-ended' }
  | { readonly kind: 'callee-done' }
  /** The connected leg reached the connect's `limit`: the platform hangs it up. */
  | { readonly kind: 'connect-limit' }
  /** The app hung up the connected leg by REST. */
  | { readonly kind: 'leg-api-hangup' }
  | { readonly kind: 'transfer'; readonly ncco: readonly unknown[] | null; readonly url?: string };

/** How an action ended: go on, run a new NCCO, or the call is over. */
export type Step =
  | { readonly kind: 'next' }
  | { readonly kind: 'replace'; readonly ncco: readonly unknown[] }
  | { readonly kind: 'end'; readonly by: 'user' | 'platform'; readonly reason: string };

/** The step that goes on to the next action. */
export const NEXT: Step = { kind: 'next' };

/** One leg of the call: its identity, tariff and where its events go. */
export interface LegState {
  readonly label: string;
  readonly voice: VoiceLeg;
  readonly to: string;
  readonly route: RouteSpec | undefined;
  answeredAt: number | undefined;
  ended: boolean;
}

/** An asynchronous `record` running until its `timeOut` or the call's end. */
export interface RunningRecording {
  readonly action: Payload;
  readonly startAt: number;
  readonly endAt: number;
  readonly leg: LegState;
}

/** A transfer's new flow: an inline NCCO, or a URL to fetch it from. */
export interface Transfer {
  readonly ncco: readonly unknown[] | null;
  readonly url?: string;
}

/**
 * One running call: what every part of its NCCO runner reads and changes, created in one place
 * ({@link createVoiceCall}) and handed to each function explicitly.
 */
export interface VoiceCall {
  readonly deps: EngineContext;
  readonly host: ConversationHost;
  readonly state: FakeState;
  readonly plan: VoiceCallPlan;
  /** Every draw of the call comes from it, in the order the call makes them. */
  readonly faker: Faker;
  readonly context: ScenarioContext;
  readonly transcript: TranscriptEntry[];
  /** The call's own leg (`A`). */
  readonly main: LegState;
  /** REST call-control commands not yet acted on, with the label of the leg they name. */
  readonly inbox: { leg: string; command: CallCommand }[];
  readonly recordings: RunningRecording[];
  /** The legs `connect` opened, to close them if the call fails. */
  readonly connected: LegState[];
  /** The count of webhooks built so far: each payload's draw key. */
  role: number;
  /** The caller (inbound) or the callee (outbound). */
  person: Person;
  /** When the answered call reaches its length limit. */
  lengthEndAt: number;
  /** The call's own extra deadline (a connected callee's hang-up, a conference's end). */
  extraDeadline: { at: number; interrupt: Interrupt } | undefined;
  conferenceEnded: boolean;
  /**
   * Asynchronous DTMF (`input` with `mode: "asynchronous"`): once it listens, each key the person
   * presses is sent at once, one webhook a key, while the flow goes on (reference run-time.md#async-dtmf-payload-and-blocking).
   */
  asyncDtmf: { readonly route: RouteSpec | undefined } | undefined;
  readonly asyncKeys: { at: number; digit: string }[];
  /** Why the last answer (or transfer) URL gave no NCCO, for the end of the call. */
  answerFailure: string;
  /** Vonage's reason for it (`Invalid response code.`...), and whether the error event went out. */
  answerFailureReason: string;
  answerErrorSent: boolean;
  /** The step the caller took during a barge-in prompt, for the input that follows. */
  barged: { at: number } | undefined;
  bargeInOn: boolean;
  connectCount: number;
  /** A transfer that came before the answer: the flow to run once the call is answered. */
  earlyTransfer: Transfer | undefined;
}

/**
 * A call's state at its start: its faker and scenario context from the seed, its own leg, the
 * person's script, and its record for `GET /v1/calls/:uuid`.
 */
export function createVoiceCall(deps: EngineContext, plan: VoiceCallPlan): VoiceCall {
  const { host, state } = deps;
  const faker: Faker = createScenarioFaker(host.seed, 'voice.call');
  const context: ScenarioContext = { name: 'voice.call', seed: host.seed, start: host.epoch, faker };
  const voice = createVoiceLeg(faker, plan.direction, {
    ...(plan.from === undefined ? {} : { from: plan.from }),
    ...(plan.to === undefined ? {} : { to: plan.to }),
    uuid: plan.uuid,
    conversationUuid: plan.conversationUuid,
  });
  const main: LegState = {
    label: 'A',
    voice,
    to: plan.toLabel ?? voice.to,
    route: plan.eventRoute,
    answeredAt: undefined,
    ended: false,
  };
  const person = new Person(plan.person, host.now());
  const callRecord = state.calls.get(plan.uuid);
  if (callRecord === undefined) {
    state.calls.set(plan.uuid, {
      uuid: plan.uuid,
      conversation_uuid: plan.conversationUuid,
      to: { type: 'phone', number: main.to },
      from: { type: 'phone', number: main.voice.from },
      direction: plan.direction,
      status: 'started',
    });
  } else if (callRecord.from.number === undefined) {
    // random_from_number: the number the call comes from is drawn with the leg.
    callRecord.from = { type: 'phone', number: main.voice.from };
  }
  return {
    deps,
    host,
    state,
    plan,
    faker,
    context,
    transcript: host.transcript,
    main,
    inbox: [],
    recordings: [],
    connected: [],
    role: 0,
    person,
    lengthEndAt: Number.POSITIVE_INFINITY,
    extraDeadline: undefined,
    conferenceEnded: false,
    asyncDtmf: undefined,
    asyncKeys: [],
    answerFailure: '',
    answerFailureReason: 'Connection closed.',
    answerErrorSent: false,
    barged: undefined,
    bargeInOn: false,
    connectCount: 0,
    earlyTransfer: undefined,
  };
}
