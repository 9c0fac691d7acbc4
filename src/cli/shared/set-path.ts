import { VwsError } from '../../errors.js';
import { findClosest } from '../../internal/closest.js';
import {
  describePath,
  findUnsafeOverride,
  isUnsafeKey,
  MAX_OVERRIDE_DEPTH,
} from '../../internal/unsafe-keys.js';

/** One `--set` assignment, parsed. */
export interface Assignment {
  readonly path: readonly string[];
  /** `path=value`: typed like the value it replaces; `path:=json`: raw JSON. */
  readonly raw: string;
  readonly json: boolean;
  readonly source: string;
}

/**
 * Parses `path=value` or `path:=json` (the httpie convention). Dots separate segments; a numeric
 * segment indexes an array. Keys keep Vonage's spelling (`err-code`, `message-timestamp`).
 */
export function parseAssignment(source: string): Assignment {
  const match = /^([^=:]+?)(:?=)([\s\S]*)$/.exec(source);
  const pathText = match?.[1];
  if (match === undefined || match === null || pathText === undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OVERRIDE',
      `Invalid --set "${source}": write path=value (e.g. --set status=failed) or path:=json (e.g. --set usage:='{"price":"0.05"}').`,
    );
  }
  const path = pathText.split('.');
  if (path.some((segment) => segment.length === 0)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OVERRIDE',
      `Invalid --set path "${pathText}": segments are separated by single dots, e.g. whatsapp.recipient.wa_id.`,
    );
  }
  checkPath(path);
  return { path, raw: match[3] ?? '', json: match[2] === ':=', source };
}

/** Refuses a path longer than MAX_OVERRIDE_DEPTH segments or naming a prototype key (`__proto__`, `constructor`, ...). */
function checkPath(path: readonly string[]): void {
  if (path.length > MAX_OVERRIDE_DEPTH) {
    throw new VwsError(
      'VWS_ERR_INVALID_OVERRIDE',
      `Invalid --set path "${describePath(path)}": it has ${path.length} segments; a path has at most ${MAX_OVERRIDE_DEPTH} (Vonage payloads are a few levels deep).`,
    );
  }
  const unsafe = path.find(isUnsafeKey);
  if (unsafe !== undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OVERRIDE',
      `Invalid --set path "${describePath(path)}": "${unsafe}" names a built-in property of every JavaScript object and cannot be set; no Vonage payload has it.`,
    );
  }
}

function parseValue(assignment: Assignment, current: unknown): unknown {
  const { raw } = assignment;
  const where = `--set ${assignment.source}`;
  if (assignment.json) {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new VwsError(
        'VWS_ERR_INVALID_OVERRIDE',
        `Invalid JSON in ${where}: quote it as JSON, e.g. --set 'usage:={"price":"0.05"}'.`,
      );
    }
    const unsafe = findUnsafeOverride(value, assignment.path.length);
    if (unsafe !== undefined) {
      throw new VwsError(
        'VWS_ERR_INVALID_OVERRIDE',
        `Invalid JSON in --set ${describePath(assignment.path)}:=...: ${unsafe}.`,
      );
    }
    return value;
  }
  if (typeof current === 'number') {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) {
      throw new VwsError(
        'VWS_ERR_INVALID_OVERRIDE',
        `Invalid value in ${where}: the field is a number; give one, e.g. ${assignment.path.join('.')}=42.`,
      );
    }
    return value;
  }
  if (typeof current === 'boolean') {
    if (raw !== 'true' && raw !== 'false') {
      throw new VwsError(
        'VWS_ERR_INVALID_OVERRIDE',
        `Invalid value in ${where}: the field is a boolean; give true or false.`,
      );
    }
    return raw === 'true';
  }
  if (current !== undefined && current !== null && typeof current === 'object') {
    throw new VwsError(
      'VWS_ERR_INVALID_OVERRIDE',
      `Invalid value in ${where}: the field is an object; set one of its fields (${assignment.path.join('.')}.<key>=...) or give JSON with :=.`,
    );
  }
  // Strings stay strings: the SMS API sends every value as a string, even "5".
  return raw;
}

/**
 * Applies assignments to a payload copy. Returns notes for keys the payload did not have (a typo
 * would otherwise pass silently), with the closest existing key.
 */
export function applyAssignments<T>(
  payload: T,
  assignments: readonly Assignment[],
): { payload: T; notes: string[] } {
  const root = structuredClone(payload) as unknown;
  const notes: string[] = [];
  for (const assignment of assignments) {
    checkPath(assignment.path);
    let node = root as Record<string, unknown> | unknown[];
    let noted = false;
    for (const [index, segment] of assignment.path.entries()) {
      const last = index === assignment.path.length - 1;
      const key = Array.isArray(node) ? Number(segment) : segment;
      if (Array.isArray(node) && (!Number.isInteger(key) || (key as number) < 0)) {
        throw new VwsError(
          'VWS_ERR_INVALID_OVERRIDE',
          `Invalid --set path "${assignment.path.join('.')}": "${segment}" indexes an array; use a number such as 0.`,
        );
      }
      const container = node as Record<string | number, unknown>;
      const exists = Object.hasOwn(container, key);
      if (!exists && !Array.isArray(node) && !noted) {
        noted = true;
        const closest = findClosest(segment, Object.keys(container), 1);
        const hint = closest.length > 0 ? ` (did you mean "${closest[0]}"?)` : '';
        notes.push(
          `"${assignment.path.slice(0, index + 1).join('.')}" is not in the generated payload${hint}; added as a new field.`,
        );
      }
      if (last) {
        container[key] = parseValue(assignment, container[key]);
        break;
      }
      let next = container[key];
      if (next === undefined) {
        next = /^\d+$/.test(assignment.path[index + 1] ?? '') ? [] : {};
        container[key] = next;
      } else if (next === null || typeof next !== 'object') {
        throw new VwsError(
          'VWS_ERR_INVALID_OVERRIDE',
          `Invalid --set path "${assignment.path.join('.')}": "${assignment.path.slice(0, index + 1).join('.')}" is a ${next === null ? 'null' : typeof next}, not an object.`,
        );
      }
      node = next as Record<string, unknown> | unknown[];
    }
  }
  return { payload: root as T, notes };
}
