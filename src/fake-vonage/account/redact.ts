// Credentials never reach a recording, a log line or a `/_vws` answer (docs/decisions/102-credentials-never-printed.md).
// Each function changes only the secret itself and keeps every other byte, so a redacted body is
// still the body the app sent, minus what it must not show.
import type { RequestParts } from '../../delivery/to-request.js';
import {
  isSecretName,
  redactedMarker,
  redactHeaderPairs,
  redactHeaders,
} from '../../internal/redact-headers.js';
import type { RecordedRequest } from '../types.js';

// A PEM private key of any kind (PKCS#8, RSA, EC, ENCRYPTED, OPENSSH); a block cut short (a bounded
// excerpt) is redacted to the end of the text.
const privateKeyBlock =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/g;
const privateKeyStart = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/;

/**
 * Replaces every PEM private key block in free text (an error message, a response excerpt) with
 * the marker; the rest of the text is kept.
 *
 * @example
 * ```ts
 * redactText('key: -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----'); // 'key: [REDACTED]'
 * ```
 */
export function redactText(text: string): string {
  return text.replace(privateKeyBlock, redactedMarker);
}

/** Decodes a form or query component for matching only; malformed escapes decode byte-wise. */
function decodeComponent(text: string): string {
  const plus = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
}

/**
 * A query string or form body (`a=1&api_secret=s`, without the `?`) with the value of every secret
 * name, and of every value holding a private key, replaced by the marker. Empty values are kept:
 * they are no secret, and they explain a "Missing api_secret" answer.
 */
function redactPairs(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const value = pair.slice(equals + 1);
      if (value === '') return pair;
      const secret =
        isSecretName(decodeComponent(pair.slice(0, equals))) || privateKeyStart.test(decodeComponent(value));
      return secret ? `${pair.slice(0, equals + 1)}${redactedMarker}` : pair;
    })
    .join('&');
}

/** The index after the JSON string that starts at `start` (a `"`), or the text's end when unclosed. */
function endOfString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\\') index += 1;
    else if (char === '"') return index + 1;
  }
  return text.length;
}

/** The index after the JSON value that starts at `start`: a string, an object or array, or a literal. */
function endOfValue(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return endOfString(text, start);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let index = start; index < text.length; index += 1) {
      const char = text[index];
      if (char === '"') {
        index = endOfString(text, index) - 1;
      } else if (char === '{' || char === '[') {
        depth += 1;
      } else if (char === '}' || char === ']') {
        depth -= 1;
        if (depth === 0) return index + 1;
      }
    }
    return text.length;
  }
  const match = /^[^,}\]\s]*/.exec(text.slice(start));
  return start + (match?.[0].length ?? 0);
}

function skipSpace(text: string, start: number): number {
  let index = start;
  while (index < text.length && /\s/.test(text[index] as string)) index += 1;
  return index;
}

/** The name a JSON key string stands for, escapes decoded (`"api\u005fsecret"` is `api_secret`). */
function decodeKey(token: string): string {
  try {
    return String(JSON.parse(token));
  } catch {
    return token.slice(1, -1);
  }
}

/**
 * A JSON text with the value of every secret key (at any depth) replaced by `"[REDACTED]"`, without
 * parsing and re-serialising it: whitespace, key order and number spelling stay as sent, and a
 * body that is not valid JSON is redacted as far as it reads. `null` and `""` are kept.
 */
function redactJson(text: string): string {
  let out = '';
  let copied = 0;
  let index = 0;
  while (index < text.length) {
    if (text[index] !== '"') {
      index += 1;
      continue;
    }
    const end = endOfString(text, index);
    const colon = skipSpace(text, end);
    if (text[colon] !== ':' || !isSecretName(decodeKey(text.slice(index, end)))) {
      index = end;
      continue;
    }
    const valueStart = skipSpace(text, colon + 1);
    const valueEnd = endOfValue(text, valueStart);
    const value = text.slice(valueStart, valueEnd);
    if (value !== '' && value !== 'null' && value !== '""') {
      out += `${text.slice(copied, valueStart)}"${redactedMarker}"`;
      copied = valueEnd;
    }
    index = Math.max(valueEnd, end);
  }
  return out + text.slice(copied);
}

