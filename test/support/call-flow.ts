// The call-flow tests' shared setup (test/call-flows-*.test.ts, NCCO action by action): a loopback app
// and a manual-clock fake per flow, both closed by closeFlows after each test, and the transcript
// queries the tests assert with.
import { expect } from 'vitest';
import {
  createFakeVonage,
  type FakeVonage,
  type FakeVonageOptions,
  type Lifecycle,
  type TranscriptEntry,
  toTranscriptText,
} from 'vonage-webhook-simulator';
import { type AppRoute, type NccoApp, startNccoApp, TEST_APPLICATION_ID } from './ncco-app.js';

const SEED = 7;
const REF_DATE = '2026-01-01T00:00:00.000Z';
export const CALLEE = '447700900002';
export const CALLEE_2 = '447700900003';

const fakes: FakeVonage[] = [];
const apps: NccoApp[] = [];

/** Closes every fake and app the test started; each call-flow file runs it after each test. */
export async function closeFlows(): Promise<void> {
  await Promise.all(fakes.splice(0).map((each) => each.close()));
  await Promise.all(apps.splice(0).map((each) => each.close()));
}

export interface Flow {
  readonly app: NccoApp;
  readonly vonage: FakeVonage;
}

/** A loopback app answering `routes` and a manual-clock fake pointed at it. */
export async function startFlow(
  routes: Readonly<Record<string, AppRoute>>,
  options: { endUsers?: FakeVonageOptions['endUsers'] } = {},
): Promise<Flow> {
  const app = await startNccoApp(routes);
  apps.push(app);
  const vonage = createFakeVonage({
    clock: 'manual',
    seed: SEED,
    refDate: REF_DATE,
    applicationId: TEST_APPLICATION_ID,
    webhooks: { answerUrl: app.url('/answer'), eventUrl: app.url('/event') },
    ...(options.endUsers === undefined ? {} : { endUsers: options.endUsers }),
  });
  fakes.push(vonage);
  return { app, vonage };
}

/** An inbound call answered with `ncco`, run to its end. */
export async function runInbound(
  ncco: readonly unknown[] | ((app: NccoApp) => readonly unknown[]),
  caller: readonly string[] = [],
): Promise<Flow & { call: Lifecycle; text: string }> {
  const flow = await startFlow({});
  flow.app.on('/answer', typeof ncco === 'function' ? ncco(flow.app) : ncco);
  const call = flow.vonage.pushIncomingCall({ caller });
  await flow.vonage.runUntilIdle();
  expect(call.error).toBeNull();
  return { ...flow, call, text: toTranscriptText(call.transcript) };
}

export type Entry<TKind extends TranscriptEntry['kind']> = Extract<TranscriptEntry, { kind: TKind }>;

export const entries = <TKind extends TranscriptEntry['kind']>(
  transcript: readonly TranscriptEntry[],
  kind: TKind,
): Entry<TKind>[] => transcript.filter((entry): entry is Entry<TKind> => entry.kind === kind);

/** The transcript line of the first webhook of `event` (on leg `leg`); fails the test when none. */
export function webhook(transcript: readonly TranscriptEntry[], event: string, leg = 'A'): Entry<'webhook'> {
  const found = entries(transcript, 'webhook').find((entry) => entry.event === event && entry.leg === leg);
  if (found === undefined) {
    throw new Error(`no ${event} on leg ${leg} in:\n${toTranscriptText(transcript)}`);
  }
  return found;
}

/** The first line that says `text`. */
export function saying(transcript: readonly TranscriptEntry[], text: string): Entry<'said'> {
  const found = entries(transcript, 'said').find((entry) => entry.text === text);
  if (found === undefined) throw new Error(`"${text}" was not said in:\n${toTranscriptText(transcript)}`);
  return found;
}

export const saidTexts = (transcript: readonly TranscriptEntry[]) =>
  entries(transcript, 'said').map((entry) => entry.text);

/** When the `input`/`record`/... action started (its transcript line). */
export function actionAt(transcript: readonly TranscriptEntry[], action: string, leg = 'A'): number {
  const found = entries(transcript, 'action').find((entry) => entry.action === action && entry.leg === leg);
  if (found === undefined) throw new Error(`no ${action} in:\n${toTranscriptText(transcript)}`);
  return found.atMs;
}

export const statusesOf = (bodies: readonly Record<string, unknown>[]) => bodies.map((body) => body.status);

/** The `completed` event the app received at `path`. */
export function completedAt(app: NccoApp, path = '/event'): Record<string, unknown> {
  const found = app.bodies(path).find((body) => body.status === 'completed');
  if (found === undefined) throw new Error(`no completed at ${path}`);
  return found;
}

export const words = (count: number) => Array.from({ length: count }, (_, index) => `word${index}`).join(' ');
