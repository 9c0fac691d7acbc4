import { formatEndUserStep } from '../end-user-script.js';
import { num, str } from './action-fields.js';
import { note } from './call-events.js';
import { NEXT, type Payload, type Step, type VoiceCall } from './call-state.js';
import { afterInterrupt, waitUntil } from './call-wait.js';
import { sendRecording } from './send-recording.js';
import { KEY_GAP_MS, REACTION_MS, toSayingMs } from './voice-timing.js';

/**
 * The NCCO `record` action: with `endOnSilence`/`endOnKey` it holds the flow until the caller's
 * silence or key; otherwise it records on while the flow goes on (reference run-time.md#record-without-a-stop-condition).
 */
export async function runRecord(call: VoiceCall, action: Payload): Promise<Step> {
  const { host, main, person } = call;
  const start = host.now();
  const timeOut = num(action.timeOut, 7200, 3, 7200) * 1000;
  const endOnSilence =
    typeof action.endOnSilence === 'number' ? num(action.endOnSilence, 3, 3, 10) * 1000 : undefined;
  const endOnKey = str(action.endOnKey);
  if (action.beepStart === true) note(call, { leg: main.label, kind: 'said', via: 'beep', text: 'beep' });
  if (endOnSilence === undefined && endOnKey === undefined) {
    // Asynchronous: recording goes on while the flow continues (reference run-time.md#record-without-a-stop-condition).
    call.recordings.push({ action, startAt: start, endAt: start + timeOut, leg: main });
    note(call, {
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
    const interrupt = await waitUntil(call, saidAt, false);
    if (interrupt !== null) return afterInterrupt(call, interrupt);
    person.take();
    person.readyAt = saidAt + toSayingMs(step.text);
    note(call, { leg: main.label, kind: 'did', step: formatEndUserStep(step) });
    words = step.text;
  } else if (step?.kind === 'press' && endOnKey !== undefined && step.digits.includes(endOnKey)) {
    stopAt = start + REACTION_MS + delay + step.digits.indexOf(endOnKey) * KEY_GAP_MS;
    const interrupt = await waitUntil(call, stopAt, false);
    if (interrupt !== null) return afterInterrupt(call, interrupt);
    person.take();
    person.readyAt = stopAt;
    note(call, { leg: main.label, kind: 'did', step: formatEndUserStep(step) });
  } else if (step?.kind === 'silence') {
    person.take();
    note(call, { leg: main.label, kind: 'did', step: 'silence' });
  }
  stopAt = Math.min(stopAt, start + timeOut);
  const interrupt = await waitUntil(call, stopAt);
  const endAt = host.now();
  await sendRecording(call, main, action, start, endAt, words);
  return interrupt === null ? NEXT : afterInterrupt(call, interrupt);
}
