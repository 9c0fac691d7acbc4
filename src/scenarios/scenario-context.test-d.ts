import { describe, expectTypeOf, it } from 'vitest';
import type { WebhookEventMap } from '../fixtures/events.js';
import {
  createScenarioContext,
  type EventNameStartingWith,
  type ExactOverrides,
  type ScenarioBase,
  type ScenarioOverrides,
  toWebhook,
} from './scenario-context.js';
import type { PlannedWebhook } from './types.js';

const context = createScenarioContext('types', {});

// Issue 10: a scenario's overrides are typed by the event it builds, so a wrong key is a compile
// error instead of a field that reaches the payload at run time.
describe('toWebhook overrides types (issue 10)', () => {
  it('accepts the keys of the event payload, deep-partial', () => {
    expectTypeOf(
      toWebhook(context, 'dlr', 'sms.delivery_receipt.delivered', 0, { 'client-ref': 'order-1' }),
    ).toEqualTypeOf<PlannedWebhook>();
    toWebhook(context, 'in', 'messages.inbound.whatsapp.image', 0, { image: { caption: 'hi' } });
    toWebhook(context, 'in', 'messages.inbound.whatsapp.image', 0, { client_ref: undefined });
  });

  it('rejects a key the event does not have', () => {
    // @ts-expect-error: `clientRef` is not a key of an SMS delivery receipt (`client-ref` is)
    toWebhook(context, 'dlr', 'sms.delivery_receipt.delivered', 0, { clientRef: 'order-1' });
    // @ts-expect-error: a nested key the image content does not have
    toWebhook(context, 'in', 'messages.inbound.whatsapp.image', 0, { image: { invented: 'x' } });
  });

  it('rejects a value of the wrong type', () => {
    // @ts-expect-error: the SMS API sends `price` as a string
    toWebhook(context, 'dlr', 'sms.delivery_receipt.delivered', 0, { price: 0.0333 });
  });

  it('types the function form by event: its base and what it returns', () => {
    toWebhook(context, 'ni', 'number_insight.advanced_async.success', 0, (base) => {
      expectTypeOf(base).toEqualTypeOf<ScenarioBase<'number_insight.advanced_async.success'>>();
      expectTypeOf(base.request_id).toEqualTypeOf<string>();
      return base.current_carrier === null ? {} : { request_id: 'r-1' };
    });
    // @ts-expect-error: `requestId` is not a key of a Number Insight result
    toWebhook(context, 'ni', 'number_insight.advanced_async.success', 0, () => ({ requestId: 'r-1' }));
    // @ts-expect-error: a wrong key beside a right one, in a conditional spread, is caught too
    toWebhook(context, 'ni', 'number_insight.advanced_async.success', 0, (base) => ({
      request_id: 'r-1',
      ...(base.current_carrier === null ? {} : { requestId: 'r-1' }),
    }));
  });

  it('passes a record built at run time, whose keys it cannot know', () => {
    const fields: Record<string, unknown> = { request_id: 'r-1' };
    toWebhook(context, 'ni', 'number_insight.advanced_async.success', 0, () => fields);
    expectTypeOf<ExactOverrides<'sms.inbound.text', { msisdn: string }>>().toEqualTypeOf<{
      msisdn: string;
    }>();
    expectTypeOf<ExactOverrides<'sms.inbound.text', { invented: string }>>().toEqualTypeOf<
      { invented: string } & Record<'invented', never>
    >();
  });

  it('checks a name built at run time against the payloads of the events it can be', () => {
    const name = 'messages.status.delivered.sms' as EventNameStartingWith<'messages.status.'>;
    toWebhook(context, 'status', name, 0, { client_ref: 'order-1' });
    // @ts-expect-error: no Messages status has a `client-ref` key
    toWebhook(context, 'status', name, 0, { 'client-ref': 'order-1' });
    expectTypeOf<EventNameStartingWith<'verify.summary.'>>().toEqualTypeOf<
      'verify.summary.completed' | 'verify.summary.failed' | 'verify.summary.expired'
    >();
  });

  it('makes the overrides of one event the deep partial of its payload', () => {
    expectTypeOf<Extract<ScenarioOverrides<'sms.inbound.text'>, { msisdn?: unknown }>>().toMatchTypeOf<{
      msisdn?: WebhookEventMap['sms.inbound.text']['msisdn'] | undefined;
    }>();
  });
});
