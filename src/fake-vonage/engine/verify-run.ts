import type { EventName, WebhookEventMap } from '../../fixtures/events.js';
import { toIsoMillis } from '../../fixtures/shared/time.js';
import type { DeepPartial } from '../../fixtures/shared/types.js';
import type {
  VerifyChannel,
  VerifyMessageChannel,
  VerifyWorkflowStepStatus,
} from '../../fixtures/verify/types.js';
import { channelCost, conversionFee, toSilentAuthCheckUrl } from '../../fixtures/verify/verify-events.js';
import { type ScenarioContext, toWebhook } from '../../scenarios/scenario-context.js';
import { createScenarioFaker } from '../../scenarios/scenario-random.js';
import type { VerificationRecord } from '../account/state.js';
import { type ConversationHost, type TranscriptEntry, toWebhookEntry } from './conversation.js';
import type { OutcomePlan, Refusal, SilentStatus } from './verify-outcome.js';

/** A Verify v2 request as the API accepted it. */
export interface VerificationPlan {
  readonly requestId: string;
  /** The workflow's channels in order (1 to 3, distinct, silent_auth only first). */
  readonly channels: readonly VerifyChannel[];
  /** Seconds each step runs before the next starts (60 to 900). */
  readonly channelTimeout: number;
  readonly clientRef?: string;
}

type Payload = Record<string, unknown>;

/** Something due on the clock: a webhook, or the end of the running step. */
export type AgendaItem = { readonly at: number; readonly seq: number; readonly step?: number } & (
  | { readonly kind: 'send'; readonly event: EventName; readonly payload: Payload }
  | { readonly kind: 'expire'; readonly step: number }
  | { readonly kind: 'silent'; readonly step: number; readonly status: SilentStatus }
  | { readonly kind: 'refuse'; readonly step: number; readonly status: Refusal }
);

/** An {@link AgendaItem} before it has its place in the order. */
type WithoutSeq<TItem> = TItem extends unknown ? Omit<TItem, 'seq'> : never;
type Unscheduled = WithoutSeq<AgendaItem>;

interface StepState {
  readonly channel: VerifyChannel;
  status: VerifyWorkflowStepStatus;
  initiatedAt: number | undefined;
}

/** One running Verify v2 request: its steps, what is due on the clock, and where it stands. */
export interface VerificationRun {
  readonly host: ConversationHost;
  readonly record: VerificationRecord;
  readonly plan: VerificationPlan;
  readonly outcome: OutcomePlan;
  readonly context: ScenarioContext;
  readonly timeoutMs: number;
  readonly submittedAt: number;
  readonly steps: StepState[];
  readonly agenda: AgendaItem[];
  seq: number;
  /** Index of the running step (-1 before the first starts). */
  current: number;
  /** The request ended (completed, failed, expired or cancelled): the app's inputs are ignored. */
  ended: boolean;
}

/** The channels whose steps report their end by an `event` (reference run-time.md#verify-event-for-sms-and-email-steps; the fixtures' channels). */
const eventChannels: ReadonlySet<VerifyChannel> = new Set(['voice', 'whatsapp_interactive']);

const LEG = 'verify';

/** A run of `plan` from the host's present, with every step unused and nothing due yet. */
export function createVerificationRun(
  host: ConversationHost,
  record: VerificationRecord,
  plan: VerificationPlan,
  outcome: OutcomePlan,
): VerificationRun {
  const faker = createScenarioFaker(host.seed, 'verify.v2');
  return {
    host,
    record,
    plan,
    outcome,
    context: { name: 'verify.v2', seed: host.seed, start: host.epoch, faker },
    timeoutMs: plan.channelTimeout * 1000,
    submittedAt: host.now(),
    steps: plan.channels.map((channel) => ({ channel, status: 'unused', initiatedAt: undefined })),
    agenda: [],
    seq: 0,
    current: -1,
    ended: false,
  };
}

/** Whether the running step's channel reports its end by an `event`. */
export function hasStepEvent(run: VerificationRun): boolean {
  return eventChannels.has((run.steps[run.current] as StepState).channel);
}

