import { describe, expectTypeOf, it } from 'vitest';
import {
  type FixtureOptions,
  generate,
  generateParts,
  messages,
  type SmsDeliveryReceipt,
  type SmsInbound,
  sms,
  type WebhookEventMap,
} from 'vonage-webhook-simulator';

describe('generate', () => {
  it('narrows the payload type by event name', () => {
    expectTypeOf(generate('sms.delivery_receipt.expired').status).toEqualTypeOf<'expired'>();
    expectTypeOf(generate('sms.inbound.unicode')).toEqualTypeOf<SmsInbound<'unicode'>>();
    expectTypeOf(generate('messages.status.read').status).toEqualTypeOf<'read'>();
  });

  it('types a family name as its default variant', () => {
    expectTypeOf(generate('sms.inbound')).toEqualTypeOf<SmsInbound<'text'>>();
    expectTypeOf(generate('sms.delivery_receipt')).toEqualTypeOf<SmsDeliveryReceipt<'delivered'>>();
  });

  it('types overrides as a deep partial of the payload', () => {
    generate('sms.delivery_receipt.failed', { overrides: { 'err-code': '5', 'network-code': undefined } });
    // @ts-expect-error unknown override keys fail to compile
    generate('sms.delivery_receipt.failed', { overrides: { errCode: '5' } });
    // @ts-expect-error SMS API values are strings
    generate('sms.delivery_receipt.failed', { overrides: { 'err-code': 5 } });
    // @ts-expect-error unknown event names fail to compile
    generate('sms.inbund');
  });

  it('types another wire shape by its version name', () => {
    const legacy = generate('messages.inbound.sms.text', { version: 'v0.1' });
    expectTypeOf(legacy).not.toEqualTypeOf<WebhookEventMap['messages.inbound.sms.text']>();
    // @ts-expect-error a version the event does not have
    generate('messages.inbound.sms.text', { version: 'v9' });
  });

  it('accepts the fixture contract options', () => {
    expectTypeOf<Parameters<typeof generate<'sms.inbound'>>[1]>().toEqualTypeOf<
      FixtureOptions<SmsInbound<'text'>> | undefined
    >();
  });
});

describe('generateParts', () => {
  it('returns an array of the event payload type', () => {
    expectTypeOf(generateParts('sms.inbound.concatenated')).toEqualTypeOf<SmsInbound<'text'>[]>();
  });
});

describe('namespaces', () => {
  it('mirror event names with narrowed return types', () => {
    expectTypeOf(sms.delivery_receipt.expired().status).toEqualTypeOf<'expired'>();
    expectTypeOf(sms.inbound()).toEqualTypeOf<SmsInbound<'text'>>();
    expectTypeOf(messages.status.read().status).toEqualTypeOf<'read'>();
    // @ts-expect-error no such variant
    sms.delivery_receipt.nope();
  });
});
