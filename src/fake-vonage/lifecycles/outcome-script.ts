import { VwsError } from '../../errors.js';
import { smsDeliveryStatuses } from '../../fixtures/sms/types.js';
import { messagesSendOutcomes } from '../../scenarios/messages-send-types.js';
import { verifyV2Outcomes } from '../../scenarios/verify-v2.js';
import { voiceOutboundOutcomes } from '../../scenarios/voice-outbound.js';
import { type OutcomeRule, outcomeTimes } from '../types.js';

/** The lifecycle param that sets each sending lifecycle's outcome, and its choices. */
const outcomeParams: Readonly<Record<string, { readonly key: string; readonly choices: readonly string[] }>> =
  {
    'sms.send': { key: 'status', choices: smsDeliveryStatuses },
    'messages.send': { key: 'outcome', choices: messagesSendOutcomes },
    'voice.outbound': { key: 'outcome', choices: voiceOutboundOutcomes },
    'verify.v2': { key: 'outcome', choices: verifyV2Outcomes },
  };

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/**
 * A number or channel id as scripted outcomes compare them: digits only, as the APIs take them
 * (`+44 7700 900-123` is `447700900123`); `undefined` for anything else. Messenger PSIDs are digits too.
 */
const toRecipientKey = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const digits = value.replace(/^\+/, '').replace(/[\s().-]/g, '');
  return /^\d{7,20}$/.test(digits) ? digits : undefined;
};

type CheckedRule = Required<Omit<OutcomeRule, 'scenario'>> & { readonly scenario?: string };

/**
 * Checks a scripted outcome and returns it with its defaults: the number, a known scenario (when
 * given) and an outcome that scenario (or, without one, any sending scenario) has.
 */
export function toOutcomeRule(rule: OutcomeRule): CheckedRule {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    throw invalid(
      'Invalid outcome rule: pass { to, outcome }, e.g. { to: "447700900123", outcome: "rejected" }.',
    );
  }
  const to = toRecipientKey(rule.to);
  if (to === undefined) {
    throw invalid(
      `Invalid outcome rule to ${JSON.stringify(rule.to)}: give the number (or Messenger id) the app sends to, in digits, e.g. "447700900123".`,
    );
  }
  const times = rule.times ?? 'once';
  if (!(outcomeTimes as readonly string[]).includes(times)) {
    throw invalid(`Invalid outcome rule times "${String(times)}": use ${outcomeTimes.join(' or ')}.`);
  }
  const known = new Set(['to', 'outcome', 'scenario', 'times']);
  const extra = Object.keys(rule).find((key) => !known.has(key));
  if (extra !== undefined) {
    throw invalid(`Unknown key "${extra}" in an outcome rule: use to, outcome, scenario and times.`);
  }
  const names = Object.keys(outcomeParams);
  if (rule.scenario !== undefined) {
    const param = outcomeParams[rule.scenario];
    if (param === undefined) {
      throw invalid(
        `Unknown scenario "${String(rule.scenario)}" in an outcome rule: use ${names.join(', ')}.`,
      );
    }
    if (!param.choices.includes(rule.outcome)) {
      throw invalid(
        `Unknown ${rule.scenario} outcome "${String(rule.outcome)}": use ${param.choices.join(', ')}.`,
      );
    }
    return { to, outcome: rule.outcome, times, scenario: rule.scenario };
  }
  if (!names.some((name) => outcomeParams[name]?.choices.includes(rule.outcome))) {
    const all = names.map((name) => `${name}: ${outcomeParams[name]?.choices.join(', ')}`).join('; ');
    throw invalid(`Unknown outcome "${String(rule.outcome)}": use one of ${all}.`);
  }
  return { to, outcome: rule.outcome, times };
}

/** The scripted outcomes of one fake: rules added by tests, taken by the sends they match. */
export interface OutcomeScript {
  /** Checks and adds a rule (throws `VWS_ERR_INVALID_OPTION` for a bad one). */
  add(rule: OutcomeRule): void;
  /** The lifecycle params the first matching rule sets for a send (`{}` when none); a `once` rule is used up. */
  take(scenario: string, to: unknown): Record<string, string>;
  /** The rules not used up, in the order they were added. */
  rules(): OutcomeRule[];
  clear(): void;
}

/** Creates an empty {@link OutcomeScript}. */
export function createOutcomeScript(): OutcomeScript {
  let rules: CheckedRule[] = [];
  return {
    add(rule) {
      rules.push(toOutcomeRule(rule));
    },
    take(scenario, to) {
      const key = toRecipientKey(to);
      const param = outcomeParams[scenario];
      if (key === undefined || param === undefined) return {};
      const rule = rules.find(
        (candidate) =>
          candidate.to === key &&
          (candidate.scenario ?? scenario) === scenario &&
          param.choices.includes(candidate.outcome),
      );
      if (rule === undefined) return {};
      if (rule.times === 'once') rules = rules.filter((candidate) => candidate !== rule);
      return { [param.key]: rule.outcome };
    },
    rules: () => rules.map((rule) => ({ ...rule })),
    clear() {
      rules = [];
    },
  };
}
