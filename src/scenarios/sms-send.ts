import { VwsError } from '../errors.js';
import type { EventName } from '../fixtures/events.js';
import { createApiKey, createSmsMessageId } from '../fixtures/shared/ids.js';
import { createPhoneNumber } from '../fixtures/shared/phone.js';
import { toScts } from '../fixtures/shared/time.js';
import { createGsmText } from '../fixtures/sms/text.js';
import { type SmsDeliveryStatus, smsDeliveryStatuses } from '../fixtures/sms/types.js';
import { createAlphanumericSender, toPhoneNumber } from './phone-of.js';
import { checkParam, createScenarioContext, pickParam, toScenario, toWebhook } from './scenario-context.js';
import { splitSmsText } from './sms-segments.js';
import type { PlannedWebhook, Scenario, ScenarioOptions } from './types.js';

/** Parameters of {@link createSmsSendScenario}: what the SMS API send request and its response said. */
export interface SmsSendParams {
  /** The recipient, E.164 without `+`; its country sets `network-code` and the price per part. */
  readonly to: string;
  /** The sender id you sent from: a number or up to 11 letters and digits (the DLR's `to`). */
  readonly from: string;
  /** The text sent; its length sets the number of parts (GSM-7 160/153, UCS-2 70/67). */
  readonly text: string;
  /** Your `client-ref` (at most 40 characters), echoed on every receipt. */
  readonly clientRef: string;
  /** The `message-id` of every part, as the send response listed them; their count must match the text's parts. */
  readonly messageIds: readonly string[];
  /** The receipts' `status`; default `delivered`. */
  readonly status: SmsDeliveryStatus;
  /** The API key that sent it (`api-key`). */
  readonly apiKey: string;
}

const messageIdPattern = /^[0-9A-F]{16,17}$/;

function resolveMessageIds(
  faker: Parameters<typeof createSmsMessageId>[0],
  params: Partial<SmsSendParams>,
  parts: number,
): string[] {
  const { messageIds } = params;
  if (messageIds === undefined) return Array.from({ length: parts }, () => createSmsMessageId(faker));
  if (messageIds.length === 0 || (params.text !== undefined && messageIds.length !== parts)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Got ${messageIds.length} messageIds for a text of ${parts} part(s): pass one id per part, as the send response lists them.`,
    );
  }
  return messageIds.map((id) => checkParam(id, messageIdPattern, 'messageId', '0A0000001234567B'));
}

/**
 * The delivery receipts of one SMS API send (reference sms.md#delivery-receipt): one `sms.delivery_receipt.<status>` per
 * part, in part order, each with the part's `messageId` from the send response, the recipient as
 * `msisdn`, your sender id as `to`, the recipient carrier's `network-code`, the country's price per
 * part, one `err-code` for the whole message, your `client-ref`, and a carrier `scts` a little before
 * Vonage pushes the receipt.
 *
 * @example
 * ```ts
 * import { createSmsSendScenario } from 'vonage-webhook-simulator';
 * const sms = createSmsSendScenario({
 *   params: { to: '447700900123', text: 'x'.repeat(200), messageIds: ['0A0000001234567B', '0A0000001234567C'] },
 * });
 * sms.webhooks.length; // 2: one receipt per part
 * ```
 * @see https://developer.vonage.com/messaging/sms/guides/delivery-receipts
 */
export function createSmsSendScenario(options: ScenarioOptions<SmsSendParams> = {}): Scenario {
  const context = createScenarioContext('sms.send', options);
  const { faker } = context;
  const params = options.params ?? {};
  const status = pickParam(params.status, smsDeliveryStatuses, 'delivered', 'sms.send status');
  const recipient =
    params.to === undefined ? createPhoneNumber(faker) : toPhoneNumber(faker, params.to, 'to');
  // Alphanumeric sender ids are not allowed in the US: a US recipient sees one of your numbers.
  const from =
    params.from === undefined
      ? recipient.country.iso2 === 'US'
        ? createPhoneNumber(faker, recipient.country).msisdn
        : createAlphanumericSender(faker)
      : checkParam(params.from, /^[A-Za-z0-9 ]{1,15}$/, 'from', 'AcmeInc');
  const text = params.text ?? createGsmText(faker);
  const parts =
    params.messageIds !== undefined && params.text === undefined
      ? params.messageIds.length
      : splitSmsText(text).length;
  const messageIds = resolveMessageIds(faker, params, parts);
  const apiKey = params.apiKey ?? createApiKey(faker);
  const clientRef =
    params.clientRef === undefined
      ? undefined
      : checkParam(params.clientRef, /^.{1,40}$/s, 'clientRef', 'order-1234');
  const event = `sms.delivery_receipt.${status}` as EventName;

  const webhooks: PlannedWebhook[] = [];
  // Handset receipts come seconds after the send, the parts a moment apart.
  let at = faker.number.int({ min: 2_000, max: 20_000 });
  let errCode: unknown;
  messageIds.forEach((messageId, index) => {
    if (index > 0) at += faker.number.int({ min: 100, max: 3_000 });
    const carrierTime = context.start + at - faker.number.int({ min: 500, max: 5_000 });
    const webhook = toWebhook(context, `part:${index}`, event, at, {
      msisdn: recipient.msisdn,
      to: from,
      'network-code': recipient.carrier.networkCode,
      messageId,
      price: recipient.country.smsPrice,
      scts: toScts(carrierTime),
      'api-key': apiKey,
      'client-ref': clientRef,
      // One message, one fate: every part reports the first part's code.
      ...(errCode === undefined ? {} : { 'err-code': errCode }),
    });
    errCode ??= webhook.payload['err-code'];
    webhooks.push(webhook);
  });
  return toScenario(context, webhooks, { messageIds }, options);
}
