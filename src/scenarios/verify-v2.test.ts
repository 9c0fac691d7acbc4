import { describe, expect, it } from 'vitest';
import { toPlannedScenario } from './scenario-context.js';
import type { PlannedScenario as Scenario } from './types.js';
import { createVerifyV2Scenario as createTyped } from './verify-v2.js';

// These tests read payloads as JSON records (the planned shape), whatever their event.
const createVerifyV2Scenario = (...args: Parameters<typeof createTyped>) =>
  toPlannedScenario(createTyped(...args));

type Step = { channel: string; initiated_at: string; status: string };
const summaryOf = (scenario: Scenario) => scenario.webhooks.at(-1)?.payload ?? {};
const workflowOf = (scenario: Scenario) => summaryOf(scenario).workflow as Step[];

describe('createVerifyV2Scenario', () => {
  it('completes on the first step by default: one event, then the summary, later steps unused', () => {
    const verification = createVerifyV2Scenario({ seed: 1 });
    expect(verification.webhooks.map((webhook) => webhook.event)).toEqual([
      'verify.event.completed',
      'verify.summary.completed',
    ]);
    expect(workflowOf(verification).map((step) => step.status)).toEqual(['completed', 'unused']);
    expect(verification.webhooks.every((webhook) => webhook.target === 'verify-status')).toBe(true);
  });

  it('expires the steps before the decisive one after exactly channel_timeout, sending no event for them', () => {
    const verification = createVerifyV2Scenario({
      seed: 2,
      params: { workflow: ['sms', 'whatsapp', 'voice'], decisiveStep: 2, channelTimeout: 120 },
    });
    const workflow = workflowOf(verification);
    expect(workflow.map((step) => step.status)).toEqual(['expired', 'expired', 'completed']);
    const starts = workflow.map((step) => Date.parse(step.initiated_at));
    expect(starts.slice(1).map((value, index) => value - (starts[index] as number))).toEqual([
      120_000, 120_000,
    ]);
    expect(verification.webhooks.map((webhook) => webhook.event)).toEqual([
      'verify.event.completed',
      'verify.summary.completed',
    ]);
    expect(verification.webhooks[0]?.payload).toMatchObject({
      channel: 'voice',
      triggered_at: workflow[2]?.initiated_at,
    });
  });

  it('ties every event to the summary: request_id, client_ref, start and end times', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const verification = createVerifyV2Scenario({
        seed,
        params: { workflow: ['silent_auth', 'sms'], outcome: 'failed', clientRef: 'login-7' },
      });
      const summary = summaryOf(verification);
      expect(summary).toMatchObject({
        request_id: verification.ids.request_id,
        status: 'failed',
        client_ref: 'login-7',
      });
      const workflow = workflowOf(verification);
      expect(workflow.map((step) => step.status)).toEqual(['failed', 'failed']);
      for (const { event, payload, atMs } of verification.webhooks) {
        expect(payload.request_id, event).toBe(verification.ids.request_id);
        const step = workflow.find((candidate) => candidate.channel === payload.channel);
        if (step !== undefined) expect(payload.triggered_at, event).toBe(step.initiated_at);
        if (payload.finalized_at !== undefined) {
          expect(Date.parse(String(payload.finalized_at))).toBeLessThanOrEqual(
            Date.parse('2026-01-15T12:00:00.000Z') + atMs,
          );
        }
      }
      expect(verification.webhooks.map((webhook) => webhook.event)).toEqual([
        'verify.silent_auth.action_pending',
        'verify.silent_auth.failed',
        'verify.event.failed',
        'verify.summary.failed',
      ]);
      expect(Date.parse(String(summary.submitted_at))).toBeLessThan(
        Date.parse(workflow[0]?.initiated_at ?? ''),
      );
    }
  });

  it('prices the used steps, plus the fee when completed', () => {
    const completed = summaryOf(
      createVerifyV2Scenario({ params: { workflow: ['sms', 'voice'], decisiveStep: 1 } }),
    );
    expect(completed.price).toBe(0.1405);
    const expired = summaryOf(
      createVerifyV2Scenario({ params: { workflow: ['email'], outcome: 'expired' } }),
    );
    expect(expired.price).toBe(0.005);
  });

  it('reports rejected and blocked attempts within seconds and fails the request', () => {
    for (const outcome of ['rejected', 'blocked'] as const) {
      const verification = createVerifyV2Scenario({ seed: 3, params: { workflow: ['sms'], outcome } });
      const [event] = verification.webhooks;
      expect(event?.event).toBe(`verify.event.${outcome}`);
      const elapsed =
        Date.parse(String(event?.payload.finalized_at)) - Date.parse(String(event?.payload.triggered_at));
      expect(elapsed).toBeLessThanOrEqual(2_500);
      expect(summaryOf(verification).status).toBe('failed');
    }
  });

  it('rejects workflows and outcomes Verify cannot produce', () => {
    const attempts: [Parameters<typeof createVerifyV2Scenario>[0], RegExp][] = [
      [
        { params: { outcome: 'user_rejected', workflow: ['sms'] } },
        /needs a whatsapp_interactive or silent_auth/,
      ],
      [{ params: { workflow: ['sms', 'silent_auth'] } }, /can only come first/],
      [{ params: { workflow: ['sms', 'sms'] } }, /repeats "sms"/],
      [{ params: { workflow: ['sms', 'voice', 'email', 'whatsapp'] } }, /use 1 to 3 channels/],
      [{ params: { outcome: 'expired', decisiveStep: 0 } }, /every step expired/],
      [
        { params: { workflow: ['silent_auth', 'sms'], outcome: 'failed', decisiveStep: 0 } },
        /make it the last step/,
      ],
      [{ params: { decisiveStep: 5 } }, /from 0 to 1/],
      [{ params: { channelTimeout: 30 } }, /60 to 900/],
    ];
    for (const [options, message] of attempts) expect(() => createVerifyV2Scenario(options)).toThrow(message);
  });
});
