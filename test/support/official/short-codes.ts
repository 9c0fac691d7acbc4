import { componentSchema, xWebhookBody } from '../official-specs.js';
import type { OfficialMapping } from './types.js';

// Reference short-codes.md: short code DLRs carry the SMS DLR fields and the opt-out arrives in the inbound SMS
// format, so both are checked against the SMS spec's schemas.
export const shortCodeOfficial: readonly OfficialMapping[] = [
  {
    events: [
      'short_codes.delivery_receipt.delivered',
      'short_codes.delivery_receipt.expired',
      'short_codes.delivery_receipt.failed',
      'short_codes.delivery_receipt.rejected',
      'short_codes.delivery_receipt.accepted',
      'short_codes.delivery_receipt.buffered',
      'short_codes.delivery_receipt.unknown',
    ],
    file: 'sms.yml',
    pointer: componentSchema('DeliveryReceipt'),
  },
  {
    events: ['short_codes.inbound'],
    file: 'sms.yml',
    pointer: xWebhookBody('inbound-sms'),
  },
];
