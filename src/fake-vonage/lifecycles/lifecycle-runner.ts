import { createSender } from '../../delivery/create-sender.js';
import type { Sender } from '../../delivery/sender-types.js';
import type { WebhookTimeouts } from '../../delivery/timeouts.js';
import type { ResponseContract, TransportFormat } from '../../fixtures/shared/define-event.js';
import { createIdSource, type IdSource } from '../account/id-source.js';
import { createFakeState, type FakeState } from '../account/state.js';
import { createVirtualClock, type VirtualClock } from '../engine/clock.js';
import type { FakeVonageConfig } from '../fake-vonage-config.js';
import type { DeliverWebhook, DeliveryRecord, Lifecycle, RecordedRequest } from '../types.js';
import { toDeliverOptions } from './deliver-options.js';
import { createOutcomeScript, type OutcomeScript } from './outcome-script.js';

/** `T` with its `readonly` dropped: the records the runner fills in as a lifecycle goes. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A recorded webhook as the runner keeps it, with what delivering it needs. */
export type DeliveryEntry = Mutable<DeliveryRecord> & {
  format: TransportFormat;
  fallbackUrl?: string;
  timeout?: Partial<WebhookTimeouts>;
  /** Not sent on purpose (the request asked for none): never a failure for `settled({ strict })`. */
  skipped: boolean;
  response?: ResponseContract;
};

/** Where the fake's lifecycle seeds and signature ids come from, per generation (`reset` starts anew). */
export interface Generation {
  readonly number: number;
  readonly ids: IdSource;
  readonly state: FakeState;
}

/** A promise with its resolver. */
export interface Deferred {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
}

/**
 * What runs the fake's lifecycles and keeps their records: the clock and its timers, the generation
 * of ids and state, the records (`requests`, `deliveries`, `lifecycles`, bounded by `recordLimit`),
 * what is still running, and the sender. One per fake; every module of the fake takes it explicitly.
 */
export interface LifecycleRunner {
  readonly config: FakeVonageConfig;
  readonly clock: VirtualClock;
  readonly outcomes: OutcomeScript;
  /** Sends one webhook: the `deliver` option, else the fake's own sender. */
  readonly deliver: DeliverWebhook;
  /** The default sender, created on the first webhook and closed by `close()`. */
  sender: Sender | undefined;
  generation: Generation;
  closed: boolean;
  readonly requests: RecordedRequest[];
  readonly deliveries: DeliveryEntry[];
  readonly lifecycles: Lifecycle[];
  /** Lifecycles still delivering (kept apart from `lifecycles`, which drops its oldest past the limit). */
  readonly running: Map<number, Promise<void>>;
  /** Conversations waiting on the app with no end of their own (timeScale 0): settled does not wait for them. */
  readonly parked: Set<number>;
  parkChanged: Deferred;
  /** Entries scheduled and not finished, for cancelling even after they left `deliveries`. */
  readonly unfinished: Set<DeliveryEntry>;
  /** Called whenever a webhook finishes (sent, not sent or cancelled): `waitFor` listens here. */
  readonly finishedListeners: Set<(entry: DeliveryEntry) => void>;
  nextLifecycleIndex: number;
  /** Keys of `running` and `parked`: unlike lifecycle indexes, never reused after `reset()`. */
  nextRunId: number;
  /** Webhooks sent by conversations, for their transcripts' numbers. */
  deliveryCount: number;
}

/** A promise with its resolver. */
export function createDeferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

function createGeneration(config: FakeVonageConfig, number: number): Generation {
  return {
    number,
    ids: createIdSource(config.seed),
    state: createFakeState({
      balance: config.balance,
      applications: [config.webhooks.application],
      defaultApplicationId: config.webhooks.application.id,
      account: config.webhooks.account,
    }),
  };
}

