import type { smsEvents } from '../fixtures/sms/sms-events.js';
import type { smsDeliveryStatuses } from '../fixtures/sms/types.js';
import { type JsonSchema, objectSchema, patterns, stringSchema } from './json-schema.js';

// Reference 1.1 and 1.2; every SMS API value is a string (spec-sms: every property `type: string`).
const signingFields = {
  timestamp: stringSchema({ pattern: patterns.digits, description: 'Unix seconds; added by signing.' }),
  nonce: stringSchema({ description: 'Random value in the signed set; added by signing.' }),
  sig: stringSchema({ pattern: '^[0-9a-fA-F]{32,128}$', description: 'SMS signature (reference 9.1).' }),
};

const concatFields = {
  concat: stringSchema({ const: 'true' }),
  'concat-ref': stringSchema({ pattern: patterns.digits }),
  'concat-total': stringSchema({ pattern: patterns.digits }),
  'concat-part': stringSchema({ pattern: patterns.digits }),
};

function inbound(type: 'text' | 'unicode' | 'binary', extra: { concat?: boolean } = {}): JsonSchema {
  const binaryRequired =
    type === 'binary'
      ? { data: stringSchema({ pattern: '^[0-9A-F]+$' }), udh: stringSchema({ pattern: '^[0-9A-F]+$' }) }
      : {};
  return objectSchema(
    {
      'api-key': stringSchema({ minLength: 1 }),
      msisdn: stringSchema({ pattern: patterns.msisdn }),
      to: stringSchema({ pattern: patterns.msisdn }),
      messageId: stringSchema({ pattern: '^[0-9A-F]{16,17}$' }),
      text: stringSchema(),
      type: stringSchema({ const: type }),
      keyword: stringSchema(),
      'message-timestamp': stringSchema({ pattern: patterns.smsTimestamp }),
      ...binaryRequired,
      ...(extra.concat ? concatFields : {}),
    },
    { ...signingFields, ...(extra.concat ? {} : concatFields) },
    `Inbound SMS (type "${type}"), SMS API reference 1.1.`,
  );
}

function receipt(status: (typeof smsDeliveryStatuses)[number]): JsonSchema {
  const errCode =
    status === 'delivered' || status === 'accepted' || status === 'buffered'
      ? stringSchema({ const: '0' })
      : stringSchema({ pattern: '^[1-9][0-9]*$' });
  return objectSchema(
    {
      msisdn: stringSchema({ pattern: patterns.msisdn }),
      to: stringSchema({ minLength: 1, maxLength: 15 }),
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
      ...signingFields,
    },
    `SMS delivery receipt (status "${status}"), SMS API reference 1.2.`,
  );
}

/** Payload schemas of the SMS API events. */
export const smsSchemas = {
  'sms.inbound.text': inbound('text'),
  'sms.inbound.unicode': inbound('unicode'),
  'sms.inbound.binary': inbound('binary'),
  'sms.inbound.concatenated': inbound('text', { concat: true }),
  'sms.delivery_receipt.delivered': receipt('delivered'),
  'sms.delivery_receipt.expired': receipt('expired'),
  'sms.delivery_receipt.failed': receipt('failed'),
  'sms.delivery_receipt.rejected': receipt('rejected'),
  'sms.delivery_receipt.accepted': receipt('accepted'),
  'sms.delivery_receipt.buffered': receipt('buffered'),
  'sms.delivery_receipt.unknown': receipt('unknown'),
} satisfies Record<keyof typeof smsEvents, JsonSchema>;
