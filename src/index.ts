// `vonage-webhook-simulator`: the Node entry point, everything but msw.

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
export { createSender } from './delivery/create-sender.js';
export { DeliveryError, type DeliveryErrorDetails, isDeliveryError } from './delivery/delivery-error.js';
export { type DeliveryErrorCode, deliveryErrorCodes } from './delivery/delivery-error-codes.js';
export {
  type DeliveryAttempt,
  type DeliveryOutcome,
  type DeliveryResult,
  type DeliveryTiming,
  deliveryOutcomes,
  type RequestSummary,
  type ResponseSummary,
  toOutcome,
} from './delivery/delivery-result.js';
export type { FetchHandler } from './delivery/handler-attempt.js';
export { createLatencyHistogram, type LatencyHistogram, type LatencySummary } from './delivery/latency.js';
export type { DeliverInput, WebhookRequest } from './delivery/outgoing-request.js';
export {
  type DeliveryReport,
  type JunitOptions,
  type ReportAttempt,
  type ReportEntry,
  toJsonReport,
  toJunitXml,
  toReportEntry,
} from './delivery/report.js';
export {
  type AttemptPhase,
  type Backoff,
  isRetryable,
  type RetryPolicy,
  type RetryPolicyName,
  retryPolicies,
  retryPolicyNames,
  type ScheduledAttempt,
  type ScheduleOptions,
  type StatusRange,
  scheduleAttempts,
  toBackoffDelay,
  toRetryPolicy,
} from './delivery/retry.js';
export {
  type DeliverOptions,
  type DeliveryTarget,
  type RetryMode,
  retryModes,
  type Sender,
  type SenderOptions,
  type SendItem,
  type SendJob,
  type SendManyOptions,
  type SendRun,
  type SendSummary,
} from './delivery/sender-types.js';
export {
  DEFAULT_TIMEOUTS,
  type TimeoutOverrides,
  toTimeouts,
  vonageTimeouts,
  type WebhookTimeouts,
} from './delivery/timeouts.js';
export {
  type RequestParts,
  type ToRequestOptions,
  toRequest,
  toRequestParts,
  type WebhookEvent,
} from './delivery/to-request.js';
export {
  type AccountSmsSettings,
  type ApplicationWebhook,
  type ApplicationWebhooks,
  type ClockMode,
  type CreateScenario,
  clockModes,
  createFakeVonage,
  DEFAULT_RECORD_LIMIT,
  type DeliverWebhook,
  type DeliveryMatcher,
  type DeliveryState,
  type EndUserRole,
  type EndUserScript,
  type EndUserStep,
  endUserRoles,
  type FakeApi,
  type FakeCredential,
  type FakeVonage,
  type FakeVonageOptions,
  fakeApis,
  fakeVonageHosts,
  formatEndUserStep,
  type Lifecycle,
  type OutcomeRule,
  type OutgoingWebhook,
  outcomeTimes,
  parseEndUserScript,
  type RecordedDelivery,
  type RecordedRequest,
  type SettledOptions,
  type SmsWebhookFormat,
  smsWebhookFormats,
  type TranscriptEntry,
  toConventionalWebhooks,
  toTranscriptText,
  type VonageApplication,
  type WaitForOptions,
  type WebhookEndpoint,
  type WebhookMethod,
  type WebhookSettings,
  type WebhookUrlSetting,
  webhookUrlSettings,
} from './fake-vonage/index.js';
export type {
  InboundMessageParams,
  InboundSmsParams,
  IncomingCallParams,
} from './fake-vonage/push-overrides.js';
export * from './fixtures/index.js';
export {
  createListener,
  type Listener,
  type ListenerOptions,
  type ReceivedWebhook,
} from './listen/create-listener.js';
export { type EventShape, type Identification, identifyEvent } from './listen/identify-event.js';
export {
  formatNccoIssues,
  type NccoActionName,
  type NccoEndpointType,
  type NccoIssue,
  type NccoResponse,
  type NccoResponseResult,
  type NccoValidationResult,
  nccoActions,
  nccoEndpointTypes,
  nccoSchema,
  type ParseNccoResponseOptions,
  parseNccoResponse,
  type ValidateNccoOptions,
  validateNcco,
} from './ncco/index.js';
export {
  fakeVonageUrlVariable,
  originalHostHeader,
  originalSchemeHeader,
  type VonageRouteTarget,
} from './register/route-target.js';
export { routeVonageTo } from './register/route-vonage-to.js';
export { isVonageHost, knownVonageHosts, vonageDomains } from './register/vonage-hosts.js';
export { configSchema } from './schemas/config.js';
export { getSchema, type JsonSchema, toSchemaId, toSchemaKey } from './schemas/index.js';
export { toApplicationWebhooks } from './serve/application-webhooks.js';
export {
  createFakeVonageServer,
  type FakeVonageServer,
  type FakeVonageServerOptions,
} from './serve/create-fake-vonage-server.js';
export type { ApiLogEntry, ServeLogEntry, WebhookLogEntry } from './serve/serve-log.js';
export { constantTimeEqual } from './signing/constant-time.js';
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
export {
  computeSmsSignature,
  isSmsSignatureMethod,
  type SignSmsOptions,
  type SmsSignatureMethod,
  signSmsParams,
  smsSignatureMethods,
  toSmsSignatureBase,
  type VerifyResult,
  type VerifySmsSignatureOptions,
  verifySmsSignature,
} from './signing/sms-signature.js';
