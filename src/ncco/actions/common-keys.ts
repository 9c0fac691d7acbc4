import { strings } from '../engine/compound-fields.js';
import { type Context, fail } from '../engine/issues.js';
import { child, has, type JsonObject } from '../engine/json-value.js';
import { number, numberOrNumericString, oneOf, text } from '../engine/scalar-fields.js';
import { present } from '../engine/schema-parts.js';
import type { Rule } from '../engine/shape.js';
import { nccoRules } from '../ncco-rules.js';

// Keys and a rule several actions share.

/** `eventMethod` of the actions that send events. */
export const eventMethod = oneOf(nccoRules.eventMethods);

/** `language` of talk, speech input and transcription. */
export const language = text({
  pattern: nccoRules.patterns.language,
  expect: 'a BCP-47 language tag (en-US)',
  description: 'BCP-47 language tag, e.g. en-US.',
});

/** `level` of talk and stream: a volume, or the string the Node SDK sends. */
export const level = numberOrNumericString(
  number(nccoRules.level, 'Volume from -1 to 1 (default 0).'),
  nccoRules.patterns.levelString,
  'the Node SDK',
);

/** `canSpeak`, `canHear`, speech `uuid`: call leg ids. */
export const legIds = strings('an array of call leg ids');

function checkMuteWithCanSpeak(value: JsonObject, path: string, ctx: Context): void {
  if (has(value, 'mute') && has(value, 'canSpeak')) {
    fail(
      ctx,
      child(path, 'mute'),
      'mute cannot be used with canSpeak; use canSpeak: [] to let nobody hear this leg',
    );
  }
}

/** `mute` with `canSpeak` (conversation, transfer): the NCCO reference says mute is not supported then. */
export const muteWithCanSpeak: Rule = {
  check: checkMuteWithCanSpeak,
  schema: { not: present('mute', 'canSpeak') },
};
