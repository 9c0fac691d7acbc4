import { toPhoneNumber } from '../../scenarios/phone-of.js';
import { createScenarioFaker } from '../../scenarios/scenario-random.js';
import { toMessagesVersion } from '../account/application.js';
import { type EndUserScript, parseEndUserScript } from '../engine/end-user-script.js';
import type { VoiceCallRequest } from '../engine/voice/voice-call-plan.js';
import type { Lifecycle } from '../types.js';
import { toInboundMessageParams, toInboundSmsParams, toIncomingCallParams } from './inbound-lifecycles.js';
import type { LifecycleRunner } from './lifecycle-runner.js';
import type { IncomingCallParams } from './push-overrides.js';
import { startLifecycle } from './start-lifecycle.js';
import { applicationOf } from './webhook-routing.js';

/** Starts an inbound lifecycle as the account's: its API key and application. */
function push(runner: LifecycleRunner, scenario: string, params: Record<string, unknown>): Lifecycle {
  const { config } = runner;
  return startLifecycle(
    runner,
    {
      scenario,
      params,
      routes: {},
      apiKey: config.accountApiKey,
      ...(config.applicationId === undefined ? {} : { applicationId: config.applicationId }),
    },
    runner.generation,
  ).lifecycle;
}

/** `FakeVonage.pushInboundSms`: see there. */
export function pushInboundSms(runner: LifecycleRunner, params: unknown = {}): Lifecycle {
  // Checked before the lifecycle starts: a wrong param or override throws here, and starts nothing.
  return push(runner, 'sms.inbound', { apiKey: runner.config.accountApiKey, ...toInboundSmsParams(params) });
}

/** `FakeVonage.pushIncomingCall`: see there. */
export function pushIncomingCall(runner: LifecycleRunner, params: IncomingCallParams = {}): Lifecycle {
  const { config } = runner;
  const owner = runner.generation;
  const { caller, ...rest } = params as IncomingCallParams & { readonly caller?: unknown };
  // Checked before the call starts: a wrong param, override or caller step throws here.
  const person = caller === undefined ? undefined : parseEndUserScript(caller as EndUserScript, 'caller');
  const checked = toIncomingCallParams(rest);
  // The numbers are checked now, as the call would check them when it starts.
  for (const key of ['from', 'to'] as const) {
    const value = checked[key];
    if (typeof value === 'string')
      toPhoneNumber(createScenarioFaker(0, 'check'), value.replace(/^\+/, ''), key);
  }
  const overrides = checked.overrides as Record<string, unknown> | undefined;
  const call: VoiceCallRequest = {
    direction: 'inbound',
    uuid: typeof checked.uuid === 'string' ? checked.uuid : owner.ids.uuid(),
    conversationUuid:
      typeof checked.conversationUuid === 'string' ? checked.conversationUuid : owner.ids.conversationUuid(),
    ...(typeof checked.from === 'string' ? { from: checked.from.replace(/^\+/, '') } : {}),
    ...(typeof checked.to === 'string' ? { to: checked.to.replace(/^\+/, '') } : {}),
    answer: null,
    ...(person === undefined ? {} : { person }),
    ...(overrides === undefined ? {} : { answerOverrides: overrides }),
  };
  return startLifecycle(
    runner,
    {
      scenario: 'voice.inbound',
      params: {},
      routes: {},
      apiKey: config.accountApiKey,
      ...(config.applicationId === undefined ? {} : { applicationId: config.applicationId }),
      call,
    },
    owner,
  ).lifecycle;
}

/** `FakeVonage.pushInboundMessage`: see there. */
export function pushInboundMessage(
  runner: LifecycleRunner,
  channel: unknown,
  params: object = {},
): Lifecycle {
  const { config, generation } = runner;
  // The shape is known before the lifecycle starts, so the overrides are checked against it: the
  // push's own, else the application's (capabilities.messages.version), else scenario.params'.
  const asked = (params as { readonly webhookVersion?: unknown }).webhookVersion;
  const application = applicationOf(config.applicationId, generation.state);
  const webhookVersion =
    asked ??
    (toMessagesVersion(application) === 'v0.1'
      ? 'v0.1'
      : config.scenarioParams['messages.inbound']?.webhookVersion);
  const checked = toInboundMessageParams(
    channel,
    webhookVersion === undefined ? params : { ...params, webhookVersion },
  );
  return push(runner, 'messages.inbound', { messageUuid: generation.ids.uuid(), ...checked });
}
