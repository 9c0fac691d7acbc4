import { formatEndUserStep } from '../end-user-script.js';
import { build, note, send } from './call-events.js';
import type { VoiceCall } from './call-state.js';
import { KEY_GAP_MS, REACTION_MS } from './voice-timing.js';

/** The next key of asynchronous DTMF, when it listens: the person's next `press`, key by key. */
export function nextAsyncKey(call: VoiceCall): { at: number; digit: string } | undefined {
  const { asyncKeys, person } = call;
  if (call.asyncDtmf === undefined) return undefined;
  if (asyncKeys.length === 0) {
    const { delay, step } = person.peek();
    if (step?.kind !== 'press') return undefined;
    const at = Math.max(call.host.now(), person.readyAt + delay + REACTION_MS);
    person.take();
    note(call, {
      leg: call.main.label,
      kind: 'did',
      step: formatEndUserStep(step),
      detail: 'sent key by key',
    });
    [...step.digits].forEach((digit, index) => {
      asyncKeys.push({ at: at + index * KEY_GAP_MS, digit });
    });
    person.readyAt = at + (step.digits.length - 1) * KEY_GAP_MS;
  }
  return asyncKeys[0];
}

/** Sends one key of asynchronous DTMF as its own input event. */
export async function sendAsyncKey(call: VoiceCall, digit: string): Promise<void> {
  const { main } = call;
  const payload = build(call, 'voice.event.input.dtmf', {
    from: main.voice.from,
    to: main.to,
    uuid: main.voice.uuid,
    conversation_uuid: main.voice.conversationUuid,
  });
  payload.dtmf = { digits: digit, timed_out: false };
  await send(
    call,
    main,
    'voice.event.input.dtmf',
    payload,
    'voice-event',
    call.asyncDtmf?.route ?? main.route,
  );
}
