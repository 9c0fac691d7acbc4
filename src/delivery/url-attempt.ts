import type { Dispatcher } from 'undici';
import type { ResponseContract } from '../fixtures/shared/define-event.js';
import type { NccoIssue } from '../ncco/index.js';
import { BodyCollector } from './body-collector.js';
import type { DeliveryErrorCode } from './delivery-error-codes.js';
import type { DeliveryTiming, ResponseSummary } from './delivery-result.js';
import { inRange, judge, MAX_NCCO_BYTES } from './judge-response.js';
import { classifyNetworkError, timeoutMessage } from './network-errors.js';
import { type DispatchUrl, type PreparedRequest, withoutQuery } from './outgoing-request.js';
import type { StatusRange } from './retry.js';
import type { WebhookTimeouts } from './timeouts.js';

/** The outcome of one attempt, before it becomes part of a result. */
export interface AttemptResult {
  readonly ok: boolean;
  readonly code: DeliveryErrorCode | null;
  readonly status: number | null;
  readonly message: string | null;
  readonly response: ResponseSummary | null;
  readonly ncco: unknown;
  readonly nccoIssues: readonly NccoIssue[];
  readonly timing: DeliveryTiming;
  readonly cause?: unknown;
}

/** Response headers as one string per name (repeated headers joined with ", "). */
export function toHeaderRecord(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) record[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return record;
}

/** What every attempt of a sender shares. */
export interface AttemptContext {
  readonly now: () => number;
  readonly success: StatusRange;
  readonly excerptBytes: number;
}

function onAttemptTimeout(attempt: UrlAttempt): void {
  attempt.timeout();
}

/**
 * One request through an undici dispatcher, as a dispatch handler: a class rather than closures, as
 * it runs once per delivery on the hot path (docs/decisions/070-undici-dispatcher.md).
 */
export class UrlAttempt implements Dispatcher.DispatchHandler {
  private readonly started: number;
  private connectedAt: number | null = null;
  private firstByteAt: number | null = null;
  private status: number | null = null;
  private headers: Record<string, string> | null = null;
  private collector: BodyCollector | null = null;
  private keepBytes = 0;
  private settled = false;
  private controller: Dispatcher.DispatchController | null = null;
  private timer: NodeJS.Timeout | undefined;
  /** When the running timer fires, on the sender clock. */
  private timerAt = 0;
  private resolve: (result: AttemptResult) => void = () => {};

  constructor(
    private readonly context: AttemptContext,
    private readonly prepared: PreparedRequest,
    private readonly url: DispatchUrl,
    private readonly timeouts: WebhookTimeouts,
    private readonly contract: ResponseContract,
  ) {
    this.started = context.now();
  }

  start(dispatcher: Dispatcher): Promise<AttemptResult> {
    const promise = new Promise<AttemptResult>((resolve) => {
      this.resolve = resolve;
    });
    this.timer = setTimeout(onAttemptTimeout, this.timeouts.connectMs, this);
    this.timerAt = this.started + this.timeouts.connectMs;
    try {
      dispatcher.dispatch(
        {
          origin: this.url.origin,
          path: this.url.path,
          method: this.prepared.method as Dispatcher.HttpMethod,
          headers: this.prepared.flatHeaders,
          body: this.prepared.body,
        },
        this,
      );
    } catch (error) {
      this.onResponseError(null, error as Error);
    }
    return promise;
  }

  private get where(): string {
    return `${this.prepared.method} ${withoutQuery(this.url.href)}`;
  }

  private timing(end: number): DeliveryTiming {
    return {
      connectMs: this.connectedAt === null ? null : this.connectedAt - this.started,
      firstByteMs: this.firstByteAt === null ? null : this.firstByteAt - this.started,
      totalMs: end - this.started,
    };
  }

  private fail(code: DeliveryErrorCode, message: string, cause?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const { status, headers, collector } = this;
    let response: ResponseSummary | null = null;
    if (status !== null && headers !== null) {
      const excerpt = collector?.text(this.context.excerptBytes);
      response = {
        status,
        headers,
        bodyExcerpt: excerpt?.text ?? null,
        bodyTruncated: excerpt?.truncated ?? false,
      };
    }
    this.resolve({
      ok: false,
      code,
      status,
      message,
      response,
      ncco: null,
      nccoIssues: [],
      timing: this.timing(this.context.now()),
      ...(cause === undefined ? {} : { cause }),
    });
  }

  timeout(): void {
    if (this.connectedAt !== null) {
      // One timer serves both phases: the connect timer, when it fires after the connection was
      // made, waits on for what is left of the response time.
      const left = this.connectedAt + this.timeouts.responseMs - this.context.now();
      if (left > 1) {
        this.timer = setTimeout(onAttemptTimeout, left, this);
        this.timerAt = this.context.now() + left;
        return;
      }
    }
    const phase = this.connectedAt === null ? 'connect' : 'response';
    const ms = phase === 'connect' ? this.timeouts.connectMs : this.timeouts.responseMs;
    this.fail('VWS_ERR_DELIVERY_TIMEOUT', timeoutMessage(this.where, phase, ms));
    this.controller?.abort(new Error('timed out'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.settled) {
      // The connect timeout fired first: the connection came too late.
      controller.abort(new Error('timed out'));
      return;
    }
    this.controller = controller;
    this.connectedAt = this.context.now();
    const responseAt = this.connectedAt + this.timeouts.responseMs;
    if (responseAt < this.timerAt) {
      clearTimeout(this.timer);
      this.timer = setTimeout(onAttemptTimeout, this.timeouts.responseMs, this);
      this.timerAt = responseAt;
    }
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.firstByteAt = this.context.now();
    this.status = statusCode;
    this.headers = toHeaderRecord(headers);
    if (!inRange(statusCode, this.context.success)) this.keepBytes = this.context.excerptBytes;
    else if (this.contract !== 'ignored') this.keepBytes = MAX_NCCO_BYTES;
    if (this.keepBytes > 0) this.collector = new BodyCollector(this.keepBytes);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.collector?.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const end = this.context.now();
    const status = this.status ?? 0;
    const headers = this.headers ?? {};
    const { collector, keepBytes, contract } = this;
    let body: string | null = null;
    let truncated = false;
    let response: ResponseSummary;
    if (collector === null) {
      response = { status, headers, bodyExcerpt: null, bodyTruncated: false };
    } else {
      const full = collector.text(keepBytes);
      body = full.text;
      truncated = full.truncated;
      const excerpt =
        keepBytes === this.context.excerptBytes ? full : collector.text(this.context.excerptBytes);
      response = { status, headers, bodyExcerpt: excerpt.text, bodyTruncated: excerpt.truncated };
    }
    const verdict = judge(status, headers, body, truncated, contract, this.context.success, this.where);
    this.resolve({
      ok: verdict.ok,
      code: verdict.code,
      status,
      message: verdict.message,
      response,
      ncco: verdict.ncco,
      nccoIssues: verdict.nccoIssues,
      timing: this.timing(end),
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (this.settled) return;
    const { code, message } = classifyNetworkError(error, this.where, new URL(this.url.origin).host);
    this.fail(code, message, error);
  }
}
