import type { DeliveryResult } from '../delivery/delivery-result.js';
import { type ReportEntry, toReportEntry } from '../delivery/report.js';
import type { RequestParts } from '../delivery/to-request.js';
import {
  redactBody,
  redactRecordedRequest,
  redactRequestParts,
  redactText,
  redactUrl,
} from '../fake-vonage/account/redact.js';
import type { DeliveryRecord, Lifecycle, RecordedDelivery, RecordedRequest } from '../fake-vonage/index.js';
import { redactHeaders } from '../internal/redact-headers.js';

/** An API call the server answered (`direction: "in"`), one line of the `--log` NDJSON file. */
export interface ApiLogEntry {
  readonly direction: 'in';
  /** When the answer was sent, ISO 8601. */
  readonly at: string;
  readonly method: string;
  /** The Vonage URL the call was for. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  /** Which API answered; `null` for a path or host the fake does not serve. */
  readonly api: string | null;
  readonly status: number;
  readonly responseBody: string | null;
  /** The lifecycle the call started, when it started one. */
  readonly lifecycle: number | null;
}

/** A webhook the fake sent or gave up on (`direction: "out"`), one line of the `--log` NDJSON file. */
export interface WebhookLogEntry {
  readonly direction: 'out';
  readonly at: string;
  readonly lifecycle: number;
  readonly event: string;
  /** `sent` whatever the app answered; `not_sent` with a `reason`. */
  readonly state: 'sent' | 'not_sent';
  readonly url: string | null;
  readonly request: RequestParts | null;
  /** The app's answer and the sender's verdict, for a sent webhook. */
  readonly result: ReportEntry | null;
  readonly reason: string | null;
}

/** One line of the `--log` file: either direction. */
export type ServeLogEntry = ApiLogEntry | WebhookLogEntry;

/** A recorded webhook as `GET /_vws/deliveries` serves it: the result as a JSON report entry. */
export type DeliveryJson = Omit<DeliveryRecord, 'payload' | 'result'> & {
  readonly payload: object;
  readonly result: ReportEntry | null;
};

// Every entry and JSON answer below is built redacted: credentials (api_secret, Authorization
// values, the webhook JWT, private keys) never reach stdout, the --log file or /_vws/*
// (docs/decisions/102-credentials-never-printed.md).

/** A report entry with the credentials in its URLs, the app's answer and the error message redacted. */
function redactReportEntry(entry: ReportEntry): ReportEntry {
  return {
    ...entry,
    url: redactUrl(entry.url),
    message: entry.message === null ? null : redactText(entry.message),
    attempts: entry.attempts.map((attempt) => ({ ...attempt, url: redactUrl(attempt.url) })),
    responseHeaders: entry.responseHeaders === null ? null : redactHeaders(entry.responseHeaders),
    responseExcerpt: entry.responseExcerpt === null ? null : redactText(entry.responseExcerpt),
  };
}

/**
 * Converts a recorded webhook for JSON, redacted: the sender's result (which holds an `Error`) as a
 * report entry, and the request without its `Authorization` JWT.
 */
export function toDeliveryJson(delivery: RecordedDelivery): DeliveryJson {
  return {
    ...delivery,
    url: delivery.url === null ? null : redactUrl(delivery.url),
    request: delivery.request === null ? null : redactRequestParts(delivery.request),
    result: delivery.result === null ? null : redactReportEntry(toReportEntry(delivery.result)),
    reason: delivery.reason === null ? null : redactText(delivery.reason),
  };
}

/** A recorded API call as `GET /_vws/requests` serves it, redacted. */
export function toRequestJson(recorded: RecordedRequest): RecordedRequest {
  return redactRecordedRequest(recorded);
}

/** A lifecycle as `GET /_vws/lifecycles` serves it (no `done` promise; the error as its message). */
export interface LifecycleJson {
  readonly index: number;
  readonly scenario: string;
  readonly ids: Lifecycle['ids'];
  readonly error: string | null;
}

/** Converts a lifecycle for JSON; the error message is redacted (it may quote a push's params). */
export function toLifecycleJson({ index, scenario, ids, error }: Lifecycle): LifecycleJson {
  return { index, scenario, ids, error: error === null ? null : redactText(error.message) };
}

/** The log line of an API call the fake recorded. */
export function toApiLogEntry(at: string, recorded: RecordedRequest): ApiLogEntry {
  const shown = redactRecordedRequest(recorded);
  return {
    direction: 'in',
    at,
    method: shown.method,
    url: shown.url,
    headers: shown.headers,
    body: shown.body,
    api: shown.api,
    status: shown.response.status,
    responseBody: shown.response.body,
    lifecycle: shown.lifecycle,
  };
}

/** The log line of a request for a path or host the fake does not serve (it never reached the fake). */
export function toUnservedLogEntry(
  at: string,
  request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | null;
  },
  status: number,
  responseBody: string | null,
): ApiLogEntry {
  const contentType = Object.entries(request.headers).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  return {
    direction: 'in',
    at,
    method: request.method,
    url: redactUrl(request.url),
    headers: redactHeaders(request.headers),
    body: redactBody(request.body, contentType),
    api: null,
    status,
    responseBody: responseBody === null ? null : redactText(responseBody),
    lifecycle: null,
  };
}

/** The log line of a webhook the sender finished with. */
export function toSentLogEntry(
  at: string,
  lifecycle: number,
  event: string,
  request: RequestParts,
  result: DeliveryResult,
): WebhookLogEntry {
  return {
    direction: 'out',
    at,
    lifecycle,
    event,
    state: 'sent',
    url: redactUrl(request.url),
    request: redactRequestParts(request),
    result: redactReportEntry(toReportEntry(result)),
    reason: null,
  };
}

/** The log line of a webhook the fake did not send (no URL, or its request could not be built). */
export function toNotSentLogEntry(
  at: string,
  delivery: Omit<DeliveryRecord, 'payload' | 'version'>,
): WebhookLogEntry {
  return {
    direction: 'out',
    at,
    lifecycle: delivery.lifecycle,
    event: delivery.event,
    state: 'not_sent',
    url: delivery.url === null ? null : redactUrl(delivery.url),
    request: delivery.request === null ? null : redactRequestParts(delivery.request),
    result: null,
    reason: delivery.reason === null ? null : redactText(delivery.reason),
  };
}
