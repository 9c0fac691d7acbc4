import { describe, expectTypeOf, it } from 'vitest';
import {
  createGenerator,
  type Generator,
  type generate,
  type generateParts,
  type MessagesV01SmsInbound,
  type SmsInbound,
  type WebhookEventMap,
} from 'vonage-webhook-simulator';

const session = createGenerator({ seed: 1, refDate: '2025-06-01T10:00:00Z' });

describe('createGenerator (issue 13)', () => {
  it('types the session generate exactly like generate', () => {
    expectTypeOf(session.generate).toEqualTypeOf<typeof generate>();
    expectTypeOf(session.generateParts).toEqualTypeOf<typeof generateParts>();
    expectTypeOf(session).toEqualTypeOf<Generator>();
    expectTypeOf(session.generate('sms.inbound')).toEqualTypeOf<SmsInbound<'text'>>();
    expectTypeOf(
      session.generate('messages.inbound.sms.text', { version: 'v0.1' }),
    ).toEqualTypeOf<MessagesV01SmsInbound>();
    expectTypeOf(session.sms.delivery_receipt.expired()).toEqualTypeOf<
      WebhookEventMap['sms.delivery_receipt.expired']
    >();
    expectTypeOf(session.generateParts('sms.inbound.concatenated', { parts: 2 })).toEqualTypeOf<
      SmsInbound<'text'>[]
    >();
    session.generate('messages.status.read.whatsapp', { forms: { timestamp: 'seconds' } });
  });

  it('rejects a wrong override field, a wrong form and a wrong version', () => {
    // @ts-expect-error an inbound SMS has no field "status"
    session.generate('sms.inbound', { overrides: { status: 'failed' } });
    // @ts-expect-error "minutes" is not a timestamp form of messages.status.read.whatsapp
    session.generate('messages.status.read.whatsapp', { forms: { timestamp: 'minutes' } });
    // @ts-expect-error sms.inbound has one shape only: no version "v0.1"
    session.generate('sms.inbound', { version: 'v0.1' });
    // @ts-expect-error the session namespaces are typed the same way
    session.sms.inbound({ overrides: { status: 'failed' } });
    // @ts-expect-error an unknown event name
    session.generate('sms.inbound.nope');
    // @ts-expect-error the session seed is a number
    createGenerator({ seed: '1' });
  });
});
