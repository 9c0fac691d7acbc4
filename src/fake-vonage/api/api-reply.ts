import type { LifecycleStart } from '../lifecycles/lifecycle-start.js';

/** What an API handler answers: status, JSON body (or `null` for none) and the lifecycle it starts. */
export interface ApiReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly lifecycle?: LifecycleStart;
  /** Bytes answered instead of `body` (a recording or transcript file), with their content type. */
  readonly raw?: { readonly contentType: string; readonly body: Uint8Array };
}

/** A JSON answer. */
export function reply(status: number, body: unknown, lifecycle?: LifecycleStart): ApiReply {
  return lifecycle === undefined ? { status, body } : { status, body, lifecycle };
}

/** Vonage's 404 problem for a call, file or other resource it does not know (`Call <id> was not found.`). */
export function resourceNotFound(traceId: string, detail: string): ApiReply {
  return problem(
    404,
    { type: 'https://developer.nexmo.com/api-errors#not-found', title: 'Not Found', detail },
    traceId,
  );
}

/** An `invalid_parameters` entry of an RFC 7807 problem. */
export interface InvalidParameter {
  readonly name: string;
  readonly reason: string;
}

/** The fields of an RFC 7807 problem as Vonage writes them (`instance` is added from the trace id). */
export interface Problem {
  /** Absent from a few of Vonage's problems (spec-verify2 `ErrorConflictCheckRequest`). */
  readonly type?: string;
  readonly title: string;
  readonly detail?: string;
  readonly invalid_parameters?: readonly InvalidParameter[];
  readonly [extra: string]: unknown;
}

/**
 * A problem answer: `type`, `title`, `detail`, `instance` (the request's trace id, as Vonage's
 * `instance` equals its `X-Nexmo-Trace-Id`), then `invalid_parameters` and any extra fields.
 */
export function problem(status: number, fields: Problem, instance: string): ApiReply {
  const { type, title, detail, invalid_parameters: invalid, ...extra } = fields;
  return {
    status,
    body: {
      ...(type === undefined ? {} : { type }),
      title,
      ...(detail === undefined ? {} : { detail }),
      instance,
      ...(invalid === undefined ? {} : { invalid_parameters: invalid }),
      ...extra,
    },
  };
}

/**
 * The 401 Vonage's API gateway answers for missing or wrong credentials on api.nexmo.com
 * (🟢 the Java SDK's shared 401 test fixture: `#unauthorized`, "Unauthorized", "You did not
 * provide correct credentials."; docs/decisions/086-fake-vonage-error-shapes.md).
 */
export function unauthorized(instance: string): ApiReply {
  return problem(
    401,
    {
      type: 'https://developer.nexmo.com/api-errors#unauthorized',
      title: 'Unauthorized',
      detail: 'You did not provide correct credentials.',
    },
    instance,
  );
}

/** The 404 for a path no Vonage API serves (❓ shape: the gateway's generic problem). */
export function notFound(method: string, path: string, instance: string): ApiReply {
  return problem(
    404,
    {
      type: 'https://developer.nexmo.com/api-errors#not-found',
      title: 'Not Found',
      detail: `The requested resource ${method} ${path} does not exist.`,
    },
    instance,
  );
}

/** The 405 for a known path with another method (❓ shape, as {@link notFound}). */
export function methodNotAllowed(
  method: string,
  path: string,
  allowed: readonly string[],
  instance: string,
): ApiReply {
  return {
    ...problem(
      405,
      {
        type: 'https://developer.nexmo.com/api-errors#method-not-allowed',
        title: 'Method Not Allowed',
        detail: `${method} is not supported on ${path}; use ${allowed.join(' or ')}.`,
      },
      instance,
    ),
    headers: { allow: allowed.join(', ') },
  };
}
