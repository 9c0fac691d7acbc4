import type { Faker } from '@faker-js/faker';
import type { EventName } from '../../fixtures/events.js';
import { toIsoSeconds } from '../../fixtures/shared/time.js';
import { toCallPrice } from '../../fixtures/voice/billing.js';
import { type ScenarioContext, toWebhook } from '../../scenarios/scenario-context.js';
import { createScenarioFaker } from '../../scenarios/scenario-random.js';
import type { WebhookTarget } from '../../scenarios/types.js';
import { createVoiceLeg, toCompletedOverrides, type VoiceLeg } from '../../scenarios/voice-call.js';
import { isRecord } from '../read-request.js';
import type { CallCommand } from '../state.js';
import { type EngineContext, type RouteSpec, type SendOutcome, toWebhookEntry } from './conversation.js';
import { type EndUserStep, formatEndUserStep } from './end-user-script.js';
import { createRecordingAudio, createTranscript, fileUrl, storeFile } from './recordings.js';
import {
  BARGE_IN_AFTER_MS,
  KEY_GAP_MS,
  REACTION_MS,
  STREAM_LOOP_MS,
  toSayingMs,
  toSpeakingMs,
} from './voice-timing.js';

/** New NCCOs a call may take within {@link LOOP_WINDOW_MS} of virtual time before the fake calls it a loop. */
export const MAX_REPLACEMENTS_AT_ONCE = 100;
/** The virtual time in which more than {@link MAX_REPLACEMENTS_AT_ONCE} new NCCOs make a loop. */
export const LOOP_WINDOW_MS = 1_000;
/** Transcript entries a call may reach before the fake ends it (a bound on memory). */
export const MAX_TRANSCRIPT_ENTRIES = 50_000;

/** How Vonage gets the first NCCO: the answer URL (the request's, or the application's when `null`) or inline. */
export type AnswerSource = RouteSpec | { readonly ncco: readonly unknown[] } | null;

/** Everything a call needs to run: who, where its webhooks go, who answers and how. */
export interface VoiceCallPlan {
  readonly direction: 'inbound' | 'outbound';
  /** The caller's number (inbound) or yours (outbound), E.164 without `+`; drawn when absent. */
  readonly from?: string;
  /** Your number (inbound) or the callee's; drawn when absent. */
  readonly to?: string;
  /** The callee's endpoint when it is not a phone (`sip`, `app`, `websocket`, `vbc`), shown in `to`. */
  readonly toLabel?: string;
  readonly uuid: string;
  readonly conversationUuid: string;
  readonly answer: AnswerSource;
  /** The call's event URL from the request; else the application's. */
  readonly eventRoute?: RouteSpec;
  /** The application's fallback answer URL, when it has one. */
  readonly fallbackRoute?: RouteSpec;
  /** The caller (inbound) or the callee (outbound). */
  readonly person: readonly EndUserStep[];
  readonly machineDetection?: 'continue' | 'hangup';
  readonly advancedMachineDetection?: {
    readonly behavior: 'continue' | 'hangup';
    readonly mode: 'default' | 'detect' | 'detect_beep';
  };
  /** Seconds an outbound call rings before `timeout` (default 60). */
  readonly ringingTimer?: number;
  /** Seconds an answered call may last (default 7200). */
  readonly lengthTimer?: number;
  /** Merged last into the answer request (`pushIncomingCall` overrides). */
  readonly answerOverrides?: Record<string, unknown>;
  /** How an unanswered outbound call ends when a scripted outcome says (`scriptOutcome`): default by the callee's script. */
  readonly ringOutcome?: 'unanswered' | 'timeout' | 'cancelled';
  /** Send a zero-length `completed` after a failure status (decision 081; reference §6.11). */
  readonly completedAfterFailure?: boolean;
}

/** A call as an API request or a push asks for it; the fake adds the fallback URL and the person's script. */
export type VoiceCallRequest = Omit<VoiceCallPlan, 'person' | 'fallbackRoute' | 'completedAfterFailure'> & {
  /** The person's script when the request gives one (a push's `caller`); else the fake's defaults. */
  readonly person?: readonly EndUserStep[];
};

type Payload = Record<string, unknown>;

/** Why an action stopped before its time. */
type Interrupt =
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
type Step =
  | { readonly kind: 'next' }
  | { readonly kind: 'replace'; readonly ncco: readonly unknown[] }
  | { readonly kind: 'end'; readonly by: 'user' | 'platform'; readonly reason: string };

const NEXT: Step = { kind: 'next' };

