import { VwsError } from '../../errors.js';
import { findClosest } from '../../internal/closest.js';

/**
 * Who a script plays (docs/decisions/107, "The person at the other end"): the `caller` of an
 * inbound call, the `callee` an outbound call or a `connect` rings, the `chat` recipient of a
 * message, and the `verify` user holding the device.
 *
 * @example
 * ```ts
 * import { endUserRoles } from './end-user-script.js';
 * console.log(endUserRoles.join(', ')); // caller, callee, chat, verify
 * ```
 */
export const endUserRoles = ['caller', 'callee', 'chat', 'verify'] as const;

/**
 * One of {@link endUserRoles}.
 *
 * @example
 * ```ts
 * import type { EndUserRole } from './end-user-script.js';
 * const role: EndUserRole = 'callee';
 * ```
 */
export type EndUserRole = (typeof endUserRoles)[number];

/**
 * One thing the person at the other end does, as {@link parseEndUserScript} reads it from a step such
 * as `press 12#` or `reply "STOP"`.
 *
 * @example
 * ```ts
 * import type { EndUserStep } from './end-user-script.js';
 * const steps: EndUserStep[] = [{ kind: 'press', digits: '1' }, { kind: 'say', text: 'yes', confidence: 0.6 }];
 * ```
 */
export type EndUserStep =
  | { readonly kind: 'press'; readonly digits: string }
  | { readonly kind: 'say'; readonly text: string; readonly confidence?: number }
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'silence' }
  | { readonly kind: 'hang_up' }
  | { readonly kind: 'answer' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'no_answer' }
  | { readonly kind: 'voicemail' }
  | { readonly kind: 'reject' }
  | { readonly kind: 'fail' }
  | { readonly kind: 'read' }
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'tap'; readonly id: string }
  | { readonly kind: 'ignore' }
  | { readonly kind: 'enter'; readonly code: string }
  | { readonly kind: 'never' };

/**
 * One script as given by a user: one string (steps separated by `;` or new lines, outside quotes) or
 * a list of step strings (each list item may itself contain `;`).
 *
 * @example
 * ```ts
 * import type { EndUserScript } from './end-user-script.js';
 * const caller: EndUserScript = 'press 1; say "yes please"';
 * const callee: EndUserScript = ['answer', 'wait 2s; press 2#'];
 * ```
 */
export type EndUserScript = string | readonly string[];

type StepKind = EndUserStep['kind'];

const callerVerbs = ['press', 'say', 'wait', 'silence', 'hang up'] as const;
// How an outbound callee picks up; only ever the first step (decision 107).
const pickupVerbs = ['answer', 'busy', 'no answer', 'voicemail', 'reject', 'fail'] as const;

const roleVerbs: Readonly<Record<EndUserRole, readonly string[]>> = {
  caller: callerVerbs,
  callee: [...pickupVerbs, ...callerVerbs],
  chat: ['read', 'reply', 'tap', 'wait', 'ignore'],
  verify: ['enter', 'never', 'wait'],
};

const roleTitles: Readonly<Record<EndUserRole, string>> = {
  caller: 'Caller',
  callee: 'Callee',
  chat: 'Chat',
  verify: 'Verify',
};

const roleStepLists: Readonly<Record<EndUserRole, string>> = {
  caller: 'Caller steps: press, say, wait, silence, hang up.',
  callee:
    'Callee steps: answer, busy, no answer, voicemail, reject or fail first, then press, say, wait, silence, hang up.',
  chat: 'Chat steps: read, reply, tap, wait, ignore.',
  verify: 'Verify steps: enter, never, wait.',
};

const scriptExamples: Readonly<Record<EndUserRole, string>> = {
  caller: 'press 1; say "yes"',
  callee: 'answer; press 1',
  chat: 'read; reply "STOP"',
  verify: 'wait 5s; enter 1234',
};

const q = (text: string): string => JSON.stringify(text);