/** Whether the running step is the workflow's last. */
export function isLastStep(run: VerificationRun): boolean {
  return run.current === run.steps.length - 1;
}

/** Adds a line to the transcript, at the present, on the `verify` leg. */
export function note(run: VerificationRun, entry: Record<string, unknown>): void {
  run.host.transcript.push({ atMs: Math.round(run.host.now()), leg: LEG, ...entry } as TranscriptEntry);
}

function iso(run: VerificationRun, at: number): string {
  return toIsoMillis(run.host.epoch + at);
}

function schedule(run: VerificationRun, item: Unscheduled): void {
  run.agenda.push({ ...item, seq: run.seq++ } as AgendaItem);
}

/** Schedules a webhook of `event` at `at`, its overrides typed by the event's payload. */
function send<TName extends EventName>(
  run: VerificationRun,
  role: string,
  event: TName,
  at: number,
  overrides: DeepPartial<WebhookEventMap[TName]>,
  step?: number,
): void {
  const { payload } = toWebhook(run.context, role, event, at, overrides);
  schedule(run, { kind: 'send', event, payload, at, ...(step === undefined ? {} : { step }) });
}

/** When a webhook about something that happened now goes out (as decision 083 spaced them). */
function dispatchAt(run: VerificationRun): number {
  return run.host.now() + run.context.faker.number.int({ min: 20, max: 1_500 });
}

/**
 * Starts step `index` now: a silent_auth step sends `action_pending` and schedules its SIM check's
 * result; a code step schedules its expiry and, when the script refuses it, the refusal.
 */
export function startStep(run: VerificationRun, index: number): void {
  const { host, plan, outcome, context } = run;
  const { faker } = context;
  const step = run.steps[index] as StepState;
  const now = host.now();
  run.current = index;
  step.initiatedAt = now;
  note(run, { kind: 'status', status: `${step.channel} started` });
  if (step.channel === 'silent_auth') {
    send(
      run,
      `step:${index}:pending`,
      'verify.silent_auth.action_pending',
      now + faker.number.int({ min: 80, max: 900 }),
      {
        request_id: plan.requestId,
        triggered_at: iso(run, now),
        action: [{ type: 'check', check_url: toSilentAuthCheckUrl(plan.requestId) }],
      },
      index,
    );
    const lasts =
      outcome.silent === 'expired' ? run.timeoutMs : faker.number.int({ min: 1_500, max: 12_000 });
    schedule(run, { kind: 'silent', step: index, status: outcome.silent, at: now + lasts });
    return;
  }
  const refusal = outcome.refusal;
  if (refusal?.step === index) {
    const lasts =
      refusal.status === 'user_rejected'
        ? faker.number.int({ min: 8_000, max: Math.min(plan.channelTimeout - 1, 240) * 1000 })
        : faker.number.int({ min: 150, max: 2_500 });
    schedule(run, { kind: 'refuse', step: index, status: refusal.status, at: now + lasts });
  }
  schedule(run, { kind: 'expire', step: index, at: now + run.timeoutMs });
}

/** Ends the running step; what was due for it (its expiry, an unsent action_pending) is dropped. */
export function endStep(run: VerificationRun, status: VerifyWorkflowStepStatus, detail?: string): void {
  const step = run.steps[run.current] as StepState;
  step.status = status;
  note(run, {
    kind: 'status',
    status: `${step.channel} ${status}`,
    ...(detail === undefined ? {} : { detail }),
  });
  for (let index = run.agenda.length - 1; index >= 0; index -= 1) {
    if (run.agenda[index]?.step === run.current) run.agenda.splice(index, 1);
  }
}

/** The step after the running one starts now (the running one expired, failed over or was skipped). */
export function startNextStep(run: VerificationRun, byApi: boolean): void {
  if (!byApi) run.record.step += 1;
  startStep(run, run.current + 1);
}

/** The channel of a code step: a silent_auth step reports by its own events, never a `verify.event`. */
function toMessageChannel(channel: VerifyChannel): VerifyMessageChannel {
  if (channel === 'silent_auth') throw new Error('unreachable: a silent_auth step sends no verify.event');
  return channel;
}

