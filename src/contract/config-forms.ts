// The `forms` of a contract config (issue 12, docs/decisions/112): named forms must be forms of the
// events they apply to, so a typo is one line naming an event and its groups, not a silent no-op.
import { VwsError } from '../errors.js';
import { listForms } from '../fixtures/forms.js';
import type { FormGroupInfo } from '../fixtures/shared/forms.js';

/** One `forms` value of a config and the events it applies to (in their default shape). */
export interface FormsTarget {
  /** JSON path of the value: `$.forms`, `$.endpoints[1].forms`. */
  readonly path: string;
  readonly forms: unknown;
  readonly events: readonly string[];
}

/** `text` for a one-line message: quoted, at most 40 characters shown. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** An event and its groups with their forms: `messages.status.read.whatsapp has timestamp (milliseconds, seconds)`. */
function describeGroups(event: string, groups: readonly FormGroupInfo[]): string {
  const listed = groups.map((group) => `${group.group} (${group.forms.map((form) => form.name).join(', ')})`);
  return `${event} has ${listed.join(', ')}. Run "vws show ${event} --forms list"`;
}

/** The first event with form groups, described, or a note that none of them has any. */
function anExample(events: readonly string[]): string {
  for (const event of events) {
    const groups = listForms(event);
    if (groups.length > 0) return describeGroups(event, groups);
  }
  return `none of its events (${events.slice(0, 3).join(', ')}${events.length > 3 ? ', …' : ''}) has form groups`;
}

/**
 * Checks that every named form of `targets` is a form of at least one of the events it applies to:
 * throws one `VWS_ERR_INVALID_OPTION` line naming the JSON path, an event and its groups otherwise.
 * `every` and `documented` need no check (the schema allows only them as strings).
 */
export function checkConfigForms(targets: readonly FormsTarget[], source: string): void {
  for (const { path, forms, events } of targets) {
    if (typeof forms !== 'object' || forms === null) continue;
    for (const [group, form] of Object.entries(forms)) {
      const having = events.filter((event) => listForms(event).some((each) => each.group === group));
      if (having.length === 0) {
        const scope = path === '$.forms' ? 'the config' : 'this endpoint';
        throw new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `Invalid config ${source} at ${path}: no event of ${scope} has the form group ${quote(group)}; ${anExample(events)}.`,
        );
      }
      const known = having.some((event) =>
        listForms(event).some((each) => each.group === group && each.forms.some((one) => one.name === form)),
      );
      if (!known) {
        const event = having[0] ?? '';
        throw new VwsError(
          'VWS_ERR_INVALID_OPTION',
          `Invalid config ${source} at ${path}.${group}: ${quote(String(form))} is not a form of ${quote(group)}; ${describeGroups(event, listForms(event))}.`,
        );
      }
    }
  }
}
