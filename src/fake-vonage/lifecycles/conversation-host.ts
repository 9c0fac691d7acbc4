import { createScenarioFaker } from '../../scenarios/scenario-random.js';
import { createUuidStream } from '../account/id-source.js';
import type { Sleep, WakeReason } from '../engine/clock.js';
import type { ConversationHost, SendOutcome, SendRequest, TranscriptEntry } from '../engine/conversation.js';
import { type FakeVonageConfig, toEpochAt } from '../fake-vonage-config.js';
import {
  type DeliveryEntry,
  type Generation,
  isCancelled,
  keep,
  type LifecycleRunner,
  setParked,
} from './lifecycle-runner.js';
import type { LifecycleStart } from './lifecycle-start.js';
import { deliverEntry } from './webhook-delivery.js';
import { routeOf, type WebhookDestination } from './webhook-routing.js';

/** Which lifecycle a conversation is: its index, run id, seed, start, generation and transcript. */
export interface HostRun {
  readonly index: number;
  /** Its key in the runner's `running` and `parked`. */
  readonly runId: number;
  readonly lifecycleSeed: number;
  readonly start: LifecycleStart;
  readonly owner: Generation;
  readonly transcript: TranscriptEntry[];
}

/** A conversation's own time: where it started, its cursor, and the sleep an interrupt ends. */
interface HostTime {
  readonly startAt: number;
  cursor: number;
  current: Sleep | undefined;
  pendingInterrupt: boolean;
}

/** Chaos on a conversation: how long a webhook may be delayed, how often it is sent twice, and their draws. */
interface ConversationChaos {
  readonly jitterMs: number;
  readonly duplicates: number;
  readonly faker: ReturnType<typeof createScenarioFaker> | undefined;
}

/** What a send answers once the fake was reset or closed. */
const toCancelledOutcome = (): SendOutcome => ({
  delivery: -1,
  ok: false,
  notSent: 'The fake was reset or closed.',
  url: null,
  method: 'POST',
  status: null,
  outcome: 'cancelled',
  ncco: null,
  nccoIssues: [],
});

// Chaos on a conversation: jitter delays a webhook (and so the flow), duplicates send it twice;
// reorder and late receipts do not apply to a flow whose next step waits on the answer (decision 107).
function toConversationChaos(
  config: FakeVonageConfig,
  lifecycleSeed: number,
  scenario: string,
): ConversationChaos {
  const chaos = config.chaos;
  const jitterMs = Number.isFinite(chaos?.jitterMs) ? Math.max(0, chaos?.jitterMs ?? 0) : 0;
  const duplicates = Number.isFinite(chaos?.duplicates)
    ? Math.min(1, Math.max(0, chaos?.duplicates ?? 0))
    : 0;
  const faker =
    jitterMs > 0 || duplicates > 0 ? createScenarioFaker(lifecycleSeed, `${scenario}:chaos`) : undefined;
  return { jitterMs, duplicates, faker };
}

/** Waits on the clock until virtual `atMs`, unless interrupted; see `ConversationHost.sleepUntil`. */
async function sleepUntil(
  runner: LifecycleRunner,
  run: HostRun,
  time: HostTime,
  atMs: number,
  forApp: boolean,
): Promise<WakeReason> {
  const { clock } = runner;
  // After reset or close a conversation runs to its end at once, sending nothing.
  if (isCancelled(runner, run.owner)) return 'woken';
  if (time.pendingInterrupt) {
    time.pendingInterrupt = false;
    return 'woken';
  }
  const parks = forApp && clock.mode === 'auto' && runner.config.timeScale === 0;
  time.current = clock.sleep(parks ? Number.POSITIVE_INFINITY : atMs, `${run.start.scenario} #${run.index}`);
  if (parks) setParked(runner, run.runId, true);
  const reason = await time.current.promise;
  if (parks) setParked(runner, run.runId, false);
  time.current = undefined;
  time.cursor = Math.max(time.cursor, reason === 'timer' ? atMs : Math.min(atMs, clock.now()));
  return reason;
}

