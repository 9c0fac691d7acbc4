import { describe, expectTypeOf, it } from 'vitest';
import {
  type FakeVonage,
  type FixtureOptions,
  type FormsOption,
  generate,
  generateParts,
  type InboundMessageParams,
  type InboundSmsParams,
  type IncomingCallParams,
  messages,
  type SmsDeliveryReceipt,
  type SmsInbound,
  sms,
  type WebhookEventMap,
} from 'vonage-webhook-simulator';
import type { VonageMock } from 'vonage-webhook-simulator/msw';

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
      (FixtureOptions<SmsInbound<'text'>> & { forms?: FormsOption<'sms.inbound'> }) | undefined
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

describe('inbound pushes', () => {
  const vonage = {} as FakeVonage;
  const mock = {} as VonageMock;

  it('types pushInboundMessage overrides by channel and message type', () => {
    vonage.pushInboundMessage('rcs', {
      messageType: 'reply',
      overrides: { reply: { id: 'brazil', title: 'Brazil' } },
    });
    vonage.pushInboundMessage('whatsapp', {
      messageType: 'button',
      overrides: { button: { payload: { a: 'b' } } },
    });
    mock.pushInboundMessage('rcs', { messageType: 'button', overrides: { button: { payload: 'postback' } } });
    const params: InboundMessageParams<'whatsapp', 'text'> = { from: '447700900123', text: 'Hi' };
    vonage.pushInboundMessage('whatsapp', params);
    // @ts-expect-error reply.id is a string
    vonage.pushInboundMessage('rcs', { messageType: 'reply', overrides: { reply: { id: 1 } } });
    // @ts-expect-error the reply has no idd
    vonage.pushInboundMessage('rcs', { messageType: 'reply', overrides: { reply: { idd: 'x' } } });
    // @ts-expect-error a WhatsApp button payload is an object (an RCS one is a string)
    mock.pushInboundMessage('whatsapp', { messageType: 'button', overrides: { button: { payload: 'x' } } });
    // @ts-expect-error a text message has no reply
    vonage.pushInboundMessage('rcs', { overrides: { reply: { id: 'x' } } });
    // @ts-expect-error the event fixes message_type
    vonage.pushInboundMessage('rcs', { overrides: { message_type: 'image' } });
  });

  it('refuses channel and message type pairs the catalog lacks', () => {
    // @ts-expect-error SMS has text messages only
    vonage.pushInboundMessage('sms', { messageType: 'image' });
    // @ts-expect-error no such channel
    vonage.pushInboundMessage('pigeon');
    // @ts-expect-error text is the text of a text message
    vonage.pushInboundMessage('whatsapp', { messageType: 'image', text: 'caption' });
  });

  it('types v0.1 overrides by the v0.1 shape, for events that have one', () => {
    vonage.pushInboundMessage('whatsapp', {
      webhookVersion: 'v0.1',
      overrides: { from: { number: '447700900123' } },
    });
    // @ts-expect-error v0.1 `from` is an object
    vonage.pushInboundMessage('whatsapp', { webhookVersion: 'v0.1', overrides: { from: '447700900123' } });
    // @ts-expect-error v1 `from` is a string
    vonage.pushInboundMessage('whatsapp', { overrides: { from: { number: '447700900123' } } });
    // @ts-expect-error RCS has no v0.1 shape
    vonage.pushInboundMessage('rcs', { webhookVersion: 'v0.1' });
  });

  it('types the params of the SMS and call pushes', () => {
    expectTypeOf<Parameters<FakeVonage['pushInboundSms']>[0]>().toEqualTypeOf<InboundSmsParams | undefined>();
    expectTypeOf<Parameters<VonageMock['pushIncomingCall']>[0]>().toEqualTypeOf<
      IncomingCallParams | undefined
    >();
    vonage.pushInboundSms({ from: '447700900123', overrides: { keyword: 'STOP', 'concat-ref': '7' } });
    // @ts-expect-error SMS API values are strings
    vonage.pushInboundSms({ overrides: { 'concat-total': 2 } });
    vonage.pushIncomingCall({
      overrides: { from: '447700900123', region_url: 'https://api-us-3.vonage.com' },
    });
    // @ts-expect-error the answer request has no answer_url
    vonage.pushIncomingCall({ overrides: { answer_url: 'x' } });
    // @ts-expect-error payload fields go in overrides
    vonage.pushIncomingCall({ msisdn: '447700900123' });
  });
});
