import {
  type NccoActionName,
  type NccoEndpointType,
  nccoActions,
  nccoEndpointTypes,
  nccoRules,
} from '../delivery/ncco.js';
import {
  arraySchema,
  booleanSchema,
  integerSchema,
  type JsonSchema,
  numberSchema,
  objectSchema,
  stringSchema,
} from './json-schema.js';

// The NCCO (reference 3.4) as JSON Schema draft-07, for users' editors and for checking NCCOs with any
// validator. Same constants as `validateNcco`; what JSON Schema cannot say is listed in decision 060
// (a bargeIn talk/stream needs a later input; SSML text length without tags; warnings such as
// unknown keys, clamped wait timeouts and legacy spellings). Objects stay open like every shipped
// schema (decision 004): Vonage ignores unknown keys (decision 061).

const { patterns } = nccoRules;

const httpUrl = stringSchema({ pattern: patterns.httpUrl, description: 'An absolute http(s) URL.' });
const urls = {
  ...arraySchema(httpUrl, { minItems: 1 }),
  description: 'An array of one URL, even for one value.',
};
const eventMethod = stringSchema({ enum: nccoRules.eventMethods });
const language = stringSchema({
  pattern: patterns.language,
  description: 'BCP-47 language tag, e.g. en-US.',
});
const legIds = arraySchema(stringSchema(), {});
const nonEmpty = stringSchema({ pattern: patterns.nonBlank, description: 'Not empty or blank.' });

function range(
  integer: boolean,
  bounds: { min: number; max?: number; upTo?: number },
  description?: string,
): JsonSchema {
  const maximum = bounds.upTo ?? bounds.max;
  const constraints = {
    minimum: bounds.min,
    ...(maximum === undefined ? {} : { maximum }),
    ...(description === undefined ? {} : { description }),
  };
  return integer ? integerSchema(constraints) : numberSchema(constraints);
}

/** A number, or the numeric string one official SDK sends for it (a warning in `validateNcco`). */
function numberOrString(schema: JsonSchema, pattern: string): JsonSchema {
  return { anyOf: [schema, stringSchema({ pattern })] };
}

const level = numberOrString(
  range(false, nccoRules.level, 'Volume from -1 to 1 (default 0).'),
  patterns.levelString,
);

/** `required`, with the keys declared beside it (Ajv's strictRequired wants them defined). */
function present(...keys: readonly string[]): JsonSchema {
  return { properties: Object.fromEntries(keys.map((key) => [key, true])), required: keys };
}

/** `mute` is not supported together with `canSpeak`. */
const noMuteWithCanSpeak: JsonSchema = { not: present('mute', 'canSpeak') };

function withRules(schema: JsonSchema, rules: JsonSchema): JsonSchema {
  return { ...schema, ...rules };
}

const record = withRules(
  objectSchema(
    {},
    {
      format: stringSchema({ enum: nccoRules.recordFormats }),
      split: stringSchema({ enum: nccoRules.recordSplit }),
      channels: range(true, nccoRules.recordChannels, 'Needs split: "conversation".'),
      endOnSilence: range(true, nccoRules.recordEndOnSilence),
      endOnKey: stringSchema({ pattern: patterns.endOnKey }),
      timeOut: range(true, nccoRules.recordTimeOut),
      beepStart: booleanSchema(),
      eventUrl: urls,
      eventMethod,
      transcription: objectSchema(
        {},
        { language, eventUrl: urls, eventMethod, sentimentAnalysis: booleanSchema() },
      ),
    },
    'Record all or part of the call (asynchronous).',
  ),
  { dependencies: { channels: ['split'] } },
);

const conversation = withRules(
  objectSchema(
    { name: nonEmpty },
    {
      musicOnHoldUrl: urls,
      startOnEnter: booleanSchema(),
      endOnExit: booleanSchema(),
      record: booleanSchema(),
      canSpeak: legIds,
      canHear: legIds,
      mute: booleanSchema(),
      eventUrl: urls,
      eventMethod,
    },
    'Create or join a named conversation.',
  ),
  noMuteWithCanSpeak,
);

