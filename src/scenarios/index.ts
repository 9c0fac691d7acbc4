// Lifecycle scenarios: runtime-neutral (faker only, no `node:` imports). The `./fixtures` entry and the
// root take `createScenario` and its types from here; `./advanced` takes the rest.
export { type ChaosMark, chaosMarks, duplicateDelayMaxMs, lateReceiptTargets } from './chaos.js';
export {
  createScenario,
  isScenarioName,
  type ScenarioName,
  type ScenarioParamsMap,
  scenarioNames,
} from './create-scenario.js';
export { createMessagesSendScenario } from './messages-send.js';
export {
  type MessagesSendOutcome,
  type MessagesSendParams,
  messagesSendOutcomes,
} from './messages-send-types.js';
export {
  createNumberInsightAdvancedAsyncScenario,
  type NumberInsightAdvancedAsyncParams,
  type NumberInsightVariant,
  numberInsightVariants,
} from './number-insight-advanced-async.js';
export {
  createSmsInboundConcatenatedScenario,
  type SmsInboundConcatenatedParams,
} from './sms-inbound-concatenated.js';
export { createSmsSendScenario, type SmsSendParams } from './sms-send.js';
export {
  type ChaosOptions,
  type Scenario,
  type ScenarioOptions,
  type ScheduledWebhook,
  type WebhookTarget,
  webhookTargets,
} from './types.js';
export {
  createVerifyV2Scenario,
  type VerifyV2Outcome,
  type VerifyV2Params,
  verifyV2Outcomes,
} from './verify-v2.js';
export { type VoiceInputType, type VoiceLegParams, type VoiceStep, voiceInputTypes } from './voice-call.js';
export { createVoiceInboundScenario, type VoiceInboundParams } from './voice-inbound.js';
export {
  createVoiceOutboundScenario,
  type VoiceOutboundOutcome,
  type VoiceOutboundParams,
  voiceOutboundOutcomes,
} from './voice-outbound.js';
