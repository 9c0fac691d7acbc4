import { fail, warn } from '../engine/issues.js';
import { kind, show } from '../engine/json-value.js';
import type { Field } from '../engine/shape.js';
import { nccoRules } from '../ncco-rules.js';

// A phone number as the NCCO writes it (connect `from`, phone endpoint `number`).

const e164Pattern = new RegExp(nccoRules.patterns.e164);
const expect = 'a phone number in E.164 format without "+" (447700900000)';

/** E.164 digits; a leading `+` is a warning. `description` is the schema's. */
export function e164(description?: string): Field {
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (typeof value !== 'string') {
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
      } else if (!e164Pattern.test(value)) {
        fail(ctx, path, `${key} must be ${expect}, got ${show(value)}`);
      } else if (value.startsWith('+')) {
        warn(
          ctx,
          path,
          `${key} ${show(value)} starts with "+"; Vonage writes numbers as E.164 digits without it`,
        );
      }
    },
    schema: {
      type: 'string',
      pattern: nccoRules.patterns.e164,
      ...(description === undefined ? {} : { description }),
    },
  };
}
