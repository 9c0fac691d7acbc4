import { componentSchema, xWebhookBody } from '../official-specs.js';
import type { OfficialMapping } from './types.js';

export const smsOfficial: readonly OfficialMapping[] = [
  {
    events: ['sms.inbound.text', 'sms.inbound.unicode', 'sms.inbound.binary', 'sms.inbound.concatenated'],
    file: 'sms.yml',
    pointer: xWebhookBody('inbound-sms'),
  },
  {
    events: [
      'sms.delivery_receipt.delivered',
      'sms.delivery_receipt.expired',
      'sms.delivery_receipt.failed',
      'sms.delivery_receipt.rejected',
      'sms.delivery_receipt.accepted',
      'sms.delivery_receipt.buffered',
      'sms.delivery_receipt.unknown',
    ],
    file: 'sms.yml',
    pointer: componentSchema('DeliveryReceipt'),
  },
];
