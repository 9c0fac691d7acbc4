// `vonage-webhook-simulator`: the Node entry point, everything but msw. It keeps what users call;
// the building blocks under it (retry schedules, latency histograms, report rows, signature bases,
// the catalog's value lists, per-scenario builders, the fake's tables) are in
// `vonage-webhook-simulator/advanced`. Grouped by topic as msw's barrel is; biome.json leaves the
// entry barrels unsorted for that (decision 110).

// Payloads, the catalog and lifecycles: all of `vonage-webhook-simulator/fixtures`.
export * from './fixtures/index.js';

// Signing: the SMS signature and the webhook JWT, each a sign/verify pair.
export {
  computeSmsSignature,
  type SignSmsOptions,
  type SmsSignatureMethod,
  signSmsParams,
  smsSignatureMethods,
  type VerifyResult,
  type VerifySmsSignatureOptions,
  verifySmsSignature,
} from './signing/sms-signature.js';
export {
  type SignWebhookJwtOptions,
  signWebhookJwt,
  toPayloadHash,
  type VerifyJwtResult,
  type VerifyWebhookJwtOptions,
  verifyWebhookJwt,
  type WebhookJwtClaims,
} from './signing/jwt.js';
export { negativeSigningModes, type SigningMode, signingModes } from './signing/signing-modes.js';

// Requests and delivery: a payload as Vonage's HTTP request, sent as Vonage sends it.
export {
  type RequestParts,
  type ToRequestOptions,
  toRequest,
  toRequestParts,
  type PayloadFor,
  type WebhookEvent,
} from './delivery/to-request.js';
export { createSender } from './delivery/create-sender.js';
export type {
  DeliverOptions,
  DeliveryTarget,
  RetryMode,
  Sender,
  SenderOptions,
  SendItem,
  SendJob,
  SendManyOptions,
  SendRun,
  SendSummary,
} from './delivery/sender-types.js';
export type { FetchHandler } from './delivery/handler-attempt.js';
export type { DeliverInput, WebhookRequest } from './delivery/outgoing-request.js';
export type { RetryPolicy, RetryPolicyName } from './delivery/retry.js';
export type { TimeoutOverrides, WebhookTimeouts } from './delivery/timeouts.js';
export type {
  DeliveryAttempt,
  DeliveryOutcome,
  DeliveryResult,
  DeliveryTiming,
  RequestSummary,
  ResponseSummary,
} from './delivery/delivery-result.js';
export { DeliveryError, type DeliveryErrorDetails, isDeliveryError } from './delivery/delivery-error.js';
export type { DeliveryErrorCode } from './delivery/delivery-error-codes.js';
export { type DeliveryReport, type JunitOptions, toJsonReport, toJunitXml } from './delivery/report.js';

// NCCOs: Vonage's rules for the answer of a Voice webhook.
export {
  formatNccoIssues,
  type NccoActionName,
  type NccoEndpointType,
  type NccoIssue,
  type NccoResponse,
  type NccoResponseResult,
  type NccoValidationResult,
  nccoSchema,
  type ParseNccoResponseOptions,
  parseNccoResponse,
  type ValidateNccoOptions,
  validateNcco,
} from './ncco/index.js';

// Checking a payload against its event's JSON Schema (getSchema is in the fixtures above), and the
// contract config's schema.
export { isEvent } from './schemas/is-event.js';
export { configSchema } from './schemas/config.js';

// A fake Vonage: the REST API and the conversations it holds with an app, in process or as a server.
export {
  type AccountSmsSettings,
  type ApplicationWebhook,
  type ApplicationWebhooks,
  type ClockMode,
  type CreateScenario,
  createFakeVonage,
  type DeliverWebhook,
  type DeliveryMatcher,
  type DeliveryState,
  type EndUserRole,
  type EndUserScript,
  type EndUserStep,
  type FakeApi,
  type FakeCredential,
  type FakeVonage,
  type FakeVonageOptions,
  type Lifecycle,
  type OutcomeRule,
  type OutgoingWebhook,
  parseEndUserScript,
  type RecordedDelivery,
  type RecordedDeliveryOf,
  type RecordedRequest,
  type SettledOptions,
  type SmsWebhookFormat,
  type TranscriptEntry,
  toTranscriptText,
  type VonageApplication,
  type WaitForOptions,
  type WebhookEndpoint,
  type WebhookMethod,
  type WebhookSettings,
  type WebhookUrlSetting,
} from './fake-vonage/index.js';
export type {
  InboundMessageParams,
  InboundSmsParams,
  IncomingCallParams,
} from './fake-vonage/lifecycles/push-overrides.js';
export {
  createFakeVonageServer,
  type FakeVonageServer,
  type FakeVonageServerOptions,
} from './serve/create-fake-vonage-server.js';
export type { ApiLogEntry, ServeLogEntry, WebhookLogEntry } from './serve/serve-log.js';
export { routeVonageTo } from './register/route-vonage-to.js';
export type { VonageRouteTarget } from './register/route-target.js';

// Receiving: a local receiver, and naming the event of a payload.
export {
  createListener,
  type Listener,
  type ListenerOptions,
  type ListenerProblem,
  type ReceivedWebhook,
} from './listen/create-listener.js';
export {
  type EventShape,
  type IdentifiedEvent,
  type Identification,
  identifyEvent,
} from './listen/identify-event.js';

// Contract checks of an endpoint, as `vws contract` runs them.
export {
  type ContractConfig,
  type ContractEndpoint,
  expandEvents,
  parseContractConfig,
} from './contract/config.js';
export {
  type ContractCheck,
  type ContractRun,
  type RunContractOptions,
  runContract,
} from './contract/run-contract.js';