const advancedMachineDetection = objectSchema(
  {},
  {
    behavior: stringSchema({ enum: nccoRules.machineDetection }),
    mode: stringSchema({ enum: nccoRules.advancedMachineDetectionModes }),
    beep_timeout: range(true, nccoRules.beepTimeout),
  },
);

const endpointSchemas: Readonly<Record<NccoEndpointType, JsonSchema>> = {
  phone: objectSchema(
    { number: stringSchema({ pattern: patterns.e164, description: 'E.164 digits, e.g. 447700900000.' }) },
    {
      dtmfAnswer: stringSchema({ pattern: patterns.dtmfAnswer }),
      onAnswer: objectSchema({ url: httpUrl }, { ringbackTone: httpUrl, ringback: httpUrl }),
      shaken: stringSchema(),
    },
  ),
  app: objectSchema({ user: nonEmpty }),
  websocket: objectSchema(
    { uri: stringSchema({ pattern: patterns.websocketUrl }) },
    { 'content-type': stringSchema({ enum: nccoRules.websocketContentTypes }), headers: { type: 'object' } },
  ),
  sip: withRules(
    objectSchema(
      {},
      {
        uri: stringSchema({ pattern: patterns.sipUri }),
        user: nonEmpty,
        domain: nonEmpty,
        headers: { type: 'object' },
        standardHeaders: { type: 'object' },
      },
    ),
    { anyOf: [present('uri'), present('user', 'domain')] },
  ),
  vbc: objectSchema({ extension: nonEmpty }),
};

/** JSON Schema `if`/`then`: `then` applies where `condition` holds. */
function ifThen(condition: JsonSchema, consequence: JsonSchema): JsonSchema {
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword; the object is never awaited.
  return { if: condition, then: consequence };
}

function byDiscriminator(key: string, schemas: Readonly<Record<string, JsonSchema>>): JsonSchema[] {
  return Object.entries(schemas).map(([value, schema]) =>
    ifThen({ properties: { [key]: { const: value } }, required: [key] }, schema),
  );
}

const endpoint: JsonSchema = {
  type: 'object',
  required: ['type'],
  properties: { type: stringSchema({ enum: nccoEndpointTypes }) },
  allOf: byDiscriminator('type', endpointSchemas),
};

const connect = withRules(
  objectSchema(
    { endpoint: arraySchema(endpoint, { minItems: 1, maxItems: 1 }) },
    {
      from: stringSchema({ pattern: patterns.e164 }),
      randomFromNumber: booleanSchema(),
      eventType: stringSchema({ enum: nccoRules.connectEventTypes }),
      timeout: range(true, nccoRules.connectTimeout),
      limit: range(true, nccoRules.connectLimit),
      machineDetection: stringSchema({ enum: nccoRules.machineDetection }),
      advancedMachineDetection,
      advanced_machine_detection: advancedMachineDetection,
      eventUrl: urls,
      eventMethod,
      ringbackTone: { anyOf: [httpUrl, arraySchema(httpUrl, { minItems: 1, maxItems: 1 })] },
    },
    'Connect the call to one endpoint.',
  ),
  { not: present('from', 'randomFromNumber') },
);

const talkText = {
  ...stringSchema({
    pattern: patterns.nonBlank,
    description: 'Up to 1500 characters; SSML (in <speak>) tags not counted.',
  }),
  // Plain text: at most 1500 characters. SSML: the tag-free length cannot be measured here.
  if: { type: 'string', pattern: patterns.ssml },
  else: { type: 'string', maxLength: nccoRules.talkTextMaxLength },
};

const talk = objectSchema(
  { text: talkText },
  {
    bargeIn: booleanSchema(),
    loop: integerSchema({ minimum: 0 }),
    level,
    language,
    style: numberOrString(integerSchema({ minimum: 0 }), patterns.styleString),
    premium: booleanSchema(),
    provider: nonEmpty,
    providerOptions: { type: 'object' },
  },
  'Speak text (synchronous unless bargeIn; then an input must follow).',
);