const usages: Readonly<Record<string, string>> = {
  press: `press takes keys 0-9, * and # (up to 20), e.g. ${q('press 12#')}`,
  say: `say takes the words, best in quotes, and an optional confidence from 0 to 1, e.g. ${q('say "yes please"')} or ${q('say "yes" 0.6')}`,
  wait: `wait takes a time from 1ms to 2h with a unit (ms, s, m or h), e.g. ${q('wait 3s')}, ${q('wait 500ms')} or ${q('wait 1m')}`,
  reply: `reply takes the text, best in quotes, e.g. ${q('reply "STOP"')}`,
  tap: `tap takes the id of the suggestion or button, best in quotes, e.g. ${q('tap "brazil"')}`,
  enter: `enter takes a code of 4 to 10 letters or digits, e.g. ${q('enter 1234')}`,
};

const usageOf = (verb: string): string => usages[verb] ?? `${verb} takes nothing after it, e.g. ${q(verb)}`;

const toKind = (verb: string): StepKind => verb.replace(' ', '_') as StepKind;
const toVerb = (kind: StepKind): string => kind.replace('_', ' ');

const endingKinds: ReadonlySet<StepKind> = new Set([
  'hang_up',
  'busy',
  'no_answer',
  'reject',
  'fail',
  'ignore',
  'never',
]);
const pickupKinds: ReadonlySet<StepKind> = new Set(pickupVerbs.map(toKind));

const MAX_WAIT_MS = 2 * 60 * 60 * 1000;
const unitMs: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const escapes: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/**
 * Splits one script string into its steps at `;` and line breaks outside quotes. A quote opens only at
 * the start of a word, so the apostrophe in `say I'm here` stays text.
 */
function splitSteps(script: string): string[] {
  const steps: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let index = 0; index < script.length; index++) {
    const char = script.charAt(index);
    if (quote !== undefined) {
      current += char;
      if (char === '\\' && index + 1 < script.length) {
        index++;
        current += script.charAt(index);
      } else if (char === quote) {
        quote = undefined;
      }
    } else if (char === ';' || char === '\n' || char === '\r') {
      steps.push(current);
      current = '';
    } else {
      const previous = current.at(-1);
      if ((char === '"' || char === "'") && (previous === undefined || /\s/.test(previous))) quote = char;
      current += char;
    }
  }
  steps.push(current);
  return steps;
}

/** Reads a text argument: quoted (with `\` escapes) up to its closing quote, or else the rest of the step. */
function readText(rest: string): { readonly text: string; readonly after: string } | undefined {
  const quote = rest.charAt(0);
  if (quote !== '"' && quote !== "'") return { text: rest, after: '' };
  let text = '';
  for (let index = 1; index < rest.length; index++) {
    const char = rest.charAt(index);
    if (char === quote) return { text, after: rest.slice(index + 1).trim() };
    if (char === '\\' && index + 1 < rest.length) {
      index++;
      const next = rest.charAt(index);
      text += escapes[next] ?? next;
    } else {
      text += char;
    }
  }
  return undefined;
}

/** Reads `3s`, `500ms`, `2.5s`, `1m` or `2h` as whole milliseconds; `undefined` when it is not one. */
function readDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h)$/i.exec(text);
  if (match === null) return undefined;
  const exact = Number(match[1]) * (unitMs[(match[2] ?? '').toLowerCase()] ?? Number.NaN);
  const ms = Math.round(exact);
  // 2.3s is 2300ms even though 2.3 * 1000 is not exactly 2300 in floating point.
  if (Math.abs(exact - ms) > 1e-6 || ms < 1 || ms > MAX_WAIT_MS) return undefined;
  return ms;
}

