import { type Command, InvalidArgumentError } from 'commander';
import { MAX_PARTS, MIN_PARTS } from '../../fixtures/shared/types.js';
import { type FormsChoice, parseForms, parseShowForms, type ShowFormsChoice } from './forms-option.js';
import { parseRefDate, parseSeed } from './option-parsers.js';
import { type Assignment, parseAssignment } from './set-path.js';

/** The options every payload-making command shares (show, request, send). */
export interface PayloadOptions {
  readonly seed?: number;
  readonly refDate?: number;
  readonly set?: Assignment[];
  readonly file?: string;
  readonly webhookVersion?: string;
  readonly parts?: number;
  /** `--forms`: the documented forms (default), any observed form drawn by the seed, or named forms. */
  readonly forms?: FormsChoice;
}

/** Commander parser for a repeatable `--set`. */
export function collectAssignment(value: string, previous: Assignment[] = []): Assignment[] {
  try {
    return [...previous, parseAssignment(value)];
  } catch (error) {
    throw new InvalidArgumentError(
      error instanceof Error ? error.message.replace(/^Invalid --set "[^"]*": /, '') : String(error),
    );
  }
}

/** Commander parser for `--parts`: 2 to 255, the parts a concatenated SMS can have. */
export function parseParts(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < MIN_PARTS || number > MAX_PARTS) {
    throw new InvalidArgumentError(`Use a whole number from ${MIN_PARTS} to ${MAX_PARTS}, e.g. --parts 3.`);
  }
  return number;
}

/** How {@link addPayloadOptions} sets a command up. */
export interface AddPayloadOptionsSettings {
  /** `--forms list` prints the event's forms instead of a payload (`vws show` only). */
  readonly formsList?: boolean;
}

const formsHelp =
  'forms of real traffic: documented (default), any (drawn by the seed), or group=form[,group=form] (repeatable), e.g. timestamp=seconds';

/** Adds the payload options to a command. */
export function addPayloadOptions(command: Command, settings: AddPayloadOptionsSettings = {}): Command {
  return command
    .option('--seed <n>', 'seed for a reproducible payload (default: random, printed on stderr)', parseSeed)
    .option(
      '--ref-date <iso>',
      '"now" for the timestamps in the payload (default: the current time)',
      parseRefDate,
    )
    .option(
      '--set <path=value>',
      "set a field: path=value keeps the field's type, path:=json sets raw JSON (repeatable)",
      collectAssignment,
    )
    .option('--file <overrides.json>', 'deep-merge a JSON object of fields into the payload (before --set)')
    .option(
      '--webhook-version <version>',
      'another wire shape of the webhook, e.g. v0.1 for the legacy Messages format',
    )
    .option(
      '--parts <n>',
      `every part of a multi-part message (a concatenated SMS), ${MIN_PARTS} to ${MAX_PARTS}`,
      parseParts,
    )
    .option(
      '--forms <forms>',
      settings.formsList
        ? `${formsHelp}; list prints the event's groups and forms`
        : `${formsHelp} ("vws show <event> --forms list" names them)`,
      settings.formsList
        ? parseShowForms
        : (value: string, previous?: ShowFormsChoice) =>
            parseForms(value, previous as FormsChoice | undefined),
    );
}
