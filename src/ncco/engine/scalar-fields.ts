import { findClosest } from '../../internal/closest.js';
import { nccoRules } from '../ncco-rules.js';
import { fail, warn } from './issues.js';
import { kind, list, show } from './json-value.js';
import type { Field } from './shape.js';

// Fields of one JSON value (boolean, number, string, enum): each says what it expects in the
// validator's words and as JSON Schema.

/** `true` or `false`. */
export const boolean: Field = {
  expect: 'true or false',
  check: (value, path, key, ctx) => {
    if (typeof value !== 'boolean') fail(ctx, path, `${key} must be true or false, got ${kind(value)}`);
  },
  schema: { type: 'boolean' },
};

/** Bounds of a number; the schema's `maximum` is the looser `upTo` where an SDK accepts more. */
export interface Range {
  readonly min: number;
  readonly max?: number;
  /** A looser upper bound an SDK accepts; (max, upTo] is a warning. */
  readonly upTo?: number;
  readonly source?: string;
}

function rangeText(range: Range): string {
  return range.max === undefined ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`;
}

function numeric(integerOnly: boolean, range: Range, description?: string): Field {
  const expect = `${integerOnly ? 'an integer' : 'a number'} ${rangeText(range)}`;
  const maximum = range.upTo ?? range.max;
  return {
    expect,
    check: (value, path, key, ctx) => {
      const isNumber = typeof value === 'number' && Number.isFinite(value);
      if (!isNumber || (integerOnly && !Number.isInteger(value))) {
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
        return;
      }
      if (value < range.min) {
        fail(ctx, path, `${key} must be ${expect}, got ${value}`);
      } else if (range.max !== undefined && value > range.max) {
        if (range.upTo !== undefined && value <= range.upTo) {
          warn(
            ctx,
            path,
            `${key} ${value} is above the documented maximum ${range.max} (${range.source} allows ${range.upTo})`,
          );
        } else {
          fail(ctx, path, `${key} must be ${expect}, got ${value}`);
        }
      }
    },
    schema: {
      type: integerOnly ? 'integer' : 'number',
      minimum: range.min,
      ...(maximum === undefined ? {} : { maximum }),
      ...(description === undefined ? {} : { description }),
    },
  };
}

/** An integer within `range`; `description` is the schema's. */
export const integer = (range: Range, description?: string): Field => numeric(true, range, description);
/** A number within `range`; `description` is the schema's. */
export const number = (range: Range, description?: string): Field => numeric(false, range, description);

/** A number, or a string holding one, which one official SDK sends (warning; decision 060). */
export function numberOrNumericString(base: Field, pattern: string, sdk: string): Field {
  const regex = new RegExp(pattern);
  return {
    expect: base.expect,
    check: (value, path, key, ctx) => {
      if (typeof value === 'string' && regex.test(value)) {
        warn(
          ctx,
          path,
          `${key} is the string ${show(value)}; the NCCO reference documents a number (${sdk} sends a string)`,
        );
        return;
      }
      base.check(value, path, key, ctx);
    },
    schema: { anyOf: [base.schema, { type: 'string', pattern }] },
  };
}

/** How {@link text} constrains a string. */
export interface TextOptions {
  /** Not empty or only white space. */
  readonly nonEmpty?: boolean;
  readonly pattern?: string;
  /** The validator's words for the value (default "a string" or "a non-empty string"). */
  readonly expect?: string;
  /** The schema's `description` (a non-empty string says "Not empty or blank." unless given). */
  readonly description?: string;
}

function toTextSchema(options: TextOptions): Field['schema'] {
  const pattern = options.nonEmpty ? nccoRules.patterns.nonBlank : options.pattern;
  const description = options.description ?? (options.nonEmpty ? 'Not empty or blank.' : undefined);
  return {
    type: 'string',
    ...(pattern === undefined ? {} : { pattern }),
    ...(description === undefined ? {} : { description }),
  };
}

/** A string, optionally non-empty or matching a pattern. */
export function text(options: TextOptions = {}): Field {
  const regex = options.pattern === undefined ? undefined : new RegExp(options.pattern);
  const expect = options.expect ?? (options.nonEmpty ? 'a non-empty string' : 'a string');
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (typeof value !== 'string') fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
      else if (options.nonEmpty && value.trim() === '')
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
      else if (regex !== undefined && !regex.test(value))
        fail(ctx, path, `${key} must be ${expect}, got ${show(value)}`);
    },
    schema: toTextSchema(options),
  };
}

/** One of `values`, with the closest one suggested for a typo. */
export function oneOf(values: readonly string[]): Field {
  const expect = values.length === 1 ? JSON.stringify(values[0]) : `one of ${list(values)}`;
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (typeof value !== 'string') {
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
      } else if (!values.includes(value)) {
        const closest = findClosest(value, values, 1)[0];
        const hint = closest === undefined || closest === value ? '' : ` (did you mean "${closest}"?)`;
        fail(ctx, path, `${key} must be ${expect}, got ${show(value)}${hint}`);
      }
    },
    schema: { type: 'string', enum: values },
  };
}
