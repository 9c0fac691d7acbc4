import type { EventName } from '../../../fixtures/events.js';
import { toWebhook } from '../../../scenarios/scenario-context.js';
import type { WebhookTarget } from '../../../scenarios/types.js';
import { type RouteSpec, type SendOutcome, toWebhookEntry } from '../conversation.js';
import type { LegState, Payload, VoiceCall } from './call-state.js';

/** Adds a line to the call's transcript at the call's current time. */
export function note(call: VoiceCall, entry: Record<string, unknown>): void {
  const { transcript } = call;
  transcript.push({ atMs: Math.round(call.host.now()), ...entry } as (typeof transcript)[number]);
}

/** The fields every status event of a leg carries. */
export const legFields = (leg: LegState): Payload => ({
  from: leg.voice.from,
  to: leg.to,
  uuid: leg.voice.uuid,
  conversation_uuid: leg.voice.conversationUuid,
  direction: leg.voice.direction,
});

/** A payload of `event` at the call's time, drawn under the call's next draw key. */
export function build(
  call: VoiceCall,
  event: EventName,
  overrides: Payload | ((base: Payload) => Payload),
): Payload {
  const role = `step:${call.role++}`;
  const at = call.host.now();
  // The two forms go to `toWebhook` apart: its overrides are typed by event, and the engine picks
  // the event at run time.
  return typeof overrides === 'function'
    ? toWebhook(call.context, role, event, at, (base) => overrides(base)).payload
    : toWebhook(call.context, role, event, at, overrides).payload;
}

/** Sends a webhook of a leg and writes its line in the transcript. */
export async function send(
  call: VoiceCall,
  leg: LegState,
  event: EventName,
  payload: Payload,
  target: WebhookTarget,
  route: RouteSpec | undefined,
  readNcco = false,
): Promise<SendOutcome> {
  const outcome = await call.host.send({
    event,
    payload,
    target,
    ...(route === undefined ? {} : { route }),
    ...(readNcco ? { readNcco } : {}),
  });
  call.transcript.push(toWebhookEntry(Math.round(call.host.now()), leg.label, event, outcome));
  return outcome;
}

/** Sends a status event of a leg, notes its status and keeps it on the leg's call record. */
export async function status(
  call: VoiceCall,
  leg: LegState,
  event: EventName,
  overrides: Payload = {},
  target: WebhookTarget = 'voice-event',
): Promise<SendOutcome> {
  const payload = build(call, event, { ...legFields(leg), ...overrides });
  if (typeof payload.status === 'string') {
    note(call, {
      leg: leg.label,
      kind: 'status',
      status: payload.status,
      ...(typeof payload.detail === 'string' ? { detail: payload.detail } : {}),
    });
    const record = call.state.calls.get(leg.voice.uuid);
    if (record !== undefined) record.status = payload.status;
  }
  return send(call, leg, event, payload, target, leg.route);
}

/** Waits a time drawn between `min` and `max` ms. */
export async function pause(call: VoiceCall, min: number, max: number): Promise<void> {
  await call.host.sleepUntil(call.host.now() + call.faker.number.int({ min, max }));
}
