import { VwsError } from '../../errors.js';
import { toPlannedScenario } from '../../scenarios/scenario-context.js';
import type { PlannedScenario } from '../../scenarios/types.js';
import { toMessagesVersion } from '../account/application.js';
import { createUuidStream } from '../account/id-source.js';
import type { EndUserStep } from '../engine/end-user-script.js';
import { toEpochAt } from '../fake-vonage-config.js';
import type { DeliveryState, Lifecycle } from '../types.js';
import { scriptOf } from './end-users.js';
import {
  type DeliveryEntry,
  type Generation,
  isCancelled,
  keep,
  type LifecycleRunner,
  type Mutable,
  track,
} from './lifecycle-runner.js';
import type { LifecycleStart } from './lifecycle-start.js';
import { deliverEntry } from './webhook-delivery.js';
import { applicationOf, routeOf } from './webhook-routing.js';

/** A Messages send's `recipient` param: the script of the number it goes to, when `endUsers` has one. */
function recipientOf(runner: LifecycleRunner, start: LifecycleStart): { recipient?: readonly EndUserStep[] } {
  if (start.scenario !== 'messages.send' || start.params.recipient !== undefined) return {};
  const to = start.to ?? start.params.to;
  const recipient = typeof to === 'string' ? scriptOf(runner.config.endUsers, to, 'chat') : undefined;
  return recipient === undefined ? {} : { recipient };
}

/** Generates a planned lifecycle's webhooks, or the error that kept it from being generated. */
function generateScenario(
  runner: LifecycleRunner,
  start: LifecycleStart,
  index: number,
  lifecycleSeed: number,
  owner: Generation,
): { scenario: PlannedScenario | null; error: Error | null } {
  const { config } = runner;
  const { createScenario } = config;
  const extra = config.scenarioParams[start.scenario] ?? {};
  const application = applicationOf(start.applicationId, owner.state);
  // The application's Messages version sets the shape of statuses and inbound messages.
  const version =
    (start.scenario === 'messages.send' || start.scenario === 'messages.inbound') &&
    start.params.webhookVersion === undefined &&
    toMessagesVersion(application) === 'v0.1'
      ? { webhookVersion: 'v0.1' }
      : {};
  try {
    const scenario = createScenario(start.scenario, {
      seed: lifecycleSeed,
      refDate: toEpochAt(config, runner.clock.now()),
      params: {
        ...extra,
        ...version,
        ...start.params,
        ...runner.outcomes.take(start.scenario, start.to ?? start.params.to),
        // The recipient's script (endUsers) adds reads and replies to a send (docs/decisions/107).
        ...recipientOf(runner, start),
      },
      ...(config.chaos === undefined ? {} : { chaos: config.chaos }),
    });
    return { scenario: toPlannedScenario(scenario), error: null };
  } catch (cause) {
    return {
      scenario: null,
      error: new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `The ${start.scenario} lifecycle (#${index}) could not be generated: ${(cause as Error).message}`,
        { cause },
      ),
    };
  }
}

/** The records of a planned lifecycle's webhooks, each routed to its URL (or noted as not sent). */
function toPlannedEntries(
  runner: LifecycleRunner,
  start: LifecycleStart,
  index: number,
  scenario: PlannedScenario | null,
  owner: Generation,
): DeliveryEntry[] {
  const { smsFormat } = runner.config;
  const fallbackRoute = routeOf('voice-fallback', start, owner.state, smsFormat);
  const fallback = 'url' in fallbackRoute ? fallbackRoute.url : undefined;
  return (scenario?.webhooks ?? []).map((webhook) => {
    const route = routeOf(webhook.target, start, owner.state, smsFormat);
    const state: DeliveryState = 'url' in route ? 'pending' : 'not_sent';
    return {
      lifecycle: index,
      scenario: start.scenario,
      event: webhook.event,
      target: webhook.target,
      url: 'url' in route ? route.url : null,
      format: 'url' in route ? route.format : 'json',
      payload: webhook.payload,
      atMs: webhook.atMs,
      ...(webhook.chaos === undefined ? {} : { chaos: webhook.chaos }),
      ...(webhook.version === undefined ? {} : { version: webhook.version }),
      state,
      request: null,
      result: null,
      reason: 'reason' in route ? route.reason : null,
      skipped: 'skipped' in route && route.skipped,
      ...('timeout' in route && route.timeout !== undefined ? { timeout: route.timeout } : {}),
      ...(fallback !== undefined && (webhook.target === 'voice-answer' || webhook.target === 'voice-event')
        ? { fallbackUrl: fallback }
        : {}),
    };
  });
}

/** A planned lifecycle (SMS, Messages, Number Insight): each webhook at its time on the clock. */
async function runPlanned(
  runner: LifecycleRunner,
  entries: readonly DeliveryEntry[],
  start: LifecycleStart,
  lifecycleSeed: number,
  owner: Generation,
  startAt: number,
): Promise<void> {
  const nonce = createUuidStream(lifecycleSeed, 0x6e6f6e63);
  for (const entry of entries) {
    // At least one turn of the clock: the app gets the API answer before the first webhook is built.
    await runner.clock.sleep(startAt + entry.atMs, `${start.scenario} lifecycle`).promise;
    if (isCancelled(runner, owner)) return;
    await deliverEntry(runner, entry, start, nonce, owner);
  }
}

/**
 * Starts a planned lifecycle: generates its webhooks from `src/scenarios` (or the `createScenario`
 * option), records them and runs them on the clock.
 */
export function startPlanned(
  runner: LifecycleRunner,
  start: LifecycleStart,
  owner: Generation,
): { lifecycle: Lifecycle; scenario: PlannedScenario | null } {
  const { clock } = runner;
  const index = runner.nextLifecycleIndex++;
  const lifecycleSeed = owner.ids.lifecycleSeed();
  const { scenario, error } = generateScenario(runner, start, index, lifecycleSeed, owner);
  const entries = toPlannedEntries(runner, start, index, scenario, owner);
  keep(runner, runner.deliveries, ...entries);
  for (const entry of entries) if (entry.state === 'pending') runner.unfinished.add(entry);
  const startAt = clock.now();
  const lifecycle: Mutable<Lifecycle> = {
    index,
    scenario: start.scenario,
    ids: scenario?.ids ?? {},
    done: Promise.resolve(),
    error,
    transcript: [],
  };
  lifecycle.done = track(
    runner,
    clock.spawn(
      `lifecycle #${index}`,
      () => runPlanned(runner, entries, start, lifecycleSeed, owner, startAt),
      (cause) => {
        lifecycle.error ??= cause as Error;
      },
    ),
    runner.nextRunId++,
  );
  keep(runner, runner.lifecycles, lifecycle);
  return { lifecycle, scenario };
}
