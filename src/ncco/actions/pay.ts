import { object } from '../engine/compound-fields.js';
import { fail } from '../engine/issues.js';
import { isObject, kind } from '../engine/json-value.js';
import { integer, number, text } from '../engine/scalar-fields.js';
import type { Shape } from '../engine/shape.js';
import { urls } from '../engine/url-fields.js';
import { nccoRules } from '../ncco-rules.js';
import { eventMethod, language } from './common-keys.js';

// The `pay` action: a withdrawn 2021 Developer Preview, not a current NCCO action (decision 063).
// `validateNcco` checks it only with `allowPay`; `nccoSchema` leaves it out.

/** Take a card payment (Developer Preview, withdrawn). */
export const payAction: Shape = {
  required: ['amount'],
  fields: {
    amount: number({ min: 0.01 }),
    currency: text({ pattern: nccoRules.patterns.currency, expect: 'a three-letter currency code (usd)' }),
    eventUrl: urls,
    eventMethod,
    voice: object({ fields: { language, style: integer({ min: 0 }) } }, 'an object ({ language, style })'),
    prompts: {
      expect: 'an array of prompt objects',
      check: (value, path, key, ctx) => {
        if (!Array.isArray(value) || value.some((entry) => !isObject(entry))) {
          fail(ctx, path, `${key} must be an array of prompt objects, got ${kind(value)}`);
        }
      },
      schema: { type: 'array', items: { type: 'object' } },
    },
  },
};
