import type { ResponseContract } from '../fixtures/shared/define-event.js';
import { type NccoIssue, parseNccoResponse } from '../ncco/index.js';
import type { DeliveryErrorCode } from './delivery-error-codes.js';
import type { StatusRange } from './retry.js';
import { DEFAULT_SUCCESS_RANGE } from './success-range.js';

// Vonage's acceptance rule, the same for URL and handler targets (reference delivery.md, ncco.md;
// docs/decisions/068-acceptance-rule-and-failures.md).

/** An NCCO larger than this is not read further; Vonage's own limit is not published (❓). */
export const MAX_NCCO_BYTES = 1024 * 1024;

/** Tells whether a status lies in a range, ends included. */
export function inRange(status: number, range: StatusRange): boolean {
  return status >= range.min && status <= range.max;
}

function describeIssues(issues: readonly NccoIssue[]): string {
  const [first] = issues;
  if (first === undefined) return 'it is not a valid NCCO';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${first.path}: ${first.reason}${more}`;
}

/** The verdict on one response. */
export interface Judged {
  readonly ok: boolean;
  readonly code: DeliveryErrorCode | null;
  readonly message: string | null;
  readonly ncco: unknown;
  readonly nccoIssues: readonly NccoIssue[];
}

const ACCEPTED: Judged = { ok: true, code: null, message: null, ncco: null, nccoIssues: [] };

/**
 * Reads an answer the way Vonage reads an NCCO (reference ncco.md): JSON `Content-Type`, JSON body, the
 * NCCO rules; an empty body passes where the NCCO is optional. `status` has already passed the
 * success rule (a custom range may be wider than the 200–205 the NCCO reader assumes).
 */
function judgeNcco(
  contract: ResponseContract,
  status: number,
  contentType: string | undefined,
  body: string,
  truncated: boolean,
): Judged {
  const issues: readonly NccoIssue[] = truncated
    ? [{ path: '$', reason: `the body is larger than ${MAX_NCCO_BYTES} bytes` }]
    : [];
  if (issues.length === 0) {
    const read = parseNccoResponse(
      { status: status >= 200 && status <= 205 ? status : 200, contentType: contentType ?? null, body },
      { contract },
    );
    if (read.valid) return read.ncco === null ? ACCEPTED : { ...ACCEPTED, ncco: read.ncco };
    return {
      ok: false,
      code: 'VWS_ERR_DELIVERY_NCCO_INVALID',
      message: null,
      ncco: null,
      nccoIssues: read.issues,
    };
  }
  return { ok: false, code: 'VWS_ERR_DELIVERY_NCCO_INVALID', message: null, ncco: null, nccoIssues: issues };
}

function statusText(status: number, headers: Readonly<Record<string, string>>): string {
  const location = headers.location;
  return location === undefined ? `${status}` : `${status} (Location: ${location})`;
}

/** The same rule for URL and handler targets: status range first, then the NCCO where one is read. */
export function judge(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string | null,
  truncated: boolean,
  contract: ResponseContract,
  success: StatusRange,
  where: string,
): Judged {
  if (inRange(status, success)) {
    if (contract === 'ignored') return ACCEPTED;
    const verdict = judgeNcco(contract, status, headers['content-type'], body ?? '', truncated);
    if (verdict.ok) return verdict;
    return {
      ...verdict,
      message: `${where} answered ${status} with an NCCO Vonage would reject at ${describeIssues(verdict.nccoIssues)}. Return a JSON array of NCCO actions (https://developer.vonage.com/voice/voice-api/ncco-reference).`,
    };
  }
  const range = `${success.min}–${success.max}`;
  if (status >= 300 && status < 400) {
    return {
      ok: false,
      code: 'VWS_ERR_DELIVERY_REDIRECT',
      message: `${where} answered ${statusText(status, headers)}: Vonage does not follow redirects and counts only ${range} as delivered. Configure the final URL.`,
      ncco: null,
      nccoIssues: [],
    };
  }
  return {
    ok: false,
    code: 'VWS_ERR_DELIVERY_STATUS',
    message:
      success.min === DEFAULT_SUCCESS_RANGE.min && success.max === DEFAULT_SUCCESS_RANGE.max
        ? `${where} answered ${status}: Vonage counts only ${range} as delivered. Answer 200 (or 204) once the webhook is handled.`
        : `${where} answered ${status}, outside the expected ${range}.`,
    ncco: null,
    nccoIssues: [],
  };
}