function isJsonType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

/**
 * A request or response body with its credentials redacted, read by its content type as the fake
 * reads it: JSON (`application/json`, `+json`, or any body that starts like JSON) by key at any
 * depth, a form (`application/x-www-form-urlencoded`, or any other body) by field name; private key
 * blocks anywhere. Everything else stays byte-identical; `null` stays `null`.
 *
 * @example
 * ```ts
 * redactBody('api_key=a1b2c3d4&api_secret=Secret123&to=447700900123', 'application/x-www-form-urlencoded');
 * // 'api_key=a1b2c3d4&api_secret=[REDACTED]&to=447700900123'
 * redactBody('{"api_secret": "Secret123", "text": "Hi"}', 'application/json');
 * // '{"api_secret": "[REDACTED]", "text": "Hi"}'
 * ```
 */
export function redactBody(body: string | null, contentType: string | undefined): string | null {
  if (body === null) return null;
  const type = contentType ?? '';
  const json =
    isJsonType(type) ||
    (!type.toLowerCase().startsWith('application/x-www-form-urlencoded') && /^\s*[[{]/.test(body));
  return redactText(json ? redactJson(body) : redactPairs(body));
}

/**
 * A URL with the credentials in its query (`api_secret=`, a private key) and the password of its
 * user info (`https://user:pass@...`) redacted; path, other parameters and fragment are kept.
 *
 * @example
 * ```ts
 * redactUrl('https://rest.nexmo.com/sms/json?api_key=a1b2c3d4&api_secret=Secret123');
 * // 'https://rest.nexmo.com/sms/json?api_key=a1b2c3d4&api_secret=[REDACTED]'
 * ```
 */
export function redactUrl(url: string): string {
  const hash = url.indexOf('#');
  const head = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  const question = head.indexOf('?');
  const base = (question < 0 ? head : head.slice(0, question)).replace(
    /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]+@/,
    `$1:${redactedMarker}@`,
  );
  const query = question < 0 ? '' : `?${redactPairs(head.slice(question + 1))}`;
  return `${base}${query}${fragment}`;
}

function headerOf(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * A recorded API call with its credentials redacted: headers, URL, body (by its `content-type`)
 * and the answer's body (the private key of an Applications API answer).
 *
 * @example
 * ```ts
 * redactRecordedRequest({
 *   method: 'POST', url: 'https://rest.nexmo.com/sms/json', api: 'sms', lifecycle: 0,
 *   headers: { authorization: 'Basic YTpi', 'content-type': 'application/json' }, body: '{"text":"Hi"}',
 *   response: { status: 200, headers: {}, body: null },
 * }).headers.authorization; // 'Basic [REDACTED]'
 * ```
 */
export function redactRecordedRequest(recorded: RecordedRequest): RecordedRequest {
  return {
    ...recorded,
    url: redactUrl(recorded.url),
    headers: redactHeaders(recorded.headers),
    body: redactBody(recorded.body, headerOf(recorded.headers, 'content-type')),
    response: {
      ...recorded.response,
      headers: redactHeaders(recorded.response.headers),
      body: redactBody(recorded.response.body, headerOf(recorded.response.headers, 'content-type')),
    },
  };
}

/**
 * A webhook request with its credentials redacted: the signed webhook's `Authorization: Bearer`
 * JWT, and any secret in its URL or body (there is none in Vonage's payloads; this is the backstop).
 *
 * @example
 * ```ts
 * redactRequestParts({
 *   method: 'POST', url: 'http://127.0.0.1:3000/webhooks/status', format: 'json', body: '{}',
 *   headers: [['authorization', 'Bearer eyJ...']], signingMode: 'valid', signed: true,
 * }).headers; // [['authorization', 'Bearer [REDACTED]']]
 * ```
 */
export function redactRequestParts(parts: RequestParts): RequestParts {
  const contentType =
    parts.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ??
    (parts.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded');
  return {
    ...parts,
    url: redactUrl(parts.url),
    headers: redactHeaderPairs(parts.headers),
    body: redactBody(parts.body, contentType),
  };
}
