import { VwsError } from '../../errors.js';
import type { EventName } from '../../fixtures/events.js';
import { toIsoMillis } from '../../fixtures/shared/time.js';
import type { VerifyChannel, VerifyWorkflowStepStatus } from '../../fixtures/verify/types.js';
import { channelCost, conversionFee, toSilentAuthCheckUrl } from '../../fixtures/verify/verify-events.js';
import { type ScenarioContext, toWebhook } from '../../scenarios/scenario-context.js';
import { createScenarioFaker } from '../../scenarios/scenario-random.js';
import { checkOutcomeChannel, type VerifyV2Outcome, verifyV2Outcomes } from '../../scenarios/verify-v2.js';
import type { VerificationRecord, VerifyInput } from '../state.js';
import { type EngineContext, type TranscriptEntry, toWebhookEntry } from './conversation.js';

/**
 * Wrong codes after which Vonage fails the request: v2 publishes no limit, Verify v1 allowed three
 * (reference §4 #7, §6.16).
 */
export const MAX_WRONG_CODES = 3;

/** How a code check ends, as `POST /v2/verify/:id` answers it. */
export type CodeCheckResult = 'completed' | 'wrong' | 'locked' | 'no_code_step';

function tell(record: VerificationRecord, input: VerifyInput): void {
  record.inbox.push(input);
  record.wake();
}

/**
 * A code check of an active request: `no_code_step` while a silent_auth step runs (reference §4 #8),
 * `completed` for the right code, `wrong` for a wrong one and `locked` for the third wrong one
 * (reference §4 #5–6, §6.16), which ends the request. The conversation learns it through the inbox.
 *
 * @example
 * ```ts
 * import { checkVerificationCode } from './verify-flow.js';
 * const record = { requestId: 'r', to: '447700900123', code: '1234', channels: ['sms'], active: true,
 *   wrongCodes: 0, step: 0, inbox: [], wake: () => {} };
 * checkVerificationCode(record, '0000'); // 'wrong'
 * checkVerificationCode(record, '1234'); // 'completed'
 * ```
 */
export function checkVerificationCode(record: VerificationRecord, code: string): CodeCheckResult {
  if (record.channels[record.step] === 'silent_auth') return 'no_code_step';
  if (code === record.code) {
    record.active = false;
    tell(record, { kind: 'code', code, result: 'right', wrongCodes: record.wrongCodes });
    return 'completed';
  }
  record.wrongCodes += 1;
  const locked = record.wrongCodes >= MAX_WRONG_CODES;
  if (locked) record.active = false;
  tell(record, { kind: 'code', code, result: locked ? 'locked' : 'wrong', wrongCodes: record.wrongCodes });
  return locked ? 'locked' : 'wrong';
}

/**
 * `next_workflow` on an active request: moves it to the next step at once, or `false` when the
 * running step is the last (the 409 of reference §4 #3).
 */
export function skipVerificationStep(record: VerificationRecord): boolean {
  if (record.step >= record.channels.length - 1) return false;
  record.step += 1;
  tell(record, { kind: 'next' });
  return true;
}

/** `DELETE` on an active request: it ends at once, and no summary follows (reference §6.18). */
export function cancelVerification(record: VerificationRecord): void {
  record.active = false;
  tell(record, { kind: 'cancel' });
}

/** A Verify v2 request as the API accepted it. */
export interface VerificationPlan {
  readonly requestId: string;
  /** The workflow's channels in order (1 to 3, distinct, silent_auth only first). */
  readonly channels: readonly VerifyChannel[];
  /** Seconds each step runs before the next starts (60 to 900). */
  readonly channelTimeout: number;
  readonly clientRef?: string;
}

/** How a silent_auth step ends: its event's status and its workflow status (the same words). */
type SilentStatus = 'completed' | 'failed' | 'expired' | 'user_rejected';
/** A scripted end the code checks cannot produce. */
type Refusal = 'rejected' | 'blocked' | 'user_rejected';

