import { VwsError } from '../../errors.js';
import type { PlannedScenario } from '../../scenarios/types.js';
import { createUuidStream } from '../account/id-source.js';
import type { EngineContext, TranscriptEntry } from '../engine/conversation.js';
import { runVoiceCall } from '../engine/voice/run-voice-call.js';
import type { Lifecycle } from '../types.js';
import { toCallPlan } from './call-plan.js';
import { createHost } from './conversation-host.js';
import { scriptOf } from './end-users.js';
import { type Generation, keep, type LifecycleRunner, type Mutable, track } from './lifecycle-runner.js';
import type { LifecycleStart } from './lifecycle-start.js';
import { startPlanned } from './planned-lifecycle.js';

/** Starts a reactive conversation (a call, a verification) on the engine (docs/decisions/107). */
function startConversation(
  runner: LifecycleRunner,
  start: LifecycleStart,
  owner: Generation,
  ids: Lifecycle['ids'],
  run: (engine: EngineContext) => Promise<void>,
): Lifecycle {
  const { config } = runner;
  const index = runner.nextLifecycleIndex++;
  const lifecycleSeed = owner.ids.lifecycleSeed();
  const transcript: TranscriptEntry[] = [];
  const lifecycle: Mutable<Lifecycle> = {
    index,
    scenario: start.scenario,
    ids,
    done: Promise.resolve(),
    error: null,
    transcript,
  };
  const runId = runner.nextRunId++;
  const host = createHost(runner, { index, runId, lifecycleSeed, start, owner, transcript });
  const engine: EngineContext = {
    host,
    state: owner.state,
    newUuid: createUuidStream(lifecycleSeed, 0x6c6567),
    scriptFor: (number, role) => scriptOf(config.endUsers, number, role),
    applicationId: start.applicationId ?? config.applicationId ?? owner.state.defaultApplicationId,
    params: {
      ...(config.scenarioParams[start.scenario] ?? {}),
      ...(start.call === undefined ? runner.outcomes.take(start.scenario, start.to ?? start.params.to) : {}),
    },
  };
  lifecycle.done = track(
    runner,
    runner.clock.spawn(
      `${start.scenario} #${index}`,
      () => run(engine),
      (cause) => {
        lifecycle.error ??= new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `The ${start.scenario} lifecycle (#${index}) failed: ${(cause as Error).message}`,
          { cause },
        );
      },
    ),
    runId,
  );
  keep(runner, runner.lifecycles, lifecycle);
  return lifecycle;
}

/**
 * Starts the lifecycle an API call or a push asks for: a call or another conversation on the engine
 * (docs/decisions/107), else a planned lifecycle.
 */
export function startLifecycle(
  runner: LifecycleRunner,
  start: LifecycleStart,
  owner: Generation,
): { lifecycle: Lifecycle; scenario: PlannedScenario | null } {
  if (start.call !== undefined) {
    const call = start.call;
    return {
      lifecycle: startConversation(
        runner,
        start,
        owner,
        { uuid: call.uuid, conversation_uuid: call.conversationUuid },
        (engine) => runVoiceCall(engine, toCallPlan(runner, start, call, owner)),
      ),
      scenario: null,
    };
  }
  if (start.conversation !== undefined) {
    return {
      lifecycle: startConversation(runner, start, owner, start.ids ?? {}, start.conversation),
      scenario: null,
    };
  }
  return startPlanned(runner, start, owner);
}
