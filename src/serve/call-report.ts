// What `vws call` prints and `POST /_vws/inbound/call` with `wait: true` answers: one shape for both,
// built from the call's transcript alone, so the CLI can judge a call a server ran the same way.

import { redactUrl } from '../fake-vonage/account/redact.js';
import type { TranscriptEntry } from '../fake-vonage/engine/conversation.js';
import { toTranscriptText } from '../fake-vonage/engine/transcript-text.js';

/** A webhook line of a transcript. */
export type WebhookEntry = Extract<TranscriptEntry, { readonly kind: 'webhook' }>;

/** A call as `vws call --json` prints it and `POST /_vws/inbound/call` with `wait: true` answers it. */
export interface CallReport {
  /** The lifecycle's index (as in `GET /_vws/lifecycles`). */
  readonly lifecycle: number;
  /** Every webhook of the call was accepted: sent, answered 200-205, with a valid NCCO where one is read. */
  readonly ok: boolean;
  /** The webhook lines of the transcript that were not accepted, in order. */
  readonly failures: readonly WebhookEntry[];
  readonly transcript: readonly TranscriptEntry[];
  /** The transcript as `toTranscriptText` prints it. */
  readonly text: string;
}

/** Whether the app took a webhook: sent, answered in 200-205, and no NCCO issue. */
export function isAcceptedWebhook(entry: WebhookEntry): boolean {
  return entry.outcome === 'accepted' && entry.notSent === undefined && (entry.nccoIssues?.length ?? 0) === 0;
}

/**
 * URLs inside free text (a stream or ringback URL, a WebSocket URI, an NCCO issue quoting a URL),
 * each redacted; a SIP URI's password too (`sip:alice:secret@host`).
 */
const redactUrlsIn = (text: string): string =>
  text
    .replace(/\b(?:https?|wss?):\/\/[^\s"'\]]+/gi, (url) => redactUrl(url))
    .replace(/\b(sips?):([^:@\s"']+):[^@\s"']+@/gi, '$1:$2:[REDACTED]@');

/**
 * The transcript with credentials in URLs (`https://user:pass@host`, a token in a query) redacted:
 * webhook URLs, and those in what Vonage played and in action details (decision 102).
 */
function toShownTranscript(transcript: readonly TranscriptEntry[]): TranscriptEntry[] {
  return transcript.map((entry) => {
    if (entry.kind === 'webhook') {
      return {
        ...entry,
        url: entry.url === null ? null : redactUrl(entry.url),
        ...(entry.nccoIssues === undefined ? {} : { nccoIssues: entry.nccoIssues.map(redactUrlsIn) }),
        ...(entry.notSent === undefined ? {} : { notSent: redactUrlsIn(entry.notSent) }),
      };
    }
    if (entry.kind === 'end') return { ...entry, reason: redactUrlsIn(entry.reason) };
    if (entry.kind === 'did' && entry.detail !== undefined)
      return { ...entry, detail: redactUrlsIn(entry.detail) };
    if (entry.kind === 'said') return { ...entry, text: redactUrlsIn(entry.text) };
    if (entry.kind === 'action' && entry.detail !== undefined)
      return { ...entry, detail: redactUrlsIn(entry.detail) };
    return entry;
  });
}

/** The report of a call from its lifecycle index and transcript. */
export function toCallReport(lifecycle: number, transcript: readonly TranscriptEntry[]): CallReport {
  const shown = toShownTranscript(transcript);
  const failures = shown.filter(
    (entry): entry is WebhookEntry => entry.kind === 'webhook' && !isAcceptedWebhook(entry),
  );
  return { lifecycle, ok: failures.length === 0, failures, transcript: shown, text: toTranscriptText(shown) };
}

/** One failed webhook in a few words: `voice.event.input.dtmf POST http://… → 500`. */
export function describeFailure(entry: WebhookEntry): string {
  if (entry.notSent !== undefined) {
    const why = /^No URL\b/.test(entry.notSent) ? 'no URL' : entry.notSent.replace(/\.$/, '');
    return `${entry.event} not sent (${why})`;
  }
  const answer =
    entry.outcome === 'ncco_invalid' || (entry.nccoIssues?.length ?? 0) > 0
      ? `${entry.status ?? '-'} with an invalid NCCO`
      : entry.outcome === 'rejected' && entry.status !== null
        ? String(entry.status)
        : entry.outcome.replaceAll('_', ' ');
  return `${entry.event} ${entry.method} ${entry.url ?? '(no URL)'} → ${answer}`;
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** How many failures the summary line names before "and N more". */
const NAMED_FAILURES = 3;

/**
 * The line under a call's transcript: how it ended and what came of its webhooks, e.g.
 * `Call ended: the NCCO ran out after 9.9 s; 9 webhooks, all accepted.`
 */
export function toCallSummary(transcript: readonly TranscriptEntry[]): string {
  const webhooks = transcript.filter((entry): entry is WebhookEntry => entry.kind === 'webhook');
  const failures = webhooks.filter((entry) => !isAcceptedWebhook(entry));
  const origin = transcript[0]?.atMs ?? 0;
  // The call's own leg (A) ends it; connected legs (B...) may end before.
  const ends = transcript.filter((entry) => entry.kind === 'end');
  const end = ends.find((entry) => entry.leg === 'A') ?? ends.at(-1);
  const last = transcript.at(-1);
  const head =
    end === undefined
      ? `Call not ended after ${seconds((last?.atMs ?? origin) - origin)}`
      : `Call ended: ${end.reason.replace(/\.$/, '')} after ${seconds(end.atMs - origin)}`;
  const count = `${webhooks.length} webhook${webhooks.length === 1 ? '' : 's'}`;
  if (failures.length === 0) {
    return `${head}; ${webhooks.length === 0 ? 'no webhooks' : webhooks.length === 1 ? '1 webhook, accepted' : `${count}, all accepted`}.`;
  }
  const named = failures.slice(0, NAMED_FAILURES).map(describeFailure);
  const more = failures.length > NAMED_FAILURES ? `; and ${failures.length - NAMED_FAILURES} more` : '';
  return `${head}; ${failures.length} of ${count} not accepted: ${named.join('; ')}${more}.`;
}
