import { VwsError } from '../errors.js';
import type { NccoIssue } from '../ncco/index.js';
import type { DeliveryErrorCode } from './delivery-error-codes.js';
import type { DeliveryAttempt, RequestSummary } from './delivery-result.js';

/** What a {@link DeliveryError} carries besides its code and message. */
export interface DeliveryErrorDetails {
  readonly request: RequestSummary;
  /** The HTTP status of the last attempt, when a response started. */
  readonly status: number | null;
  /** Every attempt, in order. */
  readonly attempts: readonly DeliveryAttempt[];
  /** Response headers of the last attempt, when a response started. */
  readonly responseHeaders: Readonly<Record<string, string>> | null;
  /** The start of the last response body (2 KiB by default), when one was read. */
  readonly responseExcerpt: string | null;
  /** For `VWS_ERR_DELIVERY_NCCO_INVALID`: where the NCCO is wrong and why. */
  readonly nccoIssues?: readonly NccoIssue[];
}

/**
 * A webhook that Vonage would count as not delivered: the code says why, the message says how to
 * fix it, and the fields keep the request, status, every attempt and an excerpt of the response.
 * Senders return it in `result.error` rather than throwing, so many deliveries can be judged at once.
 *
 * @example
 * ```ts
 * import { createSender, generate, toRequestParts } from 'vonage-webhook-simulator';
 * const sender = createSender();
 * const request = toRequestParts(
 *   { name: 'messages.status.read', payload: generate('messages.status.read') },
 *   { url: 'http://127.0.0.1:3000/webhooks/status' },
 * );
 * const result = await sender.deliver(request, undefined, { event: 'messages.status.read' });
 * if (result.error) console.error(result.error.code, result.error.status, result.error.responseExcerpt);
 * await sender.close();
 * ```
 */
export class DeliveryError extends VwsError {
  declare readonly code: DeliveryErrorCode;
  readonly request: RequestSummary;
  readonly status: number | null;
  readonly attempts: readonly DeliveryAttempt[];
  readonly responseHeaders: Readonly<Record<string, string>> | null;
  readonly responseExcerpt: string | null;
  readonly nccoIssues: readonly NccoIssue[];

  constructor(
    code: DeliveryErrorCode,
    message: string,
    details: DeliveryErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'DeliveryError';
    this.request = details.request;
    this.status = details.status;
    this.attempts = details.attempts;
    this.responseHeaders = details.responseHeaders;
    this.responseExcerpt = details.responseExcerpt;
    this.nccoIssues = details.nccoIssues ?? [];
  }
}

/**
 * Tells whether a value is a {@link DeliveryError}.
 *
 * @example
 * ```ts
 * import { isDeliveryError } from 'vonage-webhook-simulator';
 * isDeliveryError(new Error('x')); // false
 * ```
 */
export function isDeliveryError(value: unknown): value is DeliveryError {
  return value instanceof DeliveryError;
}
