import type { ResponseContract } from '../fixtures/shared/define-event.js';
import { BodyCollector, readWebBody } from './body-collector.js';
import type { DeliveryErrorCode } from './delivery-error.js';
import type { ResponseSummary } from './delivery-result.js';
import { inRange, judge, MAX_NCCO_BYTES } from './judge-response.js';
import { timeoutMessage } from './network-errors.js';
import { type PreparedRequest, withoutQuery } from './outgoing-request.js';
import type { WebhookTimeouts } from './timeouts.js';
import type { AttemptContext, AttemptResult } from './url-attempt.js';

/** An in-process, fetch-style handler: a Hono app's `fetch`, a Next.js route handler, and the like. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

const TIMED_OUT = Symbol('timed out');

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
  const { now, success, excerptBytes } = context;
  const started = now();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeouts.responseMs);
  });
  let status: number | null = null;
  let headers: Record<string, string> | null = null;
  let firstByteAt: number | null = null;
  const result = (fields: Omit<AttemptResult, 'timing' | 'status'>): AttemptResult => ({
    ...fields,
    status,
    timing: {
      connectMs: null,
      firstByteMs: firstByteAt === null ? null : firstByteAt - started,
      totalMs: now() - started,
    },
  });
  const failure = (code: DeliveryErrorCode, message: string, cause?: unknown): AttemptResult =>
    result({
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
      return failure(
        'VWS_ERR_DELIVERY_HANDLER',
        `${where} threw: ${detail}. Vonage would see the connection drop; fix the handler.`,
        error,
      );
    }
    if (answer === TIMED_OUT) {
      abort.abort(new Error('timed out'));
      return failure('VWS_ERR_DELIVERY_TIMEOUT', timeoutMessage(where, 'response', timeouts.responseMs));
    }
    if (typeof answer !== 'object' || answer === null || typeof (answer as Response).status !== 'number') {
      return failure(
        'VWS_ERR_DELIVERY_HANDLER',
        `${where} returned ${answer === null ? 'null' : typeof answer} instead of a Response: return new Response(...) or c.json(...).`,
      );
    }
    firstByteAt = now();
    status = answer.status;
    const answerHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      answerHeaders[name] = value;
    });
    headers = answerHeaders;
    if (status === 0) {
      return failure('VWS_ERR_DELIVERY_NETWORK', `${where} returned a network error (Response.error()).`);
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
      const read = await Promise.race([readWebBody(answer.body, collector, keepBytes), deadline]);
      if (read === TIMED_OUT) {
        abort.abort(new Error('timed out'));
        return failure('VWS_ERR_DELIVERY_TIMEOUT', timeoutMessage(where, 'response', timeouts.responseMs));
      }
      const full = collector.text(keepBytes);
      body = full.text;
      truncated = full.truncated;
      const excerpt = collector.text(excerptBytes);
      summary = { status, headers, bodyExcerpt: excerpt.text, bodyTruncated: excerpt.truncated };
    }
    const verdict = judge(status, headers, body, truncated, contract, success, where);
    return result({ ...verdict, response: summary });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failure(
      'VWS_ERR_DELIVERY_HANDLER',
      `${where} failed while its response was read: ${detail}.`,
      error,
    );
  } finally {
    clearTimeout(timer);
  }
}
