import { anyObject } from '../engine/compound-fields.js';
import { fail } from '../engine/issues.js';
import { kind } from '../engine/json-value.js';
import { boolean, integer, numberOrNumericString, text } from '../engine/scalar-fields.js';
import type { Field, Shape } from '../engine/shape.js';
import { nccoRules } from '../ncco-rules.js';
import { language, level } from './common-keys.js';

// The `talk` action (reference ncco.md, doc-ncco). A bargeIn talk needs a later input: `barge-in.ts`.

/** SSML counts toward the 1500-character limit without its tags (doc-ncco, talk `text`). */
const ssmlPattern = new RegExp(nccoRules.patterns.ssml);

function spokenLength(value: string): number {
  const spoken = ssmlPattern.test(value) ? value.replace(/<[^>]*>/g, '') : value;
  return [...spoken].length;
}

const talkText: Field = {
  expect: `a string of up to ${nccoRules.talkTextMaxLength} characters (SSML tags not counted)`,
  check: (value, path, key, ctx) => {
    if (typeof value !== 'string' || value.trim() === '') {
      fail(ctx, path, `${key} must be ${talkText.expect}, got ${kind(value)}`);
      return;
    }
    const length = spokenLength(value);
    if (length > nccoRules.talkTextMaxLength) {
      fail(ctx, path, `${key} must be ${talkText.expect}, got ${length} characters`);
    }
  },
  schema: {
    type: 'string',
    pattern: nccoRules.patterns.nonBlank,
    description: 'Up to 1500 characters; SSML (in <speak>) tags not counted.',
    // Plain text: at most 1500 characters. SSML: the tag-free length cannot be measured here.
    if: { type: 'string', pattern: nccoRules.patterns.ssml },
    else: { type: 'string', maxLength: nccoRules.talkTextMaxLength },
  },
};

/** Speak text. */
export const talkAction: Shape = {
  description: 'Speak text (synchronous unless bargeIn; then an input must follow).',
  required: ['text'],
  fields: {
    text: talkText,
    bargeIn: boolean,
    loop: integer({ min: 0 }),
    level,
    language,
    style: numberOrNumericString(integer({ min: 0 }), nccoRules.patterns.styleString, 'older Node SDK types'),
    premium: boolean,
    provider: text({ nonEmpty: true }),
    providerOptions: anyObject('an object'),
  },
  legacy: { voiceName: 'is deprecated: choose the voice with language and style instead' },
};
