import type { DeliveryResult } from '../delivery/delivery-result.js';
import { type ReportEntry, toReportEntry } from '../delivery/report.js';
import type { RequestParts } from '../delivery/to-request.js';
import type { RecordedDelivery, RecordedRequest } from '../fake-vonage/index.js';

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
export type DeliveryJson = Omit<RecordedDelivery, 'result'> & { readonly result: ReportEntry | null };

/** Converts a recorded webhook for JSON: the sender's result (which holds an `Error`) as a report entry. */
export function toDeliveryJson(delivery: RecordedDelivery): DeliveryJson {
  return { ...delivery, result: delivery.result === null ? null : toReportEntry(delivery.result) };
}

/** The log line of an API call the fake recorded. */
export function toApiLogEntry(at: string, recorded: RecordedRequest): ApiLogEntry {
  return {
    direction: 'in',
    at,
    method: recorded.method,
    url: recorded.url,
    headers: recorded.headers,
    body: recorded.body,
    api: recorded.api,
    status: recorded.response.status,
    responseBody: recorded.response.body,
    lifecycle: recorded.lifecycle,
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
    url: request.url,
    request,
    result: toReportEntry(result),
    reason: null,
  };
}

/** The log line of a webhook the fake did not send (no URL, or its request could not be built). */
export function toNotSentLogEntry(at: string, delivery: RecordedDelivery): WebhookLogEntry {
  return {
    direction: 'out',
    at,
    lifecycle: delivery.lifecycle,
    event: delivery.event,
    state: 'not_sent',
    url: delivery.url,
    request: delivery.request,
    result: null,
    reason: delivery.reason,
  };
}
