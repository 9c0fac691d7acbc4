import type { TranscriptEntry } from './conversation.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`.padStart(7);

/** One transcript entry as a line of text (without the time and leg columns). */
function describe(entry: TranscriptEntry): string {
  switch (entry.kind) {
    case 'status':
      return `status ${entry.status}${entry.detail === undefined ? '' : ` (${entry.detail})`}`;
    case 'said': {
      const cut = entry.interrupted === true ? ' [cut short]' : '';
      if (entry.via === 'talk') return `Vonage says: "${entry.text}"${cut}`;
      if (entry.via === 'stream') return `Vonage plays ${entry.text}${cut}`;
      if (entry.via === 'api-talk') return `Vonage says (PUT talk): "${entry.text}"`;
      if (entry.via === 'api-stream') return `Vonage plays (PUT stream) ${entry.text}`;
      if (entry.via === 'api-dtmf') return `Vonage plays tones (PUT dtmf) ${entry.text}`;
      if (entry.via === 'ringback') return `caller hears ringback ${entry.text}`;
      if (entry.via === 'music-on-hold') return `caller hears music on hold (${entry.text})`;
      return 'beep';
    }
    case 'did':
      return `person: ${entry.step}${entry.detail === undefined ? '' : ` (${entry.detail})`}`;
    case 'webhook': {
      const answer =
        entry.notSent !== undefined
          ? `not sent: ${entry.notSent}`
          : `${entry.status ?? '-'} ${entry.outcome}${entry.ncco === undefined ? '' : ` NCCO [${entry.ncco.join(', ')}]`}`;
      const issues = entry.nccoIssues === undefined ? '' : `; NCCO issues: ${entry.nccoIssues.join('; ')}`;
      return `webhook ${entry.event} ${entry.method} ${entry.url ?? '(no URL)'} -> ${answer}${issues}`;
    }
    case 'action':
      return `${entry.action}${entry.detail === undefined ? '' : `: ${entry.detail}`}`;
    case 'end': {
      const billing =
        entry.duration === undefined
          ? ''
          : `, ${entry.duration} s${entry.price === undefined ? '' : `, price ${entry.price}`}`;
      return `ended: ${entry.reason}${entry.disconnectedBy === undefined ? '' : ` (disconnected_by ${entry.disconnectedBy})`}${billing}`;
    }
  }
}

/**
 * A call's transcript as text, one line an entry: virtual time, leg (`A` the call, `B`... its
 * connected legs), and what happened.
 *
 * @example
 * ```ts
 * import { createFakeVonage, toTranscriptText } from 'vonage-webhook-simulator';
 * const vonage = createFakeVonage({ clock: 'manual', webhooks: { answerUrl: 'http://127.0.0.1:3000/answer' } });
 * const call = vonage.pushIncomingCall({ caller: ['press 1'] });
 * await vonage.runUntilIdle();
 * console.log(toTranscriptText(call.transcript));
 * ```
 */
export function toTranscriptText(transcript: readonly TranscriptEntry[]): string {
  const origin = transcript[0]?.atMs ?? 0;
  return transcript
    .filter((entry, index) => {
      // A status is shown by the webhook that reports it, when there is one right after.
      const next = transcript[index + 1];
      return !(
        entry.kind === 'status' &&
        next?.kind === 'webhook' &&
        next.leg === entry.leg &&
        next.event.startsWith(`voice.event.${entry.status}`)
      );
    })
    .map((entry) => `${seconds(entry.atMs - origin)}  ${entry.leg}  ${describe(entry)}`)
    .join('\n');
}
