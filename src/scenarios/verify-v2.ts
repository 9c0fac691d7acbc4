import { VwsError } from '../errors.js';
import type { EventName } from '../fixtures/events.js';
import { createUuid } from '../fixtures/shared/ids.js';
import { toIsoMillis } from '../fixtures/shared/time.js';
import {
  type VerifyChannel,
  type VerifyWorkflowStep,
  type VerifyWorkflowStepStatus,
  verifyChannels,
} from '../fixtures/verify/types.js';
import { channelCost, conversionFee, toSilentAuthCheckUrl } from '../fixtures/verify/verify-events.js';
import {
  checkParam,
  createScenarioContext,
  type EventNameStartingWith,
  pickParam,
  type ScenarioOverrides,
  toScenario,
  toWebhook,
} from './scenario-context.js';
import type { PlannedWebhook, Scenario, ScenarioOptions } from './types.js';

/**
 * How a verification ends: `completed`, `expired` (every step ran out its `channel_timeout`), or a
 * failure on the decisive step: `failed` (wrong codes), `user_rejected` (whatsapp_interactive or
 * silent_auth), `rejected` or `blocked` (the channel refused at once).
 */
export const verifyV2Outcomes = [
  'completed',
  'failed',
  'expired',
  'user_rejected',
  'rejected',
  'blocked',
] as const;
/** One of {@link verifyV2Outcomes}. */
export type VerifyV2Outcome = (typeof verifyV2Outcomes)[number];

/** Parameters of {@link createVerifyV2Scenario}: what the Verify v2 request and its response said. */
export interface VerifyV2Params {
  /** `request_id` of the response. */
  readonly requestId: string;
  /** The workflow's channels in order (1 to 3, distinct, `silent_auth` only first); default sms then voice. */
  readonly workflow: readonly VerifyChannel[];
  /** Default `completed`. */
  readonly outcome: VerifyV2Outcome;
  /**
   * Index of the step on which the outcome happens; earlier steps expire (silent_auth fails and falls
   * back), later ones stay unused. Default: the first step for `completed`, the last otherwise.
   */
  readonly decisiveStep: number;
  /** `channel_timeout` in seconds (60 to 900, default 300). */
  readonly channelTimeout: number;
  /** Your `client_ref` (1 to 40 characters), echoed on the events and the summary. */
  readonly clientRef: string;
}

function toPrice(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}

/**
 * Checks that the decisive step's channel can end the way `outcome` says: `user_rejected` needs a
 * WhatsApp interactive or silent auth step, and silent auth has no `rejected` or `blocked` event.
 * Shared by this planner and the fake's Verify conversation.
 */
export function checkOutcomeChannel(outcome: VerifyV2Outcome, channel: VerifyChannel, index: number): void {
  if (outcome === 'user_rejected' && channel !== 'whatsapp_interactive' && channel !== 'silent_auth') {
    throw invalid(
      `Outcome "user_rejected" needs a whatsapp_interactive or silent_auth step; step ${index} is "${channel}".`,
    );
  }
  if (channel === 'silent_auth' && (outcome === 'rejected' || outcome === 'blocked')) {
    throw invalid(`Outcome "${outcome}" has no silent_auth event: put a code channel on the decisive step.`);
  }
}

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

function checkWorkflow(workflow: readonly VerifyChannel[]): readonly VerifyChannel[] {
  if (workflow.length < 1 || workflow.length > 3) {
    throw invalid(
      `Invalid workflow of ${workflow.length} steps: use 1 to 3 channels, e.g. ["sms", "voice"].`,
    );
  }
  workflow.forEach((channel, index) => {
    pickParam(channel, verifyChannels, 'sms', 'workflow channel');
    if (workflow.indexOf(channel) !== index)
      throw invalid(`Workflow repeats "${channel}": list each channel once.`);
    if (channel === 'silent_auth' && index > 0) {
      throw invalid('Workflow has "silent_auth" after another step: it can only come first.');
    }
  });
  return workflow;
}

function checkDecisive(
  outcome: VerifyV2Outcome,
  workflow: readonly VerifyChannel[],
  value: number | undefined,
): number {
  const last = workflow.length - 1;
  const index = value ?? (outcome === 'completed' ? 0 : last);
  if (!Number.isInteger(index) || index < 0 || index > last) {
    throw invalid(`Invalid decisiveStep ${String(value)}: use a step index from 0 to ${last}.`);
  }
  if (outcome === 'expired' && index !== last) {
    throw invalid(
      'Outcome "expired" means every step expired: drop decisiveStep or set it to the last step.',
    );
  }
  const channel = workflow[index] as VerifyChannel;
  checkOutcomeChannel(outcome, channel, index);
  // A failed silent authentication falls back to the next step, so it can only end the request last.
  if (channel === 'silent_auth' && outcome !== 'completed' && index !== last) {
    throw invalid(
      `A silent_auth step that ends "${outcome}" falls back to the next step: make it the last step.`,
    );
  }
  return index;
}

/** The workflow status of the decisive step of each outcome. */
const decisiveStepStatus: Record<VerifyV2Outcome, VerifyWorkflowStepStatus> = {
  completed: 'completed',
  failed: 'failed',
  expired: 'expired',
  user_rejected: 'user_rejected',
  rejected: 'failed',
  blocked: 'failed',
};

