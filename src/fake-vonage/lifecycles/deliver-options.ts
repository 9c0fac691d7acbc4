import type { DeliverOptions } from '../../delivery/sender-types.js';
import type { OutgoingWebhook } from '../types.js';

/**
 * How the sender delivers one of the fake's webhooks: its event (timeouts, retries, NCCO reading),
 * fallback URL, the application's timeouts and, for a synchronous connect, the NCCO contract. One
 * place for the core's own sender and `vws serve`'s logging one.
 */
export function toDeliverOptions(webhook: OutgoingWebhook): DeliverOptions {
  return {
    event: webhook.event,
    ...(webhook.fallbackUrl === undefined ? {} : { fallbackUrl: webhook.fallbackUrl }),
    ...(webhook.timeout === undefined ? {} : { timeout: webhook.timeout }),
    ...(webhook.response === undefined ? {} : { response: webhook.response }),
  };
}
