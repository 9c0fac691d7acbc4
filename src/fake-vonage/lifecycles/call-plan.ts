import { type EndUserStep, parseEndUserScript } from '../engine/end-user-script.js';
import type { VoiceCallPlan, VoiceCallRequest } from '../engine/voice/voice-call-plan.js';
import { scriptOf } from './end-users.js';
import type { Generation, LifecycleRunner } from './lifecycle-runner.js';
import type { LifecycleStart } from './lifecycle-start.js';
import { routeOf } from './webhook-routing.js';

/** The callee's first step for a scripted `voice.outbound` outcome (decision 106's outcomes on the engine). */
const calleeStepOfOutcome: Readonly<Record<string, string>> = {
  answered: 'answer',
  busy: 'busy',
  rejected: 'reject',
  failed: 'fail',
  machine: 'voicemail',
};

/** A call request completed with the account's settings: fallback URL, scripts, scripted outcomes. */
export function toCallPlan(
  runner: LifecycleRunner,
  start: LifecycleStart,
  call: VoiceCallRequest,
  owner: Generation,
): VoiceCallPlan {
  const { config } = runner;
  const fallback = routeOf('voice-fallback', start, owner.state, config.smsFormat);
  const fallbackRoute =
    'url' in fallback
      ? { url: fallback.url, method: fallback.format === 'query' ? ('GET' as const) : ('POST' as const) }
      : undefined;
  const configured = config.scenarioParams[start.scenario] ?? {};
  let person: readonly EndUserStep[];
  let ringOutcome: VoiceCallPlan['ringOutcome'];
  if (call.direction === 'outbound') {
    const scripted = runner.outcomes.take(start.scenario, call.to)?.outcome ?? configured.outcome;
    const outcomeStep = typeof scripted === 'string' ? calleeStepOfOutcome[scripted] : undefined;
    if (scripted === 'unanswered' || scripted === 'timeout' || scripted === 'cancelled')
      ringOutcome = scripted;
    person =
      call.person ??
      (outcomeStep === undefined ? undefined : parseEndUserScript(outcomeStep, 'callee')) ??
      scriptOf(config.endUsers, call.to, 'callee') ??
      [];
  } else {
    person = call.person ?? scriptOf(config.endUsers, call.from, 'caller') ?? [];
  }
  return {
    ...call,
    person,
    ...(fallbackRoute === undefined ? {} : { fallbackRoute }),
    ...(configured.completedAfterFailure === true ? { completedAfterFailure: true } : {}),
    ...(ringOutcome === undefined ? {} : { ringOutcome }),
  };
}