/**
 * The status webhooks of one Verify v2 request (reference verify.md): per used step, a channel event
 * (`verify.event.<status>` for the code channels, `verify.silent_auth.action_pending` then its result
 * for silent auth), then `verify.summary.<status>` after the last one. Steps before the decisive one
 * expire after exactly `channel_timeout` (code channels send no event for that, docs/decisions/083) or, for
 * silent auth, fail within seconds; steps after it are `unused`. `request_id`, `client_ref`, step
 * times (`initiated_at` = the event's `triggered_at`, its end = `finalized_at`) and statuses agree
 * between the events and the summary's `workflow`; `price` sums the used steps (+ the fee when completed).
 *
 * @example
 * ```ts
 * import { createVerifyV2Scenario } from 'vonage-webhook-simulator';
 * const verification = createVerifyV2Scenario({
 *   params: { workflow: ['sms', 'whatsapp'], outcome: 'completed', decisiveStep: 1 },
 * });
 * verification.webhooks.at(-1)?.event; // 'verify.summary.completed'
 * ```
 * @see https://developer.vonage.com/verify/concepts/webhooks
 */
export function createVerifyV2Scenario(options: ScenarioOptions<VerifyV2Params> = {}): Scenario {
  const context = createScenarioContext('verify.v2', options);
  const { faker } = context;
  const params = options.params ?? {};
  const outcome = pickParam(params.outcome, verifyV2Outcomes, 'completed', 'verify.v2 outcome');
  const workflow = checkWorkflow(params.workflow ?? ['sms', 'voice']);
  const decisive = checkDecisive(outcome, workflow, params.decisiveStep);
  const channelTimeout = params.channelTimeout ?? 300;
  if (!Number.isInteger(channelTimeout) || channelTimeout < 60 || channelTimeout > 900) {
    throw invalid(`Invalid channelTimeout ${String(channelTimeout)}: use whole seconds from 60 to 900.`);
  }
  const requestId =
    params.requestId === undefined
      ? createUuid(faker)
      : checkParam(
          params.requestId,
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
          'requestId',
          'c11236f4-00bf-4b89-84ba-88b25df97315',
        );
  const clientRef =
    params.clientRef === undefined
      ? undefined
      : checkParam(params.clientRef, /^.{1,40}$/s, 'clientRef', 'login-1234');
  const summaryStatus = outcome === 'completed' || outcome === 'expired' ? outcome : 'failed';

  const submittedAt = faker.number.int({ min: 5, max: 150 });
  const webhooks: PlannedWebhook[] = [];
  const steps: { channel: VerifyChannel; status: VerifyWorkflowStepStatus; initiatedAt: number }[] = [];
  let clock = submittedAt + faker.number.int({ min: 40, max: 900 });
  let lastEventAt = clock;
  const event = <TName extends EventName>(
    role: string,
    name: TName,
    at: number,
    overrides: ScenarioOverrides<TName>,
  ) => {
    webhooks.push(toWebhook(context, role, name, at, overrides));
    lastEventAt = Math.max(lastEventAt, at);
  };

  workflow.forEach((channel, index) => {
    if (index > decisive) return;
    const status: VerifyWorkflowStepStatus =
      index < decisive ? (channel === 'silent_auth' ? 'failed' : 'expired') : decisiveStepStatus[outcome];
    const initiatedAt = clock;
    const quick = outcome === 'rejected' || outcome === 'blocked';
    const duration =
      status === 'expired'
        ? channelTimeout * 1000
        : channel === 'silent_auth'
          ? faker.number.int({ min: 1_500, max: 12_000 })
          : index === decisive && quick
            ? faker.number.int({ min: 150, max: 2_500 })
            : faker.number.int({ min: 8_000, max: Math.min(channelTimeout - 1, 240) * 1000 });
    const end = initiatedAt + duration;
    const sent = end + faker.number.int({ min: 20, max: 1_500 });
    const role = `step:${index}`;
    const triggered = toIsoMillis(context.start + initiatedAt);
    if (channel === 'silent_auth') {
      event(
        `${role}:pending`,
        'verify.silent_auth.action_pending',
        initiatedAt + faker.number.int({ min: 80, max: 900 }),
        {
          request_id: requestId,
          triggered_at: triggered,
          action: [{ type: 'check', check_url: toSilentAuthCheckUrl(requestId) }],
        },
      );
      const name = `verify.silent_auth.${status}` as EventNameStartingWith<'verify.silent_auth.'>;
      event(role, name, sent, { request_id: requestId, triggered_at: triggered });
    } else if (status !== 'expired') {
      const eventStatus = index === decisive && quick ? outcome : status;
      event(role, `verify.event.${eventStatus}` as EventNameStartingWith<'verify.event.'>, sent, {
        request_id: requestId,
        triggered_at: triggered,
        channel,
        finalized_at: toIsoMillis(context.start + end),
        client_ref: clientRef,
      });
    }
    steps.push({ channel, status, initiatedAt });
    clock = end;
  });

  // An unused step never started: it carries the moment the request ended (decision 043).
  const workflowField = workflow.map((channel, index): VerifyWorkflowStep => {
    const step = steps[index];
    return step === undefined
      ? { channel, initiated_at: toIsoMillis(context.start + clock), status: 'unused' }
      : { channel, initiated_at: toIsoMillis(context.start + step.initiatedAt), status: step.status };
  });
  const spent = steps.reduce((sum, step) => sum + channelCost[step.channel], 0);
  const summaryAt = Math.max(clock, lastEventAt) + faker.number.int({ min: 20, max: 500 });
  webhooks.push(
    toWebhook(context, 'summary', `verify.summary.${summaryStatus}`, summaryAt, {
      request_id: requestId,
      submitted_at: toIsoMillis(context.start + submittedAt),
      channel_timeout: channelTimeout,
      workflow: workflowField,
      price: toPrice(spent + (summaryStatus === 'completed' ? conversionFee : 0)),
      client_ref: clientRef,
    }),
  );
  return toScenario(context, webhooks, { request_id: requestId }, options);
}
