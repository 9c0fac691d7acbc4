import { describe, expectTypeOf, it } from 'vitest';
import {
  createFakeVonage,
  createScenario,
  type EventName,
  type FakeVonage,
  generate,
  type IdentifiedEvent,
  identifyEvent,
  type RecordedDelivery,
  type ScheduledWebhook,
  type Sender,
  type SigningOf,
  type ToRequestOptions,
  toRequest,
  toRequestParts,
  type WebhookEventMap,
  type WebhookVersionMap,
} from 'vonage-webhook-simulator';

const url = 'http://127.0.0.1:3000/webhooks';

describe('apiKey for JWT-signed events', () => {
  it('keeps each event signing scheme as a literal (issue 13)', () => {
    expectTypeOf<SigningOf<'messages.status.read'>>().toEqualTypeOf<'jwt'>();
    expectTypeOf<SigningOf<'sms.inbound'>>().toEqualTypeOf<'sms-signature'>();
    expectTypeOf<SigningOf<'number_insight.advanced_async'>>().toEqualTypeOf<'none'>();
  });

  it('requires apiKey when a JWT-signed event is signed (issue 13)', () => {
    const status = { name: 'messages.status.read', payload: generate('messages.status.read') } as const;
    // @ts-expect-error signing a JWT webhook needs the apiKey for its api_key claim
    toRequest(status, { url, signatureSecret: 'secret' });
    // @ts-expect-error a broken signature is still a JWT, with an api_key claim
    toRequestParts(status, { url, signatureSecret: 'secret', signingMode: 'wrong-secret' });
    const answer = { name: 'voice.answer', payload: generate('voice.answer') } as const;
    // @ts-expect-error a voice answer is JWT-signed too
    toRequestParts(answer, { url, signatureSecret: 's' });
  });

  it('does not require apiKey where the run time does not', () => {
    const status = { name: 'messages.status.read', payload: generate('messages.status.read') } as const;
    toRequest(status, { url });
    toRequest(status, { url, signatureSecret: 'secret', apiKey: 'a1b2c3d4' });
    toRequest(status, { url, signatureSecret: 'secret', signingMode: 'unsigned' });
    toRequestParts({ name: 'sms.inbound', payload: generate('sms.inbound') }, { url, signatureSecret: 's' });
    const name: string = 'messages.status.read';
    toRequestParts({ name, payload: {} }, { url, signatureSecret: 'secret' });
    expectTypeOf<ToRequestOptions<'sms.inbound'>>().toMatchTypeOf<{ readonly apiKey?: string }>();
  });
});

describe('deliveries and scheduled webhooks typed by event', () => {
  const vonage = {} as FakeVonage;

  it('narrows a recorded delivery payload by its event name (issue 13)', () => {
    for (const delivery of vonage.deliveries) {
      if (delivery.event === 'sms.delivery_receipt.delivered') {
        expectTypeOf(delivery.payload.status).toEqualTypeOf<'delivered'>();
        // @ts-expect-error a delivery receipt has no such field
        delivery.payload.nonexistent;
      }
      if (delivery.event === 'messages.inbound.whatsapp.text' && delivery.version === 'v0.1') {
        expectTypeOf(delivery.payload).toEqualTypeOf<
          WebhookVersionMap['messages.inbound.whatsapp.text']['v0.1']
        >();
      }
      if (delivery.event === 'messages.inbound.whatsapp.text' && delivery.version === undefined) {
        expectTypeOf(delivery.payload).toEqualTypeOf<WebhookEventMap['messages.inbound.whatsapp.text']>();
      }
    }
    expectTypeOf<RecordedDelivery['event']>().toEqualTypeOf<EventName>();
  });

  it('types what waitFor resolves with by the name or family it waits for (issue 13)', async () => {
    const receipt = await vonage.waitFor('sms.delivery_receipt.expired');
    expectTypeOf(receipt.payload.status).toEqualTypeOf<'expired'>();
    const status = await vonage.waitFor('messages.status');
    expectTypeOf(status.event).toEqualTypeOf<Extract<EventName, `messages.status.${string}`>>();
    const any = await vonage.waitFor((delivery) => delivery.state === 'sent');
    expectTypeOf(any).toEqualTypeOf<RecordedDelivery>();
    const name: string = 'sms.inbound';
    expectTypeOf(await vonage.waitFor(name)).toEqualTypeOf<RecordedDelivery>();
  });

  it('narrows a scheduled webhook payload by its event name (issue 13)', () => {
    for (const webhook of createScenario('sms.send').webhooks) {
      if (webhook.event === 'sms.delivery_receipt.delivered') {
        expectTypeOf(webhook.payload.status).toEqualTypeOf<'delivered'>();
        // @ts-expect-error a delivery receipt has no such field
        webhook.payload.nonexistent;
      }
    }
    expectTypeOf<ScheduledWebhook['event']>().toEqualTypeOf<EventName>();
  });
});

describe('deliver names a known event', () => {
  it('refuses a literal event name that names no event (issue 13)', () => {
    const sender = {} as Sender;
    const request = new Request('http://127.0.0.1:3000/webhooks/answer');
    sender.deliver(request, undefined, { event: 'voice.answer' });
    sender.deliver(request, undefined, { event: 'messages.status.read.whatsapp' });
    // @ts-expect-error not an event name
    sender.deliver(request, undefined, { event: 'voice.answr' });
    const name: string = 'voice.answer';
    sender.deliver(request, undefined, { event: name });
  });
});

describe('scenario params by scenario', () => {
  it('checks the params of createScenario and the fake scenario option per scenario (issue 13)', () => {
    createScenario('sms.send', { params: { status: 'expired' } });
    // @ts-expect-error sms.send has no outcome param (voice.outbound has)
    createScenario('sms.send', { params: { outcome: 'busy' } });
    createFakeVonage({ scenario: { params: { 'voice.outbound': { outcome: 'busy' } } } });
    // @ts-expect-error "delivered" is a Messages outcome, not a voice one
    createFakeVonage({ scenario: { params: { 'voice.outbound': { outcome: 'delivered' } } } });
    // @ts-expect-error not a scenario name
    createFakeVonage({ scenario: { params: { 'sms.sned': {} } } });
  });
});

describe('push parameters by channel', () => {
  const vonage = {} as FakeVonage;

  it('takes the fields of the channel pushed and refuses those of another (issue 13)', () => {
    vonage.pushInboundMessage('whatsapp', { overrides: { profile: { name: 'Ada' } } });
    // @ts-expect-error profile is a WhatsApp field, not an SMS one
    vonage.pushInboundMessage('sms', { overrides: { profile: { name: 'Ada' } } });
  });
});

describe('identifyEvent typed by the event it names', () => {
  it('narrows the payload of the result by the name (issue 13)', () => {
    const result = identifyEvent(JSON.parse('{}') as unknown);
    expectTypeOf(result.event).toEqualTypeOf<IdentifiedEvent | undefined>();
    if (result.event?.name === 'sms.inbound.text') {
      expectTypeOf(result.event.payload).toEqualTypeOf<WebhookEventMap['sms.inbound.text']>();
      expectTypeOf(result.event.payload.msisdn).toEqualTypeOf<string>();
      // @ts-expect-error an inbound SMS has no status
      result.event.payload.status;
    }
    if (result.event?.name === 'messages.inbound.sms.text' && result.event.version === 'v0.1') {
      expectTypeOf(result.event.payload).toEqualTypeOf<
        WebhookVersionMap['messages.inbound.sms.text']['v0.1']
      >();
    }
  });
});
