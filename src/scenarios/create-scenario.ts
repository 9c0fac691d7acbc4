import { VwsError } from '../errors.js';
import { findClosest } from '../internal/closest.js';
import { createMessagesSendScenario } from './messages-send.js';
import type { MessagesSendParams } from './messages-send-types.js';
import {
  createNumberInsightAdvancedAsyncScenario,
  type NumberInsightAdvancedAsyncParams,
} from './number-insight-advanced-async.js';
import {
  createSmsInboundConcatenatedScenario,
  type SmsInboundConcatenatedParams,
} from './sms-inbound-concatenated.js';
import { createSmsSendScenario, type SmsSendParams } from './sms-send.js';
import type { Scenario, ScenarioOptions } from './types.js';
import { createVerifyV2Scenario, type VerifyV2Params } from './verify-v2.js';
import { createVoiceInboundScenario, type VoiceInboundParams } from './voice-inbound.js';
import { createVoiceOutboundScenario, type VoiceOutboundParams } from './voice-outbound.js';

/** Every lifecycle the scenarios know: the API call (or inbound traffic) that starts it. */
export const scenarioNames = [
  'voice.outbound',
  'voice.inbound',
  'sms.send',
  'sms.inbound.concatenated',
  'messages.send',
  'number_insight.advanced_async',
  'verify.v2',
] as const;
/** One of {@link scenarioNames}. */
export type ScenarioName = (typeof scenarioNames)[number];

/** Maps every scenario name to its parameters. */
export interface ScenarioParamsMap {
  'voice.outbound': VoiceOutboundParams;
  'voice.inbound': VoiceInboundParams;
  'sms.send': SmsSendParams;
  'sms.inbound.concatenated': SmsInboundConcatenatedParams;
  'messages.send': MessagesSendParams;
  'number_insight.advanced_async': NumberInsightAdvancedAsyncParams;
  'verify.v2': VerifyV2Params;
}

/** Lists every key of `T` exactly: a missing or unknown key does not compile. */
const keysOf =
  <T>() =>
  <const TKeys extends readonly (keyof T)[]>(
    ...keys: TKeys & ([Exclude<keyof T, TKeys[number]>] extends [never] ? unknown : never)
  ): readonly string[] =>
    keys as readonly string[];

const legKeys = ['to', 'from', 'uuid', 'conversationUuid', 'steps', 'disconnectedBy'] as const;

/**
 * The params each scenario takes, by name, so that a misspelt param (`stauts`) can be refused
 * rather than ignored. Checked against {@link ScenarioParamsMap} when compiling.
 */
export const scenarioParamNames: { readonly [K in ScenarioName]: readonly string[] } = {
  'voice.outbound': keysOf<VoiceOutboundParams>()(
    ...legKeys,
    'outcome',
    'machineDetection',
    'completedAfterFailure',
  ),
  'voice.inbound': keysOf<VoiceInboundParams>()(...legKeys),
  'sms.send': keysOf<SmsSendParams>()('to', 'from', 'text', 'clientRef', 'messageIds', 'status', 'apiKey'),
  'sms.inbound.concatenated': keysOf<SmsInboundConcatenatedParams>()(
    'to',
    'from',
    'text',
    'concatRef',
    'messageIds',
    'apiKey',
  ),
  'messages.send': keysOf<MessagesSendParams>()(
    'channel',
    'to',
    'from',
    'messageUuid',
    'clientRef',
    'outcome',
    'text',
    'webhookVersion',
    'recipient',
  ),
  'number_insight.advanced_async': keysOf<NumberInsightAdvancedAsyncParams>()(
    'number',
    'requestId',
    'variant',
  ),
  'verify.v2': keysOf<VerifyV2Params>()(
    'requestId',
    'workflow',
    'outcome',
    'decisiveStep',
    'channelTimeout',
    'clientRef',
  ),
};

const factories: {
  readonly [K in ScenarioName]: (options: ScenarioOptions<ScenarioParamsMap[K]>) => Scenario;
} = {
  'voice.outbound': createVoiceOutboundScenario,
  'voice.inbound': createVoiceInboundScenario,
  'sms.send': createSmsSendScenario,
  'sms.inbound.concatenated': createSmsInboundConcatenatedScenario,
  'messages.send': createMessagesSendScenario,
  'number_insight.advanced_async': createNumberInsightAdvancedAsyncScenario,
  'verify.v2': createVerifyV2Scenario,
};

/**
 * Tells whether a string is a scenario name.
 *
 * @example
 * ```ts
 * import { isScenarioName } from 'vonage-webhook-simulator';
 * isScenarioName('sms.send'); // true
 * ```
 */
export function isScenarioName(value: string): value is ScenarioName {
  return (scenarioNames as readonly string[]).includes(value);
}

/**
 * Generates a lifecycle by name: the ordered, correlated webhooks one API call makes Vonage send.
 * The same options give byte-identical webhooks. Throws `VWS_ERR_INVALID_OPTION` for an unknown name
 * or invalid params, naming the valid choices.
 *
 * @example
 * ```ts
 * import { createScenario } from 'vonage-webhook-simulator';
 * const call = createScenario('voice.outbound', { seed: 42, params: { outcome: 'busy' } });
 * call.webhooks.map((webhook) => webhook.event); // ['voice.event.started', 'voice.event.ringing', 'voice.event.busy']
 * ```
 */
export function createScenario<TName extends ScenarioName>(
  name: TName,
  options: ScenarioOptions<ScenarioParamsMap[TName]> = {},
): Scenario {
  if (!isScenarioName(name)) {
    const suggestions = findClosest(String(name), scenarioNames);
    const hint =
      suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Unknown scenario "${String(name)}".${hint} Use one of ${scenarioNames.map((s) => `"${s}"`).join(', ')}.`,
    );
  }
  const factory = factories[name] as (options: ScenarioOptions<ScenarioParamsMap[TName]>) => Scenario;
  return factory(options);
}
