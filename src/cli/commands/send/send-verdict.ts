// What `vws send` expects of an answer in a negative signing mode: a rejection, judged as `vws contract`
// judges its negative checks (contract/check-verdict.ts).
import {
  DEFAULT_REJECTION_RANGE,
  judgeRejection,
  type StatusRangeText,
  toRange,
} from '../../../contract/check-verdict.js';
import type { DeliveryResult } from '../../../delivery/delivery-result.js';
import { VwsError } from '../../../errors.js';
import type { SigningMode } from '../../../signing/signing-modes.js';
import type { SendCliOptions } from './options.js';

/** The rejection a run of a negative signing mode expects. */
export interface ExpectedRejection {
  readonly mode: Exclude<SigningMode, 'valid'>;
  readonly range: StatusRangeText;
}

/**
 * The rejection a run expects: none for a valid signature; for a negative mode 400-599, or the
 * `--expect` the user gave, which must lie within 400-599.
 */
export function toExpectedRejection(options: SendCliOptions): ExpectedRejection | null {
  const mode = options.signingMode;
  if (mode === undefined || mode === 'valid') return null;
  if (options.expectGiven !== true) return { mode, range: toRange(undefined, DEFAULT_REJECTION_RANGE) };
  const { min, max } = options.expect;
  if (min < 400 || max > 599) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `--expect ${min}-${max} with --signing-mode ${mode}: a receiver must reject a forged webhook, so use statuses within ${DEFAULT_REJECTION_RANGE} (e.g. --expect 401) or leave --expect out.`,
    );
  }
  return { mode, range: { min, max, text: min === max ? `${min}` : `${min}-${max}` } };
}

/**
 * A result judged by the run's expectation. In a negative mode the rejection verdict replaces `ok`,
 * `code` and `error` (whose message is the verdict's, on a pass too: "rejected, as it should"), so
 * the output, the JSON and the JUnit reports and the exit code agree; `outcome` and `status` still
 * say what the receiver did.
 */
export function judgeSendResult(result: DeliveryResult, rejection: ExpectedRejection | null): DeliveryResult {
  if (rejection === null) return result;
  const { passed, message } = judgeRejection(result, rejection.range, rejection.mode);
  const code = passed ? null : (result.code ?? 'VWS_ERR_DELIVERY_STATUS');
  return {
    ...result,
    ok: passed,
    code,
    error: new VwsError(code ?? 'VWS_ERR_DELIVERY_STATUS', message),
  };
}
