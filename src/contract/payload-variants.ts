// The payloads a contract sends per event (issue 12, docs/decisions/112): the base payload (the
// documented form, or the config's named forms), each observed form of each of its groups, the
// payload without its optional fields and the payload with an unknown field.
import { isDeepStrictEqual } from 'node:util';
import { listForms } from '../fixtures/forms.js';
import { generate } from '../fixtures/generate.js';
import { getSchema } from '../schemas/index.js';
import type { VariantWords } from './check-verdict.js';
import type { ContractForms } from './config.js';
import { UNKNOWN_FIELD, withoutOptionalFields, withUnknownField } from './defensive-payloads.js';

/** What an endpoint's checks of one event send besides the documented payload. */
export interface VariantChoice {
  readonly forms: ContractForms;
  readonly defensive: boolean;
}

/** One event in one shape, as a contract generates it. */
export interface PayloadSpec {
  readonly event: string;
  readonly version?: 'v0.1';
  readonly seed: number;
  /** Reference date of the payload, epoch milliseconds: one per event, so its variants differ only as named. */
  readonly refDate: number;
}

/** A variant check: its name, its payload, and the words of its failure message. */
export interface PayloadVariant extends VariantWords {
  /** `delivers timestamp=seconds`, `delivers without optional fields`, `delivers with an unknown field`. */
  readonly check: string;
  readonly payload: unknown;
}

// `generate` narrows options by event name; here the name is only known at run time.
const generateAny = generate as (name: string, options: object) => unknown;

/** The config's named forms that apply to `event`: those of its own groups and forms. */
function namedFormsOf(event: string, forms: Readonly<Record<string, string>>): Record<string, string> {
  const groups = listForms(event);
  return Object.fromEntries(
    Object.entries(forms).filter(([group, form]) =>
      groups.some((each) => each.group === group && each.forms.some((one) => one.name === form)),
    ),
  );
}

/**
 * The payload every check of an event starts from: the documented form, or the config's named
 * forms of the event's groups. Forms apply to the default shape only (a v0.1 shape has one form).
 */
export function basePayload(spec: PayloadSpec, choice: VariantChoice): unknown {
  const named =
    typeof choice.forms === 'object' && spec.version === undefined
      ? namedFormsOf(spec.event, choice.forms)
      : {};
  return generateAny(spec.event, {
    seed: spec.seed,
    refDate: spec.refDate,
    ...(spec.version === undefined ? {} : { version: spec.version }),
    ...(Object.keys(named).length === 0 ? {} : { forms: named }),
  });
}

/** `value` for a one-line message: strings as they are, others as JSON, at most 60 characters. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * An example of what a form changed, from the first difference between the documented payload and
 * the formed one: the new value (`2026-01-18T15:02:25Z`), `no api-key` for a field the form leaves
 * out, `caller_name: Jane` for a field it adds.
 */
export function exampleOfChange(before: unknown, after: unknown, path = ''): string | undefined {
  if (isDeepStrictEqual(before, after)) return undefined;
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null;
  if (!isObject(before) || !isObject(after) || Array.isArray(before) !== Array.isArray(after))
    return shown(after);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const name = path === '' ? key : `${path}.${key}`;
    if (!Object.hasOwn(after, key)) return `no ${name}`;
    if (!Object.hasOwn(before, key)) return `${name}: ${shown(after[key])}`;
    const found = exampleOfChange(before[key], after[key], name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The first source of a form's sources (they are `; `-separated outside parentheses), at most 120
 * characters: a failure line names one; `vws show <event> --forms list` prints them all.
 */
export function firstSource(source: string): string {
  let depth = 0;
  let end = source.length;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ';' && depth === 0) {
      end = index;
      break;
    }
  }
  const first = source.slice(0, end).trim();
  if (first.length <= 120) return first;
  // Too long for a line: drop the parenthesised details (quotes and all) before cutting at a word.
  const plain = first.replace(/\s*\([^()]*\)/g, '');
  if (plain.length <= 120) return plain;
  const cut = plain.slice(0, 120);
  const space = cut.lastIndexOf(' ');
  return `${space > 60 ? cut.slice(0, space) : cut}…`;
}

/**
 * The named forms of the config (`"forms": { "timestamp": "seconds" }`) that apply to the event, as
 * `timestamp=seconds`, for the names and failures of the checks that carry them; `''` when none do.
 */
export function namedFormsLabel(spec: PayloadSpec, choice: VariantChoice): string {
  if (typeof choice.forms !== 'object' || spec.version !== undefined) return '';
  return Object.entries(namedFormsOf(spec.event, choice.forms))
    .map(([group, form]) => `${group}=${form}`)
    .join(',');
}

/** One `delivers <group>=<form>` variant per form seen in real traffic of each of the event's groups. */
function formVariants(spec: PayloadSpec, documented: unknown): PayloadVariant[] {
  const variants: PayloadVariant[] = [];
  for (const group of listForms(spec.event)) {
    const both = group.forms.length === 2 ? 'both forms' : `all ${group.forms.length} forms`;
    for (const form of group.forms) {
      if (form.name === group.documented) continue;
      const payload = generateAny(spec.event, {
        seed: spec.seed,
        refDate: spec.refDate,
        forms: { [group.group]: form.name },
      });
      const example = exampleOfChange(documented, payload) ?? shown(form.description);
      variants.push({
        check: `delivers ${group.group}=${form.name}`,
        payload,
        what: `to ${group.group}=${form.name} (${example}; seen in ${firstSource(form.source)})`,
        why: `real traffic has ${both} of ${group.group}`,
      });
    }
  }
  return variants;
}

/** The two defensive variants: every optional field absent (when the payload has any), an unknown field added. */
function defensiveVariants(spec: PayloadSpec, base: unknown): PayloadVariant[] {
  const { $id: _id, ...schema } = getSchema(
    spec.event,
    spec.version === undefined ? {} : { version: spec.version },
  );
  const stripped = withoutOptionalFields(base, schema);
  return [
    ...(isDeepStrictEqual(stripped, base)
      ? []
      : [
          {
            check: 'delivers without optional fields',
            payload: stripped,
            what: 'when optional fields were absent',
            why: 'Vonage leaves out fields it has no value for; parse defensively',
          },
        ]),
    {
      check: 'delivers with an unknown field',
      payload: withUnknownField(base),
      what: `to a payload with an unknown field (${UNKNOWN_FIELD})`,
      why: 'Vonage adds fields over time; ignore the ones you do not know',
    },
  ];
}

/**
 * The variant checks of an event: with `forms: 'every'` one per observed form (default shape only),
 * then, when `defensive`, the payload without its optional fields and with an unknown field.
 */
export function payloadVariants(spec: PayloadSpec, choice: VariantChoice, base: unknown): PayloadVariant[] {
  return [
    ...(choice.forms === 'every' && spec.version === undefined ? formVariants(spec, base) : []),
    ...(choice.defensive ? defensiveVariants(spec, base) : []),
  ];
}