/** What a scripted outcome (`scriptOutcome`, `scenario.params['verify.v2']`) does to the steps. */
interface OutcomePlan {
  /** How the silent_auth step (always the first) ends. */
  readonly silent: SilentStatus;
  /** A code step the channel or the user refuses, and how. */
  readonly refusal: { readonly step: number; readonly status: Refusal } | undefined;
}

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/**
 * Reads the scripted outcome: `completed`, `failed` and `expired` are what the code checks make
 * (right code, wrong codes, none), so on a code step they change nothing; on the silent_auth step
 * they say how the SIM check ends. `user_rejected`, `rejected` and `blocked` end the decisive step
 * that way (docs/decisions/108). The decisive step is `decisiveStep`, else the first step for
 * `completed` and the last for the others (as decision 083 planned it).
 */
function toOutcomePlan(
  params: Readonly<Record<string, unknown>>,
  channels: readonly VerifyChannel[],
): OutcomePlan {
  const outcome = params.outcome ?? 'completed';
  if (typeof outcome !== 'string' || !(verifyV2Outcomes as readonly string[]).includes(outcome)) {
    throw invalid(
      `Invalid verify.v2 outcome ${JSON.stringify(outcome)}: use one of ${verifyV2Outcomes.map((each) => `"${each}"`).join(', ')}.`,
    );
  }
  const chosen = outcome as VerifyV2Outcome;
  const last = channels.length - 1;
  const decisive = params.decisiveStep ?? (chosen === 'completed' ? 0 : last);
  if (typeof decisive !== 'number' || !Number.isInteger(decisive) || decisive < 0 || decisive > last) {
    throw invalid(`Invalid decisiveStep ${String(params.decisiveStep)}: use a step index from 0 to ${last}.`);
  }
  const channel = channels[decisive] as VerifyChannel;
  checkOutcomeChannel(chosen, channel, decisive);
  // A silent_auth step before the decisive one fails and falls back (decision 043).
  const silent: SilentStatus =
    channels[0] !== 'silent_auth' || decisive > 0
      ? 'failed'
      : chosen === 'rejected' || chosen === 'blocked'
        ? 'failed'
        : chosen;
  const refusal =
    channel !== 'silent_auth' && (chosen === 'rejected' || chosen === 'blocked' || chosen === 'user_rejected')
      ? { step: decisive, status: chosen }
      : undefined;
  return { silent, refusal };
}

type Payload = Record<string, unknown>;

/** Something due on the clock: a webhook, or the end of the running step. */
type Item = { readonly at: number; readonly seq: number; readonly step?: number } & (
  | { readonly kind: 'send'; readonly event: EventName; readonly payload: Payload }
  | { readonly kind: 'expire'; readonly step: number }
  | { readonly kind: 'silent'; readonly step: number; readonly status: SilentStatus }
  | { readonly kind: 'refuse'; readonly step: number; readonly status: Refusal }
);

/** An {@link Item} before it has its place in the order. */
type WithoutSeq<TItem> = TItem extends unknown ? Omit<TItem, 'seq'> : never;
type Unscheduled = WithoutSeq<Item>;

interface StepState {
  readonly channel: VerifyChannel;
  status: VerifyWorkflowStepStatus;
  initiatedAt: number | undefined;
}

/** The channels whose steps report their end by an `event` (reference §6.19; the fixtures' channels). */
const eventChannels: ReadonlySet<VerifyChannel> = new Set(['voice', 'whatsapp_interactive']);

const LEG = 'verify';

/**
 * Runs one Verify v2 request as Vonage does (docs/decisions/107, 108; reference §4): the first
 * step starts at once and each lasts `channel_timeout` unless the app converts it with the right
 * code; `next_workflow` skips a step; three wrong codes fail the request; a silent_auth step sends
 * `action_pending`, then its SIM check's result, and falls back to the next step unless it
 * completed; a cancel ends it without a summary. Webhooks are the catalog's, built with
 * `toWebhook`; every transition is in the transcript.
 */
