// `--forms` of the payload-making commands (show, request, send): which form of real traffic each
// field takes (docs/decisions/112-forms-of-real-traffic.md). Parsed here; the event's groups and
// forms are checked by the generator, whose one-line error lists them.
import { InvalidArgumentError } from 'commander';

/** `--forms` after parsing: the generator's `forms` option. */
export type FormsChoice = 'documented' | 'any' | { readonly [group: string]: string };

/** `vws show --forms` after parsing: a payload's forms, or `list` to print the event's forms. */
export type ShowFormsChoice = FormsChoice | 'list';

const keywords = ['documented', 'any', 'list'] as const;
type Keyword = (typeof keywords)[number];

/** A group or form name as the catalog writes them: letters, digits and dashes (`leg-id`, `hex32`). */
const namePattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function syntaxError(value: string, withList: boolean): InvalidArgumentError {
  const choices = withList ? 'documented, any, list, or' : 'documented, any, or';
  return new InvalidArgumentError(
    `Invalid --forms "${value}": use ${choices} group=form[,group=form...], e.g. --forms timestamp=seconds ("vws show <event> --forms list" names the groups and forms).`,
  );
}

function parsePairs(value: string, withList: boolean): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of value.split(',')) {
    const [group, form, ...rest] = item.trim().split('=');
    if (
      group === undefined ||
      form === undefined ||
      rest.length > 0 ||
      !namePattern.test(group) ||
      !namePattern.test(form)
    ) {
      throw syntaxError(value, withList);
    }
    addPair(pairs, group, form);
  }
  return pairs;
}

function addPair(pairs: Record<string, string>, group: string, form: string): void {
  const chosen = Object.hasOwn(pairs, group) ? pairs[group] : undefined;
  if (chosen !== undefined && chosen !== form) {
    throw new InvalidArgumentError(
      `--forms names two forms of ${group} (${chosen} and ${form}): a webhook has one, keep one.`,
    );
  }
  pairs[group] = form;
}

function isKeyword(value: unknown): value is Keyword {
  return typeof value === 'string' && (keywords as readonly string[]).includes(value);
}

function parseFormsValue(value: string, previous: ShowFormsChoice | undefined, withList: boolean) {
  const trimmed = value.trim();
  const keyword = isKeyword(trimmed) && (withList || trimmed !== 'list') ? trimmed : undefined;
  if (keyword !== undefined || isKeyword(previous)) {
    if (previous !== undefined) {
      throw new InvalidArgumentError(
        `--forms ${keyword ?? (previous as string)} stands alone: give it once, without group=form.`,
      );
    }
    if (keyword !== undefined) return keyword;
  }
  const pairs = parsePairs(trimmed, withList);
  if (previous === undefined || typeof previous === 'string') return pairs;
  const merged: Record<string, string> = { ...previous };
  for (const [group, form] of Object.entries(pairs)) addPair(merged, group, form);
  return merged;
}

/**
 * Commander parser for a repeatable `--forms` of `vws request` and `vws send`: `documented`, `any`,
 * or `group=form` pairs, comma-separated or repeated (`--forms timestamp=seconds,leg-id=hex32`).
 */
export function parseForms(value: string, previous?: FormsChoice): FormsChoice {
  return parseFormsValue(value, previous, false) as FormsChoice;
}

/** Commander parser for `vws show --forms`: as {@link parseForms}, and `list`. */
export function parseShowForms(value: string, previous?: ShowFormsChoice): ShowFormsChoice {
  return parseFormsValue(value, previous, true);
}

/** The `--forms` flag that gives `choice` again (for the rerun hint), or '' for the documented forms. */
export function toFormsFlag(choice: FormsChoice | undefined): string {
  if (choice === undefined || choice === 'documented') return '';
  const value =
    choice === 'any'
      ? 'any'
      : Object.entries(choice)
          .map(([group, form]) => `${group}=${form}`)
          .join(',');
  return value === '' ? '' : ` --forms ${value}`;
}

/** The generator's `forms` option for a choice: nothing for the documented forms (today's payloads). */
export function toFormsOption(choice: FormsChoice | undefined): { forms?: FormsChoice } {
  return choice === undefined || choice === 'documented' ? {} : { forms: choice };
}
