// Defaults of the fake's options that `vws serve` states as its flags' defaults, kept apart from
// the config that applies them so the CLI's start-up reads them without loading the fake.
import type { SmsWebhookFormat } from './types.js';

/** `timeScale` when none is given: webhooks follow Vonage's timing in real time. */
export const DEFAULT_TIME_SCALE = 1;

/** `smsWebhookFormat` when none is given: the account's SMS webhooks go as `POST-JSON`. */
export const DEFAULT_SMS_WEBHOOK_FORMAT: SmsWebhookFormat = 'POST-JSON';