const num = (value: unknown, fallback: number, min: number, max: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const methodOf = (value: unknown, fallback: 'GET' | 'POST'): 'GET' | 'POST' =>
  value === 'GET' || value === 'POST' ? value : fallback;

/** The route an action's `eventUrl`/`eventMethod` names, when it names one. */
function actionRoute(action: Payload, fallbackMethod: 'GET' | 'POST' = 'POST'): RouteSpec | undefined {
  const urls = action.eventUrl;
  const url = Array.isArray(urls) ? str(urls[0]) : str(urls);
  return url === undefined ? undefined : { url, method: methodOf(action.eventMethod, fallbackMethod) };
}

/**
 * The person on the line, step by step. `wait` steps delay the next step; a `hang up` happens its
 * waits after the person's last action (or the answer); `press` and `say` are taken by inputs.
 */
class Person {
  private position = 0;
  readyAt: number;
  constructor(
    private readonly steps: readonly EndUserStep[],
    startAt: number,
  ) {
    this.readyAt = startAt;
  }
  /** The waits at the head and the step after them. */
  peek(): { delay: number; step: EndUserStep | undefined } {
    let delay = 0;
    let index = this.position;
    for (; index < this.steps.length; index += 1) {
      const step = this.steps[index];
      if (step?.kind !== 'wait') return { delay, step };
      delay += step.ms;
    }
    return { delay, step: undefined };
  }
  /** Consumes the waits and the step after them. */
  take(): EndUserStep | undefined {
    const { step } = this.peek();
    while (this.position < this.steps.length && this.steps[this.position]?.kind === 'wait')
      this.position += 1;
    if (step !== undefined) this.position += 1;
    return step;
  }
  /** When the person hangs up, if a hang-up is next. */
  hangUpAt(): number | undefined {
    const { delay, step } = this.peek();
    return step?.kind === 'hang_up' ? this.readyAt + delay : undefined;
  }
}

/** One leg of the call: its identity, tariff and where its events go. */
interface LegState {
  readonly label: string;
  readonly voice: VoiceLeg;
  readonly to: string;
  readonly route: RouteSpec | undefined;
  answeredAt: number | undefined;
  ended: boolean;
}

/** An asynchronous `record` running until its `timeOut` or the call's end. */
interface RunningRecording {
  readonly action: Payload;
  readonly startAt: number;
  readonly endAt: number;
  readonly leg: LegState;
}

/** Vonage's fallback `reason` for a failed answer (reference §1.4, pr2491). */
function toFallbackReason(outcome: SendOutcome): string {
  if (outcome.outcome === 'ncco_invalid') return 'Invalid NCCO.';
  if (outcome.outcome === 'timed_out') return 'Socket timeout.';
  if (outcome.outcome === 'connection_reset') return 'Connection reset.';
  if (outcome.status !== null) return 'Invalid response code.';
  return 'Connection closed.';
}

/**
 * Runs one call as Vonage does (docs/decisions/107): an inbound call fetches the answer URL; an
 * outbound call rings the callee, who answers or not as its script says, then fetches the answer URL
 * or runs the inline NCCO. The NCCO's actions run in order on the virtual clock; input results,
 * notify and synchronous connect events may return a new NCCO; the caller's script presses, speaks,
 * waits and hangs up; REST call control hangs up or transfers. Everything is in the transcript.
 */
export async function runVoiceCall(deps: EngineContext, plan: VoiceCallPlan): Promise<void> {
  const { host, state } = deps;
  const faker: Faker = createScenarioFaker(host.seed, 'voice.call');
  const context: ScenarioContext = { name: 'voice.call', seed: host.seed, start: host.epoch, faker };
  let role = 0;
  const inbox: { leg: string; command: CallCommand }[] = [];
  const recordings: RunningRecording[] = [];
  const lengthEnd = { at: Number.POSITIVE_INFINITY };
  const main: LegState = {
    label: 'A',
    voice: createVoiceLeg(faker, plan.direction, {
      ...(plan.from === undefined ? {} : { from: plan.from }),
      ...(plan.to === undefined ? {} : { to: plan.to }),
      uuid: plan.uuid,
      conversationUuid: plan.conversationUuid,
    }),
    to: '',
    route: plan.eventRoute,
    answeredAt: undefined,
    ended: false,
  };
  (main as { to: string }).to = plan.toLabel ?? main.voice.to;
  let person = new Person(plan.person, host.now());
  let callRecord = state.calls.get(plan.uuid);
  if (callRecord === undefined) {
    callRecord = {
      uuid: plan.uuid,
      conversation_uuid: plan.conversationUuid,
      to: { type: 'phone', number: main.to },
      from: { type: 'phone', number: main.voice.from },
      direction: plan.direction,
      status: 'started',
    };
    state.calls.set(plan.uuid, callRecord);
  } else if (callRecord.from.number === undefined) {
    // random_from_number: the number the call comes from is drawn with the leg.
    callRecord.from = { type: 'phone', number: main.voice.from };
  }
  const transcript = host.transcript;
  const note = (entry: Record<string, unknown>) =>
    transcript.push({ atMs: Math.round(host.now()), ...entry } as (typeof transcript)[number]);

  const legFields = (leg: LegState): Payload => ({
    from: leg.voice.from,
    to: leg.to,
    uuid: leg.voice.uuid,
    conversation_uuid: leg.voice.conversationUuid,
    direction: leg.voice.direction,
  });
  const build = (event: EventName, overrides: Payload | ((base: Payload) => Payload)): Payload =>
    toWebhook(context, `step:${role++}`, event, host.now(), overrides).payload;
  const send = async (
    leg: LegState,
    event: EventName,
    payload: Payload,
    target: WebhookTarget,
    route: RouteSpec | undefined,
    readNcco = false,
  ): Promise<SendOutcome> => {
    const outcome = await host.send({
      event,
      payload,
      target,
      ...(route === undefined ? {} : { route }),
      ...(readNcco ? { readNcco } : {}),
    });
    transcript.push(toWebhookEntry(Math.round(host.now()), leg.label, event, outcome));
    return outcome;
  };
  const status = async (
    leg: LegState,
    event: EventName,
    overrides: Payload = {},
    target: WebhookTarget = 'voice-event',
  ) => {
    const payload = build(event, { ...legFields(leg), ...overrides });
    if (typeof payload.status === 'string') {
      note({
        leg: leg.label,
        kind: 'status',
        status: payload.status,
        ...(typeof payload.detail === 'string' ? { detail: payload.detail } : {}),
      });
      const record = state.calls.get(leg.voice.uuid);
      if (record !== undefined) record.status = payload.status;
    }
    return send(leg, event, payload, target, leg.route);
  };
  const pause = async (min: number, max: number) => {
    await host.sleepUntil(host.now() + faker.number.int({ min, max }));
  };

  // REST call control reaches the conversation here (docs/decisions/107, reference §2).
  const control = (leg: LegState) => (command: CallCommand) => {
    if (leg.ended) return;
    const at = Math.round(host.now());
    switch (command.type) {
      case 'talk':
        transcript.push({ atMs: at, leg: leg.label, kind: 'said', via: 'api-talk', text: command.text });
        return;
      case 'stream':
        transcript.push({ atMs: at, leg: leg.label, kind: 'said', via: 'api-stream', text: command.url });
        return;
      case 'dtmf':
        transcript.push({ atMs: at, leg: leg.label, kind: 'said', via: 'api-dtmf', text: command.digits });
        return;
      case 'transfer':
        if (leg !== main) {
          // The NCCO runner plays the call's own leg; a connected leg's flow is not simulated.
          transcript.push({
            atMs: at,
            leg: leg.label,
            kind: 'action',
            action: 'api transfer',
            detail: 'not simulated on a connected leg',
          });
          return;
        }
        transcript.push({ atMs: at, leg: leg.label, kind: 'action', action: `api ${command.type}` });
        inbox.push({ leg: leg.label, command });
        host.interrupt();
        return;
      case 'hangup':
        transcript.push({ atMs: at, leg: leg.label, kind: 'action', action: `api ${command.type}` });
        inbox.push({ leg: leg.label, command });
        host.interrupt();
        return;
      default:
        transcript.push({ atMs: at, leg: leg.label, kind: 'action', action: `api ${command.type}` });
    }
  };
  state.callControls.set(main.voice.uuid, control(main));

  /** The call's own extra deadline (a connected callee's hang-up, a conference's end). */
  let extraDeadline: { at: number; interrupt: Interrupt } | undefined;
  let conferenceEnded = false;

  /**
   * Asynchronous DTMF (`input` with `mode: "asynchronous"`): once it listens, each key the person
   * presses is sent at once, one webhook a key, while the flow goes on (reference §6.4).
   */
  let asyncDtmf: { readonly route: RouteSpec | undefined } | undefined;
  const asyncKeys: { at: number; digit: string }[] = [];
  const nextAsyncKey = (): { at: number; digit: string } | undefined => {
    if (asyncDtmf === undefined) return undefined;
    if (asyncKeys.length === 0) {
      const { delay, step } = person.peek();
      if (step?.kind !== 'press') return undefined;
      const at = Math.max(host.now(), person.readyAt + delay + REACTION_MS);
      person.take();
      note({ leg: main.label, kind: 'did', step: formatEndUserStep(step), detail: 'sent key by key' });
      [...step.digits].forEach((digit, index) => {
        asyncKeys.push({ at: at + index * KEY_GAP_MS, digit });
      });
      person.readyAt = at + (step.digits.length - 1) * KEY_GAP_MS;
    }
    return asyncKeys[0];
  };
  const sendAsyncKey = async (digit: string) => {
    const payload = build('voice.event.input.dtmf', {
      from: main.voice.from,
      to: main.to,
      uuid: main.voice.uuid,
      conversation_uuid: main.voice.conversationUuid,
    });
    payload.dtmf = { digits: digit, timed_out: false };
    await send(main, 'voice.event.input.dtmf', payload, 'voice-event', asyncDtmf?.route ?? main.route);
  };

  /** Sleeps until `at` unless the call is interrupted; finishes asynchronous recordings on the way. */
  /** The next REST command that changes the flow, taken from the inbox (hang-up, transfer). */
  const takeCommand = (): Interrupt | undefined => {
    if (conferenceEnded) return { kind: 'conference-ended' };
    const message = inbox.shift();
    if (message === undefined) return undefined;
    if (message.command.type === 'hangup') {
      return message.leg === main.label ? { kind: 'api-hangup' } : { kind: 'leg-api-hangup' };
    }
    if (message.command.type === 'transfer') {
      return 'ncco' in message.command
        ? { kind: 'transfer', ncco: message.command.ncco }
        : { kind: 'transfer', ncco: null, url: message.command.url };
    }
    return takeCommand();
  };

  const waitUntil = async (at: number, hangUps = true): Promise<Interrupt | null> => {
    for (;;) {
      // A command that came while the call was not waiting here (a webhook in flight, a pause).
      const command = takeCommand();
      if (command !== undefined) return command;
      const hang = hangUps ? person.hangUpAt() : undefined;
      const key = hangUps ? nextAsyncKey() : undefined;
      const recording = recordings.reduce<RunningRecording | undefined>(
        (first, each) => (first === undefined || each.endAt < first.endAt ? each : first),
        undefined,
      );
      const deadline = Math.min(
        at,
        hang ?? Number.POSITIVE_INFINITY,
        lengthEnd.at,
        recording?.endAt ?? Number.POSITIVE_INFINITY,
        extraDeadline?.at ?? Number.POSITIVE_INFINITY,
        key?.at ?? Number.POSITIVE_INFINITY,
      );
      const reason = await host.sleepUntil(deadline);
      if (host.cancelled()) return { kind: 'cancelled' };
      if (reason === 'woken') continue;
      const now = host.now();
      if (recording !== undefined && now >= recording.endAt) {
        recordings.splice(recordings.indexOf(recording), 1);
        await sendRecording(recording.leg, recording.action, recording.startAt, recording.endAt, '');
        continue;
      }
      if (key !== undefined && now >= key.at) {
        asyncKeys.shift();
        await sendAsyncKey(key.digit);
        continue;
      }
      // What ends at this moment (a key that completes an input) happens before the hang-up.
      if (hang !== undefined && now >= hang && !(now >= at && hang >= at)) {
        person.take();
        note({ leg: main.label, kind: 'did', step: 'hang up' });
        return { kind: 'caller-hangup' };
      }
      if (now >= lengthEnd.at) return { kind: 'limit' };
      if (extraDeadline !== undefined && now >= extraDeadline.at) return extraDeadline.interrupt;
      if (now >= at) return null;
    }
  };

  /** An interrupt as the step that follows it. */
  const afterInterrupt = async (interrupt: Interrupt): Promise<Step> => {
    switch (interrupt.kind) {
      case 'caller-hangup':
        return { kind: 'end', by: 'user', reason: 'the caller hung up' };
      case 'api-hangup':
        return { kind: 'end', by: 'platform', reason: 'the app hung up (PUT /v1/calls/:uuid hangup)' };
      case 'limit':
        return { kind: 'end', by: 'platform', reason: 'the call reached its length limit' };
      case 'cancelled':
        return { kind: 'end', by: 'platform', reason: 'the fake was reset or closed' };
      case 'conference-ended':
        return { kind: 'end', by: 'platform', reason: 'the conversation ended' };
      case 'callee-done':
      case 'connect-limit':
      case 'leg-api-hangup':
        return NEXT;
      case 'transfer': {
        if (interrupt.ncco !== null) return { kind: 'replace', ncco: interrupt.ncco };
        const fetched = await fetchNcco({ url: interrupt.url ?? '', method: 'GET' }, 'transfer');
        return fetched === null
          ? { kind: 'end', by: 'platform', reason: answerFailure }
          : { kind: 'replace', ncco: fetched };
      }
    }
  };

  // --- NCCO sources -----------------------------------------------------------------------------

  const answerPayload = (): Payload => {
    const event: EventName = plan.direction === 'inbound' ? 'voice.answer.inbound' : 'voice.answer.outbound';
    const base = build(event, (generated) => ({
      to: main.to,
      from: main.voice.from,
      conversation_uuid: main.voice.conversationUuid,
      uuid: main.voice.uuid,
      ...(generated.region_url === undefined ? {} : { region_url: main.voice.regionUrl }),
      ...(plan.answerOverrides ?? {}),
    }));
    return base;
  };

  /**
   * The answer URL's NCCO (or a transfer URL's), with Vonage's failure path: an invalid NCCO sends
   * the error event; a failure of any kind goes to the fallback answer URL (reference §1.4).
   */
  /** Why the last answer (or transfer) URL gave no NCCO, for the end of the call. */
  let answerFailure = '';
  /** Vonage's reason for it (`Invalid response code.`...), and whether the error event went out. */
  let answerFailureReason = 'Connection closed.';
  let answerErrorSent = false;
  const describeAnswer = (outcome: SendOutcome, what: string): string => {
    if (outcome.notSent !== null)
      return `${what} was not requested: ${outcome.notSent.replace(/\.\s*$/, '')}`;
    if (outcome.outcome === 'ncco_invalid') {
      const issue = outcome.nccoIssues[0];
      return `${what} answered an invalid NCCO${issue === undefined ? '' : ` (${issue.path}: ${issue.reason})`}`;
    }
    if (outcome.ok) return `${what} answered no NCCO`;
    return `${what} failed (${outcome.status === null ? outcome.outcome : `HTTP ${outcome.status}`})`;
  };
  const fetchNcco = async (
    route: RouteSpec | null,
    kind: 'answer' | 'transfer',
  ): Promise<readonly unknown[] | null> => {
    const event: EventName = plan.direction === 'inbound' ? 'voice.answer.inbound' : 'voice.answer.outbound';
    const payload = answerPayload();
    const answered = await send(main, event, payload, 'voice-answer', route ?? undefined);
    if (answered.ok && answered.ncco !== null) return answered.ncco;
    answerFailure = describeAnswer(answered, `the ${kind} URL`);
    answerFailureReason = toFallbackReason(answered);
    if (answered.outcome === 'ncco_invalid') {
      answerErrorSent = true;
      await status(main, 'voice.event.error', {
        conversation_uuid: main.voice.conversationUuid,
        reason: 'Syntax error in NCCO. Invalid value type or action.',
      });
    }
    if (answered.notSent !== null) return null;
    if (plan.fallbackRoute === undefined) {
      answerFailure += ', and the application has no fallback answer URL';
      return null;
    }
    const fallback = await send(
      main,
      'voice.fallback.answer',
      build('voice.fallback.answer', {
        ...payload,
        reason: toFallbackReason(answered),
        original_request: { url: answered.url ?? '', type: 'answer' },
      }),
      'voice-fallback',
      plan.fallbackRoute,
    );
    if (fallback.ok && fallback.ncco !== null) return fallback.ncco;
    answerFailure += `, and ${describeAnswer(fallback, 'the fallback answer URL')}`;
    return null;
  };

  /** An instruction webhook (input, notify): its NCCO, else the fallback's, else carry on. */
  const instruction = async (
    leg: LegState,
    event: EventName,
    payload: Payload,
    route: RouteSpec | undefined,
  ): Promise<Step> => {
    const outcome = await send(leg, event, payload, 'voice-event', route ?? leg.route);
    if (outcome.ok) return outcome.ncco === null ? NEXT : { kind: 'replace', ncco: outcome.ncco };
    if (plan.fallbackRoute === undefined || outcome.notSent !== null) return NEXT;
    const fallback = await send(
      leg,
      'voice.fallback.event',
      build('voice.fallback.event', {
        ...payload,
        reason: toFallbackReason(outcome),
        original_request: { url: outcome.url ?? '', type: 'event' },
      }),
      'voice-fallback',
      plan.fallbackRoute,
    );
    return fallback.ok && fallback.ncco !== null ? { kind: 'replace', ncco: fallback.ncco } : NEXT;
  };

  // --- Actions ----------------------------------------------------------------------------------

  /** The step the caller took during a barge-in prompt, for the input that follows. */
  let barged: { at: number } | undefined;
  let bargeInOn = false;

  const playPrompt = async (action: Payload, via: 'talk' | 'stream'): Promise<Step> => {
    const text =
      via === 'talk'
        ? String(action.text ?? '')
        : String((action.streamUrl as unknown[] | undefined)?.[0] ?? '');
    const loop = num(action.loop, 1, 0, 1000);
    if (action.bargeIn === true) bargeInOn = true;
    if (bargeInOn && barged !== undefined) {
      note({ leg: main.label, kind: 'said', via, text, interrupted: true });
      return NEXT;
    }
    const once = via === 'talk' ? toSpeakingMs(text) : STREAM_LOOP_MS;
    const start = host.now();
    const end = loop === 0 ? Number.POSITIVE_INFINITY : start + once * loop;
    if (bargeInOn) {
      const { delay, step } = person.peek();
      if (step?.kind === 'press' || step?.kind === 'say') {
        const at = start + Math.max(BARGE_IN_AFTER_MS, delay);
        if (at < end) {
          note({ leg: main.label, kind: 'said', via, text, interrupted: true });
          const interrupt = await waitUntil(at);
          if (interrupt !== null) return afterInterrupt(interrupt);
          barged = { at };
          return NEXT;
        }
      }
    }
    note({ leg: main.label, kind: 'said', via, text });
    const said = transcript.length - 1;
    const interrupt = await waitUntil(end);
    if (interrupt === null) return NEXT;
    // Hung up or transferred mid-prompt: the prompt was cut short.
    const entry = transcript[said];
    if (entry?.kind === 'said') transcript[said] = { ...entry, interrupted: true };
    return afterInterrupt(interrupt);
  };

  const runInput = async (action: Payload): Promise<Step> => {
    if (action.mode === 'asynchronous') {
      asyncDtmf = { route: actionRoute(action) };
      note({ leg: main.label, kind: 'action', action: 'input', detail: 'listening for keys asynchronously' });
      return NEXT;
    }
    const types = Array.isArray(action.type) ? action.type.map(String) : ['dtmf'];
    const dtmfOn = types.includes('dtmf');
    const speechOn = types.includes('speech');
    const dtmf = isRecord(action.dtmf) ? action.dtmf : {};
    const speech = isRecord(action.speech) ? action.speech : {};
    const maxDigits = num(dtmf.maxDigits, 4, 1, 20);
    const submitOnHash = dtmf.submitOnHash === true;
    const keyTimeout = num(dtmf.timeOut, 3, 0, 10) * 1000;
    const endOnSilence = num(speech.endOnSilence, 2, 0.4, 10) * 1000;
    const startTimeout = num(speech.startTimeout, 10, 1, 10) * 1000;
    const maxDuration = num(speech.maxDuration, 60, 1, 60) * 1000;
    const window = Math.max(dtmfOn ? keyTimeout : 0, speechOn ? startTimeout : 0);
    const start = host.now();
    const wasBarged = barged;
    barged = undefined;
    bargeInOn = false;
    const { delay, step } = person.peek();
    const actAt = wasBarged !== undefined ? Math.max(start, wasBarged.at) : start + REACTION_MS + delay;

    let resultAt = start + window;
    let event: EventName = 'voice.event.input.timeout';
    let dtmfResult: Payload = { digits: null, timed_out: dtmfOn };
    let speechResult: Payload | undefined = speechOn
      ? { results: [], timeout_reason: 'start_timeout' }
      : undefined;

    if (step?.kind === 'hang_up') {
      const interrupt = await waitUntil(Number.POSITIVE_INFINITY);
      return afterInterrupt(interrupt ?? { kind: 'caller-hangup' });
    }
    if (step === undefined || step.kind === 'silence') {
      if (step !== undefined) {
        person.take();
        note({ leg: main.label, kind: 'did', step: 'silence' });
      }
    } else if (actAt - start > window && wasBarged === undefined) {
      // The person acts after the input gave up: the keys or words go nowhere.
      person.take();
      note({
        leg: main.label,
        kind: 'did',
        step: formatEndUserStep(step),
        detail: 'too late: the input had timed out',
      });
    } else if (step.kind === 'press') {
      const interrupt = await waitUntil(actAt, false);
      if (interrupt !== null) return afterInterrupt(interrupt);
      person.take();
      person.readyAt = actAt;
      if (!dtmfOn) {
        note({
          leg: main.label,
          kind: 'did',
          step: formatEndUserStep(step),
          detail: 'not heard: the input takes speech only',
        });
      } else {
        let digits = '';
        let endedAt = actAt;
        let submitted = false;
        for (const [index, key] of [...step.digits].entries()) {
          endedAt = actAt + index * KEY_GAP_MS;
          if (submitOnHash && key === '#') {
            submitted = true;
            break;
          }
          digits += key;
          if (digits.length >= maxDigits) {
            submitted = true;
            break;
          }
        }
        note({ leg: main.label, kind: 'did', step: formatEndUserStep(step) });
        resultAt = submitted ? endedAt : endedAt + keyTimeout;
        person.readyAt = endedAt;
        event = 'voice.event.input.dtmf';
        dtmfResult = { digits, timed_out: !submitted };
        speechResult = speechOn ? { results: [] } : undefined;
      }
    } else if (step.kind === 'say') {
      const interrupt = await waitUntil(actAt, false);
      if (interrupt !== null) return afterInterrupt(interrupt);
      person.take();
      if (!speechOn) {
        note({
          leg: main.label,
          kind: 'did',
          step: formatEndUserStep(step),
          detail: 'not heard: the input takes DTMF only',
        });
      } else {
        const spoken = toSayingMs(step.text);
        const cut = spoken > maxDuration;
        const saidEnd = actAt + Math.min(spoken, maxDuration);
        note({ leg: main.label, kind: 'did', step: formatEndUserStep(step) });
        resultAt = cut ? saidEnd : saidEnd + endOnSilence;
        person.readyAt = saidEnd;
        event = 'voice.event.input.speech';
        const confidence = step.confidence ?? faker.number.float({ min: 0.8, max: 0.99, fractionDigits: 8 });
        speechResult = {
          timeout_reason: cut ? 'max_duration' : 'end_on_silence_timeout',
          results: [{ confidence: String(confidence), text: step.text }],
        };
        dtmfResult = { digits: null, timed_out: false };
      }
    } else {
      person.take();
    }
    const interrupt = await waitUntil(resultAt);
    if (interrupt !== null) return afterInterrupt(interrupt);
    const payload = build(event, {
      from: main.voice.from,
      to: main.to,
      uuid: main.voice.uuid,
      conversation_uuid: main.voice.conversationUuid,
    });
    payload.dtmf = dtmfResult;
    if (speechResult !== undefined) payload.speech = speechResult;
    return instruction(main, event, payload, actionRoute(action));
  };

  const sendRecording = async (
    leg: LegState,
    action: Payload,
    startAt: number,
    endAt: number,
    words: string,
  ): Promise<void> => {
    const seconds = Math.max(1, Math.round((endAt - startAt) / 1000));
    const channels = Math.round(num(action.channels, 1, 1, 32));
    const format =
      action.format === 'wav' || action.format === 'ogg' ? action.format : channels > 2 ? 'wav' : 'mp3';
    const recordingUuid = deps.newUuid();
    const fileId = deps.newUuid();
    storeFile(state, fileId, createRecordingAudio({ format, seconds, channels }));
    const payload = build('voice.event.record', {
      start_time: toIsoSeconds(host.epoch + startAt),
      end_time: toIsoSeconds(host.epoch + endAt),
      size: format === 'mp3' ? seconds * 4_000 : seconds * 16_000 * channels + 44,
      recording_uuid: recordingUuid,
      recording_url: fileUrl(fileId),
      conversation_uuid: leg.voice.conversationUuid,
    });
    note({ leg: leg.label, kind: 'action', action: 'record', detail: `${seconds} s ${format}` });
    await send(leg, 'voice.event.record', payload, 'voice-event', actionRoute(action) ?? leg.route);
    const transcription = action.transcription;
    if (isRecord(transcription)) {
      const transcriptId = deps.newUuid();
      const transcript = createTranscript({
        recordingUuid,
        conversationUuid: leg.voice.conversationUuid,
        words,
        seconds,
        channels,
        sentiment: transcription.sentimentAnalysis === true,
        seed: host.seed,
      });
      storeFile(state, transcriptId, {
        contentType: 'application/json',
        body: new TextEncoder().encode(JSON.stringify(transcript)),
      });
      await host.sleepUntil(host.now() + 3_000);
      if (host.cancelled()) return;
      const route = actionRoute(transcription) ?? actionRoute(action) ?? leg.route;
      await send(
        leg,
        'voice.event.transcription',
        build('voice.event.transcription', {
          conversation_uuid: leg.voice.conversationUuid,
          recording_uuid: recordingUuid,
          transcription_url: fileUrl(transcriptId),
        }),
        'voice-event',
        route,
      );
    }
  };

  const runRecord = async (action: Payload): Promise<Step> => {
    const start = host.now();
    const timeOut = num(action.timeOut, 7200, 3, 7200) * 1000;
    const endOnSilence =
      typeof action.endOnSilence === 'number' ? num(action.endOnSilence, 3, 3, 10) * 1000 : undefined;
    const endOnKey = str(action.endOnKey);
    if (action.beepStart === true) note({ leg: main.label, kind: 'said', via: 'beep', text: 'beep' });
    if (endOnSilence === undefined && endOnKey === undefined) {
      // Asynchronous: recording goes on while the flow continues (reference §6.5).
      recordings.push({ action, startAt: start, endAt: start + timeOut, leg: main });
      note({
        leg: main.label,
        kind: 'action',
        action: 'record',
        detail: 'started (runs until its timeOut or the end of the call)',
      });
      return NEXT;
    }
    // Synchronous: the person's next step decides when the recording stops.
    const { delay, step } = person.peek();
    let words = '';
    // With endOnKey only, the recording runs until the key or its timeOut.
    let stopAt = endOnSilence === undefined ? start + timeOut : start + delay + endOnSilence;
    if (step?.kind === 'say') {
      const saidAt = start + REACTION_MS + delay;
      stopAt = saidAt + toSayingMs(step.text) + (endOnSilence ?? 3_000);
      if (endOnSilence === undefined) stopAt = start + timeOut;
      const interrupt = await waitUntil(saidAt, false);
      if (interrupt !== null) return afterInterrupt(interrupt);
      person.take();
      person.readyAt = saidAt + toSayingMs(step.text);
      note({ leg: main.label, kind: 'did', step: formatEndUserStep(step) });
      words = step.text;
    } else if (step?.kind === 'press' && endOnKey !== undefined && step.digits.includes(endOnKey)) {
      stopAt = start + REACTION_MS + delay + step.digits.indexOf(endOnKey) * KEY_GAP_MS;
      const interrupt = await waitUntil(stopAt, false);
      if (interrupt !== null) return afterInterrupt(interrupt);
      person.take();
      person.readyAt = stopAt;
      note({ leg: main.label, kind: 'did', step: formatEndUserStep(step) });
    } else if (step?.kind === 'silence') {
      person.take();
      note({ leg: main.label, kind: 'did', step: 'silence' });
    }
    stopAt = Math.min(stopAt, start + timeOut);
    const interrupt = await waitUntil(stopAt);
    const endAt = host.now();
    await sendRecording(main, action, start, endAt, words);
    return interrupt === null ? NEXT : afterInterrupt(interrupt);
  };

  const runNotify = async (action: Payload): Promise<Step> => {
    const payload = build('voice.event.notify', { conversation_uuid: main.voice.conversationUuid });
    // The action's payload as given: not merged with the fixture's sample.
    payload.payload = isRecord(action.payload) ? action.payload : {};
    return instruction(main, 'voice.event.notify', payload, actionRoute(action));
  };

  const runWait = async (action: Payload): Promise<Step> => {
    const seconds = num(action.timeout, 10, 0.1, 7200);
    const interrupt = await waitUntil(host.now() + seconds * 1000);
    return interrupt === null ? NEXT : afterInterrupt(interrupt);
  };

  let connectCount = 0;
  /** The legs `connect` opened, to close them if the call fails. */
  const connected: LegState[] = [];
  const runConnect = async (action: Payload): Promise<Step> => {
    const endpoints = Array.isArray(action.endpoint) ? action.endpoint : [];
    const endpoint = isRecord(endpoints[0]) ? endpoints[0] : {};
    const type = str(endpoint.type) ?? 'phone';
    // Vonage's numbers are E.164 without "+"; the NCCO check only warns about one, so it is dropped.
    const number = type === 'phone' ? str(endpoint.number)?.replace(/^\+/, '') : undefined;
    const label = number ?? str(endpoint.uri) ?? str(endpoint.user) ?? str(endpoint.extension) ?? type;
    connectCount += 1;
    const legParams = {
      from:
        str(action.from)?.replace(/^\+/, '') ??
        (plan.direction === 'inbound' ? main.voice.to : main.voice.from),
      uuid: deps.newUuid(),
      conversationUuid: main.voice.conversationUuid,
    };
    // A number no network serves (no assigned country code) is refused as Vonage refuses it.
    let unroutable = false;
    let voice: VoiceLeg;
    try {
      voice = createVoiceLeg(faker, 'outbound', {
        ...legParams,
        ...(number === undefined ? {} : { to: number }),
      });
    } catch {
      unroutable = true;
      voice = createVoiceLeg(faker, 'outbound', { ...legParams, from: main.voice.from });
    }
    const leg: LegState = {
      label: String.fromCharCode(65 + connectCount),
      voice,
      to: '',
      route: actionRoute(action) ?? main.route,
      answeredAt: undefined,
      ended: false,
    };
    (leg as { to: string }).to = number ?? label;
    connected.push(leg);
    const synchronous = action.eventType === 'synchronous';
    const ringTimeout = num(action.timeout, 60, 3, 7200) * 1000;
    const limit = num(action.limit, 7200, 1, 7200) * 1000;
    const script = (number === undefined ? undefined : deps.scriptFor(number, 'callee')) ?? [];
    const callee = new Person(script, host.now());
    const first = callee.peek().step;
    state.callControls.set(leg.voice.uuid, control(leg));
    // A connected leg is a call of its own for GET /v1/calls/:uuid and call control.
    state.calls.set(leg.voice.uuid, {
      uuid: leg.voice.uuid,
      conversation_uuid: leg.voice.conversationUuid,
      to: number === undefined ? { ...endpoint } : { type: 'phone', number },
      from: { type: 'phone', number: leg.voice.from },
      direction: 'outbound',
      status: 'started',
    });
    note({ leg: leg.label, kind: 'action', action: 'connect', detail: `${type} ${label}` });
    if (str(action.ringbackTone) !== undefined) {
      note({ leg: main.label, kind: 'said', via: 'ringback', text: String(action.ringbackTone) });
    }
    const fail = async (event: EventName, detail?: Payload): Promise<Step> => {
      note({ leg: leg.label, kind: 'status', status: event.slice('voice.event.'.length) });
      const outcome = await send(
        leg,
        event,
        build(event, { ...legFields(leg), ...(detail ?? {}) }),
        'voice-event',
        leg.route,
        // A synchronous connect reads an NCCO from the answer to its failure event (conv §1.2, ndp-fbx).
        synchronous,
      );
      leg.ended = true;
      state.callControls.delete(leg.voice.uuid);
      if (synchronous && outcome.ok && outcome.ncco !== null) return { kind: 'replace', ncco: outcome.ncco };
      return NEXT;
    };
    await status(leg, 'voice.event.started');
    if (unroutable) return fail('voice.event.rejected', { detail: 'invalid_number', sip_code: 404 });
    if (first?.kind === 'reject') {
      callee.take();
      return fail('voice.event.rejected', { detail: 'declined', sip_code: 603 });
    }
    if (first?.kind === 'fail') {
      callee.take();
      return fail('voice.event.failed', { detail: 'cannot_route', sip_code: 404 });
    }
    await pause(300, 1_200);
    await status(leg, 'voice.event.ringing');
    const ringFor = faker.number.int({ min: 2_000, max: 8_000 });
    /** Ringing stopped early: the leg is cancelled (by the app's hang-up of it, or the call's end). */
    const stopRinging = async (interrupt: Interrupt): Promise<Step> => {
      if (!host.cancelled()) await fail('voice.event.cancelled');
      return interrupt.kind === 'leg-api-hangup' ? NEXT : afterInterrupt(interrupt);
    };
    if (first?.kind === 'busy') {
      callee.take();
      const interrupt = await waitUntil(host.now() + Math.min(ringFor, ringTimeout));
      if (interrupt !== null) return stopRinging(interrupt);
      return fail('voice.event.busy', { sip_code: 486 });
    }
    if (first?.kind === 'no_answer' || ringFor > ringTimeout) {
      if (first?.kind === 'no_answer') callee.take();
      const interrupt = await waitUntil(host.now() + ringTimeout);
      if (interrupt !== null) return stopRinging(interrupt);
      return fail('voice.event.timeout');
    }
    const interrupt = await waitUntil(host.now() + ringFor);
    if (interrupt !== null) return stopRinging(interrupt);
    const machine = first?.kind === 'voicemail';
    if (first?.kind === 'answer' || machine) callee.take();
    leg.answeredAt = host.now();
    await status(leg, 'voice.event.answered');
    const detection = str(action.machineDetection);
    const advanced = isRecord(action.advancedMachineDetection) ? action.advancedMachineDetection : undefined;
    if (detection !== undefined || advanced !== undefined) {
      await pause(2_000, 4_000);
      if (await detect(leg, machine, detection, advanced)) {
        await hangUpLeg(leg, 'platform');
        return NEXT;
      }
    }
    // Connected: the caller and the callee talk until one hangs up or the limit is reached.
    note({ leg: leg.label, kind: 'action', action: 'connected', detail: `with ${main.label}` });
    callee.readyAt = host.now();
    const calleeHangsUp = callee.hangUpAt() ?? host.now() + faker.number.int({ min: 20_000, max: 90_000 });
    const limitAt = host.now() + limit;
    extraDeadline =
      calleeHangsUp < limitAt
        ? { at: calleeHangsUp, interrupt: { kind: 'callee-done' } }
        : { at: limitAt, interrupt: { kind: 'connect-limit' } };
    const stop = await waitUntil(Number.POSITIVE_INFINITY);
    extraDeadline = undefined;
    if (stop === null || stop.kind === 'callee-done') {
      // The callee hangs up (its script's `hang up`, else after a while): the caller's NCCO goes on.
      if (callee.hangUpAt() !== undefined) callee.take();
      note({ leg: leg.label, kind: 'did', step: 'hang up' });
      await hangUpLeg(leg, 'user');
      return NEXT;
    }
    await hangUpLeg(leg, 'platform');
    return afterInterrupt(stop);
  };

  /** Keeps a leg's billing on its call record (`GET /v1/calls/:uuid`). */
  const recordBilling = (leg: LegState, overrides: Payload) => {
    const record = state.calls.get(leg.voice.uuid);
    if (record === undefined) return;
    for (const field of ['rate', 'price', 'duration', 'start_time', 'end_time', 'network'] as const) {
      const value = overrides[field];
      if (typeof value === 'string') record[field] = value;
    }
  };

  const hangUpLeg = async (leg: LegState, by: 'user' | 'platform') => {
    if (leg.ended) return;
    leg.ended = true;
    state.callControls.delete(leg.voice.uuid);
    const answeredAt = leg.answeredAt ?? host.now();
    const overrides = toCompletedOverrides(context, leg.voice, answeredAt, host.now(), by);
    await status(leg, 'voice.event.completed', overrides);
    recordBilling(leg, overrides);
    note({
      leg: leg.label,
      kind: 'end',
      reason: by === 'user' ? 'hung up' : 'hung up by the platform',
      disconnectedBy: by,
      duration: Number(overrides.duration),
      price: String(overrides.price),
    });
  };

  const runConversation = async (action: Payload): Promise<Step> => {
    const name = str(action.name) ?? '';
    // A name is the application's own: the same name in another application is another conversation.
    const key = `${deps.applicationId}:${name}`;
    let room = state.conferences.get(key);
    if (room === undefined) {
      room = { name, members: new Map(), started: false };
      state.conferences.set(key, room);
    }
    const moderator = action.startOnEnter !== false;
    const endOnExit = action.endOnExit === true;
    note({
      leg: main.label,
      kind: 'action',
      action: 'conversation',
      detail: `joined "${name}"${moderator ? '' : ' (waits for a moderator)'}`,
    });
    const startAt = host.now();
    const self = room;
    const wakeMe = () => {
      conferenceEnded = true;
      host.interrupt();
    };
    self.members.set(main.voice.uuid, { moderator, end: wakeMe });
    if (moderator && !self.started) {
      self.started = true;
    } else if (!self.started) {
      note({
        leg: main.label,
        kind: 'said',
        via: 'music-on-hold',
        text: str((action.musicOnHoldUrl as unknown[] | undefined)?.[0]) ?? 'music on hold',
      });
    }
    const stop = await waitUntil(Number.POSITIVE_INFINITY);
    self.members.delete(main.voice.uuid);
    const closing = endOnExit || self.members.size === 0;
    if (closing) {
      for (const member of [...self.members.values()]) member.end();
      self.members.clear();
      state.conferences.delete(key);
      if (action.record === true)
        await sendRecording(
          main,
          { eventUrl: action.eventUrl, eventMethod: action.eventMethod },
          startAt,
          host.now(),
          '',
        );
    }
    return stop === null ? NEXT : afterInterrupt(stop);
  };

  const runAction = async (action: unknown): Promise<Step> => {
    if (!isRecord(action)) return NEXT;
    const name = str(action.action) ?? '';
    if (['input', 'record', 'notify', 'wait', 'conversation'].includes(name)) {
      note({ leg: main.label, kind: 'action', action: name });
    }
    switch (name) {
      case 'talk':
        return playPrompt(action, 'talk');
      case 'stream':
        return playPrompt(action, 'stream');
      case 'input':
        return runInput(action);
      case 'record':
        return runRecord(action);
      case 'notify':
        return runNotify(action);
      case 'wait':
        return runWait(action);
      case 'connect':
        return runConnect(action);
      case 'conversation':
        return runConversation(action);
      default:
        // transfer, pay and actions the sender's NCCO check already reported (docs/decisions/107).
        note({ leg: main.label, kind: 'action', action: name, detail: 'not simulated: the flow goes on' });
        return NEXT;
    }
  };

  /** Runs NCCOs until the flow runs out or the call ends. */
  const runFlow = async (ncco: readonly unknown[]): Promise<Step & { kind: 'end' }> => {
    let actions = ncco;
    let index = 0;
    let instant = Number.NaN;
    let replacements = 0;
    while (index < actions.length) {
      if (transcript.length > MAX_TRANSCRIPT_ENTRIES) {
        return {
          kind: 'end',
          by: 'platform',
          reason: `the call ran past ${MAX_TRANSCRIPT_ENTRIES} transcript entries, so the fake ended it`,
        };
      }
      // A hang-up or transfer that came while a webhook was in flight acts before the next action.
      const command = takeCommand();
      const step = command === undefined ? await runAction(actions[index]) : await afterInterrupt(command);
      index += 1;
      if (step.kind === 'end') return step;
      if (step.kind === 'replace') {
        // A flow that hands itself a new NCCO without time passing (notify answered with notify)
        // would never end: Vonage spends time on each request; the fake ends the call instead.
        if (Number.isNaN(instant) || host.now() - instant >= LOOP_WINDOW_MS) {
          instant = host.now();
          replacements = 0;
        }
        replacements += 1;
        if (replacements > MAX_REPLACEMENTS_AT_ONCE) {
          return {
            kind: 'end',
            by: 'platform',
            reason: `the NCCO looped: over ${MAX_REPLACEMENTS_AT_ONCE} new NCCOs within ${LOOP_WINDOW_MS / 1000} s, so the fake ended the call`,
          };
        }
        actions = step.ncco;
        index = 0;
        barged = undefined;
        bargeInOn = false;
      }
    }
    return { kind: 'end', by: 'platform', reason: 'the NCCO ran out' };
  };

  const finish = async (end: { by: 'user' | 'platform'; reason: string }, billed: boolean) => {
    for (const recording of recordings.splice(0)) {
      await sendRecording(recording.leg, recording.action, recording.startAt, host.now(), '');
    }
    if (host.cancelled()) return;
    await pause(80, 900);
    main.ended = true;
    state.callControls.delete(main.voice.uuid);
    const answeredAt = billed && main.answeredAt !== undefined ? main.answeredAt : host.now();
    const overrides = toCompletedOverrides(context, main.voice, answeredAt, host.now(), end.by);
    if (!billed) {
      overrides.duration = '0';
      overrides.price = toCallPrice(main.voice.tariff.rate, 0);
      overrides.start_time = overrides.end_time;
    }
    await status(main, 'voice.event.completed', overrides);
    recordBilling(main, overrides);
    note({
      leg: main.label,
      kind: 'end',
      reason: end.reason,
      disconnectedBy: end.by,
      duration: Number(overrides.duration),
      price: String(overrides.price),
    });
  };

  // --- The call ---------------------------------------------------------------------------------

  /**
   * Waits before the call is answered; a REST hang-up or transfer of the call ends the wait
   * (reference §2), and stays acted on: `hangup`, or the NCCO to run instead.
   */
  /** A transfer that came before the answer: the flow to run once the call is answered. */
  let earlyTransfer: { ncco: readonly unknown[] | null; url?: string } | undefined;
  const ringWait = async (at: number): Promise<'hangup' | 'cancelled' | null> => {
    for (;;) {
      if (host.cancelled()) return 'cancelled';
      const index = inbox.findIndex((message) => message.leg === main.label);
      if (index >= 0) {
        const [message] = inbox.splice(index, 1);
        const command = message?.command;
        if (command?.type === 'hangup') return 'hangup';
        // The call keeps ringing; the transfer's NCCO replaces the answer URL's once it is answered.
        if (command?.type === 'transfer') {
          earlyTransfer = 'ncco' in command ? { ncco: command.ncco } : { ncco: null, url: command.url };
        }
        continue;
      }
      if (host.now() >= at) return null;
      await host.sleepUntil(at);
    }
  };
  /** The NCCO of a transfer before the answer (fetched, for a URL). */
  const transferred = async (transfer: { ncco: readonly unknown[] | null; url?: string }) =>
    transfer.ncco ?? (await fetchNcco({ url: transfer.url ?? '', method: 'GET' }, 'transfer'));

  /**
   * Machine detection after the answer (reference §3 #7–#11): `human` or `machine` (with
   * `call_uuid`), then for beep detection a second `machine` with `sub_state: beep_start`.
   * Returns whether machine detection hangs up.
   */
  const detect = async (
    leg: LegState,
    machine: boolean,
    standard: string | undefined,
    advanced: { readonly behavior?: unknown; readonly mode?: unknown } | undefined,
  ): Promise<boolean> => {
    const event: EventName = machine ? 'voice.event.machine' : 'voice.event.human';
    const fields = {
      from: leg.voice.from,
      to: leg.to,
      call_uuid: leg.voice.uuid,
      conversation_uuid: leg.voice.conversationUuid,
      direction: 'outbound',
    };
    const detected = build(event, fields);
    delete detected.sub_state;
    await send(leg, event, detected, 'voice-event', leg.route);
    note({ leg: leg.label, kind: 'status', status: machine ? 'machine' : 'human' });
    if (machine && advanced?.mode === 'detect_beep') {
      await pause(2_000, 6_000);
      const beep = build('voice.event.machine', { ...fields, sub_state: 'beep_start' });
      await send(leg, 'voice.event.machine', beep, 'voice-event', leg.route);
      note({ leg: leg.label, kind: 'status', status: 'machine', detail: 'beep_start' });
    }
    const behavior = advanced === undefined ? standard : str(advanced.behavior);
    return machine && behavior === 'hangup';
  };

  /** The end of a call that never got a usable NCCO: the error event, then `completed` unbilled (§6.10). */
  const unanswered = async (ending: string) => {
    if (!answerErrorSent) {
      await status(main, 'voice.event.error', {
        conversation_uuid: main.voice.conversationUuid,
        reason: answerFailureReason,
      });
    }
    await finish({ by: 'platform', reason: `${answerFailure}: ${ending}` }, false);
  };

  const theCall = async (): Promise<void> => {
    let ncco: readonly unknown[] | null;
    if (plan.direction === 'inbound') {
      await pause(200, 900);
      ncco =
        plan.answer !== null && 'ncco' in plan.answer
          ? plan.answer.ncco
          : await fetchNcco(plan.answer, 'answer');
      if (host.cancelled()) return;
      for (const [min, max, event] of [
        [50, 400, 'voice.event.started'],
        [20, 300, 'voice.event.ringing'],
        [50, 600, null],
      ] as const) {
        const waited = await ringWait(host.now() + faker.number.int({ min, max }));
        if (waited === 'cancelled') return;
        if (waited === 'hangup') {
          await finish(
            {
              by: 'platform',
              reason: 'the app hung up (PUT /v1/calls/:uuid hangup) before the call was answered',
            },
            false,
          );
          return;
        }
        if (event !== null) await status(main, event);
      }
      if (earlyTransfer !== undefined) ncco = await transferred(earlyTransfer);
      if (ncco === null) {
        await unanswered('Vonage ended the call unanswered');
        return;
      }
    } else {
      const cancelled = async (): Promise<void> => {
        await status(main, 'voice.event.cancelled');
        if (plan.completedAfterFailure === true)
          await finish({ by: 'platform', reason: 'the call was cancelled before it was answered' }, false);
      };
      let early = await ringWait(host.now() + faker.number.int({ min: 100, max: 400 }));
      if (early === 'cancelled') return;
      await status(main, 'voice.event.started');
      if (early === 'hangup') return cancelled();
      const first = person.peek().step;
      if (first?.kind === 'reject' || first?.kind === 'fail') {
        person.take();
        note({ leg: main.label, kind: 'did', step: formatEndUserStep(first) });
        await status(
          main,
          first.kind === 'reject' ? 'voice.event.rejected' : 'voice.event.failed',
          first.kind === 'reject'
            ? { detail: 'declined', sip_code: 603 }
            : { detail: 'cannot_route', sip_code: 404 },
        );
        if (plan.completedAfterFailure === true)
          await finish(
            { by: 'user', reason: `the call was ${first.kind === 'reject' ? 'rejected' : 'not connected'}` },
            false,
          );
        return;
      }
      early = await ringWait(host.now() + faker.number.int({ min: 500, max: 1_500 }));
      if (early === 'cancelled') return;
      if (early === 'hangup') return cancelled();
      await status(main, 'voice.event.ringing');
      const ringingTimer = (plan.ringingTimer ?? 60) * 1000;
      const ringFor = faker.number.int({ min: 3_000, max: 8_000 });
      // A phone nobody answers: the network gives up after 15–45 s (unanswered), unless the ringing
      // timer ends it first (timeout); a scripted outcome may ask for either, or for the app to cancel.
      const carrierTimeout = faker.number.int({ min: 15_000, max: 45_000 });
      const noAnswer = first?.kind === 'no_answer' || plan.ringOutcome !== undefined;
      if (first?.kind === 'busy' || noAnswer || ringFor > ringingTimer) {
        if (first?.kind === 'busy' || first?.kind === 'no_answer') {
          person.take();
          note({ leg: main.label, kind: 'did', step: formatEndUserStep(first) });
        }
        const outcome =
          first?.kind === 'busy'
            ? 'busy'
            : (plan.ringOutcome ??
              (first?.kind === 'no_answer' && carrierTimeout < ringingTimer ? 'unanswered' : 'timeout'));
        const endsAt =
          outcome === 'busy'
            ? Math.min(ringFor, ringingTimer)
            : outcome === 'unanswered'
              ? carrierTimeout
              : outcome === 'cancelled'
                ? faker.number.int({ min: 2_000, max: 30_000 })
                : ringingTimer;
        const waited = await ringWait(host.now() + endsAt);
        if (waited === 'cancelled') return;
        if (waited === 'hangup' || outcome === 'cancelled') return cancelled();
        await status(
          main,
          `voice.event.${outcome}` as EventName,
          outcome === 'busy'
            ? { sip_code: 486 }
            : outcome === 'unanswered'
              ? { detail: 'timeout', sip_code: 480 }
              : {},
        );
        if (plan.completedAfterFailure === true)
          await finish(
            { by: 'user', reason: outcome === 'busy' ? 'the callee was busy' : 'nobody answered' },
            false,
          );
        return;
      }
      const waited = await ringWait(host.now() + ringFor);
      if (waited === 'cancelled') return;
      if (waited === 'hangup') return cancelled();
      const machine = first?.kind === 'voicemail';
      if (first?.kind === 'answer' || machine) {
        person.take();
        note({ leg: main.label, kind: 'did', step: formatEndUserStep(first) });
      }
      main.answeredAt = host.now();
      person = new Person(plan.person.slice(first?.kind === 'answer' || machine ? 1 : 0), host.now());
      await status(main, 'voice.event.answered');
      const detecting = plan.machineDetection !== undefined || plan.advancedMachineDetection !== undefined;
      // Asynchronous detection (advanced, mode default) reports once the NCCO has started (§3 #10).
      const asynchronous = plan.advancedMachineDetection?.mode === 'default';
      if (detecting && !asynchronous) {
        await pause(2_000, 4_500);
        if (await detect(main, machine, plan.machineDetection, plan.advancedMachineDetection)) {
          await finish({ by: 'platform', reason: 'a machine answered and machine detection hung up' }, true);
          return;
        }
      }
      ncco =
        earlyTransfer !== undefined
          ? await transferred(earlyTransfer)
          : plan.answer !== null && 'ncco' in plan.answer
            ? plan.answer.ncco
            : await fetchNcco(plan.answer, 'answer');
      if (host.cancelled()) return;
      if (ncco === null) {
        await unanswered('Vonage hung up');
        return;
      }
      if (detecting && asynchronous) {
        await pause(1_000, 3_000);
        if (await detect(main, machine, plan.machineDetection, plan.advancedMachineDetection)) {
          await finish({ by: 'platform', reason: 'a machine answered and machine detection hung up' }, true);
          return;
        }
      }
    }
    if (plan.direction === 'inbound') {
      main.answeredAt = host.now();
      await status(main, 'voice.event.answered');
    }
    person.readyAt = host.now();
    lengthEnd.at = host.now() + (plan.lengthTimer ?? 7200) * 1000;
    const end = await runFlow(ncco);
    if (host.cancelled()) return;
    await finish(end, true);
  };

  try {
    await theCall();
  } catch (error) {
    // A fault of the fake (never the app's): the call still ends, every leg with its completed.
    const message = error instanceof Error ? error.message : String(error);
    note({ leg: main.label, kind: 'action', action: 'error', detail: `the fake failed: ${message}` });
    if (!host.cancelled()) {
      for (const leg of connected) if (!leg.ended) await hangUpLeg(leg, 'platform');
      if (!main.ended)
        await finish(
          { by: 'platform', reason: `the fake failed: ${message}` },
          main.answeredAt !== undefined,
        );
    }
    throw error;
  } finally {
    for (const leg of [main, ...connected]) state.callControls.delete(leg.voice.uuid);
  }
}
