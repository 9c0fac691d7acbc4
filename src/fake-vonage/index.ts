// The fake Vonage REST API core: framework-free (fetch `Request` in, `Response` out), for the msw
// adapter, `vws serve` and direct use in tests.
export { createFakeVonage } from './create-fake-vonage.js';
export { fakeVonageHosts } from './hosts.js';
export { type FakeApi, fakeApis } from './routes.js';
export type {
  ApplicationWebhooks,
  CreateScenario,
  DeliverWebhook,
  DeliveryState,
  FakeCredential,
  FakeVonage,
  FakeVonageOptions,
  Lifecycle,
  OutgoingWebhook,
  RecordedDelivery,
  RecordedRequest,
  SettledOptions,
  SmsWebhookFormat,
  WebhookEndpoint,
} from './types.js';
export { smsWebhookFormats } from './types.js';