/** The channel event of the step that just ended (a code channel's `verify.event.<status>`). */
export function sendStepEvent(run: VerificationRun, status: 'completed' | 'failed' | Refusal): void {
  const { host, plan } = run;
  const step = run.steps[run.current] as StepState;
  send(run, `step:${run.current}`, `verify.event.${status}`, dispatchAt(run), {
    request_id: plan.requestId,
    triggered_at: iso(run, step.initiatedAt ?? run.submittedAt),
    channel: toMessageChannel(step.channel),
    finalized_at: iso(run, host.now()),
    client_ref: plan.clientRef,
  });
}

/** The SIM check's result of the silent_auth step that just ended (`verify.silent_auth.<status>`). */
export function sendSilentResult(run: VerificationRun, status: SilentStatus): void {
  const step = run.steps[run.current] as StepState;
  send(run, `step:${run.current}`, `verify.silent_auth.${status}`, dispatchAt(run), {
    request_id: run.plan.requestId,
    triggered_at: iso(run, step.initiatedAt ?? run.submittedAt),
  });
}

/** Ends the request: the summary after the webhooks still due (reference run-time.md#verify-v2-at-run-time #11, decision 043). */
export function finishRequest(run: VerificationRun, status: 'completed' | 'failed' | 'expired'): void {
  const { host, plan, steps } = run;
  run.ended = true;
  run.record.active = false;
  note(run, { kind: 'status', status });
  const now = host.now();
  const spent = steps
    .filter((step) => step.initiatedAt !== undefined)
    .reduce((sum, step) => sum + channelCost[step.channel], 0);
  const lastSend = run.agenda.reduce((latest, item) => Math.max(latest, item.at), now);
  const summaryAt = lastSend + run.context.faker.number.int({ min: 20, max: 500 });
  send(run, 'summary', `verify.summary.${status}`, summaryAt, {
    request_id: plan.requestId,
    submitted_at: iso(run, run.submittedAt),
    channel_timeout: plan.channelTimeout,
    // An unused step never started: it carries the moment the request ended (decision 043).
    workflow: steps.map((step) => ({
      channel: step.channel,
      initiated_at: iso(run, step.initiatedAt ?? now),
      status: step.status,
    })),
    price: Math.round((spent + (status === 'completed' ? conversionFee : 0)) * 10_000) / 10_000,
    client_ref: plan.clientRef,
  });
}

/** Ends the request on a cancel: no summary follows (reference run-time.md#verify-cancel). */
export function cancelRequest(run: VerificationRun): void {
  run.ended = true;
  note(run, { kind: 'status', status: 'cancelled', detail: 'no summary is sent' });
  // Webhooks of what happened before the cancel still go out; the running step's do not.
  for (let index = run.agenda.length - 1; index >= 0; index -= 1) {
    const item = run.agenda[index];
    if (item !== undefined && (item.kind !== 'send' || item.step === run.current))
      run.agenda.splice(index, 1);
  }
}

/** The item due first (scheduling order for equal times), or `undefined` when nothing is left. */
export function nextDue(run: VerificationRun): AgendaItem | undefined {
  return run.agenda.reduce<AgendaItem | undefined>(
    (best, item) =>
      best === undefined || item.at < best.at || (item.at === best.at && item.seq < best.seq) ? item : best,
    undefined,
  );
}

/** Takes `item` off the agenda (it is being handled). */
export function takeDue(run: VerificationRun, item: AgendaItem): void {
  run.agenda.splice(run.agenda.indexOf(item), 1);
}

/** Sends a due webhook and writes it, with the app's answer, to the transcript. */
export async function sendDue(
  run: VerificationRun,
  item: Extract<AgendaItem, { readonly kind: 'send' }>,
): Promise<void> {
  const { host } = run;
  const sent = await host.send({ event: item.event, payload: item.payload, target: 'verify-status' });
  host.transcript.push(toWebhookEntry(Math.round(host.now()), LEG, item.event, sent));
}
