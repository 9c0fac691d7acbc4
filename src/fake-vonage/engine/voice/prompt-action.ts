import { num } from './action-fields.js';
import { note } from './call-events.js';
import { NEXT, type Payload, type Step, type VoiceCall } from './call-state.js';
import { afterInterrupt, waitUntil } from './call-wait.js';
import { BARGE_IN_AFTER_MS, STREAM_LOOP_MS, toSpeakingMs } from './voice-timing.js';

/**
 * The NCCO `talk` and `stream` actions: a prompt that plays its length × `loop` (`loop: 0` until
 * interrupted); with `bargeIn` the caller's next `press`/`say` cuts it short and counts as input.
 */
export async function playPrompt(call: VoiceCall, action: Payload, via: 'talk' | 'stream'): Promise<Step> {
  const { host, main, person, transcript } = call;
  const text =
    via === 'talk'
      ? String(action.text ?? '')
      : String((action.streamUrl as unknown[] | undefined)?.[0] ?? '');
  const loop = num(action.loop, 1, 0, 1000);
  if (action.bargeIn === true) call.bargeInOn = true;
  if (call.bargeInOn && call.barged !== undefined) {
    note(call, { leg: main.label, kind: 'said', via, text, interrupted: true });
    return NEXT;
  }
  const once = via === 'talk' ? toSpeakingMs(text) : STREAM_LOOP_MS;
  const start = host.now();
  const end = loop === 0 ? Number.POSITIVE_INFINITY : start + once * loop;
  if (call.bargeInOn) {
    const { delay, step } = person.peek();
    if (step?.kind === 'press' || step?.kind === 'say') {
      const at = start + Math.max(BARGE_IN_AFTER_MS, delay);
      if (at < end) {
        note(call, { leg: main.label, kind: 'said', via, text, interrupted: true });
        const interrupt = await waitUntil(call, at);
        if (interrupt !== null) return afterInterrupt(call, interrupt);
        call.barged = { at };
        return NEXT;
      }
    }
  }
  note(call, { leg: main.label, kind: 'said', via, text });
  const said = transcript.length - 1;
  const interrupt = await waitUntil(call, end);
  if (interrupt === null) return NEXT;
  // Hung up or transferred mid-prompt: the prompt was cut short.
  const entry = transcript[said];
  if (entry?.kind === 'said') transcript[said] = { ...entry, interrupted: true };
  return afterInterrupt(call, interrupt);
}
