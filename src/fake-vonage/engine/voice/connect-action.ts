import type { WebhookEventMap } from '../../../fixtures/events.js';
import type { DeepPartial } from '../../../fixtures/shared/types.js';
import { isRecord } from '../../../internal/is-record.js';
import { createVoiceLeg, type VoiceLeg } from '../../../scenarios/voice-call.js';
import type { EndUserStep } from '../end-user-script.js';
import { actionRoute, num, str } from './action-fields.js';
import { createCallControl } from './call-control.js';
import { build, type LegStatusEventName, legFields, note, pause, send, status } from './call-events.js';
import { hangUpLeg } from './call-legs.js';
import {
  type Interrupt,
  type LegState,
  NEXT,
  type Payload,
  type Step,
  type VoiceCall,
} from './call-state.js';
import { afterInterrupt, waitUntil } from './call-wait.js';
import { detect } from './machine-detection.js';
import { Person } from './person.js';

/** A leg `connect` opened, with its callee and the action's settings for it. */
interface ConnectingLeg {
  readonly leg: LegState;
  readonly callee: Person;
  /** The callee's first step: how it answers, if it does. */
  readonly first: EndUserStep | undefined;
  /** The number has no assigned country code: Vonage rejects it. */
  readonly unroutable: boolean;
  readonly synchronous: boolean;
  readonly ringTimeout: number;
  readonly limit: number;
}

/** The new leg of a `connect`: drawn, registered for call control and `GET /v1/calls/:uuid`, noted. */
function openLeg(call: VoiceCall, action: Payload): ConnectingLeg {
  const { deps, faker, host, main, plan, state } = call;
  const endpoints = Array.isArray(action.endpoint) ? action.endpoint : [];
  const endpoint = isRecord(endpoints[0]) ? endpoints[0] : {};
  const type = str(endpoint.type) ?? 'phone';
  // Vonage's numbers are E.164 without "+"; the NCCO check only warns about one, so it is dropped.
  const number = type === 'phone' ? str(endpoint.number)?.replace(/^\+/, '') : undefined;
  const label = number ?? str(endpoint.uri) ?? str(endpoint.user) ?? str(endpoint.extension) ?? type;
  call.connectCount += 1;
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
    label: String.fromCharCode(65 + call.connectCount),
    voice,
    to: number ?? label,
    route: actionRoute(action) ?? main.route,
    answeredAt: undefined,
    ended: false,
  };
  call.connected.push(leg);
  const script = (number === undefined ? undefined : deps.scriptFor(number, 'callee')) ?? [];
  const callee = new Person(script, host.now());
  state.callControls.set(leg.voice.uuid, createCallControl(call, leg));
  // A connected leg is a call of its own for GET /v1/calls/:uuid and call control.
  state.calls.set(leg.voice.uuid, {
    uuid: leg.voice.uuid,
    conversation_uuid: leg.voice.conversationUuid,
    to: number === undefined ? { ...endpoint } : { type: 'phone', number },
    from: { type: 'phone', number: leg.voice.from },
    direction: 'outbound',
    status: 'started',
  });
  note(call, { leg: leg.label, kind: 'action', action: 'connect', detail: `${type} ${label}` });
  if (str(action.ringbackTone) !== undefined) {
    note(call, { leg: main.label, kind: 'said', via: 'ringback', text: String(action.ringbackTone) });
  }
  return {
    leg,
    callee,
    first: callee.peek().step,
    unroutable,
    synchronous: action.eventType === 'synchronous',
    ringTimeout: num(action.timeout, 60, 3, 7200) * 1000,
    limit: num(action.limit, 7200, 1, 7200) * 1000,
  };
}

/** The statuses a connected leg ends with when it never got to talk. */
type LegFailureEventName = Extract<
  LegStatusEventName,
  | 'voice.event.rejected'
  | 'voice.event.failed'
  | 'voice.event.busy'
  | 'voice.event.cancelled'
  | 'voice.event.timeout'
>;

/** The leg ends unconnected with `event`; a synchronous connect may take a new NCCO from its answer. */
function failLeg<TName extends LegFailureEventName>(
  call: VoiceCall,
  connecting: ConnectingLeg,
  event: TName,
  detail?: DeepPartial<WebhookEventMap[TName]>,
): Promise<Step>;
async function failLeg(
  call: VoiceCall,
  { leg, synchronous }: ConnectingLeg,
  event: LegFailureEventName,
  detail?: DeepPartial<WebhookEventMap[LegFailureEventName]>,
): Promise<Step> {
  note(call, { leg: leg.label, kind: 'status', status: event.slice('voice.event.'.length) });
  const outcome = await send(
    call,
    leg,
    event,
    build(call, event, { ...legFields(leg), ...(detail ?? {}) }),
    'voice-event',
    leg.route,
    // A synchronous connect reads an NCCO from the answer to its failure event (reference run-time.md#action-by-action, ndp-fbx).
    synchronous,
  );
  leg.ended = true;
  call.state.callControls.delete(leg.voice.uuid);
  if (synchronous && outcome.ok && outcome.ncco !== null) return { kind: 'replace', ncco: outcome.ncco };
  return NEXT;
}

