import { VwsError } from '../../errors.js';
import { listEvents } from '../../fixtures/catalog.js';
import { findClosest } from '../../internal/closest.js';
import type {
  DeliveryMatcher,
  DeliveryRecord,
  RecordedDelivery,
  SettledOptions,
  WaitForOptions,
} from '../types.js';
import type { DeliveryEntry, LifecycleRunner } from './lifecycle-runner.js';

// The fake's timers are its clock's, taken when the module loads (docs/decisions/106, 107).
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/** Checks a `timeoutMs` option; default 30 s. */
function checkTimeout(value: number | undefined): number {
  const timeoutMs = value ?? 30_000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs >= 0)) {
    throw invalid(`Invalid timeoutMs ${String(timeoutMs)}: use a number of milliseconds such as 30000.`);
  }
  return timeoutMs;
}

/** `waitFor`'s matcher: an event name or family prefix, or a predicate. */
function toMatcher(match: DeliveryMatcher): (entry: DeliveryRecord) => boolean {
  // The predicate sees each record as its typed delivery (`toRecordedDelivery`).
  if (typeof match === 'function') return match as unknown as (entry: DeliveryRecord) => boolean;
  if (typeof match !== 'string' || match === '') {
    throw invalid('Invalid waitFor match: give an event name such as "sms.delivery_receipt" or a predicate.');
  }
  const known = listEvents().map((entry) => entry.name);
  if (!known.some((name) => name === match || name.startsWith(`${match}.`))) {
    // Every event and family name (`messages`, `messages.status`, `messages.status.read`...).
    const names = [
      ...new Set(
        known.flatMap((name) =>
          name.split('.').map((_, index, parts) => parts.slice(0, index + 1).join('.')),
        ),
      ),
    ];
    const hint = findClosest(match, names);
    throw invalid(
      `Unknown event "${match}" for waitFor.${hint.length > 0 ? ` Did you mean "${hint[0]}"?` : ''} Run "vws list" to see all events; a family such as "messages.status" matches each of its events.`,
    );
  }
  return (entry) => entry.event === match || entry.event.startsWith(`${match}.`);
}

/** One line naming a webhook the app did not accept, and why. */
function describeFailure(entry: DeliveryRecord): string {
  const name = `${entry.event} (lifecycle #${entry.lifecycle})`;
  if (entry.state === 'not_sent') return `${name} not sent: ${entry.reason ?? 'no reason given'}`;
  const why = entry.result?.error?.message;
  return `${name}: ${why ?? `${entry.result?.outcome ?? 'no result'} from ${entry.url ?? entry.target}`}`;
}

/** `settled()`'s time-out: the webhooks still pending, or the conversations still going when none is due. */
function toSettleTimeout(runner: LifecycleRunner, timeoutMs: number): VwsError {
  const pending = [...runner.unfinished].filter((entry) => entry.state === 'pending');
  const listed = pending
    .slice(0, 5)
    .map(
      (entry) =>
        `${entry.event} to ${entry.url ?? entry.target} (lifecycle #${entry.lifecycle} ${entry.scenario}, due at ${entry.atMs} ms)`,
    );
  const more = pending.length > 5 ? `, and ${pending.length - 5} more` : '';
  if (pending.length === 0) {
    // No webhook is due: a call or verification is still going (a long NCCO, a menu that
    // repeats until the caller hangs up).
    const going = [...runner.running.keys()].filter((runId) => !runner.parked.has(runId)).length;
    return new VwsError(
      'VWS_ERR_SETTLE_TIMEOUT',
      `settled() gave up after ${timeoutMs} ms with ${going} call(s) or conversation(s) still going and no webhook due yet (a long flow, or one that repeats until the caller hangs up: give the caller a "hang up" step). Raise timeoutMs, lower timeScale, or use clock: 'manual' with advance(ms).`,
    );
  }
  return new VwsError(
    'VWS_ERR_SETTLE_TIMEOUT',
    `settled() gave up after ${timeoutMs} ms with ${pending.length} webhook(s) pending: ${listed.join('; ')}${more}. Raise timeoutMs or lower timeScale (0 delivers at once).`,
  );
}

/** `settled({ strict: true })`: rejects naming each webhook the app did not accept. */
function checkAccepted(runner: LifecycleRunner): void {
  const rejected = runner.deliveries.filter(
    (entry) =>
      (entry.state === 'sent' && entry.result?.ok === false) ||
      (entry.state === 'not_sent' && !entry.skipped),
  );
  if (rejected.length > 0) {
    const listed = rejected.slice(0, 10).map(describeFailure);
    const more = rejected.length > 10 ? ` And ${rejected.length - 10} more.` : '';
    throw new VwsError(
      'VWS_ERR_SETTLE_FAILED',
      `settled({ strict: true }): ${rejected.length} webhook(s) not accepted: ${listed.join(' ')}${more}`,
    );
  }
}

