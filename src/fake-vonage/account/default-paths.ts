import type { WebhookKind } from '../../fixtures/shared/define-event.js';

/** Where `vws request` and `vws send` deliver when no `--url` is given: the paths Vonage's guides use. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';

export const defaultPaths: Readonly<Record<WebhookKind, string>> = {
  'sms-inbound': '/webhooks/inbound-sms',
  'sms-delivery-receipt': '/webhooks/delivery-receipt',
  'short-code-inbound': '/webhooks/inbound-sms',
  'short-code-delivery-receipt': '/webhooks/delivery-receipt',
  'voice-answer': '/webhooks/answer',
  'voice-event': '/webhooks/event',
  'voice-fallback': '/webhooks/fallback',
  'number-insight': '/webhooks/insight',
  'messages-inbound': '/webhooks/inbound',
  'messages-status': '/webhooks/status',
  'dispatch-status': '/webhooks/status',
  'rtc-event': '/webhooks/rtc/event',
  'verify-status': '/webhooks/verify',
};