export async function runVerification(deps: EngineContext, plan: VerificationPlan): Promise<void> {
  const { host, state } = deps;
  const record = state.verifications.get(plan.requestId);
  if (record === undefined) throw new Error(`unreachable: no verification ${plan.requestId}`);
  let outcome: OutcomePlan;
  try {
    outcome = toOutcomePlan(deps.params, plan.channels);
  } catch (error) {
    // Nothing will run the request: later checks answer 404 rather than wait for ever.
    record.active = false;
    throw error;
  }
  const faker = createScenarioFaker(host.seed, 'verify.v2');
  const context: ScenarioContext = { name: 'verify.v2', seed: host.seed, start: host.epoch, faker };
  const timeoutMs = plan.channelTimeout * 1000;
  const submittedAt = host.now();
  const steps: StepState[] = plan.channels.map((channel) => ({
    channel,
    status: 'unused',
    initiatedAt: undefined,
  }));
  const agenda: Item[] = [];
  let seq = 0;
  let current = -1;
  let ended = false;
  const iso = (at: number) => toIsoMillis(host.epoch + at);
  const note = (entry: Record<string, unknown>) =>
    host.transcript.push({ atMs: Math.round(host.now()), leg: LEG, ...entry } as TranscriptEntry);
  const schedule = (item: Unscheduled) => {
    agenda.push({ ...item, seq: seq++ } as Item);
  };
  const send = (role: string, event: EventName, at: number, overrides: Payload, step?: number) => {
    const { payload } = toWebhook(context, role, event, at, overrides);
    schedule({ kind: 'send', event, payload, at, ...(step === undefined ? {} : { step }) });
  };
  /** When a webhook about something that happened now goes out (as decision 083 spaced them). */
  const dispatchAt = () => host.now() + faker.number.int({ min: 20, max: 1_500 });

  const startStep = (index: number) => {
    const step = steps[index] as StepState;
    const now = host.now();
    current = index;
    step.initiatedAt = now;
    note({ kind: 'status', status: `${step.channel} started` });
    if (step.channel === 'silent_auth') {
      send(
        `step:${index}:pending`,
        'verify.silent_auth.action_pending',
        now + faker.number.int({ min: 80, max: 900 }),
        {
          request_id: plan.requestId,
          triggered_at: iso(now),
          action: [{ type: 'check', check_url: toSilentAuthCheckUrl(plan.requestId) }],
        },
        index,
      );
      const lasts = outcome.silent === 'expired' ? timeoutMs : faker.number.int({ min: 1_500, max: 12_000 });
      schedule({ kind: 'silent', step: index, status: outcome.silent, at: now + lasts });
      return;
    }
    const refusal = outcome.refusal;
    if (refusal?.step === index) {
      const lasts =
        refusal.status === 'user_rejected'
          ? faker.number.int({ min: 8_000, max: Math.min(plan.channelTimeout - 1, 240) * 1000 })
          : faker.number.int({ min: 150, max: 2_500 });
      schedule({ kind: 'refuse', step: index, status: refusal.status, at: now + lasts });
    }
    schedule({ kind: 'expire', step: index, at: now + timeoutMs });
  };

  /** Ends the running step; what was due for it (its expiry, an unsent action_pending) is dropped. */
  const endStep = (status: VerifyWorkflowStepStatus, detail?: string) => {
    const step = steps[current] as StepState;
    step.status = status;
    note({
      kind: 'status',
      status: `${step.channel} ${status}`,
      ...(detail === undefined ? {} : { detail }),
    });
    for (let index = agenda.length - 1; index >= 0; index -= 1) {
      if (agenda[index]?.step === current) agenda.splice(index, 1);
    }
  };

  /** The channel event of the step that just ended (a code channel's `verify.event.<status>`). */
  const stepEvent = (status: 'completed' | 'failed' | Refusal) => {
    const step = steps[current] as StepState;
    send(`step:${current}`, `verify.event.${status}` as EventName, dispatchAt(), {
      request_id: plan.requestId,
      triggered_at: iso(step.initiatedAt ?? submittedAt),
      channel: step.channel,
      finalized_at: iso(host.now()),
      client_ref: plan.clientRef,
    });
  };

  /** Ends the request: the summary after the webhooks still due (reference §4 #11, decision 043). */
  const finish = (status: 'completed' | 'failed' | 'expired') => {
    ended = true;
    record.active = false;
    note({ kind: 'status', status });
    const now = host.now();
    const spent = steps
      .filter((step) => step.initiatedAt !== undefined)
      .reduce((sum, step) => sum + channelCost[step.channel], 0);
    const lastSend = agenda.reduce((latest, item) => Math.max(latest, item.at), now);
    const summaryAt = lastSend + faker.number.int({ min: 20, max: 500 });
    send('summary', `verify.summary.${status}` as EventName, summaryAt, {
      request_id: plan.requestId,
      submitted_at: iso(submittedAt),
      channel_timeout: plan.channelTimeout,
      // An unused step never started: it carries the moment the request ended (decision 043).
      workflow: steps.map((step) => ({
        channel: step.channel,
        initiated_at: iso(step.initiatedAt ?? now),
        status: step.status,
      })),
      price: Math.round((spent + (status === 'completed' ? conversionFee : 0)) * 10_000) / 10_000,
      client_ref: plan.clientRef,
    });
  };

  /** The step after the running one starts now (the running one expired, failed over or was skipped). */
  const nextStep = (byApi: boolean) => {
    if (!byApi) record.step += 1;
    startStep(current + 1);
  };

  const apply = (input: VerifyInput) => {
    const step = steps[current] as StepState;
    switch (input.kind) {
      case 'code': {
        if (input.result === 'right') {
          note({ kind: 'did', step: `check ${input.code}`, detail: 'right code' });
          endStep('completed');
          if (eventChannels.has(step.channel)) stepEvent('completed');
          finish('completed');
          return;
        }
        note({
          kind: 'did',
          step: `check ${input.code}`,
          detail: `wrong code (${input.wrongCodes} of ${MAX_WRONG_CODES})`,
        });
        if (input.result === 'locked') {
          endStep('failed', 'too many wrong codes');
          if (eventChannels.has(step.channel)) stepEvent('failed');
          finish('failed');
        }
        return;
      }
      case 'next':
        note({ kind: 'action', action: 'next_workflow' });
        endStep('expired', 'skipped by next_workflow');
        nextStep(true);
        return;
      case 'cancel':
        note({ kind: 'action', action: 'cancel' });
        ended = true;
        note({ kind: 'status', status: 'cancelled', detail: 'no summary is sent' });
        // Webhooks of what happened before the cancel still go out; the running step's do not.
        for (let index = agenda.length - 1; index >= 0; index -= 1) {
          const item = agenda[index];
          if (item !== undefined && (item.kind !== 'send' || item.step === current)) agenda.splice(index, 1);
        }
        return;
    }
  };

  const run = async (item: Item) => {
    switch (item.kind) {
      case 'send': {
        const sent = await host.send({ event: item.event, payload: item.payload, target: 'verify-status' });
        host.transcript.push(toWebhookEntry(Math.round(host.now()), LEG, item.event, sent));
        return;
      }
      case 'expire':
        endStep('expired');
        if (current === steps.length - 1) finish('expired');
        else nextStep(false);
        return;
      case 'silent': {
        const step = steps[current] as StepState;
        endStep(item.status);
        send(`step:${current}`, `verify.silent_auth.${item.status}` as EventName, dispatchAt(), {
          request_id: plan.requestId,
          triggered_at: iso(step.initiatedAt ?? submittedAt),
        });
        if (item.status === 'completed') finish('completed');
        else if (current === steps.length - 1) finish(item.status === 'expired' ? 'expired' : 'failed');
        else nextStep(false);
        return;
      }
      case 'refuse':
        endStep(item.status === 'user_rejected' ? 'user_rejected' : 'failed', `scripted ${item.status}`);
        stepEvent(item.status);
        finish('failed');
        return;
    }
  };

  record.wake = () => host.interrupt();
  startStep(0);
  try {
    for (;;) {
      if (host.cancelled()) return;
      while (!ended && record.inbox.length > 0) apply(record.inbox.shift() as VerifyInput);
      const due = agenda.reduce<Item | undefined>(
        (best, item) =>
          best === undefined || item.at < best.at || (item.at === best.at && item.seq < best.seq)
            ? item
            : best,
        undefined,
      );
      if (due === undefined) return;
      if (due.at > host.now()) {
        // Expiry waits for the app's check: at timeScale 0 it would otherwise come at once.
        await host.sleepUntil(due.at, { forApp: due.kind === 'expire' });
        continue;
      }
      agenda.splice(agenda.indexOf(due), 1);
      await run(due);
    }
  } finally {
    record.wake = () => {};
  }
}
