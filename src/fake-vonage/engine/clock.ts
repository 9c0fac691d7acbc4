import { DEFAULT_TIME_SCALE } from '../../delivery/sender-types.js';
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

/** The clock's state, which the functions below share (one per {@link createVirtualClock}). */
interface ClockState {
  readonly mode: ClockMode;
  readonly timeScale: number;
  /** Real (monotonic) milliseconds when the clock was created. */
  readonly origin: number;
  virtualNow: number;
  seq: number;
  /** Conversations running code, plus held outside work: a manual clock waits for them. */
  busy: number;
  /** Conversations spawned and not yet ended (`pending`). */
  running: number;
  readonly sleepers: Sleeper[];
  idleWaiters: (() => void)[];
}

function markIdle(state: ClockState): void {
  if (state.busy > 0) return;
  const waiters = state.idleWaiters;
  state.idleWaiters = [];
  for (const resolve of waiters) resolve();
}

function remove(state: ClockState, sleeper: Sleeper): void {
  const index = state.sleepers.indexOf(sleeper);
  if (index >= 0) state.sleepers.splice(index, 1);
}

function fire(state: ClockState, sleeper: Sleeper, reason: WakeReason): void {
  if (sleeper.done) return;
  sleeper.done = true;
  if (sleeper.timer !== undefined) realClearTimeout(sleeper.timer);
  remove(state, sleeper);
  state.busy += 1;
  sleeper.resolve(reason);
}

/** Resolves once no conversation is running code or waiting on the app (a few turns of the loop). */
async function quiescent(state: ClockState): Promise<void> {
  for (;;) {
    if (state.busy > 0) await new Promise<void>((resolve) => state.idleWaiters.push(resolve));
    // Let an in-process app finish what it does after answering (it may call the API again).
    await new Promise<void>((resolve) => realSetImmediate(resolve));
    await new Promise<void>((resolve) => realSetImmediate(resolve));
    if (state.busy === 0) return;
  }
}

function earliest(state: ClockState): Sleeper | undefined {
  return state.sleepers.reduce<Sleeper | undefined>(
    (best, each) =>
      !Number.isFinite(each.at)
        ? best
        : best === undefined || each.at < best.at || (each.at === best.at && each.seq < best.seq)
          ? each
          : best,
    undefined,
  );
}

function checkManual(state: ClockState, what: string): void {
  if (state.mode !== 'manual') {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${what} needs a manual clock: create the fake with clock: 'manual' (this one follows real time × timeScale).`,
    );
  }
}

function readNow(state: ClockState): number {
  if (state.mode === 'manual' || state.timeScale === 0) return state.virtualNow;
  return Math.max(state.virtualNow, (monotonicNow() - state.origin) / state.timeScale);
}

function hold(state: ClockState): () => void {
  state.busy += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    state.busy -= 1;
    markIdle(state);
  };
}

async function spawn(
  state: ClockState,
  run: () => Promise<void>,
  onError: (error: unknown) => void,
): Promise<void> {
  state.busy += 1;
  state.running += 1;
  try {
    await run();
  } catch (error) {
    onError(error);
  } finally {
    state.busy -= 1;
    state.running -= 1;
    markIdle(state);
  }
}

function sleep(state: ClockState, atMs: number, label: string | undefined): Sleep {
  const at = Math.max(atMs, state.mode === 'manual' ? state.virtualNow : 0);
  let resolve!: (reason: WakeReason) => void;
  const promise = new Promise<WakeReason>((settle) => {
    resolve = settle;
  });
  const sleeper: Sleeper = { at, label, seq: state.seq++, done: false, resolve };
  state.sleepers.push(sleeper);
  state.busy -= 1;
  // A sleep with no end (a wait on the app) only ends by wake() or cancelAll().
  if (state.mode === 'auto' && Number.isFinite(at)) {
    const delay = Math.max(0, state.origin + at * state.timeScale - monotonicNow());
    sleeper.timer = realSetTimeout(() => {
      state.virtualNow = Math.max(state.virtualNow, at);
      fire(state, sleeper, 'timer');
    }, delay);
  }
  markIdle(state);
  return { promise, wake: () => fire(state, sleeper, 'woken') };
}

async function advance(state: ClockState, ms: number): Promise<void> {
  checkManual(state, 'advance()');
  if (!(Number.isFinite(ms) && ms >= 0)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid advance(${String(ms)}): use a number of milliseconds of 0 or more, such as 30000.`,
    );
  }
  const target = state.virtualNow + ms;
  await quiescent(state);
  for (let next = earliest(state); next !== undefined && next.at <= target; next = earliest(state)) {
    state.virtualNow = Math.max(state.virtualNow, next.at);
    fire(state, next, 'timer');
    await quiescent(state);
  }
  state.virtualNow = target;
}

async function runUntilIdle(state: ClockState): Promise<void> {
  checkManual(state, 'runUntilIdle()');
  await quiescent(state);
  let wakeUps = 0;
  for (let next = earliest(state); next !== undefined; next = earliest(state)) {
    wakeUps += 1;
    if (wakeUps > MAX_WAKE_UPS) {
      const who = next.label === undefined ? '' : ` (${next.label} was due next)`;
      throw new VwsError(
        'VWS_ERR_SETTLE_TIMEOUT',
        `runUntilIdle() stopped after ${MAX_WAKE_UPS} steps at ${Math.round(state.virtualNow)} ms of virtual time${who}: a flow never ends (an NCCO that loops, a talk with loop 0?). Use advance(ms) to run a bounded stretch.`,
      );
    }
    state.virtualNow = Math.max(state.virtualNow, next.at);
    fire(state, next, 'timer');
    await quiescent(state);
  }
}

function cancelAll(state: ClockState): void {
  for (const sleeper of [...state.sleepers]) fire(state, sleeper, 'woken');
}

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
  const state: ClockState = {
    mode: options.mode ?? 'auto',
    timeScale: options.timeScale ?? DEFAULT_TIME_SCALE,
    origin: monotonicNow(),
    virtualNow: 0,
    seq: 0,
    busy: 0,
    running: 0,
    sleepers: [],
    idleWaiters: [],
  };
  return {
    mode: state.mode,
    now: () => readNow(state),
    get pending() {
      return state.running;
    },
    hold: () => hold(state),
    spawn: (_name, run, onError) => spawn(state, run, onError),
    sleep: (atMs, label) => sleep(state, atMs, label),
    advance: (ms) => advance(state, ms),
    runUntilIdle: () => runUntilIdle(state),
    cancelAll: () => cancelAll(state),
  };
}