/** Creates the runner of a fake with the given settings: empty records, generation 0, a new clock. */
export function createLifecycleRunner(config: FakeVonageConfig): LifecycleRunner {
  const runner: LifecycleRunner = {
    config,
    deliver:
      config.deliver ??
      ((parts, webhook) => {
        runner.sender ??= createSender({
          // A manual clock's retries run at once: virtual time does not pass during a delivery.
          timeScale: config.clock === 'manual' ? 0 : config.timeScale,
          retries: config.retries,
          apiKey: config.accountApiKey,
          ...(config.signatureSecret === undefined ? {} : { signatureSecret: config.signatureSecret }),
          ...(config.applicationId === undefined ? {} : { applicationId: config.applicationId }),
        });
        return runner.sender.deliver(parts, undefined, toDeliverOptions(webhook));
      }),
    sender: undefined,
    generation: createGeneration(config, 0),
    closed: false,
    requests: [],
    deliveries: [],
    lifecycles: [],
    running: new Map(),
    parked: new Set(),
    parkChanged: createDeferred(),
    unfinished: new Set(),
    finishedListeners: new Set(),
    outcomes: createOutcomeScript(),
    nextLifecycleIndex: 0,
    nextRunId: 0,
    deliveryCount: 0,
    clock: createVirtualClock({ mode: config.clock, timeScale: config.timeScale }),
  };
  return runner;
}

/** Adds to a record, dropping its oldest past `recordLimit`. */
export function keep<T>(runner: LifecycleRunner, list: T[], ...items: T[]): void {
  list.push(...items);
  if (list.length > runner.config.recordLimit) list.splice(0, list.length - runner.config.recordLimit);
}

/** Marks a webhook finished (sent, not sent or cancelled) and tells `waitFor`. */
export function finishDelivery(runner: LifecycleRunner, entry: DeliveryEntry): void {
  runner.unfinished.delete(entry);
  for (const listener of runner.finishedListeners) listener(entry);
}

/** Whether a lifecycle of `owner`'s generation must stop: the fake was reset or closed since. */
export function isCancelled(runner: LifecycleRunner, owner: Generation): boolean {
  return owner !== runner.generation || runner.closed;
}

/** Ends every sleep and cancels every webhook still pending (reset, close). */
export function cancelAll(runner: LifecycleRunner): void {
  runner.clock.cancelAll();
  for (const entry of [...runner.unfinished]) {
    if (entry.state === 'pending') entry.state = 'cancelled';
    finishDelivery(runner, entry);
  }
}

/** Counts a lifecycle as running until it ends (for `settled`). */
export function track(runner: LifecycleRunner, done: Promise<void>, runId: number): Promise<void> {
  runner.running.set(runId, done);
  void done.then(() => {
    runner.running.delete(runId);
    runner.parked.delete(runId);
  });
  return done;
}

/** Marks a conversation waiting on the app with no end of its own, and tells `settled`. */
export function setParked(runner: LifecycleRunner, runId: number, isParked: boolean): void {
  if (isParked) runner.parked.add(runId);
  else runner.parked.delete(runId);
  const { resolve } = runner.parkChanged;
  runner.parkChanged = createDeferred();
  resolve();
}

/** `reset()`: cancels what is pending and forgets everything, starting a new generation. */
export function resetRunner(runner: LifecycleRunner): void {
  cancelAll(runner);
  runner.generation = createGeneration(runner.config, runner.generation.number + 1);
  runner.requests.length = 0;
  runner.deliveries.length = 0;
  runner.lifecycles.length = 0;
  runner.outcomes.clear();
  runner.nextLifecycleIndex = 0;
}

/** `close()`: cancels what is pending and closes the default sender. */
export async function closeRunner(runner: LifecycleRunner): Promise<void> {
  runner.closed = true;
  cancelAll(runner);
  const own = runner.sender;
  runner.sender = undefined;
  // Aborts what is in flight: an app that never answers must not hold close() for its timeout.
  await own?.close({ abort: true });
}
