import { object } from '../engine/compound-fields.js';
import { fail, warn } from '../engine/issues.js';
import { child, has } from '../engine/json-value.js';
import { boolean, integer, oneOf } from '../engine/scalar-fields.js';
import { present } from '../engine/schema-parts.js';
import type { Field, Rule, Shape } from '../engine/shape.js';
import { isUrl, url, urls } from '../engine/url-fields.js';
import { nccoRules } from '../ncco-rules.js';
import { eventMethod } from './common-keys.js';
import { endpoint } from './connect-endpoints.js';
import { e164 } from './e164.js';

// The `connect` action (reference ncco.md, doc-ncco); its endpoint objects are in `connect-endpoints.ts`.

const advancedMachineDetection = object(
  {
    fields: {
      behavior: oneOf(nccoRules.machineDetection),
      mode: oneOf(nccoRules.advancedMachineDetectionModes),
      beep_timeout: integer(nccoRules.beepTimeout),
    },
  },
  'an object ({ behavior, mode, beep_timeout })',
);

const httpUrl = url();

const ringbackTone: Field = {
  expect: httpUrl.expect,
  check: (value, path, key, ctx) => {
    // The NCCO reference documents a URL string; the Python SDK sends an array of one URL.
    if (
      Array.isArray(value) &&
      value.length === 1 &&
      typeof value[0] === 'string' &&
      isUrl(value[0], 'http')
    ) {
      warn(ctx, path, `${key} is an array; the NCCO reference documents a single URL string`);
      return;
    }
    httpUrl.check(value, path, key, ctx);
  },
  schema: { anyOf: [httpUrl.schema, { type: 'array', items: httpUrl.schema, minItems: 1, maxItems: 1 }] },
};

const fromOrRandomFromNumber: Rule = {
  check: (value, path, ctx) => {
    if (has(value, 'from') && has(value, 'randomFromNumber')) {
      fail(ctx, child(path, 'randomFromNumber'), 'use either from or randomFromNumber, not both');
    }
  },
  schema: { not: present('from', 'randomFromNumber') },
};

/** Both spellings pass, but one action should say it once (no JSON Schema part: a warning). */
const oneMachineDetectionSpelling: Rule = {
  check: (value, path, ctx) => {
    if (has(value, 'advancedMachineDetection') && has(value, 'advanced_machine_detection')) {
      warn(
        ctx,
        child(path, 'advanced_machine_detection'),
        'give advanced machine detection once, in one spelling',
      );
    }
  },
};

/** Connect the call to one endpoint. */
export const connectAction: Shape = {
  description: 'Connect the call to one endpoint.',
  required: ['endpoint'],
  fields: {
    endpoint,
    from: e164(),
    randomFromNumber: boolean,
    eventType: oneOf(nccoRules.connectEventTypes),
    timeout: integer(nccoRules.connectTimeout),
    limit: integer(nccoRules.connectLimit),
    machineDetection: oneOf(nccoRules.machineDetection),
    // Java and Python SDKs spell it camelCase, Ruby and .NET snake_case (reference ncco.md ⚠️): both pass.
    advancedMachineDetection,
    advanced_machine_detection: advancedMachineDetection,
    eventUrl: urls,
    eventMethod,
    ringbackTone,
  },
  rules: [fromOrRandomFromNumber, oneMachineDetectionSpelling],
};
