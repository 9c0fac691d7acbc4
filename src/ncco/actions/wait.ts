import { fail, warn } from '../engine/issues.js';
import { kind } from '../engine/json-value.js';
import type { Field, Shape } from '../engine/shape.js';
import { nccoRules } from '../ncco-rules.js';

// The `wait` action (reference ncco.md, doc-ncco).

const waitTimeout: Field = {
  expect: `a number of seconds from ${nccoRules.waitTimeout.min} to ${nccoRules.waitTimeout.max}`,
  check: (value, path, key, ctx) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(ctx, path, `${key} must be ${waitTimeout.expect}, got ${kind(value)}`);
    } else if (value < nccoRules.waitTimeout.min || value > nccoRules.waitTimeout.max) {
      // Out-of-range values are clamped, not rejected (doc-ncco; Java SDK WaitAction).
      const { min, max } = nccoRules.waitTimeout;
      warn(
        ctx,
        path,
        `${key} ${value} is outside ${min}-${max}; Vonage clamps it to ${value < min ? min : max}`,
      );
    }
  },
  // No bounds: out-of-range values are clamped, so the schema accepts them.
  schema: { type: 'number', description: 'Seconds, 0.1 to 7200 (default 10); other values are clamped.' },
};

/** Pause the NCCO. */
export const waitAction: Shape = { description: 'Pause the NCCO.', fields: { timeout: waitTimeout } };
