import { toCallPrice } from '../../../fixtures/voice/billing.js';
import { toCompletedOverrides } from '../../../scenarios/voice-call.js';
import { note, pause, sendError, status } from './call-events.js';
import { recordBilling } from './call-legs.js';
import type { VoiceCall } from './call-state.js';
import { sendRecording } from './send-recording.js';

/** How and why the call ended. */
export interface CallEnd {
  readonly by: 'user' | 'platform';
  readonly reason: string;
}

/**
 * The end of the call's own leg: running recordings end with it, then its `completed`, billed from
 * the answer when `billed`, else with a zero duration and price.
 */
export async function finish(call: VoiceCall, end: CallEnd, billed: boolean): Promise<void> {
  const { host, main } = call;
  for (const recording of call.recordings.splice(0)) {
    await sendRecording(call, recording.leg, recording.action, recording.startAt, host.now(), '');
  }
  if (host.cancelled()) return;
  await pause(call, 80, 900);
  main.ended = true;
  call.state.callControls.delete(main.voice.uuid);
  const answeredAt = billed && main.answeredAt !== undefined ? main.answeredAt : host.now();
  const overrides = toCompletedOverrides(call.context, main.voice, answeredAt, host.now(), end.by);
  if (!billed) {
    overrides.duration = '0';
    overrides.price = toCallPrice(main.voice.tariff.rate, 0);
    overrides.start_time = overrides.end_time;
  }
  await status(call, main, 'voice.event.completed', overrides);
  recordBilling(call, main, overrides);
  note(call, {
    leg: main.label,
    kind: 'end',
    reason: end.reason,
    disconnectedBy: end.by,
    duration: Number(overrides.duration),
    price: String(overrides.price),
  });
}

/** The end of a call that never got a usable NCCO: the error event, then `completed` unbilled
 * (reference run-time.md#answer-url-total-failure). */
export async function unanswered(call: VoiceCall, ending: string): Promise<void> {
  const { main } = call;
  if (!call.answerErrorSent) {
    await sendError(call, main, call.answerFailureReason);
  }
  await finish(call, { by: 'platform', reason: `${call.answerFailure}: ${ending}` }, false);
}
