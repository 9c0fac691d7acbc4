import { VwsError } from '../errors.js';
import { createApiKey, createSmsMessageId } from '../fixtures/shared/ids.js';
import { createPhoneNumber } from '../fixtures/shared/phone.js';
import { createLongGsmText, toKeyword } from '../fixtures/sms/text.js';
import { checkParam, createScenarioContext, toScenario, toWebhook } from './scenario-context.js';
import { splitSmsText, toSmsEncoding } from './sms-segments.js';
import type { PlannedWebhook, Scenario, ScenarioOptions } from './types.js';

/** Parameters of {@link createSmsInboundConcatenatedScenario}. */
export interface SmsInboundConcatenatedParams {
  /** Your Vonage number that receives the message, E.164 without `+`. */
  readonly to: string;
  /** The sender's number (`msisdn`). */
  readonly from: string;
  /** The whole message: more than 160 GSM-7 characters or 70 UCS-2 units; default three GSM-7 parts. */
  readonly text: string;
  /** The `concat-ref` every part shares (digits); default 1–255. */
  readonly concatRef: string;
  /** The `messageId` of each part; their count must match the text's parts. */
  readonly messageIds: readonly string[];
  /** The `api-key` of the receiving account. */
  readonly apiKey: string;
}

const msisdnPattern = /^[1-9][0-9]{6,14}$/;
const msisdnExample = '447700900123';

/**
 * Every part of a long SMS to your number (reference sms.md#inbound-sms: the SMS API does not reassemble), one
 * webhook per part in part order, a moment apart, sharing `concat-ref`, `concat-total`, sender,
 * number and API key, each with its own `messageId` and its slice of the text (GSM-7 153 septets or
 * UCS-2 67 units a part). GSM-7 parts are `sms.inbound.concatenated`; UCS-2 parts are
 * `sms.inbound.unicode` with the concat keys, the catalog's variant for `type: "unicode"`
 * (docs/decisions/082). Chaos `reorder` delivers them out of order, as carriers do.
 *
 * @example
 * ```ts
 * import { createSmsInboundConcatenatedScenario } from 'vonage-webhook-simulator';
 * const inbound = createSmsInboundConcatenatedScenario({ seed: 5, chaos: { reorder: true } });
 * const text = [...inbound.webhooks]
 *   .sort((a, b) => Number(a.payload['concat-part']) - Number(b.payload['concat-part']))
 *   .map((webhook) => webhook.payload.text)
 *   .join('');
 * ```
 * @see https://developer.vonage.com/messaging/sms/guides/inbound-sms
 */
export function createSmsInboundConcatenatedScenario(
  options: ScenarioOptions<SmsInboundConcatenatedParams> = {},
): Scenario {
  const context = createScenarioContext('sms.inbound.concatenated', options);
  const { faker } = context;
  const params = options.params ?? {};
  const drawnSender = params.from === undefined ? createPhoneNumber(faker) : undefined;
  const sender = drawnSender?.msisdn ?? checkParam(params.from ?? '', msisdnPattern, 'from', msisdnExample);
  // Your number is local to the sender when both are drawn, as people text local numbers.
  const to =
    params.to === undefined
      ? createPhoneNumber(faker, drawnSender?.country).msisdn
      : checkParam(params.to, msisdnPattern, 'to', msisdnExample);
  const text = params.text ?? createLongGsmText(faker, 153 * 2 + 20).slice(0, 153 * 3);
  const parts = splitSmsText(text);
  if (parts.length < 2 || parts.length > 255) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `A concatenated SMS has 2 to 255 parts; this text makes ${parts.length}: use more than 160 GSM-7 characters (70 unicode), at most 255 parts.`,
    );
  }
  const concatRef =
    params.concatRef === undefined
      ? String(faker.number.int({ min: 1, max: 255 }))
      : checkParam(params.concatRef, /^[0-9]{1,5}$/, 'concatRef', '42');
  const messageIds =
    params.messageIds === undefined
      ? parts.map(() => createSmsMessageId(faker))
      : params.messageIds.map((id) => checkParam(id, /^[0-9A-F]{16,17}$/, 'messageId', '0A0000001234567B'));
  if (messageIds.length !== parts.length) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Got ${messageIds.length} messageIds for a text of ${parts.length} parts: pass one id per part.`,
    );
  }
  const apiKey = params.apiKey ?? createApiKey(faker);
  const event = toSmsEncoding(text) === 'text' ? 'sms.inbound.concatenated' : 'sms.inbound.unicode';

  const webhooks: PlannedWebhook[] = [];
  let at = faker.number.int({ min: 200, max: 2_000 });
  parts.forEach((part, index) => {
    if (index > 0) at += faker.number.int({ min: 100, max: 1_500 });
    webhooks.push(
      toWebhook(context, `part:${index}`, event, at, {
        'api-key': apiKey,
        msisdn: sender,
        to,
        messageId: messageIds[index],
        text: part,
        keyword: toKeyword(part),
        concat: 'true',
        'concat-ref': concatRef,
        'concat-total': String(parts.length),
        'concat-part': String(index + 1),
      }),
    );
  });
  return toScenario(context, webhooks, { messageIds, 'concat-ref': concatRef }, options);
}
