import { fail } from './issues.js';
import { child, isObject, kind } from './json-value.js';
import { checkShape, type Field, type Shape, toShapeSchema } from './shape.js';

// Fields that hold several values: an array of strings, any object, an object of a known shape.

/** An array of strings (leg ids, speech hints). */
export function strings(expect: string): Field {
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (!Array.isArray(value)) {
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
        return;
      }
      value.forEach((entry, index) => {
        if (typeof entry !== 'string')
          fail(ctx, child(path, index), `${key}[${index}] must be a string, got ${kind(entry)}`);
      });
    },
    schema: { type: 'array', items: { type: 'string' } },
  };
}

/** Any JSON object (a payload, headers, provider options). */
export function anyObject(expect: string): Field {
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (!isObject(value)) fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
    },
    schema: { type: 'object' },
  };
}

/** An object of `shape` (`dtmf`, `transcription`, `onAnswer` ...), checked key by key. */
export function object(shape: Shape, expect: string): Field {
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (!isObject(value)) {
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
        return;
      }
      checkShape(value, path, shape, ctx);
    },
    schema: toShapeSchema(shape),
  };
}
