import { anyObject, object, strings } from '../engine/compound-fields.js';
import { fail, warn } from '../engine/issues.js';
import { child, has, isObject, type JsonObject, kind, show } from '../engine/json-value.js';
import { boolean, integer, number, oneOf, text } from '../engine/scalar-fields.js';
import { ifThen, present } from '../engine/schema-parts.js';
import type { Field, Rule, Shape } from '../engine/shape.js';
import { urls } from '../engine/url-fields.js';
import { nccoRules } from '../ncco-rules.js';
import { eventMethod, language, legIds } from './common-keys.js';

// The `input` action (reference ncco.md, doc-ncco): DTMF and/or speech, each with its settings object.

const inputTypeItem = oneOf(nccoRules.inputTypes);

const inputType: Field = {
  expect: 'an array of "dtmf" and/or "speech"',
  check: (value, path, key, ctx) => {
    if (!Array.isArray(value) || value.length === 0) {
      fail(ctx, path, `${key} must be ${inputType.expect}, got ${kind(value)}`);
      return;
    }
    value.forEach((entry, index) => {
      inputTypeItem.check(entry, child(path, index), `${key}[${index}]`, ctx);
      if (value.indexOf(entry) !== index) fail(ctx, child(path, index), `${key} lists ${show(entry)} twice`);
    });
  },
  schema: { type: 'array', items: inputTypeItem.schema, minItems: 1, uniqueItems: true },
};

const dtmfSettings = object(
  {
    fields: {
      timeOut: integer(nccoRules.dtmfTimeOut),
      maxDigits: integer(nccoRules.dtmfMaxDigits),
      submitOnHash: boolean,
    },
  },
  'an object ({ timeOut, maxDigits, submitOnHash }), {} for the defaults',
);

const speechSettings = object(
  {
    fields: {
      uuid: legIds,
      endOnSilence: number(nccoRules.speechEndOnSilence),
      language,
      context: strings('an array of hint strings'),
      startTimeout: integer(nccoRules.speechStartTimeout),
      maxDuration: integer(nccoRules.speechMaxDuration),
      saveAudio: boolean,
      sensitivity: integer(nccoRules.speechSensitivity),
      provider: text({ nonEmpty: true }),
      providerOptions: anyObject('an object'),
    },
  },
  'an object ({ uuid, endOnSilence, language, context, startTimeout, maxDuration, saveAudio, sensitivity })',
);

function typesOf(value: JsonObject): readonly unknown[] | undefined {
  return Array.isArray(value.type) ? (value.type as readonly unknown[]) : undefined;
}

const asynchronousIsDtmfOnly: Rule = {
  check: (value, path, ctx) => {
    if (value.mode !== 'asynchronous') return;
    const types = typesOf(value);
    // Asynchronous input is DTMF only and sends each digit as it comes, so DTMF settings must be empty.
    if (types?.includes('speech')) {
      fail(
        ctx,
        child(path, 'type'),
        `type must be ["dtmf"] when mode is "asynchronous" (DTMF only), got ${show(types)}`,
      );
    }
    if (isObject(value.dtmf) && Object.keys(value.dtmf).length > 0) {
      const keys = Object.keys(value.dtmf).join(', ');
      fail(
        ctx,
        child(path, 'dtmf'),
        `dtmf must be empty when mode is "asynchronous" (digits are sent one by one), got ${keys}`,
      );
    }
    if (has(value, 'speech')) {
      fail(ctx, child(path, 'speech'), 'speech cannot be used when mode is "asynchronous" (DTMF only)');
    }
  },
  // Asynchronous input is DTMF only, with empty DTMF settings.
  schema: ifThen(
    { properties: { mode: { const: 'asynchronous' } }, required: ['mode'] },
    {
      properties: {
        type: { type: 'array', not: { type: 'array', contains: { const: 'speech' } } },
        dtmf: { type: 'object', maxProperties: 0 },
      },
      not: present('speech'),
    },
  ),
};

/** Settings for a type the input does not collect are unused (a warning; no JSON Schema part). */
const settingsForItsTypes: Rule = {
  check: (value, path, ctx) => {
    const types = typesOf(value);
    if (types === undefined) return;
    for (const setting of nccoRules.inputTypes) {
      if (has(value, setting) && !types.includes(setting)) {
        warn(
          ctx,
          child(path, setting),
          `${setting} settings are given but type does not include "${setting}", so they are unused`,
        );
      }
    }
  },
};

const movedIntoDtmf = 'belongs inside dtmf in the current input shape (the pre-2020 shape had it at the top)';

/** Collect DTMF digits and/or speech. */
export const inputAction: Shape = {
  description: 'Collect DTMF digits and/or speech.',
  required: ['type'],
  fields: {
    type: inputType,
    dtmf: dtmfSettings,
    speech: speechSettings,
    mode: oneOf(nccoRules.inputModes),
    eventUrl: urls,
    eventMethod,
  },
  legacy: { timeOut: movedIntoDtmf, maxDigits: movedIntoDtmf, submitOnHash: movedIntoDtmf },
  rules: [asynchronousIsDtmfOnly, settingsForItsTypes],
};
