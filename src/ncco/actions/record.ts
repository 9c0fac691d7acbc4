import { object } from '../engine/compound-fields.js';
import { fail } from '../engine/issues.js';
import { child, has } from '../engine/json-value.js';
import { boolean, integer, oneOf, text } from '../engine/scalar-fields.js';
import type { Rule, Shape } from '../engine/shape.js';
import { urls } from '../engine/url-fields.js';
import { nccoRules } from '../ncco-rules.js';
import { eventMethod, language } from './common-keys.js';

// The `record` action (reference ncco.md, doc-ncco).

const transcription = object(
  {
    fields: { language, eventUrl: urls, eventMethod, sentimentAnalysis: boolean },
  },
  'an object ({ language, eventUrl, eventMethod, sentimentAnalysis })',
);

const channelsNeedSplit: Rule = {
  check: (value, path, ctx) => {
    if (has(value, 'channels') && value.split !== 'conversation') {
      fail(
        ctx,
        child(path, 'channels'),
        'channels needs split: "conversation" (each participant gets a channel)',
      );
    }
  },
  schema: { dependencies: { channels: ['split'] } },
};

/** Record all or part of the call. */
export const recordAction: Shape = {
  description: 'Record all or part of the call (asynchronous).',
  fields: {
    format: oneOf(nccoRules.recordFormats),
    split: oneOf(nccoRules.recordSplit),
    channels: integer(nccoRules.recordChannels, 'Needs split: "conversation".'),
    endOnSilence: integer(nccoRules.recordEndOnSilence),
    endOnKey: text({ pattern: nccoRules.patterns.endOnKey, expect: 'one key: a digit, * or #' }),
    timeOut: integer(nccoRules.recordTimeOut),
    beepStart: boolean,
    eventUrl: urls,
    eventMethod,
    transcription,
  },
  rules: [channelsNeedSplit],
};
