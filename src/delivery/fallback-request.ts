import type { TransportFormat } from '../fixtures/shared/define-event.js';
import { invalid, type PreparedRequest, prepare } from './outgoing-request.js';
import type { Plan, SenderOptions } from './sender-types.js';
import { toRequestParts } from './to-request.js';
import type { AttemptResult } from './url-attempt.js';

/** The fallback request (reference voice.md#fallback-answer-url): the original data plus `reason` and `original_request`. */
export function toFallback(
  options: SenderOptions,
  prepared: PreparedRequest,
  thePlan: Plan,
  failure: AttemptResult,
  originalUrl: string,
): PreparedRequest {
  const kind = thePlan.entry?.webhook;
  const type = kind === 'voice-answer' ? 'answer' : 'event';
  const format: TransportFormat = prepared.method === 'GET' ? 'query' : 'json';
  const url = new URL(originalUrl);
  const original: Record<string, unknown> = {};
  if (format === 'query') {
    for (const [key, value] of url.searchParams) original[key] = value;
    url.search = '';
  } else if (prepared.body !== null && prepared.body.trim() !== '') {
    Object.assign(original, toBodyFields(prepared.body));
  }
  const payload = {
    ...original,
    reason: toFallbackReason(failure),
    original_request: { url: url.href, type },
  };
  // The payload copies whatever the original request carried, so it is typed `unknown` (a `string` name).
  const name: string = type === 'answer' ? 'voice.fallback.answer' : 'voice.fallback.event';
  const parts = toRequestParts(
    { name, payload },
    {
      url: thePlan.fallbackUrl ?? originalUrl,
      format,
      ...(options.signatureSecret === undefined ? {} : { signatureSecret: options.signatureSecret }),
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      ...(options.applicationId === undefined ? {} : { applicationId: options.applicationId }),
    },
  );
  return prepare(parts);
}

/**
 * Throws before a signed request is sent when its fallback request could not be signed again: the
 * fallback's body differs, so it needs the secret and API key.
 */
export function checkFallbackSigning(options: SenderOptions, prepared: PreparedRequest, thePlan: Plan): void {
  if (thePlan.fallbackUrl === null || thePlan.policy.fallbackAttempts === 0) return;
  const signed = prepared.headers.some(([name]) => name.toLowerCase() === 'authorization');
  if (signed && (options.signatureSecret === undefined || options.apiKey === undefined)) {
    throw invalid(
      'The request is signed, and its fallback request must be signed again over its new body: pass signatureSecret and apiKey to createSender.',
    );
  }
}

/** The fields of a POST body: a JSON object as it is, else form fields. */
function toBodyFields(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // not JSON: read as form fields below
  }
  return Object.fromEntries(new URLSearchParams(body));
}

/**
 * The `reason` of a fallback request. Vonage's docs show "Connection closed." only (✅ reference
 * voice.md#fallback-answer-url); the other wordings are ours (❓) and name the failure the same way.
 */
function toFallbackReason(failure: AttemptResult): string {
  switch (failure.code) {
    case 'VWS_ERR_DELIVERY_TIMEOUT':
      return 'Read timed out.';
    case 'VWS_ERR_DELIVERY_CONNECTION_REFUSED':
      return 'Connection refused.';
    case 'VWS_ERR_DELIVERY_STATUS':
      return `Received HTTP status ${failure.status ?? 0}.`;
    default:
      return 'Connection closed.';
  }
}