function readConfidence(text: string): number | undefined {
  if (!/^\+?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return undefined;
  const confidence = Number(text);
  // `+ 0` turns -0 into 0.
  return confidence >= 0 && confidence <= 1 ? confidence + 0 : undefined;
}

const multiWordVerb = /^(?:(hang)(?:\s+|[-_])?up|no(?:\s+|[-_])?answer)(?=$|[\s"'])/i;

/** The step's verb in canonical form (`hang up`, `no answer`, lower case) and the text after it. */
function readVerb(step: string): { readonly verb: string; readonly rest: string } {
  const multi = multiWordVerb.exec(step);
  if (multi !== null) {
    return {
      verb: multi[1] === undefined ? 'no answer' : 'hang up',
      rest: step.slice(multi[0].length).trim(),
    };
  }
  const verb = /^[^\s"']*/.exec(step)?.[0] ?? '';
  return { verb: verb.toLowerCase(), rest: step.slice(verb.length).trim() };
}

function parseStep(step: string, role: EndUserRole): EndUserStep {
  const fail = (problem: string): VwsError =>
    invalid(`Invalid ${role} step ${q(step)}: ${problem} ${roleStepLists[role]}`);
  const { verb, rest } = readVerb(step);
  if (verb === '')
    throw fail(`a step starts with what the person does, not a quote, e.g. ${q(scriptExamples[role])}.`);
  if (!roleVerbs[role].includes(verb)) {
    const owners = endUserRoles.filter((other) => roleVerbs[other].includes(verb));
    if (owners.length > 0) throw fail(`${verb} is a ${owners.join(' or ')} step, not a ${role} step.`);
    const closest = findClosest(verb, roleVerbs[role], 1)[0];
    const hint = closest === undefined ? '' : ` Did you mean ${q(closest)}?`;
    throw fail(`${q(verb)} is not a ${role} step.${hint}`);
  }
  const usage = `${usageOf(verb)}.`;
  switch (verb) {
    case 'press':
      if (!/^[0-9*#]{1,20}$/.test(rest)) throw fail(usage);
      return { kind: 'press', digits: rest };
    case 'wait': {
      const ms = readDuration(rest);
      if (ms === undefined) throw fail(usage);
      return { kind: 'wait', ms };
    }
    case 'enter':
      if (!/^[0-9A-Za-z]{4,10}$/.test(rest)) throw fail(usage);
      return { kind: 'enter', code: rest };
    case 'say':
    case 'reply':
    case 'tap': {
      const read = readText(rest);
      if (read === undefined) throw fail(`the closing quote is missing; ${usage}`);
      const { text, after } = read;
      if (text.trim() === '') throw fail(usage);
      if (verb === 'reply' || verb === 'tap') {
        if (after !== '') throw fail(usage);
        return verb === 'reply' ? { kind: 'reply', text } : { kind: 'tap', id: text };
      }
      if (after === '') return { kind: 'say', text };
      const confidence = readConfidence(after);
      if (confidence === undefined) throw fail(usage);
      return { kind: 'say', text, confidence };
    }
    default:
      if (rest !== '') throw fail(usage);
      return { kind: toKind(verb) } as EndUserStep;
  }
}

/** Why nothing may follow an ending step, and what to do. */
function afterEnd(role: EndUserRole, step: string, end: StepKind): VwsError {
  const lead = `${roleTitles[role]} step ${q(step)} comes after ${q(toVerb(end))}:`;
  switch (end) {
    case 'hang_up':
      return invalid(`${lead} nothing happens after the ${role} hangs up; remove it.`);
    case 'ignore':
      return invalid(`${lead} nothing happens after the recipient ignores the message; remove it.`);
    case 'never':
      return invalid(`${lead} nothing happens after the user never enters a code; remove it.`);
    default:
      return invalid(
        `${lead} the call ends there without being answered; remove it, or start with "answer" instead.`,
      );
  }
}

/**
 * Reads what the person at the other end does (docs/decisions/107, "The person at the other end"):
 * checks each step against the role and returns the steps in order. An empty script is no steps.
 * Verbs are case-insensitive; quoted text takes `"` or `'` with `\` escapes (`\"`, `\\`, `\n`).
 * Throws `VWS_ERR_INVALID_OPTION` naming the step, the role and the fix for a step that cannot be read,
 * a step after `hang up`, `never` or `ignore`, or a callee's `answer`/`busy`/... that is not first.
 *
 * @example
 * ```ts
 * import { parseEndUserScript } from './end-user-script.js';
 * const steps = parseEndUserScript('press 1; say "yes please" 0.9; wait 2s; hang up', 'caller');
 * // [{ kind: 'press', digits: '1' }, { kind: 'say', text: 'yes please', confidence: 0.9 },
 * //  { kind: 'wait', ms: 2000 }, { kind: 'hang_up' }]
 * parseEndUserScript(['busy'], 'callee'); // [{ kind: 'busy' }]
 * ```
 */
export function parseEndUserScript(script: EndUserScript, role: EndUserRole): readonly EndUserStep[] {
  if (!(endUserRoles as readonly string[]).includes(role)) {
    throw invalid(`Unknown end-user role ${q(String(role))}: use caller, callee, chat or verify.`);
  }
  if (!isEndUserScript(script)) {
    throw invalid(
      `Invalid ${role} script: give steps as a string (${q(scriptExamples[role])}) or a list of strings.`,
    );
  }
  const texts = (typeof script === 'string' ? [script] : script)
    .flatMap(splitSteps)
    .map((text) => text.trim())
    .filter((text) => text !== '');
  const steps: EndUserStep[] = [];
  let end: StepKind | undefined;
  for (const [index, text] of texts.entries()) {
    const step = parseStep(text, role);
    if (end !== undefined) throw afterEnd(role, text, end);
    if (index > 0 && pickupKinds.has(step.kind)) {
      throw invalid(
        `Invalid ${role} step ${q(text)}: answer, busy, no answer, voicemail, reject and fail say how the callee picks up, so only the first step can be one; move it to the start. ${roleStepLists[role]}`,
      );
    }
    steps.push(step);
    if (endingKinds.has(step.kind)) end = step.kind;
  }
  return steps;
}

function toQuoted(text: string): string {
  const escaped = text
    .replace(/[\\"]/g, '\\$&')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `"${escaped}"`;
}

function toWaitText(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * The canonical text of a step, which {@link parseEndUserScript} reads back to the same step: `press 12#`,
 * `say "yes please"`, `say "yes" 0.6`, `wait 3s` (`wait 1500ms` when not whole seconds), `silence`,
 * `hang up`, `no answer`, `reply "STOP"`, `tap "brazil"`, `enter 1234`. Text is double-quoted with
 * `\`, `"`, new lines and tabs escaped, so it stays on one line.
 *
 * @example
 * ```ts
 * import { formatEndUserStep } from './end-user-script.js';
 * formatEndUserStep({ kind: 'say', text: 'yes', confidence: 0.6 }); // 'say "yes" 0.6'
 * formatEndUserStep({ kind: 'wait', ms: 1500 }); // 'wait 1500ms'
 * formatEndUserStep({ kind: 'no_answer' }); // 'no answer'
 * ```
 */
export function formatEndUserStep(step: EndUserStep): string {
  switch (step.kind) {
    case 'press':
      return `press ${step.digits}`;
    case 'say':
      return `say ${toQuoted(step.text)}${step.confidence === undefined ? '' : ` ${step.confidence}`}`;
    case 'wait':
      return `wait ${toWaitText(step.ms)}`;
    case 'reply':
      return `reply ${toQuoted(step.text)}`;
    case 'tap':
      return `tap ${toQuoted(step.id)}`;
    case 'enter':
      return `enter ${step.code}`;
    default:
      return toVerb(step.kind);
  }
}

/**
 * Tells whether a value has the shape of an {@link EndUserScript}: a string or a list of strings. It
 * does not read the steps; {@link parseEndUserScript} does.
 *
 * @example
 * ```ts
 * import { isEndUserScript } from './end-user-script.js';
 * isEndUserScript(['press 1', 'hang up']); // true
 * isEndUserScript({ press: 1 }); // false
 * ```
 */
export function isEndUserScript(value: unknown): value is EndUserScript {
  return (
    typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  );
}
