import { describe, expectTypeOf, it } from 'vitest';
import {
  generate,
  identifyEvent,
  isEvent,
  type PayloadFor,
  type SmsInbound,
  toRequest,
  toRequestParts,
  type WebhookEvent,
} from 'vonage-webhook-simulator';

const url = 'http://127.0.0.1:3000/webhooks';

describe('toRequest', () => {
  it('takes a payload typed by the event name (issue 13)', () => {
    toRequest({ name: 'sms.inbound', payload: generate('sms.inbound') }, { url });
    toRequestParts({ name: 'voice.answer', payload: generate('voice.answer') }, { url });
    toRequest({ name: 'sms.inbound.unicode', payload: generate('sms.inbound.unicode') }, { url });
  });

  it('rejects a payload sent under another event name (issue 13)', () => {
    // @ts-expect-error an SMS payload is not a voice.answer payload
    toRequest({ name: 'voice.answer', payload: generate('sms.inbound') }, { url });
    // @ts-expect-error an SMS payload is not a voice.answer payload
    toRequestParts({ name: 'voice.answer', payload: generate('sms.inbound') }, { url });
    // @ts-expect-error a delivery receipt is not an inbound SMS
    toRequestParts({ name: 'sms.inbound', payload: generate('sms.delivery_receipt') }, { url });
  });

  it('rejects a literal name that names no event (issue 13)', () => {
    // @ts-expect-error unknown event names fail to compile
    toRequestParts({ name: 'sms.inbund', payload: generate('sms.inbound') }, { url });
  });

  it('takes an unknown payload when the name is only known at run time', () => {
    const name: string = 'sms.inbound';
    const payload: unknown = JSON.parse('{}');
    toRequestParts({ name, payload }, { url });
    const event: WebhookEvent = { name, payload };
    toRequest(event, { url });
    expectTypeOf<WebhookEvent['payload']>().toBeUnknown();
  });

  it('types WebhookEvent and PayloadFor by name', () => {
    expectTypeOf<WebhookEvent<'sms.inbound'>['payload']>().toEqualTypeOf<SmsInbound<'text'>>();
    expectTypeOf<PayloadFor<'sms.inbound.unicode'>>().toEqualTypeOf<SmsInbound<'unicode'>>();
    expectTypeOf<PayloadFor<'sms.inbund'>>().toBeNever();
  });
});

describe('isEvent', () => {
  it('narrows an unknown payload to the named event (issue 13)', () => {
    const body: unknown = JSON.parse('{}');
    if (isEvent('sms.inbound.text', body)) expectTypeOf(body).toEqualTypeOf<SmsInbound<'text'>>();
    if (isEvent('sms.inbound', body)) expectTypeOf(body).toEqualTypeOf<SmsInbound<'text'>>();
    // @ts-expect-error unknown event names fail to compile
    isEvent('sms.inbund', body);
  });

  it('narrows by the name identifyEvent found', () => {
    const body: unknown = JSON.parse('{}');
    const { shape } = identifyEvent(body);
    if (shape?.name === 'messages.status.delivered.sms' && isEvent(shape.name, body)) {
      expectTypeOf(body.status).toEqualTypeOf<'delivered'>();
    }
  });
});
