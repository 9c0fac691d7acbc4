import type { ResponseContract } from '../fixtures/shared/define-event.js';
import { BodyCollector, readWebBody } from './body-collector.js';
import type { DeliveryErrorCode } from './delivery-error-codes.js';
import type { ResponseSummary } from './delivery-result.js';
import { inRange, judge, MAX_NCCO_BYTES } from './judge-response.js';
import { timeoutMessage } from './network-errors.js';
import { type PreparedRequest, withoutQuery } from './outgoing-request.js';
import type { WebhookTimeouts } from './timeouts.js';
import type { AttemptContext, AttemptResult } from './url-attempt.js';

/** An in-process, fetch-style handler: a Hono app's `fetch`, a Next.js route handler, and the like. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

const TIMED_OUT = Symbol('timed out');

/** One handler attempt while it runs: what its result is built from. */
interface HandlerAttempt {
  readonly context: AttemptContext;
  readonly where: string;
  readonly timeouts: WebhookTimeouts;
  readonly contract: ResponseContract;
  readonly started: number;
  readonly abort: AbortController;
  /** Resolves with {@link TIMED_OUT} when the response timeout ends. */
  readonly deadline: Promise<typeof TIMED_OUT>;
  status: number | null;
  headers: Record<string, string> | null;
  firstByteAt: number | null;
}

/**
 * One request to an in-process handler, judged by the same rule as a URL: a fresh `Request` per
 * attempt (bodies are single-use), the response timeout as a deadline (the request's signal aborts
 * then), and a thrown error as `VWS_ERR_DELIVERY_HANDLER` (docs/decisions/067-delivery-targets.md).
 */
export async function sendToHandler(
  context: AttemptContext,
  prepared: PreparedRequest,
  handle: FetchHandler,
  timeouts: WebhookTimeouts,
  contract: ResponseContract,
): Promise<AttemptResult> {
  const where = `${prepared.method} ${withoutQuery(prepared.url)} (in-process handler)`;
  const started = context.now();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeouts.responseMs);
  });
  const attempt: HandlerAttempt = {
    context,
    where,
    timeouts,
    contract,
    started,
    abort,
    deadline,
    status: null,
    headers: null,
    firstByteAt: null,
  };
  try {
    const request = new Request(prepared.url, {
      method: prepared.method,
      headers: prepared.headers as [string, string][],
      signal: abort.signal,
      ...(prepared.body === null ? {} : { body: prepared.body }),
    });
    let answer: Response | typeof TIMED_OUT;
    try {
      answer = await Promise.race([Promise.resolve().then(() => handle(request)), deadline]);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return toFailure(
        attempt,
        'VWS_ERR_DELIVERY_HANDLER',
        `${where} threw: ${detail}. Vonage would see the connection drop; fix the handler.`,
        error,
      );
    }
    if (answer === TIMED_OUT) {
      abort.abort(new Error('timed out'));
      return toFailure(
        attempt,
        'VWS_ERR_DELIVERY_TIMEOUT',
        timeoutMessage(where, 'response', timeouts.responseMs),
      );
    }
    if (typeof answer !== 'object' || answer === null || typeof (answer as Response).status !== 'number') {
      return toFailure(
        attempt,
        'VWS_ERR_DELIVERY_HANDLER',
        `${where} returned ${answer === null ? 'null' : typeof answer} instead of a Response: return new Response(...) or c.json(...).`,
      );
    }
    return await judgeAnswer(attempt, answer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return toFailure(
      attempt,
      'VWS_ERR_DELIVERY_HANDLER',
      `${where} failed while its response was read: ${detail}.`,
      error,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the handler's `Response` as Vonage would read the answer: its status, headers and as much body as it keeps. */
async function judgeAnswer(attempt: HandlerAttempt, answer: Response): Promise<AttemptResult> {
  const { context, where, timeouts, contract } = attempt;
  const { now, success, excerptBytes } = context;
  attempt.firstByteAt = now();
  const status = answer.status;
  attempt.status = status;
  const answerHeaders: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    answerHeaders[name] = value;
  });
  const headers = answerHeaders;
  attempt.headers = headers;
  if (status === 0) {
    return toFailure(
      attempt,
      'VWS_ERR_DELIVERY_NETWORK',
      `${where} returned a network error (Response.error()).`,
    );
  }
  const accepted = inRange(status, success);
  const keepBytes = !accepted ? excerptBytes : contract === 'ignored' ? 0 : MAX_NCCO_BYTES;
  let body: string | null = null;
  let truncated = false;
  let summary: ResponseSummary = { status, headers, bodyExcerpt: null, bodyTruncated: false };
  if (keepBytes === 0) {
    await answer.body?.cancel();
  } else {
    const collector = new BodyCollector(keepBytes);
    const read = await Promise.race([readWebBody(answer.body, collector, keepBytes), attempt.deadline]);
    if (read === TIMED_OUT) {
      attempt.abort.abort(new Error('timed out'));
      return toFailure(
        attempt,
        'VWS_ERR_DELIVERY_TIMEOUT',
        timeoutMessage(where, 'response', timeouts.responseMs),
      );
    }
    const full = collector.text(keepBytes);
    body = full.text;
    truncated = full.truncated;
    const excerpt = collector.text(excerptBytes);
    summary = { status, headers, bodyExcerpt: excerpt.text, bodyTruncated: excerpt.truncated };
  }
  const verdict = judge(status, headers, body, truncated, contract, success, where);
  return toResult(attempt, { ...verdict, response: summary });
}

/** The result of the attempt with the given fields, its status and its timing so far. */
function toResult(attempt: HandlerAttempt, fields: Omit<AttemptResult, 'timing' | 'status'>): AttemptResult {
  const { started, firstByteAt } = attempt;
  return {
    ...fields,
    status: attempt.status,
    timing: {
      connectMs: null,
      firstByteMs: firstByteAt === null ? null : firstByteAt - started,
      totalMs: attempt.context.now() - started,
    },
  };
}

/** A failed attempt: the response's status and headers when it started, no body. */
function toFailure(
  attempt: HandlerAttempt,
  code: DeliveryErrorCode,
  message: string,
  cause?: unknown,
): AttemptResult {
  const { status, headers } = attempt;
  return toResult(attempt, {
    ok: false,
    code,
    message,
    response:
      status === null || headers === null
        ? null
        : { status, headers, bodyExcerpt: null, bodyTruncated: false },
    ncco: null,
    nccoIssues: [],
    ...(cause === undefined ? {} : { cause }),
  });
}
