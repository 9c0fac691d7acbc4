import type { TransportFormat, WebhookKind } from '../fixtures/shared/define-event.js';

// User-Agent values from requests captured from Vonage (reference sms.md#transport, voice.md#transport; 🟡, 2020). Where none
// was ever observed (Messages, Dispatch, Number Insight, Verify, RTC), the simulator names itself
// rather than invent a Vonage value (docs/decisions/007-request-headers.md).
const MESSAGING_HUB = 'Vonage/MessagingHUB/v1.0';
const JAKARTA = 'Jakarta Commons-HttpClient/3.1';
const APACHE_ASYNC = 'Apache-HttpAsyncClient/4.1 (Java/1.8.0_66)';
export const SIMULATOR_USER_AGENT = 'vonage-webhook-simulator';

/** The User-Agent Vonage sends for a webhook in a transport format. */
export function toUserAgent(webhook: WebhookKind, format: TransportFormat): string {
  switch (webhook) {
    case 'sms-delivery-receipt':
    case 'short-code-delivery-receipt':
      return format === 'json' ? JAKARTA : MESSAGING_HUB;
    case 'sms-inbound':
    case 'short-code-inbound':
    case 'voice-answer':
    case 'voice-event':
    case 'voice-fallback':
      return APACHE_ASYNC;
    default:
      return SIMULATOR_USER_AGENT;
  }
}
