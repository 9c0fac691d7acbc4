import type { VerificationRecord, VerifyInput } from '../account/state.js';
import type { EngineContext } from './conversation.js';
import { type OutcomePlan, toOutcomePlan } from './verify-outcome.js';
import {
  type AgendaItem,
  cancelRequest,
  createVerificationRun,
  endStep,
  finishRequest,
  hasStepEvent,
  isLastStep,
  nextDue,
  note,
  sendDue,
  sendSilentResult,
  sendStepEvent,
  startNextStep,
  startStep,
  takeDue,
  type VerificationPlan,
  type VerificationRun,
} from './verify-run.js';

// One Verify v2 request is a small state machine (docs/decisions/108); every transition is in this
// file. The request is active until it ends completed, failed, expired or cancelled; each step goes
// unused -> started -> completed | failed | expired | user_rejected.
//
//   The API, at once (the HTTP answer; the input goes to the inbox):
//     checkVerificationCode   silent_auth running -> no_code_step (409); right code -> completed;
//                             wrong -> wrong; third wrong -> locked (ends the request)
//     skipVerificationStep    not the last step -> the next step runs; the last -> false (409)
//     cancelVerification      ends the request
//   The conversation, at the virtual time the input arrives (applyInput):
//     right code   step completed (+ event on voice, whatsapp_interactive) -> request completed
//     locked       step failed (+ event) -> request failed
//     next         step expired ('skipped by next_workflow') -> next step starts
//     cancel       request cancelled: no summary, the running step's webhooks are dropped
//   The conversation, when the clock brings it (applyDue):
//     expire       step expired -> next step starts, or, on the last, request expired
//     silent       silent_auth step ends with the SIM check's result (+ its webhook) ->
//                  completed: request completed; else next step, or on the last failed/expired
//     refuse       step failed | user_rejected (+ event) -> request failed
//     send         a webhook goes out

/**
 * Wrong codes after which Vonage fails the request: v2 publishes no limit, Verify v1 allowed three
 * (reference run-time.md#verify-v2-at-run-time #7, run-time.md#verify-wrong-code-limit).
 */
export const MAX_WRONG_CODES = 3;

/** How a code check ends, as `POST /v2/verify/:id` answers it. */
export type CodeCheckResult = 'completed' | 'wrong' | 'locked' | 'no_code_step';

function tell(record: VerificationRecord, input: VerifyInput): void {
  record.inbox.push(input);
  record.wake();
}

/**
 * A code check of an active request: `no_code_step` while a silent_auth step runs (reference run-time.md#verify-v2-at-run-time #8),
 * `completed` for the right code, `wrong` for a wrong one and `locked` for the third wrong one
 * (reference run-time.md#verify-v2-at-run-time #5–6, run-time.md#verify-wrong-code-limit), which ends the request. The conversation learns it through the inbox.
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
 * running step is the last (the 409 of reference run-time.md#verify-v2-at-run-time #3).
 */
export function skipVerificationStep(record: VerificationRecord): boolean {
  if (record.step >= record.channels.length - 1) return false;
  record.step += 1;
  tell(record, { kind: 'next' });
  return true;
}

/** `DELETE` on an active request: it ends at once, and no summary follows (reference run-time.md#verify-cancel). */
export function cancelVerification(record: VerificationRecord): void {
  record.active = false;
  tell(record, { kind: 'cancel' });
}

/**
 * Applies what the app did (through the API above) at the virtual time it arrives.
 */
function applyInput(run: VerificationRun, input: VerifyInput): void {
  switch (input.kind) {
    case 'code': {
      if (input.result === 'right') {
        note(run, { kind: 'did', step: `check ${input.code}`, detail: 'right code' });
        endStep(run, 'completed');
        if (hasStepEvent(run)) sendStepEvent(run, 'completed');
        finishRequest(run, 'completed');
        return;
      }
      note(run, {
        kind: 'did',
        step: `check ${input.code}`,
        detail: `wrong code (${input.wrongCodes} of ${MAX_WRONG_CODES})`,
      });
      if (input.result === 'locked') {
        endStep(run, 'failed', 'too many wrong codes');
        if (hasStepEvent(run)) sendStepEvent(run, 'failed');
        finishRequest(run, 'failed');
      }
      return;
    }
    case 'next':
      note(run, { kind: 'action', action: 'next_workflow' });
      endStep(run, 'expired', 'skipped by next_workflow');
      startNextStep(run, true);
      return;
    case 'cancel':
      note(run, { kind: 'action', action: 'cancel' });
      cancelRequest(run);
      return;
  }
}

/** Handles what the clock brought: a webhook due, the end of a step, a SIM check's result, a refusal. */
async function applyDue(run: VerificationRun, item: AgendaItem): Promise<void> {
  switch (item.kind) {
    case 'send':
      await sendDue(run, item);
      return;
    case 'expire':
      endStep(run, 'expired');
      if (isLastStep(run)) finishRequest(run, 'expired');
      else startNextStep(run, false);
      return;
    case 'silent':
      endStep(run, item.status);
      sendSilentResult(run, item.status);
      if (item.status === 'completed') finishRequest(run, 'completed');
      else if (isLastStep(run)) finishRequest(run, item.status === 'expired' ? 'expired' : 'failed');
      else startNextStep(run, false);
      return;
    case 'refuse':
      endStep(run, item.status === 'user_rejected' ? 'user_rejected' : 'failed', `scripted ${item.status}`);
      sendStepEvent(run, item.status);
      finishRequest(run, 'failed');
      return;
  }
}

/**
 * Runs one Verify v2 request as Vonage does (docs/decisions/107, 108; reference run-time.md#verify-v2-at-run-time): the first
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
  const run = createVerificationRun(host, record, plan, outcome);
  record.wake = () => host.interrupt();
  startStep(run, 0);
  try {
    for (;;) {
      if (host.cancelled()) return;
      while (!run.ended && record.inbox.length > 0) applyInput(run, record.inbox.shift() as VerifyInput);
      const due = nextDue(run);
      if (due === undefined) return;
      if (due.at > host.now()) {
        // Expiry waits for the app's check: at timeScale 0 it would otherwise come at once.
        await host.sleepUntil(due.at, { forApp: due.kind === 'expire' });
        continue;
      }
      takeDue(run, due);
      await applyDue(run, due);
    }
  } finally {
    record.wake = () => {};
  }
}
