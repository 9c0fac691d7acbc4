import type { shortCodeEvents } from '../fixtures/short-codes/short-codes-events.js';
import { shortCodeErrorCodes } from '../fixtures/short-codes/types.js';
import type { smsDeliveryStatuses } from '../fixtures/sms/types.js';
import { type JsonSchema, objectSchema, patterns, stringSchema } from './json-schema.js';

// Reference 2 (US short codes) on top of reference 1.1/1.2: every value a string.
const shortCode = stringSchema({ pattern: '^[2-9][0-9]{4,5}$', description: 'A 5–6 digit US short code.' });
const usNumber = stringSchema({ pattern: '^1[2-9][0-9]{9}$', description: 'A US number, E.164 without +.' });

function receipt(status: (typeof smsDeliveryStatuses)[number]): JsonSchema {
  const errCode =
    status === 'delivered' || status === 'accepted' || status === 'buffered'
      ? stringSchema({ const: '0' })
      : stringSchema({ enum: shortCodeErrorCodes.filter((code) => code !== '0') });
  return objectSchema(
    {
      msisdn: usNumber,
      to: shortCode,
      messageId: stringSchema({ pattern: '^[0-9A-F]{16,17}$' }),
      price: stringSchema({ pattern: '^[0-9]+\\.[0-9]{8}$' }),
      status: stringSchema({ const: status }),
      'err-code': errCode,
      'api-key': stringSchema({ minLength: 1 }),
      'message-timestamp': stringSchema({ pattern: patterns.smsTimestamp }),
    },
    {
      'network-code': stringSchema({ pattern: patterns.networkCode }),
      scts: stringSchema({ pattern: '^[0-9]{10}$' }),
      'client-ref': stringSchema({ maxLength: 40 }),
    },
    `US short code delivery receipt (status "${status}"), reference 2.`,
  );
}

/** Payload schemas of the US short code events. */
export const shortCodeSchemas = {
  'short_codes.delivery_receipt.delivered': receipt('delivered'),
  'short_codes.delivery_receipt.expired': receipt('expired'),
  'short_codes.delivery_receipt.failed': receipt('failed'),
  'short_codes.delivery_receipt.rejected': receipt('rejected'),
  'short_codes.delivery_receipt.accepted': receipt('accepted'),
  'short_codes.delivery_receipt.buffered': receipt('buffered'),
  'short_codes.delivery_receipt.unknown': receipt('unknown'),
  'short_codes.inbound': objectSchema(
    {
      'api-key': stringSchema({ minLength: 1 }),
      msisdn: usNumber,
      to: shortCode,
      messageId: stringSchema({ pattern: '^[0-9A-F]{16,17}$' }),
      text: stringSchema({ minLength: 1 }),
      type: stringSchema({ const: 'text' }),
      keyword: stringSchema({ pattern: '^[A-Z]+$' }),
      'message-timestamp': stringSchema({ pattern: patterns.smsTimestamp }),
    },
    {},
    'Opt-out sent to a US short code, in the inbound SMS format (reference 2, 1.1).',
  ),
} satisfies Record<keyof typeof shortCodeEvents, JsonSchema>;
