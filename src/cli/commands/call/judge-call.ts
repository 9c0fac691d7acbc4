// The errors that set `vws call`'s exit code: an invalid NCCO, webhooks with no URL to go to or not
// accepted, and a call that did not end in time.
import { type DeliveryErrorCode, deliveryErrorCodes } from '../../../delivery/delivery-error-codes.js';
import { toOutcome } from '../../../delivery/delivery-result.js';
import { VwsError } from '../../../errors.js';
import { type CallReport, describeFailure, type WebhookEntry } from '../../../serve/call-report.js';
import { joinWords } from '../../shared/join-words.js';

/** The error code of a webhook's delivery outcome, for the exit code (all of them exit 1). */
const codeByOutcome: ReadonlyMap<string, DeliveryErrorCode> = new Map(
  deliveryErrorCodes.map((code) => [toOutcome(code), code]),
);

const toDuration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** The error of a call that did not end within `ms`; `where` names the server that did not answer. */
export const notEnded = (ms: number, where: string): VwsError =>
  new VwsError(
    'VWS_ERR_SETTLE_TIMEOUT',
    `The call did not end within ${toDuration(ms)}${where}: raise --timeout, or end it from the caller's side with --hang-up.`,
  );

/** Throws the error that sets the exit code when a webhook of the call was not accepted. */
export function judge(report: CallReport, server: string | undefined): void {
  if (report.ok) return;
  const invalid = report.failures.find(
    (entry) => entry.outcome === 'ncco_invalid' || (entry.nccoIssues?.length ?? 0) > 0,
  );
  if (invalid !== undefined) {
    const issue = invalid.nccoIssues?.[0];
    throw new VwsError(
      'VWS_ERR_DELIVERY_NCCO_INVALID',
      `Your app answered ${invalid.event} (${invalid.method} ${invalid.url ?? '(no URL)'}) with an invalid NCCO${issue === undefined ? '' : `: ${issue.replace(/\.$/, '')}`}; fix the NCCO it returns.`,
    );
  }
  const notSent = report.failures.filter((entry) => entry.notSent !== undefined);
  if (notSent.length > 0) {
    const events = [...new Set(notSent.map((entry) => entry.event))];
    const flag = /--[a-z-]+-url\b/.exec(notSent[0]?.notSent ?? '')?.[0] ?? '--event-url';
    const fix =
      server === undefined
        ? `pass ${flag} <url>`
        : `start "vws serve" with ${flag} <url> (or --webhook-base-url)`;
    throw new VwsError(
      'VWS_ERR_SETTLE_FAILED',
      `${notSent.length} webhook${notSent.length === 1 ? '' : 's'} of the call had no URL to go to (${joinWords(events)}): ${fix}, or name one in the NCCO action (eventUrl).`,
    );
  }
  const first = report.failures[0] as WebhookEntry;
  const total = report.transcript.filter((entry) => entry.kind === 'webhook').length;
  throw new VwsError(
    codeByOutcome.get(first.outcome) ?? 'VWS_ERR_SETTLE_FAILED',
    `${report.failures.length} of ${total} webhooks of the call were not accepted (first: ${describeFailure(first)}); Vonage expects 200-205 from your app.`,
  );
}
