// The request's evidence besides its payload: the transport (method, content type) and the words of its path.
import type { TransportFormat, WebhookKind } from '../fixtures/shared/define-event.js';

/** What the request said besides its payload: the evidence that tells look-alike payloads apart. */
export interface IdentifyHints {
  /** The HTTP method (`GET` carries the payload in the query string). */
  readonly method?: string | undefined;
  /** The request path; apps choose their own, so it only breaks ties (`/webhooks/answer` hints the answer webhook). */
  readonly path?: string | undefined;
  /** The `Content-Type` header (`application/json` or `application/x-www-form-urlencoded`). */
  readonly contentType?: string | undefined;
}

/** The transport a request used, from its method and content type (`undefined` when it gave neither). */
export function toTransport(hints: IdentifyHints): TransportFormat | undefined {
  const method = hints.method?.toUpperCase();
  if (method === 'GET') return 'query';
  const type = hints.contentType?.toLowerCase() ?? '';
  if (type.includes('json')) return 'json';
  if (type.includes('x-www-form-urlencoded')) return 'form';
  return undefined;
}

/** How a transport reads in a reason. */
export const transportNames: Readonly<Record<TransportFormat, string>> = {
  query: 'GET',
  form: 'POST form',
  json: 'POST JSON',
};

/**
 * The webhook kinds a word of the path hints. The words are those of the default paths (src/fake-vonage/account/
 * default-paths.ts: `/webhooks/answer`, `/webhooks/event`, `/webhooks/inbound-sms`, `/webhooks/delivery-receipt`...)
 * and the names the guides use (`dlr`, `fallback`); a test checks every default path hints its own kind.
 */
const pathWords: ReadonlyArray<readonly [string, readonly WebhookKind[]]> = [
  ['answer', ['voice-answer']],
  ['fallback', ['voice-fallback']],
  ['event', ['voice-event', 'rtc-event']],
  ['rtc', ['rtc-event']],
  ['status', ['messages-status', 'dispatch-status', 'verify-status']],
  ['inbound', ['sms-inbound', 'short-code-inbound', 'messages-inbound']],
  ['sms', ['sms-inbound', 'sms-delivery-receipt']],
  ['short', ['short-code-inbound', 'short-code-delivery-receipt']],
  ['dlr', ['sms-delivery-receipt', 'short-code-delivery-receipt']],
  ['delivery', ['sms-delivery-receipt', 'short-code-delivery-receipt']],
  ['receipt', ['sms-delivery-receipt', 'short-code-delivery-receipt']],
  ['insight', ['number-insight']],
  ['verify', ['verify-status']],
];

/** How many words of the path hint the kind (0 when the path says nothing about it). */
export function countPathHints(path: string | undefined, kind: WebhookKind): number {
  if (path === undefined) return 0;
  const lower = path.split('?')[0]?.toLowerCase() ?? '';
  return pathWords.filter(([word, kinds]) => lower.includes(word) && kinds.includes(kind)).length;
}

/** Whether any word of the path hints some webhook kind. */
export function countAnyHint(path: string): boolean {
  const lower = path.toLowerCase();
  return pathWords.some(([word]) => lower.includes(word));
}