/** The record of a webhook a conversation sends now, to its own route or the application's. */
function toConversationEntry(
  run: HostRun,
  time: HostTime,
  request: SendRequest,
  route: WebhookDestination,
  mark: string | undefined,
): DeliveryEntry {
  return {
    lifecycle: run.index,
    scenario: run.start.scenario,
    event: request.event,
    target: request.target,
    url: 'url' in route ? route.url : null,
    format:
      'url' in route
        ? route.format
        : request.route?.method === 'GET' ||
            (request.route === undefined && request.target === 'voice-answer')
          ? 'query'
          : 'json',
    payload: request.payload,
    atMs: Math.round(time.cursor - time.startAt),
    ...(mark === undefined ? {} : { chaos: mark }),
    ...(request.readNcco === true ? { response: 'optional-ncco' as const } : {}),
    state: 'url' in route ? 'pending' : 'not_sent',
    request: null,
    result: null,
    reason: 'reason' in route ? route.reason : null,
    skipped: 'skipped' in route && route.skipped,
    ...('timeout' in route && route.timeout !== undefined ? { timeout: route.timeout } : {}),
  };
}

/** Sends one webhook of a conversation and answers what the app said, as the conversation reads it. */
async function sendOnce(
  runner: LifecycleRunner,
  run: HostRun,
  time: HostTime,
  nonce: () => string,
  request: SendRequest,
  mark: string | undefined,
): Promise<SendOutcome> {
  const { start, owner } = run;
  if (isCancelled(runner, owner)) return toCancelledOutcome();
  const route =
    request.route === undefined
      ? routeOf(request.target, start, owner.state, runner.config.smsFormat)
      : {
          url: request.route.url,
          format: request.route.method === 'GET' ? ('query' as const) : ('json' as const),
        };
  const entry = toConversationEntry(run, time, request, route, mark);
  const number = runner.deliveryCount++;
  keep(runner, runner.deliveries, entry);
  if (entry.state === 'pending') runner.unfinished.add(entry);
  await deliverEntry(runner, entry, start, nonce, owner);
  const result = entry.result;
  const ncco = Array.isArray(result?.ncco) && result.ncco.length > 0 ? (result.ncco as unknown[]) : null;
  return {
    delivery: number,
    ok: entry.state === 'sent' && result?.ok === true,
    notSent: entry.state === 'not_sent' ? (entry.reason ?? 'not sent') : null,
    url: entry.url,
    method: entry.format === 'query' ? 'GET' : 'POST',
    status: result?.status ?? null,
    outcome: result?.outcome ?? entry.state,
    ncco,
    nccoIssues: result?.nccoIssues ?? [],
  };
}

/**
 * The host a reactive conversation (a call, a verification) runs on: its own time on the clock,
 * webhooks routed and recorded like a planned lifecycle's, and an interrupt for its inbox.
 */
export function createHost(runner: LifecycleRunner, run: HostRun): ConversationHost {
  const startAt = runner.clock.now();
  const time: HostTime = { startAt, cursor: startAt, current: undefined, pendingInterrupt: false };
  const nonce = createUuidStream(run.lifecycleSeed, 0x6e6f6e63);
  const epoch = toEpochAt(runner.config, startAt) - startAt;
  const chaos = toConversationChaos(runner.config, run.lifecycleSeed, run.start.scenario);
  const host: ConversationHost = {
    index: run.index,
    seed: run.lifecycleSeed,
    epoch,
    transcript: run.transcript,
    now: () => time.cursor,
    sleepUntil: (atMs, sleepOptions = {}) =>
      sleepUntil(runner, run, time, atMs, sleepOptions.forApp === true),
    interrupt() {
      if (time.current === undefined) time.pendingInterrupt = true;
      else time.current.wake();
    },
    cancelled: () => isCancelled(runner, run.owner),
    async send(request) {
      const { faker, jitterMs, duplicates } = chaos;
      const delay = faker === undefined || jitterMs === 0 ? 0 : faker.number.int({ min: 0, max: jitterMs });
      if (delay > 0) await host.sleepUntil(time.cursor + delay);
      const outcome = await sendOnce(runner, run, time, nonce, request, delay > 0 ? 'jitter' : undefined);
      if (faker !== undefined && duplicates > 0 && faker.datatype.boolean({ probability: duplicates })) {
        await sendOnce(runner, run, time, nonce, request, 'duplicate');
      }
      return outcome;
    },
  };
  return host;
}
