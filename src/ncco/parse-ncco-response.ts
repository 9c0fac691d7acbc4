import type { ResponseContract } from '../fixtures/shared/define-event.js';
import {
  type Context,
  createContext,
  fail,
  type NccoValidationResult,
  toResult,
  warn,
} from './engine/issues.js';
import { show } from './engine/json-value.js';
import { type ValidateNccoOptions, validateNcco } from './validate-ncco.js';

// Reading an NCCO out of an HTTP answer as Vonage would: status, Content-Type, body, then the NCCO.

/** The parts of an HTTP response that decide whether it carries an NCCO. */
export interface NccoResponse {
  readonly status: number;
  /** The `Content-Type` header, `null`/`undefined` when absent. */
  readonly contentType?: string | null | undefined;
  /** The body as text or bytes; `null`/`undefined` for none. */
  readonly body?: string | Uint8Array | null | undefined;
}

/** How {@link parseNccoResponse} reads a response. */
export interface ParseNccoResponseOptions extends ValidateNccoOptions {
  /**
   * What the webhook expects back (the catalog's `response`): `ncco` (answer URL: an NCCO is
   * required), `optional-ncco` (input, notify, ...: an empty body keeps the current NCCO) or
   * `ignored`. Default `ncco`.
   */
  readonly contract?: ResponseContract;
  /** Severity of a missing or non-JSON `Content-Type` on an NCCO body. Default `error` (decision 062). */
  readonly contentTypeSeverity?: 'error' | 'warning';
}

/** The outcome of {@link parseNccoResponse}: the validation result plus what the body held. */
export type NccoResponseResult = NccoValidationResult & {
  /** The parsed JSON when the body held a JSON array, else `null`. */
  readonly ncco: readonly unknown[] | null;
  /** Whether the body was empty (or only whitespace). */
  readonly empty: boolean;
};

/** HTTP statuses Vonage counts as success (reference delivery.md). */
function isSuccess(status: number): boolean {
  return status >= 200 && status <= 205;
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function decode(body: string | Uint8Array | null | undefined): string | undefined {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') return body;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

function checkContentType(
  contentType: string | null | undefined,
  severity: 'error' | 'warning',
  ctx: Context,
): void {
  const report = severity === 'error' ? fail : warn;
  const required = 'Vonage requires Content-Type: application/json on an NCCO (reference 3.1)';
  if (contentType === null || contentType === undefined || contentType.trim() === '') {
    report(ctx, '$', `Content-Type is missing; ${required}`);
    return;
  }
  const type = mediaType(contentType);
  if (type === 'application/json') return;
  if (type === 'text/json' || type.endsWith('+json')) {
    // A JSON media type, just not the documented one: whether Vonage takes it is not known (❓).
    warn(ctx, '$', `Content-Type is ${type}; ${required}, and whether it accepts ${type} is not documented`);
    return;
  }
  report(ctx, '$', `Content-Type is ${show(contentType)}; ${required}`);
}

/**
 * Reads an HTTP response from an answer URL or an NCCO-returning event URL as Vonage would: a
 * success status (200-205), a JSON `Content-Type`, a body that parses as JSON and is a valid NCCO.
 * With the `optional-ncco` contract an empty body is valid (the call keeps its current NCCO).
 *
 * @example
 * ```ts
 * import { parseNccoResponse } from 'vonage-webhook-simulator';
 * const result = parseNccoResponse(
 *   { status: 200, contentType: 'text/html', body: '[{"action":"talk","text":"Hi"}]' },
 *   { contract: 'ncco' },
 * );
 * // result.valid === false: "$: Content-Type is \"text/html\"; Vonage requires Content-Type: application/json ..."
 * ```
 */
export function parseNccoResponse(
  response: NccoResponse,
  options: ParseNccoResponseOptions = {},
): NccoResponseResult {
  const contract = options.contract ?? 'ncco';
  const ctx = createContext(options.strict === true);
  const done = (ncco: readonly unknown[] | null, empty: boolean): NccoResponseResult => ({
    ...toResult(ctx),
    ncco,
    empty,
  });
  const text = decode(response.body);
  const empty = text !== undefined && text.trim() === '';
  if (contract === 'ignored') return done(null, empty);
  if (!isSuccess(response.status)) {
    fail(
      ctx,
      '$',
      `status ${response.status} is not a success (200-205); Vonage reads no NCCO from it and retries or falls back (reference 3.3b)`,
    );
    return done(null, empty);
  }
  if (text === undefined) {
    fail(ctx, '$', 'the body is not valid UTF-8, so it cannot be JSON');
    return done(null, false);
  }
  if (empty) {
    if (contract === 'ncco') {
      fail(
        ctx,
        '$',
        `the answer must be an NCCO (a JSON array of actions), got an empty body with status ${response.status}`,
      );
    }
    return done(null, true);
  }
  checkContentType(response.contentType, options.contentTypeSeverity ?? 'error', ctx);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    fail(ctx, '$', `the body is not JSON (${detail}); it starts with ${show(text.slice(0, 40))}`);
    return done(null, false);
  }
  const result = validateNcco(parsed, options);
  ctx.issues.push(...result.issues);
  ctx.warnings.push(...result.warnings);
  return done(Array.isArray(parsed) ? parsed : null, false);
}
