import { defaultPaths } from '../cli/default-paths.js';
import { VwsError } from '../errors.js';
import type { ApplicationWebhooks } from '../fake-vonage/index.js';

/**
 * The application and API key webhooks of an app served at `baseUrl`, on the paths Vonage's guides
 * use (the same as `vws send`'s defaults): `/webhooks/answer`, `/webhooks/event`,
 * `/webhooks/fallback`, `/webhooks/inbound`, `/webhooks/status`, `/webhooks/inbound-sms`,
 * `/webhooks/delivery-receipt` and `/webhooks/verify`. A base path is kept
 * (`http://127.0.0.1:3000/app` gives `http://127.0.0.1:3000/app/webhooks/answer`).
 *
 * @example
 * ```ts
 * import { toApplicationWebhooks } from 'vonage-webhook-simulator';
 * const webhooks = toApplicationWebhooks('http://127.0.0.1:3000');
 * console.log(webhooks.voiceAnswer); // http://127.0.0.1:3000/webhooks/answer
 * ```
 */
export function toApplicationWebhooks(baseUrl: string | URL): Required<ApplicationWebhooks> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid webhook base URL "${String(baseUrl)}": use your app's absolute http(s) URL, e.g. http://127.0.0.1:3000.`,
    );
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid webhook base URL "${url.href}": use an http(s) URL without query or fragment, e.g. http://127.0.0.1:3000.`,
    );
  }
  const base = url.href.replace(/\/+$/, '');
  return {
    voiceAnswer: `${base}${defaultPaths['voice-answer']}`,
    voiceEvent: `${base}${defaultPaths['voice-event']}`,
    voiceFallback: `${base}${defaultPaths['voice-fallback']}`,
    messagesInbound: `${base}${defaultPaths['messages-inbound']}`,
    messagesStatus: `${base}${defaultPaths['messages-status']}`,
    smsInbound: `${base}${defaultPaths['sms-inbound']}`,
    smsDeliveryReceipt: `${base}${defaultPaths['sms-delivery-receipt']}`,
    verifyStatus: `${base}${defaultPaths['verify-status']}`,
  };
}
