// How the listener reads a webhook as the app would: the JSON body, or the query / form parameters,
// named against the catalog (moved out of create-listener.ts, issue 12).
import { type Identification, type IdentifyHints, identifyEvent } from './identify-event.js';

// Voice sends nested objects of GET webhooks as JSON strings (reference voice.md#transport): decode those.
function decodeNested(params: Record<string, string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === 'null' || /^[[{]/.test(value)) {
      try {
        result[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: keep the string.
      }
    }
    result[key] = value;
  }
  return result;
}

/** The payload as the app would read it, and what it was identified as. */
export function parsePayload(
  method: string,
  url: URL,
  contentType: string,
  body: string,
): { payload: unknown; identification: Identification } {
  const hints: IdentifyHints = { method, path: url.pathname, contentType };
  if (method !== 'GET' && contentType.startsWith('application/json')) {
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return {
        payload: body,
        identification: {
          shape: undefined,
          valid: false,
          exact: false,
          errors: ['the body is not valid JSON'],
          alsoMatches: [],
          confidence: 'unsure',
          reason: 'the body is not valid JSON',
          event: undefined,
        } satisfies Identification,
      };
    }
    return { payload, identification: identifyEvent(payload, hints) };
  }
  const params = Object.fromEntries(method === 'GET' ? url.searchParams : new URLSearchParams(body));
  const asStrings = identifyEvent(params, hints);
  if (asStrings.exact) return { payload: params, identification: asStrings };
  const decoded = decodeNested(params);
  const asDecoded = identifyEvent(decoded, hints);
  const rank = (identification: Identification) => (identification.exact ? 2 : identification.valid ? 1 : 0);
  return rank(asDecoded) > rank(asStrings)
    ? { payload: decoded, identification: asDecoded }
    : { payload: params, identification: asStrings };
}
