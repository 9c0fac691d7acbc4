import { VwsError } from '../../errors.js';

// Timers are taken when the module loads, before a suite can install fake timers: the fake's time is
// its own (docs/decisions/106 and 107).
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetImmediate = globalThis.setImmediate;
const monotonicNow = performance.now.bind(performance);

/**
 * How the fake's time moves: with real time (`auto`, scaled by `timeScale`) or only when told (`manual`).
 *
 * @example
 * ```ts
 * import { clockModes } from 'vonage-webhook-simulator';
 * console.log(clockModes); // ['auto', 'manual']
 * ```
 */
export const clockModes = ['auto', 'manual'] as const;
/** One of {@link clockModes}. */
export type ClockMode = (typeof clockModes)[number];

/** Why a sleep ended: its time came, or something woke it early (the conversation's inbox). */
export type WakeReason = 'timer' | 'woken';

/** A conversation waiting on the clock. */
export interface Sleep {
  readonly promise: Promise<WakeReason>;
  /** Ends the sleep now (the virtual time stays where it is); no effect once it ended. */
  wake(): void;
}

/** The fake's one clock: conversations wait on it; a test moves it in `manual` mode. */
export interface VirtualClock {
  readonly mode: ClockMode;
  /** Virtual milliseconds since the clock was created. */
  now(): number;
  /** Runs a conversation, counting it busy until it sleeps or ends. Never rejects: errors go to `onError`. */
  spawn(name: string, run: () => Promise<void>, onError: (error: unknown) => void): Promise<void>;
  /** Sleeps until virtual time `atMs` (never before the current time); `label` names the sleeper in errors. */
  sleep(atMs: number, label?: string): Sleep;
  /** Manual mode: moves time forward by `ms`, running every conversation step due on the way. */
  advance(ms: number): Promise<void>;
  /** Manual mode: runs until no conversation has anything left to do. */
  runUntilIdle(): Promise<void>;
  /**
   * Counts outside work as busy until the returned function is called: an API request the app sends
   * while answering a webhook, so a manual clock does not move on without it.
   */
  hold(): () => void;
  /** Conversations running or due to run (for `settled`). */
  readonly pending: number;
  /** Ends every sleep at once with `woken` and forgets pending timers (reset, close). */
  cancelAll(): void;
}

interface Sleeper {
  readonly at: number;
  readonly label: string | undefined;
  readonly seq: number;
  done: boolean;
  timer?: ReturnType<typeof setTimeout>;
  resolve(reason: WakeReason): void;
}

/** Wake-ups `runUntilIdle` allows before it calls a flow endless. */
export const MAX_WAKE_UPS = 100_000;

/**
 * Creates the fake's clock. In `auto` mode a sleep of *t* virtual ms takes *t × timeScale* real ms;
 * in `manual` mode nothing happens until `advance` or `runUntilIdle`, which run wake-ups in time
 * order (scheduling order for equal times) and wait for each conversation to sleep again, so a
 * seeded run is the same on any machine.
 *
 * @example
 * ```ts
 * import { createVirtualClock } from './clock.js';
 * const clock = createVirtualClock({ mode: 'manual' });
 * void clock.spawn('call', async () => { await clock.sleep(60_000).promise; }, console.error);
 * await clock.runUntilIdle();
 * console.log(clock.now()); // 60000
 * ```
 */
