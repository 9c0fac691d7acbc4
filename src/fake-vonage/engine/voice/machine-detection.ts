import type { DeepPartial } from '../../../fixtures/shared/types.js';
import type { VoiceMachineDetectionEvent } from '../../../fixtures/voice/types.js';
import { str } from './action-fields.js';
import { build, note, pause, send } from './call-events.js';
import type { LegState, VoiceCall } from './call-state.js';

/**
 * Machine detection after the answer (reference run-time.md#outbound-call-lifecycle #7–#11): `human` or `machine` (with
 * `call_uuid`), then for beep detection a second `machine` with `sub_state: beep_start`.
 * Returns whether machine detection hangs up.
 */
export async function detect(
  call: VoiceCall,
  leg: LegState,
  machine: boolean,
  standard: string | undefined,
  advanced: { readonly behavior?: unknown; readonly mode?: unknown } | undefined,
): Promise<boolean> {
  const event = machine ? 'voice.event.machine' : 'voice.event.human';
  const fields = {
    from: leg.voice.from,
    to: leg.to,
    call_uuid: leg.voice.uuid,
    conversation_uuid: leg.voice.conversationUuid,
    direction: 'outbound',
  } satisfies DeepPartial<VoiceMachineDetectionEvent>;
  const detected = build(call, event, fields);
  delete detected.sub_state;
  await send(call, leg, event, detected, 'voice-event', leg.route);
  note(call, { leg: leg.label, kind: 'status', status: machine ? 'machine' : 'human' });
  if (machine && advanced?.mode === 'detect_beep') {
    await pause(call, 2_000, 6_000);
    const beep = build(call, 'voice.event.machine', { ...fields, sub_state: 'beep_start' });
    await send(call, leg, 'voice.event.machine', beep, 'voice-event', leg.route);
    note(call, { leg: leg.label, kind: 'status', status: 'machine', detail: 'beep_start' });
  }
  const behavior = advanced === undefined ? standard : str(advanced.behavior);
  return machine && behavior === 'hangup';
}
