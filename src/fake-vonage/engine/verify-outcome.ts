import { VwsError } from '../../errors.js';
import type { VerifyChannel } from '../../fixtures/verify/types.js';
import { checkOutcomeChannel, type VerifyV2Outcome, verifyV2Outcomes } from '../../scenarios/verify-v2.js';

/** How a silent_auth step ends: its event's status and its workflow status (the same words). */
export type SilentStatus = 'completed' | 'failed' | 'expired' | 'user_rejected';
/** A scripted end the code checks cannot produce. */
export type Refusal = 'rejected' | 'blocked' | 'user_rejected';

/** What a scripted outcome (`scriptOutcome`, `scenario.params['verify.v2']`) does to the steps. */
export interface OutcomePlan {
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
export function toOutcomePlan(
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
