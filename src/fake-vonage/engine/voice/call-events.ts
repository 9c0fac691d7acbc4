import type { EventName, WebhookEventMap } from '../../../fixtures/events.js';
import type { DeepPartial } from '../../../fixtures/shared/types.js';
import type { VoiceStatusEvent } from '../../../fixtures/voice/types.js';
import {
  type EventNameStartingWith,
  type ScenarioOverrides,
  toWebhook,
} from '../../../scenarios/scenario-context.js';
import type { WebhookTarget } from '../../../scenarios/types.js';
import type { VoiceLegFields } from '../../../scenarios/voice-call.js';
import { type RouteSpec, type SendOutcome, toWebhookEntry } from '../conversation.js';
import type { LegState, Payload, VoiceCall } from './call-state.js';

/**
 * The call status events of a leg (reference voice.md#call-status-events): the events whose payload
 * is a {@link VoiceStatusEvent}, so that each carries the leg's fields ({@link legFields}).
 */
export type LegStatusEventName = {
  [TName in EventNameStartingWith<'voice.event.'>]: WebhookEventMap[TName] extends VoiceStatusEvent
    ? TName
    : never;
}[EventNameStartingWith<'voice.event.'>];

/** Adds a line to the call's transcript at the call's current time. */
export function note(call: VoiceCall, entry: Record<string, unknown>): void {
  const { transcript } = call;
  transcript.push({ atMs: Math.round(call.host.now()), ...entry } as (typeof transcript)[number]);
}

/** The fields every status event of a leg carries. */
export const legFields = (leg: LegState): VoiceLegFields => ({
  from: leg.voice.from,
  to: leg.to,
  uuid: leg.voice.uuid,
  conversation_uuid: leg.voice.conversationUuid,
  direction: leg.voice.direction,
});

/**
 * A payload of `event` at the call's time, drawn under the call's next draw key. The overrides are
 * typed by event as `toWebhook`'s are, so a key the event's payload does not have is a compile error.
 */
export function build<TName extends EventName, TReturned extends DeepPartial<WebhookEventMap[TName]>>(
  call: VoiceCall,
  event: TName,
  overrides: ScenarioOverrides<TName, TReturned>,
): WebhookEventMap[TName] {
  const role = `step:${call.role++}`;
  const { payload } = toWebhook(call.context, role, event, call.host.now(), overrides);
  // `toWebhook` generated it for `event`, with overrides checked against that event's payload.
  return payload as WebhookEventMap[TName];
}

/** A payload as the host sends it: a JSON object, its keys no longer tied to one event. */
function toPayloadRecord(payload: object): Payload {
  return payload as Payload;
}

/** Sends a webhook of a leg (a payload of `event`) and writes its line in the transcript. */
export async function send<TName extends EventName>(
  call: VoiceCall,
  leg: LegState,
  event: TName,
  payload: WebhookEventMap[TName],
  target: WebhookTarget,
  route: RouteSpec | undefined,
  readNcco = false,
): Promise<SendOutcome> {
  const outcome = await call.host.send({
    event,
    payload: toPayloadRecord(payload),
    target,
    ...(route === undefined ? {} : { route }),
    ...(readNcco ? { readNcco } : {}),
  });
  call.transcript.push(toWebhookEntry(Math.round(call.host.now()), leg.label, event, outcome));
  return outcome;
}

/** Sends a status event of a leg, notes its status and keeps it on the leg's call record. */
export function status<TName extends LegStatusEventName>(
  call: VoiceCall,
  leg: LegState,
  event: TName,
  overrides?: DeepPartial<WebhookEventMap[TName]>,
): Promise<SendOutcome>;
export async function status(
  call: VoiceCall,
  leg: LegState,
  event: LegStatusEventName,
  overrides: DeepPartial<WebhookEventMap[LegStatusEventName]> = {},
): Promise<SendOutcome> {
  const payload = build(call, event, { ...legFields(leg), ...overrides });
  if (typeof payload.status === 'string') {
    note(call, {
      leg: leg.label,
      kind: 'status',
      status: payload.status,
      ...('detail' in payload && typeof payload.detail === 'string' ? { detail: payload.detail } : {}),
    });
    const record = call.state.calls.get(leg.voice.uuid);
    if (record !== undefined) record.status = payload.status;
  }
  return send(call, leg, event, payload, 'voice-event', leg.route);
}

/**
 * Sends the error event of a leg (an invalid NCCO, an answer URL that gave none) with its `reason`.
 * The engine sends it with the leg's fields, as a status event: `from`, `to`, `uuid` and `direction`
 * besides the documented `conversation_uuid`, `reason` and `timestamp` (reference
 * voice.md#action-results-and-other-events), so they go in as a record, unchecked, to keep the webhook as it is.
 */
export async function sendError(call: VoiceCall, leg: LegState, reason: string): Promise<SendOutcome> {
  const undocumented: Payload = legFields(leg);
  const payload = build(call, 'voice.event.error', {
    ...undocumented,
    conversation_uuid: leg.voice.conversationUuid,
    reason,
  });
  return send(call, leg, 'voice.event.error', payload, 'voice-event', leg.route);
}

/** Waits a time drawn between `min` and `max` ms. */
export async function pause(call: VoiceCall, min: number, max: number): Promise<void> {
  await call.host.sleepUntil(call.host.now() + call.faker.number.int({ min, max }));
}
