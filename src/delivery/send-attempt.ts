import type { ResponseContract } from '../fixtures/shared/define-event.js';
import { sendToHandler } from './handler-attempt.js';
import { type PreparedRequest, retarget, toDispatchUrl } from './outgoing-request.js';
import type { DeliveryTarget, SenderContext } from './sender-types.js';
import type { WebhookTimeouts } from './timeouts.js';
import { type AttemptResult, UrlAttempt } from './url-attempt.js';

/** Makes one attempt: through the sender's dispatcher to a URL, or into an in-process handler. */
export function sendAttempt(
  context: SenderContext,
  prepared: PreparedRequest,
  target: DeliveryTarget | undefined,
  timeouts: WebhookTimeouts,
  contract: ResponseContract,
): Promise<AttemptResult> {
  if (typeof target === 'function')
    return sendToHandler(context.attempt, prepared, target, timeouts, contract);
  const url = toDispatchUrl(target === undefined ? prepared.url : retarget(prepared.url, target));
  return new UrlAttempt(context.attempt, prepared, url, timeouts, contract).start(context.dispatcher());
}

/** Where a delivery goes, as its result shows it: the target URL, or the request's own for a handler. */
export function whereOf(prepared: PreparedRequest, target: DeliveryTarget | undefined): string {
  if (target === undefined || typeof target === 'function') return prepared.url;
  return retarget(prepared.url, target);
}