/** Connected: the caller and the callee talk until one hangs up or the limit is reached. */
async function holdConnected(call: VoiceCall, { leg, callee, limit }: ConnectingLeg): Promise<Step> {
  const { faker, host } = call;
  note(call, { leg: leg.label, kind: 'action', action: 'connected', detail: `with ${call.main.label}` });
  callee.readyAt = host.now();
  const calleeHangsUp = callee.hangUpAt() ?? host.now() + faker.number.int({ min: 20_000, max: 90_000 });
  const limitAt = host.now() + limit;
  call.extraDeadline =
    calleeHangsUp < limitAt
      ? { at: calleeHangsUp, interrupt: { kind: 'callee-done' } }
      : { at: limitAt, interrupt: { kind: 'connect-limit' } };
  const stop = await waitUntil(call, Number.POSITIVE_INFINITY);
  call.extraDeadline = undefined;
  if (stop === null || stop.kind === 'callee-done') {
    // The callee hangs up (its script's `hang up`, else after a while): the caller's NCCO goes on.
    if (callee.hangUpAt() !== undefined) callee.take();
    note(call, { leg: leg.label, kind: 'did', step: 'hang up' });
    await hangUpLeg(call, leg, 'user');
    return NEXT;
  }
  await hangUpLeg(call, leg, 'platform');
  return afterInterrupt(call, stop);
}

/** The callee answered: machine detection when the action asks for it, then the two talk. */
async function answerLeg(call: VoiceCall, connecting: ConnectingLeg, action: Payload): Promise<Step> {
  const { leg, callee, first } = connecting;
  const machine = first?.kind === 'voicemail';
  if (first?.kind === 'answer' || machine) callee.take();
  leg.answeredAt = call.host.now();
  await status(call, leg, 'voice.event.answered');
  const detection = str(action.machineDetection);
  const advanced = isRecord(action.advancedMachineDetection) ? action.advancedMachineDetection : undefined;
  if (detection !== undefined || advanced !== undefined) {
    await pause(call, 2_000, 4_000);
    if (await detect(call, leg, machine, detection, advanced)) {
      await hangUpLeg(call, leg, 'platform');
      return NEXT;
    }
  }
  return holdConnected(call, connecting);
}

/**
 * The NCCO `connect` action: a new outbound leg in the same conversation that rings its callee, who
 * answers or not as its script says; an answered leg holds the flow until either side hangs up
 * (reference run-time.md#action-by-action, run-time.md#caller-hangs-up-during-an-answered-connect, run-time.md#connect-blocking-or-multi-party, run-time.md#events-of-a-connect-with-no-eventurl).
 */
export async function runConnect(call: VoiceCall, action: Payload): Promise<Step> {
  const { faker, host } = call;
  const connecting = openLeg(call, action);
  const { leg, callee, first, ringTimeout } = connecting;
  await status(call, leg, 'voice.event.started');
  if (connecting.unroutable)
    return failLeg(call, connecting, 'voice.event.rejected', { detail: 'invalid_number', sip_code: 404 });
  if (first?.kind === 'reject') {
    callee.take();
    return failLeg(call, connecting, 'voice.event.rejected', { detail: 'declined', sip_code: 603 });
  }
  if (first?.kind === 'fail') {
    callee.take();
    return failLeg(call, connecting, 'voice.event.failed', { detail: 'cannot_route', sip_code: 404 });
  }
  await pause(call, 300, 1_200);
  await status(call, leg, 'voice.event.ringing');
  const ringFor = faker.number.int({ min: 2_000, max: 8_000 });
  /** Ringing stopped early: the leg is cancelled (by the app's hang-up of it, or the call's end). */
  const stopRinging = async (interrupt: Interrupt): Promise<Step> => {
    if (!host.cancelled()) await failLeg(call, connecting, 'voice.event.cancelled');
    return interrupt.kind === 'leg-api-hangup' ? NEXT : afterInterrupt(call, interrupt);
  };
  if (first?.kind === 'busy') {
    callee.take();
    const interrupt = await waitUntil(call, host.now() + Math.min(ringFor, ringTimeout));
    if (interrupt !== null) return stopRinging(interrupt);
    return failLeg(call, connecting, 'voice.event.busy', { sip_code: 486 });
  }
  if (first?.kind === 'no_answer' || ringFor > ringTimeout) {
    if (first?.kind === 'no_answer') callee.take();
    const interrupt = await waitUntil(call, host.now() + ringTimeout);
    if (interrupt !== null) return stopRinging(interrupt);
    return failLeg(call, connecting, 'voice.event.timeout');
  }
  const interrupt = await waitUntil(call, host.now() + ringFor);
  if (interrupt !== null) return stopRinging(interrupt);
  return answerLeg(call, connecting, action);
}
