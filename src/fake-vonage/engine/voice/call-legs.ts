import { toCompletedOverrides } from '../../../scenarios/voice-call.js';
import { note, status } from './call-events.js';
import type { LegState, Payload, VoiceCall } from './call-state.js';

/** Keeps a leg's billing on its call record (`GET /v1/calls/:uuid`). */
export function recordBilling(call: VoiceCall, leg: LegState, overrides: Payload): void {
  const record = call.state.calls.get(leg.voice.uuid);
  if (record === undefined) return;
  for (const field of ['rate', 'price', 'duration', 'start_time', 'end_time', 'network'] as const) {
    const value = overrides[field];
    if (typeof value === 'string') record[field] = value;
  }
}

/** Ends a connected leg: its billed `completed`, hung up by the callee (`user`) or the platform. */
export async function hangUpLeg(call: VoiceCall, leg: LegState, by: 'user' | 'platform'): Promise<void> {
  const { host } = call;
  if (leg.ended) return;
  leg.ended = true;
  call.state.callControls.delete(leg.voice.uuid);
  const answeredAt = leg.answeredAt ?? host.now();
  const overrides = toCompletedOverrides(call.context, leg.voice, answeredAt, host.now(), by);
  await status(call, leg, 'voice.event.completed', overrides);
  recordBilling(call, leg, overrides);
  note(call, {
    leg: leg.label,
    kind: 'end',
    reason: by === 'user' ? 'hung up' : 'hung up by the platform',
    disconnectedBy: by,
    duration: Number(overrides.duration),
    price: String(overrides.price),
  });
}
