// The fake Vonage REST API core: framework-free (fetch `Request` in, `Response` out), for the msw
// adapter, `vws serve` and direct use in tests.
export {
  type AccountSmsSettings,
  type ApplicationWebhook,
  toConventionalWebhooks,
  type VonageApplication,
  type WebhookSettings,
} from './account/application.js';
export {
  type WebhookMethod,
  type WebhookUrlSetting,
  webhookUrlSettings,
} from './account/application-paths.js';
export { fakeVonageHosts } from './api/hosts.js';
export { type FakeApi, fakeApis } from './api/routes.js';
export { createFakeVonage } from './create-fake-vonage.js';
export { type ClockMode, clockModes } from './engine/clock.js';
export type { TranscriptEntry } from './engine/conversation.js';
export {
  type EndUserRole,
  type EndUserScript,
  type EndUserStep,
  endUserRoles,
  formatEndUserStep,
  parseEndUserScript,
} from './engine/end-user-script.js';
export { toTranscriptText } from './engine/transcript-text.js';
export { DEFAULT_RECORD_LIMIT } from './fake-vonage-config.js';
export type {
  ApplicationWebhooks,
  CreateScenario,
  DeliverWebhook,
  DeliveryMatcher,
  DeliveryRecord,
  DeliveryState,
  FakeCredential,
  FakeVonage,
  FakeVonageOptions,
  Lifecycle,
  OutcomeRule,
  OutgoingWebhook,
  RecordedDelivery,
  RecordedDeliveryOf,
  RecordedRequest,
  SettledOptions,
  SmsWebhookFormat,
  WaitForOptions,
  WebhookEndpoint,
} from './types.js';
export { outcomeTimes, smsWebhookFormats } from './types.js';
