import { isRecord } from '../../internal/is-record.js';
import { isNestedDeeperThan } from '../../internal/nesting-depth.js';

/**
 * How deep a JSON body may nest (arrays and objects) before the fake answers it as a malformed
 * request, as it answers one that does not parse. No Vonage API body nests more than about 10 levels
 * (an Applications API capability, an NCCO's endpoint headers); the bound keeps every walk of a body
 * (validation, redaction, the flat parameters) well inside the stack (issue 11). ❓ Vonage documents
 * no nesting limit of its own.
 */
export const MAX_JSON_BODY_DEPTH = 64;
/** An API request read once: its parts for recording and its parameters for the API handlers. */
export interface ApiRequest {
  readonly method: string;
  readonly url: URL;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  /** The query string's parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** The body: a parsed JSON value, form fields as an object, or `undefined` when empty or malformed. */
  readonly parsed: unknown;
  /** Why a JSON body was not read (the `JSON.parse` message, or nesting past {@link MAX_JSON_BODY_DEPTH}). */
  readonly jsonError: string | null;
}

function isJson(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

/** Reads a fetch `Request` into an {@link ApiRequest}; the request's body is consumed. */
export async function readApiRequest(request: Request): Promise<ApiRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  const body = text === '' ? null : text;
  const query = Object.fromEntries(url.searchParams);
  let parsed: unknown;
  let jsonError: string | null = null;
  if (body !== null) {
    const contentType = headers['content-type'] ?? '';
    if (contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      parsed = Object.fromEntries(new URLSearchParams(body));
    } else if (isJson(contentType) || /^\s*[[{]/.test(body)) {
      try {
        parsed = JSON.parse(body);
      } catch (error) {
        jsonError = (error as Error).message;
      }
      if (jsonError === null && isNestedDeeperThan(parsed, MAX_JSON_BODY_DEPTH)) {
        parsed = undefined;
        jsonError = `JSON nested more than ${MAX_JSON_BODY_DEPTH} levels deep; no Vonage API takes a body that deep, flatten it`;
      }
    } else {
      jsonError = `Unsupported content type "${contentType}"`;
    }
  }
  return { method: request.method, url, headers, body, query, parsed, jsonError };
}

/**
 * The SMS API and Number Insight parameters of a request: the query string, then the body fields
 * over it, every value as a string (the SDKs send numbers and booleans in JSON bodies).
 */
export function toFlatParams(request: ApiRequest): Record<string, string> {
  const params: Record<string, string> = { ...request.query };
  if (isRecord(request.parsed)) {
    for (const [key, value] of Object.entries(request.parsed)) {
      if (value === undefined || value === null) continue;
      params[key] =
        typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
  return params;
}