/** Waits until no lifecycle runs (or the time-out), running a manual clock until idle first. */
async function waitUntilIdle(runner: LifecycleRunner, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = realSetTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    // A manual clock moves only when told: settling runs it until nothing is left to do.
    if (runner.clock.mode === 'manual') await Promise.race([runner.clock.runUntilIdle(), timeout]);
    // Webhook handlers may call the API again and start more lifecycles: wait until none runs
    // (a verification waiting for its code check at timeScale 0 does not count).
    for (;;) {
      const active = [...runner.running]
        .filter(([runId]) => !runner.parked.has(runId))
        .map(([, done]) => done);
      if (active.length === 0) break;
      const outcome = await Promise.race([Promise.all(active), runner.parkChanged.promise, timeout]);
      if (outcome === 'timeout') throw toSettleTimeout(runner, timeoutMs);
    }
  } finally {
    realClearTimeout(timer);
  }
}

/** How many recorded webhooks were sent, and how many were not: for want of a URL, or on purpose. */
export interface DeliveryCounts {
  /** Sent: delivered or attempted, whatever the app answered. */
  readonly sent: number;
  /** Not sent for want of a URL, or because they could not be built (`settled({ strict })` fails on them). */
  readonly notSent: number;
  /** Not sent on purpose: the request asked for none (never a failure). */
  readonly skipped: number;
}

/** Counts recorded webhooks by what happened to them (`GET /_vws/settled`, issue 11). */
export function countDeliveries(deliveries: readonly Pick<DeliveryRecord, 'state'>[]): DeliveryCounts {
  let sent = 0;
  let notSent = 0;
  let skipped = 0;
  for (const entry of deliveries) {
    if (entry.state === 'sent') sent += 1;
    else if (entry.state === 'not_sent' && (entry as Partial<DeliveryEntry>).skipped === true) skipped += 1;
    else if (entry.state === 'not_sent') notSent += 1;
  }
  return { sent, notSent, skipped };
}

/** `FakeVonage.settled`: see there. */
export async function settle(runner: LifecycleRunner, settledOptions: SettledOptions = {}): Promise<void> {
  const timeoutMs = checkTimeout(settledOptions.timeoutMs);
  await waitUntilIdle(runner, timeoutMs);
  const failed = runner.lifecycles.find((each) => each.error !== null);
  if (failed?.error) throw failed.error;
  if (settledOptions.strict === true) checkAccepted(runner);
}

/**
 * A kept record as the fake hands it out, its payload typed by its event. Every recorded payload is
 * a scenario's planned one (generated for that event, its overrides checked against it), so the cast
 * only ties the payload's type back to the `event` beside it.
 */
export function toRecordedDelivery(entry: DeliveryRecord): RecordedDelivery {
  return entry as unknown as RecordedDelivery;
}

/** The kept records as the fake hands them out (see {@link toRecordedDelivery}). */
export function toRecordedDeliveries(entries: readonly DeliveryRecord[]): readonly RecordedDelivery[] {
  return entries as unknown as readonly RecordedDelivery[];
}

/** `FakeVonage.waitFor`: see there. */
export function waitForDelivery(
  runner: LifecycleRunner,
  match: DeliveryMatcher,
  waitOptions: WaitForOptions = {},
): Promise<RecordedDelivery> {
  let timeoutMs: number;
  let matches: (entry: DeliveryRecord) => boolean;
  try {
    timeoutMs = checkTimeout(waitOptions.timeoutMs);
    matches = toMatcher(match);
  } catch (error) {
    return Promise.reject(error);
  }
  const done = (entry: DeliveryEntry) => entry.state !== 'pending' && matches(entry);
  const found = runner.deliveries.find(done);
  if (found !== undefined) return Promise.resolve(toRecordedDelivery(found));
  return new Promise<RecordedDelivery>((resolve, reject) => {
    const listener = (entry: DeliveryEntry) => {
      if (!done(entry)) return;
      realClearTimeout(timer);
      runner.finishedListeners.delete(listener);
      resolve(toRecordedDelivery(entry));
    };
    const timer = realSetTimeout(() => {
      runner.finishedListeners.delete(listener);
      const seen = [...new Set(runner.deliveries.map((entry) => entry.event))].slice(0, 8);
      reject(
        new VwsError(
          'VWS_ERR_SETTLE_TIMEOUT',
          `waitFor(${typeof match === 'string' ? JSON.stringify(match) : 'predicate'}) gave up after ${timeoutMs} ms: no matching webhook was sent${seen.length === 0 ? ' (none was sent at all)' : ` (sent: ${seen.join(', ')})`}. ${runner.clock.mode === 'manual' ? ' The clock is manual and waitFor does not move it: call advance(ms) or runUntilIdle() first.' : ''} Check the event name with "vws list", raise timeoutMs or lower timeScale.`,
        ),
      );
    }, timeoutMs);
    runner.finishedListeners.add(listener);
  });
}