export function createVirtualClock(options: { mode?: ClockMode; timeScale?: number } = {}): VirtualClock {
  const mode = options.mode ?? 'auto';
  const timeScale = options.timeScale ?? 1;
  const origin = monotonicNow();
  let virtualNow = 0;
  let seq = 0;
  let busy = 0;
  let running = 0;
  const sleepers: Sleeper[] = [];
  let idleWaiters: (() => void)[] = [];

  const markIdle = () => {
    if (busy > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  const remove = (sleeper: Sleeper) => {
    const index = sleepers.indexOf(sleeper);
    if (index >= 0) sleepers.splice(index, 1);
  };
  const fire = (sleeper: Sleeper, reason: WakeReason) => {
    if (sleeper.done) return;
    sleeper.done = true;
    if (sleeper.timer !== undefined) realClearTimeout(sleeper.timer);
    remove(sleeper);
    busy += 1;
    sleeper.resolve(reason);
  };
  /** Resolves once no conversation is running code or waiting on the app (a few turns of the loop). */
  const quiescent = async () => {
    for (;;) {
      if (busy > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      // Let an in-process app finish what it does after answering (it may call the API again).
      await new Promise<void>((resolve) => realSetImmediate(resolve));
      await new Promise<void>((resolve) => realSetImmediate(resolve));
      if (busy === 0) return;
    }
  };
  const earliest = (): Sleeper | undefined =>
    sleepers.reduce<Sleeper | undefined>(
      (best, each) =>
        !Number.isFinite(each.at)
          ? best
          : best === undefined || each.at < best.at || (each.at === best.at && each.seq < best.seq)
            ? each
            : best,
      undefined,
    );
  const checkManual = (what: string) => {
    if (mode !== 'manual') {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `${what} needs a manual clock: create the fake with clock: 'manual' (this one follows real time × timeScale).`,
      );
    }
  };

  return {
    mode,
    now() {
      if (mode === 'manual' || timeScale === 0) return virtualNow;
      return Math.max(virtualNow, (monotonicNow() - origin) / timeScale);
    },
    get pending() {
      return running;
    },
    hold() {
      busy += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        busy -= 1;
        markIdle();
      };
    },
    async spawn(_name, run, onError) {
      busy += 1;
      running += 1;
      try {
        await run();
      } catch (error) {
        onError(error);
      } finally {
        busy -= 1;
        running -= 1;
        markIdle();
      }
    },
    sleep(atMs, label) {
      const at = Math.max(atMs, mode === 'manual' ? virtualNow : 0);
      let resolve!: (reason: WakeReason) => void;
      const promise = new Promise<WakeReason>((settle) => {
        resolve = settle;
      });
      const sleeper: Sleeper = { at, label, seq: seq++, done: false, resolve };
      sleepers.push(sleeper);
      busy -= 1;
      // A sleep with no end (a wait on the app) only ends by wake() or cancelAll().
      if (mode === 'auto' && Number.isFinite(at)) {
        const delay = Math.max(0, origin + at * timeScale - monotonicNow());
        sleeper.timer = realSetTimeout(() => {
          virtualNow = Math.max(virtualNow, at);
          fire(sleeper, 'timer');
        }, delay);
      }
      markIdle();
      return { promise, wake: () => fire(sleeper, 'woken') };
    },
    async advance(ms) {
      checkManual('advance()');
      if (!(Number.isFinite(ms) && ms >= 0)) {
        throw new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `Invalid advance(${String(ms)}): use a number of milliseconds of 0 or more, such as 30000.`,
        );
      }
      const target = virtualNow + ms;
      await quiescent();
      for (let next = earliest(); next !== undefined && next.at <= target; next = earliest()) {
        virtualNow = Math.max(virtualNow, next.at);
        fire(next, 'timer');
        await quiescent();
      }
      virtualNow = target;
    },
    async runUntilIdle() {
      checkManual('runUntilIdle()');
      await quiescent();
      let wakeUps = 0;
      for (let next = earliest(); next !== undefined; next = earliest()) {
        wakeUps += 1;
        if (wakeUps > MAX_WAKE_UPS) {
          const who = next.label === undefined ? '' : ` (${next.label} was due next)`;
          throw new VwsError(
            'VWS_ERR_SETTLE_TIMEOUT',
            `runUntilIdle() stopped after ${MAX_WAKE_UPS} steps at ${Math.round(virtualNow)} ms of virtual time${who}: a flow never ends (an NCCO that loops, a talk with loop 0?). Use advance(ms) to run a bounded stretch.`,
          );
        }
        virtualNow = Math.max(virtualNow, next.at);
        fire(next, 'timer');
        await quiescent();
      }
    },
    cancelAll() {
      for (const sleeper of [...sleepers]) fire(sleeper, 'woken');
    },
  };
}