const stream = objectSchema(
  { streamUrl: urls },
  { level, bargeIn: booleanSchema(), loop: integerSchema({ minimum: 0 }) },
  'Play an audio file (synchronous unless bargeIn; then an input must follow).',
);

const input = withRules(
  objectSchema(
    {
      type: {
        ...arraySchema(stringSchema({ enum: nccoRules.inputTypes }), { minItems: 1 }),
        uniqueItems: true,
      },
    },
    {
      dtmf: objectSchema(
        {},
        {
          timeOut: range(true, nccoRules.dtmfTimeOut),
          maxDigits: range(true, nccoRules.dtmfMaxDigits),
          submitOnHash: booleanSchema(),
        },
      ),
      speech: objectSchema(
        {},
        {
          uuid: legIds,
          endOnSilence: range(false, nccoRules.speechEndOnSilence),
          language,
          context: arraySchema(stringSchema()),
          startTimeout: range(true, nccoRules.speechStartTimeout),
          maxDuration: range(true, nccoRules.speechMaxDuration),
          saveAudio: booleanSchema(),
          sensitivity: range(true, nccoRules.speechSensitivity),
          provider: nonEmpty,
          providerOptions: { type: 'object' },
        },
      ),
      mode: stringSchema({ enum: nccoRules.inputModes }),
      eventUrl: urls,
      eventMethod,
    },
    'Collect DTMF digits and/or speech.',
  ),
  {
    // Asynchronous input is DTMF only, with empty DTMF settings.
    ...ifThen(
      { properties: { mode: { const: 'asynchronous' } }, required: ['mode'] },
      {
        properties: {
          type: { type: 'array', not: { type: 'array', contains: { const: 'speech' } } },
          dtmf: { type: 'object', maxProperties: 0 },
        },
        not: present('speech'),
      },
    ),
  },
);

const notify = objectSchema(
  { payload: { type: 'object' }, eventUrl: urls },
  { eventMethod },
  'Send a payload to eventUrl; an NCCO answer replaces the current one.',
);

const wait = objectSchema(
  {},
  { timeout: numberSchema({ description: 'Seconds, 0.1 to 7200 (default 10); other values are clamped.' }) },
  'Pause the NCCO.',
);

const transfer = withRules(
  objectSchema(
    {},
    {
      conversation_id: nonEmpty,
      conversationId: { ...nonEmpty, description: 'Java SDK spelling of conversation_id.' },
      canHear: legIds,
      canSpeak: legIds,
      mute: booleanSchema(),
    },
    'Move the call legs into another existing conversation.',
  ),
  { anyOf: [present('conversation_id'), present('conversationId')], ...noMuteWithCanSpeak },
);

const actionSchemas: Readonly<Record<NccoActionName, JsonSchema>> = {
  record,
  conversation,
  connect,
  talk,
  stream,
  input,
  notify,
  wait,
  transfer,
};

/**
 * JSON Schema (draft-07) of a current NCCO (reference 3.4), the rules of `validateNcco` that JSON
 * Schema can express. Point an editor at it for completion and checks while writing answer NCCOs.
 *
 * @example
 * ```ts
 * import { Ajv } from 'ajv';
 * import { nccoSchema } from 'vonage-webhook-simulator';
 * const validate = new Ajv().compile(nccoSchema);
 * validate([{ action: 'talk', text: 'Hello' }]); // true
 * ```
 * @see https://developer.vonage.com/en/voice/voice-api/ncco-reference
 */
export const nccoSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vonage-webhook-simulator.local/schemas/ncco.schema.json',
  title: 'NCCO',
  description: 'A Vonage Call Control Object: a non-empty JSON array of actions, run in order.',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['action'],
    properties: { action: stringSchema({ enum: nccoActions }) },
    allOf: byDiscriminator('action', actionSchemas),
  },
};
