// `vonage-webhook-simulator/advanced` (Node): the building blocks under the main API, for those who
// build their own tooling on them. Everything here was public before issue 10 trimmed the root
// entry; nothing was removed. Its runtime-neutral part is `vonage-webhook-simulator/fixtures/advanced`.
// Grouped by topic as msw's barrel is; biome.json leaves the entry barrels unsorted for that
// (decision 110).

// The runtime-neutral part: the catalog's value lists and one builder per lifecycle scenario.
export * from './fixtures/advanced.js';

// Signing internals: the string an SMS signature is computed over, and the one constant-time compare.
export { isSmsSignatureMethod, toSmsSignatureBase } from './signing/sms-signature.js';
export { constantTimeEqual } from './signing/constant-time.js';

// Delivery internals: retry schedules, timeouts, outcomes, latency and report rows.
export {
  type AttemptPhase,
  type Backoff,
  isRetryable,
  retryPolicies,
  retryPolicyNames,
  type ScheduledAttempt,
  type ScheduleOptions,
  type StatusRange,
  scheduleAttempts,
  toBackoffDelay,
  toRetryPolicy,
} from './delivery/retry.js';
export { retryModes } from './delivery/sender-types.js';
export { DEFAULT_TIMEOUTS, toTimeouts, vonageTimeouts } from './delivery/timeouts.js';
export { deliveryOutcomes, toOutcome } from './delivery/delivery-result.js';
export { deliveryErrorCodes } from './delivery/delivery-error-codes.js';
export { createLatencyHistogram, type LatencyHistogram, type LatencySummary } from './delivery/latency.js';
export { type ReportAttempt, type ReportEntry, toReportEntry } from './delivery/report.js';

// NCCO tables: the action names and the endpoint types of `connect`.
export { nccoActions, nccoEndpointTypes } from './ncco/index.js';

// Schema keys: the `<event>[@<version>]` key and `$id` of an event's schema.
export { toSchemaId, toSchemaKey } from './schemas/index.js';

// The fake Vonage's tables: its APIs and hosts, settings, modes, roles and limits.
export {
  clockModes,
  DEFAULT_RECORD_LIMIT,
  endUserRoles,
  fakeApis,
  fakeVonageHosts,
  formatEndUserStep,
  outcomeTimes,
  smsWebhookFormats,
  toConventionalWebhooks,
  webhookUrlSettings,
} from './fake-vonage/index.js';
export { toApplicationWebhooks } from './serve/application-webhooks.js';

// The preload's routing: Vonage's hosts and the headers that carry the original request's host.
export { fakeVonageUrlVariable } from './register/route-target.js';
export {
  isVonageHost,
  knownVonageHosts,
  originalHostHeader,
  originalSchemeHeader,
  vonageDomains,
} from './fake-vonage/api/vonage-hosts.js';
