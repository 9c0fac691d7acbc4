// Defaults of the fake's options that `vws serve` states as its flags' defaults, kept apart from
// the config that applies them so the CLI's start-up reads them without loading the fake. The time
// scale and the retry mode are the sender's (delivery/sender-types.ts).
import type { SmsWebhookFormat } from './types.js';

/** `smsWebhookFormat` when none is given: the account's SMS webhooks go as `POST-JSON`. */
export const DEFAULT_SMS_WEBHOOK_FORMAT: SmsWebhookFormat = 'POST-JSON';
