import { invalid, parseUrl } from './outgoing-request.js';
import { retryPolicies, toRetryPolicy } from './retry.js';
import type { DeliverOptions, DeliveryTarget, Plan, SenderContext } from './sender-types.js';
import { DEFAULT_RETRY_MODE, retryModes } from './sender-types.js';
import { toTimeouts } from './timeouts.js';

/**
 * Checks one delivery's options and resolves them once: its catalog entry, Vonage's timeouts for
 * its webhook kind, the response contract, the retry policy of its mode and the fallback URL.
 * Throws `VWS_ERR_INVALID_OPTION` (or `VWS_ERR_UNKNOWN_EVENT`) before anything is sent.
 */
export function toPlan(
  context: SenderContext,
  target: DeliveryTarget | undefined,
  deliverOptions: DeliverOptions,
): Plan {
  const { options } = context;
  const entry = deliverOptions.event === undefined ? null : context.entryOf(deliverOptions.event);
  const mode = deliverOptions.retries ?? options.retries ?? DEFAULT_RETRY_MODE;
  if (!(retryModes as readonly string[]).includes(mode)) {
    throw invalid(`Unknown retries mode "${String(mode)}": use ${retryModes.join(' or ')}.`);
  }
  const policy =
    mode === 'vonage' && entry !== null ? toRetryPolicy(entry.webhook, entry.response) : retryPolicies.none;
  if (
    target !== undefined &&
    typeof target !== 'function' &&
    typeof target !== 'string' &&
    !(target instanceof URL)
  ) {
    throw invalid(
      'Invalid target: pass a URL (string or URL) or a fetch-style handler (request) => Response.',
    );
  }
  const fallback = deliverOptions.fallbackUrl;
  return {
    entry,
    timeouts: toTimeouts(entry?.webhook, options.timeouts, deliverOptions.timeout),
    fallbackTimeouts: toTimeouts('voice-fallback', options.timeouts, deliverOptions.timeout),
    contract: deliverOptions.response ?? entry?.response ?? 'ignored',
    policy,
    maxAttempts: deliverOptions.maxAttempts ?? options.maxAttempts,
    fallbackUrl: fallback === undefined ? null : parseUrl(fallback).href,
    target,
  };
}
