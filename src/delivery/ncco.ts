import type { ResponseContract } from '../fixtures/shared/define-event.js';
import { findClosest } from '../internal/closest.js';

// NCCO validation for the answer URL and the NCCO-returning event URLs (reference 3.4; decisions
// 060-064). Hand-written on purpose: it runs on the delivery path for every answer, needs no runtime
// dependency, and says in one sentence per problem where it is, what is wrong and what is allowed.
// `src/schemas/ncco.ts` expresses the same rules as JSON Schema from the constants below.

/** The NCCO actions of the current NCCO reference (reference 3.4, doc-ncco). `pay` is not one (decision 063). */
export const nccoActions = [
  'record',
  'conversation',
  'connect',
  'talk',
  'stream',
  'input',
  'notify',
  'wait',
  'transfer',
] as const;
/** One of {@link nccoActions}. */
export type NccoActionName = (typeof nccoActions)[number];

/** The endpoint types a `connect` action accepts (reference 3.4, "Endpoint objects"). */
export const nccoEndpointTypes = ['phone', 'app', 'websocket', 'sip', 'vbc'] as const;
/** One of {@link nccoEndpointTypes}. */
export type NccoEndpointType = (typeof nccoEndpointTypes)[number];

/**
 * Enums, ranges and patterns of the NCCO rules, shared by {@link validateNcco} and the JSON Schema
 * `nccoSchema`, so both hold the same numbers. `upTo` is a looser bound an official SDK accepts:
 * values between `max` and `upTo` are warnings, not errors (decision 060).
 */
export const nccoRules = {
  eventMethods: ['GET', 'POST'],
  recordFormats: ['mp3', 'wav', 'ogg'],
  recordSplit: ['conversation'],
  recordChannels: { min: 1, max: 32 },
  recordEndOnSilence: { min: 3, max: 10 },
  recordTimeOut: { min: 3, max: 7200 },
  talkTextMaxLength: 1500,
  level: { min: -1, max: 1 },
  connectEventTypes: ['synchronous'],
  connectTimeout: { min: 1 },
  connectLimit: { min: 0, max: 7200 },
  machineDetection: ['continue', 'hangup'],
  advancedMachineDetectionModes: ['default', 'detect', 'detect_beep'],
  beepTimeout: { min: 45, max: 120 },
  websocketContentTypes: ['audio/l16;rate=8000', 'audio/l16;rate=16000', 'audio/l16;rate=24000'],
  inputTypes: ['dtmf', 'speech'],
  inputModes: ['synchronous', 'asynchronous'],
  dtmfTimeOut: { min: 0, max: 10 },
  dtmfMaxDigits: { min: 1, max: 20, upTo: 22, source: 'the Ruby SDK' },
  speechEndOnSilence: { min: 0.4, max: 10 },
  speechStartTimeout: { min: 1, max: 10, upTo: 60, source: 'the Python SDK' },
  speechMaxDuration: { min: 1, max: 60 },
  speechSensitivity: { min: 0, max: 100 },
  waitTimeout: { min: 0.1, max: 7200 },
  patterns: {
    /** An absolute http(s) URL (the validator also parses it with `URL`). */
    httpUrl: '^https?://[^\\s]+$',
    websocketUrl: '^wss?://[^\\s]+$',
    sipUri: '^sips?:[^\\s]+$',
    /** E.164 digits; a leading `+` is tolerated with a warning. */
    e164: '^\\+?[1-9][0-9]{6,14}$',
    dtmfAnswer: '^[0-9*#p]+$',
    endOnKey: '^[0-9*#]$',
    /** A BCP-47 tag, loosely (`en-US`, `cmn-CN`, `en-GB-WLS`). */
    language: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$',
    /** `text` that is SSML: its length limit counts the words, not the tags. */
    ssml: '^\\s*<speak[\\s>]',
    /** `level` written as a string (the Node SDK types it so): a decimal from -1 to 1. */
    levelString: '^-?(0(\\.[0-9]+)?|\\.[0-9]+|1(\\.0+)?)$',
    /** At least one character that is not white space (names, ids, `text`). */
    nonBlank: '\\S',
    /** `style` written as a string (older Node SDK types). */
    styleString: '^[0-9]+$',
    currency: '^[A-Za-z]{3}$',
  },
} as const;

/** One problem in an NCCO: where (a JSON path such as `$[1].eventUrl`) and why. */
export interface NccoIssue {
  readonly path: string;
  readonly reason: string;
}

/**
 * The outcome of {@link validateNcco}: `issues` are errors (Vonage would reject the NCCO or the call
 * would not do what it says); `warnings` are accepted but suspicious (unknown keys, legacy spellings,
 * values Vonage clamps). `strict` turns warnings into issues.
 */
export type NccoValidationResult =
  | { readonly valid: true; readonly issues: readonly []; readonly warnings: readonly NccoIssue[] }
  | { readonly valid: false; readonly issues: readonly NccoIssue[]; readonly warnings: readonly NccoIssue[] };

/** How {@link validateNcco} judges what is not plainly wrong. */
export interface ValidateNccoOptions {
  /** Report warnings (unknown keys, legacy spellings, clamped values) as issues. Default `false`. */
  readonly strict?: boolean;
  /** Check `pay` actions (a withdrawn 2021 Developer Preview) instead of rejecting them. Default `false`. */
  readonly allowPay?: boolean;
}

interface Context {
  readonly issues: NccoIssue[];
  readonly warnings: NccoIssue[];
  readonly strict: boolean;
}

function fail(ctx: Context, path: string, reason: string): void {
  ctx.issues.push({ path, reason });
}

function warn(ctx: Context, path: string, reason: string): void {
  (ctx.strict ? ctx.issues : ctx.warnings).push({ path, reason });
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$[0]` + `eventUrl` -> `$[0].eventUrl`; keys that are not identifiers are bracketed (`["content-type"]`). */
function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return identifier.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The JSON kind of a value, for "got …" when the type is wrong. */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : 'a string';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** The value itself, shortened, for "got …" when the type is right but the value is not. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function list(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function has(value: JsonObject, key: string): boolean {
  return Object.hasOwn(value, key) && value[key] !== undefined;
}

// ---- fields ----

interface Field {
  /** What the value must be; completes "<key> must be …" and "<key> is required: …". */
  readonly expect: string;
  readonly check: (value: unknown, path: string, key: string, ctx: Context) => void;
}

interface Shape {
  readonly fields: Readonly<Record<string, Field>>;
  readonly required?: readonly string[];
  /** Keys of older NCCO shapes or other spellings: accepted with a warning saying what to use. */
  readonly legacy?: Readonly<Record<string, string>>;
}

/** A key whose value another check covers (the `action` and endpoint `type` discriminators). */
const anything: Field = { expect: 'any value', check: () => {} };

function checkShape(value: JsonObject, path: string, shape: Shape, ctx: Context): void {
  for (const key of shape.required ?? []) {
    if (!has(value, key))
      fail(ctx, child(path, key), `${key} is required: ${shape.fields[key]?.expect ?? ''}`);
  }
  // The discriminator (`action`, endpoint `type`) is checked elsewhere and is no useful suggestion.
  const known = Object.keys(shape.fields).filter((key) => shape.fields[key] !== anything);
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined) continue;
    const field = shape.fields[key];
    if (field !== undefined) {
      field.check(entry, child(path, key), key, ctx);
      continue;
    }
    const legacy = shape.legacy?.[key];
    if (legacy !== undefined) {
      warn(ctx, child(path, key), `${key} ${legacy}`);
      continue;
    }
    // Vonage ignores keys it does not know (decision 061), so a typo silently does nothing: say so.
    const closest = findClosest(key, known, 1)[0];
    const hint = closest === undefined ? `known keys: ${known.join(', ')}` : `did you mean "${closest}"?`;
    warn(ctx, child(path, key), `${key} is not an option here and Vonage ignores it; ${hint}`);
  }
}

const boolean: Field = {
  expect: 'true or false',
  check: (value, path, key, ctx) => {
    if (typeof value !== 'boolean') fail(ctx, path, `${key} must be true or false, got ${kind(value)}`);
  },
};

interface Range {
  readonly min: number;
  readonly max?: number;
  /** A looser upper bound an SDK accepts; (max, upTo] is a warning. */
  readonly upTo?: number;
  readonly source?: string;
}

function rangeText(range: Range): string {
  return range.max === undefined ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`;
}

function numeric(integerOnly: boolean, range: Range): Field {
  const expect = `${integerOnly ? 'an integer' : 'a number'} ${rangeText(range)}`;
  return {
    expect,
    check: (value, path, key, ctx) => {
      const isNumber = typeof value === 'number' && Number.isFinite(value);
      if (!isNumber || (integerOnly && !Number.isInteger(value))) {
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
        return;
      }
      if (value < range.min) {
        fail(ctx, path, `${key} must be ${expect}, got ${value}`);
      } else if (range.max !== undefined && value > range.max) {
        if (range.upTo !== undefined && value <= range.upTo) {
          warn(
            ctx,
            path,
            `${key} ${value} is above the documented maximum ${range.max} (${range.source} allows ${range.upTo})`,
          );
        } else {
          fail(ctx, path, `${key} must be ${expect}, got ${value}`);
        }
      }
    },
  };
}

const integer = (range: Range): Field => numeric(true, range);
const number = (range: Range): Field => numeric(false, range);

/** A number, or a string holding one, which one official SDK sends (warning; decision 060). */
function numberOrNumericString(base: Field, pattern: string, sdk: string): Field {
  const regex = new RegExp(pattern);
  return {
    expect: base.expect,
    check: (value, path, key, ctx) => {
      if (typeof value === 'string' && regex.test(value)) {
        warn(
          ctx,
          path,
          `${key} is the string ${show(value)}; the NCCO reference documents a number (${sdk} sends a string)`,
        );
        return;
      }
      base.check(value, path, key, ctx);
    },
  };
}

function text(options: { nonEmpty?: boolean; pattern?: string; describe?: string } = {}): Field {
  const regex = options.pattern === undefined ? undefined : new RegExp(options.pattern);
  const expect = options.describe ?? (options.nonEmpty ? 'a non-empty string' : 'a string');
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (typeof value !== 'string') fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
      else if (options.nonEmpty && value.trim() === '')
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
      else if (regex !== undefined && !regex.test(value))
        fail(ctx, path, `${key} must be ${expect}, got ${show(value)}`);
    },
  };
}

function oneOf(values: readonly string[]): Field {
  const expect = values.length === 1 ? JSON.stringify(values[0]) : `one of ${list(values)}`;
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (typeof value !== 'string') {
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
      } else if (!values.includes(value)) {
        const closest = findClosest(value, values, 1)[0];
        const hint = closest === undefined || closest === value ? '' : ` (did you mean "${closest}"?)`;
        fail(ctx, path, `${key} must be ${expect}, got ${show(value)}${hint}`);
      }
    },
  };
}

const schemes = {
  http: {
    regex: new RegExp(nccoRules.patterns.httpUrl),
    protocols: ['http:', 'https:'],
    name: 'http(s) URL',
  },
  websocket: {
    regex: new RegExp(nccoRules.patterns.websocketUrl),
    protocols: ['ws:', 'wss:'],
    name: 'ws:// or wss:// URI',
  },
} as const;

function isUrl(value: string, scheme: keyof typeof schemes): boolean {
  const { regex, protocols } = schemes[scheme];
  if (!regex.test(value)) return false;
  try {
    return (protocols as readonly string[]).includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function url(scheme: keyof typeof schemes = 'http'): Field {
  const expect = `an absolute ${schemes[scheme].name}`;
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (typeof value !== 'string') fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
      else if (!isUrl(value, scheme)) fail(ctx, path, `${key} must be ${expect}, got ${show(value)}`);
    },
  };
}

/** `eventUrl`, `streamUrl`, `musicOnHoldUrl`: an array of one URL, even for a single value (doc-ncco). */
const urls: Field = {
  expect: 'an array of one URL',
  check: (value, path, key, ctx) => {
    if (!Array.isArray(value) || value.length === 0) {
      const hint = typeof value === 'string' ? ` (write [${show(value)}])` : '';
      fail(ctx, path, `${key} must be an array of one URL, got ${kind(value)}${hint}`);
      return;
    }
    const item = url();
    value.forEach((entry, index) => {
      item.check(entry, child(path, index), `${key}[${index}]`, ctx);
    });
    if (value.length > 1) {
      warn(ctx, path, `${key} holds ${value.length} URLs; the NCCO reference documents an array of one URL`);
    }
  },
};

function strings(expect: string): Field {
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
  };
}

const anyObject = (expect: string): Field => ({
  expect,
  check: (value, path, key, ctx) => {
    if (!isObject(value)) fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
  },
});

function object(
  shape: Shape,
  expect: string,
  extra?: (value: JsonObject, path: string, ctx: Context) => void,
): Field {
  return {
    expect,
    check: (value, path, key, ctx) => {
      if (!isObject(value)) {
        fail(ctx, path, `${key} must be ${expect}, got ${kind(value)}`);
        return;
      }
      checkShape(value, path, shape, ctx);
      extra?.(value, path, ctx);
    },
  };
}

const e164Pattern = new RegExp(nccoRules.patterns.e164);

const e164: Field = {
  expect: 'a phone number in E.164 format without "+" (447700900000)',
  check: (value, path, key, ctx) => {
    const expect = e164.expect;
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
};

// ---- shared fields ----

const eventMethod = oneOf(nccoRules.eventMethods);
const language = text({ pattern: nccoRules.patterns.language, describe: 'a BCP-47 language tag (en-US)' });
const level = numberOrNumericString(number(nccoRules.level), nccoRules.patterns.levelString, 'the Node SDK');
const legIds = strings('an array of call leg ids');

/** `mute` with `canSpeak` (conversation, transfer): the NCCO reference says mute is not supported then. */
function checkMuteWithCanSpeak(value: JsonObject, path: string, ctx: Context): void {
  if (has(value, 'mute') && has(value, 'canSpeak')) {
    fail(
      ctx,
      child(path, 'mute'),
      'mute cannot be used with canSpeak; use canSpeak: [] to let nobody hear this leg',
    );
  }
}

// ---- actions ----

const transcription = object(
  {
    fields: { language, eventUrl: urls, eventMethod, sentimentAnalysis: boolean },
  },
  'an object ({ language, eventUrl, eventMethod, sentimentAnalysis })',
);

const record: Shape = {
  fields: {
    action: anything,
    format: oneOf(nccoRules.recordFormats),
    split: oneOf(nccoRules.recordSplit),
    channels: integer(nccoRules.recordChannels),
    endOnSilence: integer(nccoRules.recordEndOnSilence),
    endOnKey: text({ pattern: nccoRules.patterns.endOnKey, describe: 'one key: a digit, * or #' }),
    timeOut: integer(nccoRules.recordTimeOut),
    beepStart: boolean,
    eventUrl: urls,
    eventMethod,
    transcription,
  },
};

const conversation: Shape = {
  required: ['name'],
  fields: {
    action: anything,
    name: text({ nonEmpty: true, describe: 'the conversation name, a non-empty string' }),
    musicOnHoldUrl: urls,
    startOnEnter: boolean,
    endOnExit: boolean,
    record: boolean,
    canSpeak: legIds,
    canHear: legIds,
    mute: boolean,
    eventUrl: urls,
    eventMethod,
  },
};

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

const endpointShapes: Readonly<Record<NccoEndpointType, Shape>> = {
  phone: {
    required: ['number'],
    fields: {
      type: anything,
      number: e164,
      dtmfAnswer: text({
        pattern: nccoRules.patterns.dtmfAnswer,
        describe: 'digits, *, # and p (a 500 ms pause)',
      }),
      onAnswer: object(
        {
          required: ['url'],
          fields: { url: url(), ringbackTone: url(), ringback: url() },
        },
        'an object ({ url, ringbackTone })',
      ),
      shaken: text(),
    },
  },
  app: {
    required: ['user'],
    fields: { type: anything, user: text({ nonEmpty: true, describe: 'the Client SDK user name' }) },
  },
  websocket: {
    required: ['uri'],
    fields: {
      type: anything,
      uri: url('websocket'),
      'content-type': oneOf(nccoRules.websocketContentTypes),
      headers: anyObject('an object of metadata'),
    },
  },
  sip: {
    fields: {
      type: anything,
      uri: text({ pattern: nccoRules.patterns.sipUri, describe: 'a sip: or sips: URI' }),
      user: text({ nonEmpty: true }),
      domain: text({ nonEmpty: true }),
      headers: anyObject('an object of header names and values'),
      standardHeaders: anyObject('an object such as { "User-to-User": "..." }'),
    },
  },
  vbc: {
    required: ['extension'],
    fields: { type: anything, extension: text({ nonEmpty: true, describe: 'the VBC extension, a string' }) },
  },
};

const endpointType = oneOf(nccoEndpointTypes);

function checkEndpoint(value: unknown, path: string, ctx: Context): void {
  if (!isObject(value)) {
    fail(
      ctx,
      path,
      `an endpoint must be an object with a type (${nccoEndpointTypes.join(', ')}), got ${kind(value)}`,
    );
    return;
  }
  if (!has(value, 'type')) {
    fail(ctx, child(path, 'type'), `type is required: ${endpointType.expect}`);
    return;
  }
  endpointType.check(value.type, child(path, 'type'), 'type', ctx);
  const type = value.type as NccoEndpointType;
  const shape = typeof value.type === 'string' ? endpointShapes[type] : undefined;
  if (shape === undefined) return;
  checkShape(value, path, shape, ctx);
  // A SIP endpoint names its target by uri, or by user and domain (Ruby SDK; reference 3.4).
  if (type === 'sip' && !has(value, 'uri')) {
    if (!has(value, 'user')) {
      fail(ctx, child(path, 'uri'), 'uri is required: a sip: or sips: URI (or give user and domain)');
    } else if (!has(value, 'domain')) {
      fail(ctx, child(path, 'domain'), 'domain is required with user (or give uri instead)');
    }
  }
}

const endpoint: Field = {
  expect: 'an array with exactly one endpoint object',
  check: (value, path, key, ctx) => {
    if (!Array.isArray(value)) {
      const hint = isObject(value) ? ' (wrap the endpoint in [ ])' : '';
      fail(ctx, path, `${key} must be an array with exactly one endpoint object, got ${kind(value)}${hint}`);
      return;
    }
    if (value.length !== 1) {
      const got = value.length === 0 ? 'an empty array' : `${value.length} endpoints`;
      fail(
        ctx,
        path,
        `${key} must hold exactly one endpoint object, got ${got} (chain connect actions to try several in turn)`,
      );
    }
    value.forEach((entry, index) => {
      checkEndpoint(entry, child(path, index), ctx);
    });
  },
};

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
};

const connect: Shape = {
  required: ['endpoint'],
  fields: {
    action: anything,
    endpoint,
    from: e164,
    randomFromNumber: boolean,
    eventType: oneOf(nccoRules.connectEventTypes),
    timeout: integer(nccoRules.connectTimeout),
    limit: integer(nccoRules.connectLimit),
    machineDetection: oneOf(nccoRules.machineDetection),
    // Java and Python SDKs spell it camelCase, Ruby and .NET snake_case (reference 3.4 ⚠️): both pass.
    advancedMachineDetection,
    advanced_machine_detection: advancedMachineDetection,
    eventUrl: urls,
    eventMethod,
    ringbackTone,
  },
};

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
};

const talk: Shape = {
  required: ['text'],
  fields: {
    action: anything,
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

const stream: Shape = {
  required: ['streamUrl'],
  fields: { action: anything, streamUrl: urls, level, bargeIn: boolean, loop: integer({ min: 0 }) },
};

const inputType: Field = {
  expect: 'an array of "dtmf" and/or "speech"',
  check: (value, path, key, ctx) => {
    if (!Array.isArray(value) || value.length === 0) {
      fail(ctx, path, `${key} must be ${inputType.expect}, got ${kind(value)}`);
      return;
    }
    const item = oneOf(nccoRules.inputTypes);
    value.forEach((entry, index) => {
      item.check(entry, child(path, index), `${key}[${index}]`, ctx);
      if (value.indexOf(entry) !== index) fail(ctx, child(path, index), `${key} lists ${show(entry)} twice`);
    });
  },
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

const movedIntoDtmf = 'belongs inside dtmf in the current input shape (the pre-2020 shape had it at the top)';

const input: Shape = {
  required: ['type'],
  fields: {
    action: anything,
    type: inputType,
    dtmf: dtmfSettings,
    speech: speechSettings,
    mode: oneOf(nccoRules.inputModes),
    eventUrl: urls,
    eventMethod,
  },
  legacy: { timeOut: movedIntoDtmf, maxDigits: movedIntoDtmf, submitOnHash: movedIntoDtmf },
};

function checkInputRules(value: JsonObject, path: string, ctx: Context): void {
  const types = Array.isArray(value.type) ? (value.type as readonly unknown[]) : undefined;
  if (value.mode === 'asynchronous') {
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
  }
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
}

const notify: Shape = {
  required: ['payload', 'eventUrl'],
  fields: { action: anything, payload: anyObject('a JSON object'), eventUrl: urls, eventMethod },
};

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
};

const wait: Shape = { fields: { action: anything, timeout: waitTimeout } };

const conversationId = text({ nonEmpty: true, describe: 'the id of an existing conversation (CON-...)' });

const transfer: Shape = {
  fields: {
    action: anything,
    conversation_id: conversationId,
    conversationId,
    canHear: legIds,
    canSpeak: legIds,
    mute: boolean,
  },
};

function checkTransferRules(value: JsonObject, path: string, ctx: Context): void {
  // The reference and the Ruby SDK write conversation_id; the Java SDK (9.x) sends conversationId ⚠️.
  if (!has(value, 'conversation_id') && !has(value, 'conversationId')) {
    fail(ctx, child(path, 'conversation_id'), `conversation_id is required: ${conversationId.expect}`);
  } else if (!has(value, 'conversation_id')) {
    warn(
      ctx,
      child(path, 'conversationId'),
      'conversationId is the Java SDK spelling; the NCCO reference writes conversation_id',
    );
  }
  checkMuteWithCanSpeak(value, path, ctx);
}

const pay: Shape = {
  required: ['amount'],
  fields: {
    action: anything,
    amount: number({ min: 0.01 }),
    currency: text({ pattern: nccoRules.patterns.currency, describe: 'a three-letter currency code (usd)' }),
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
    },
  },
};

const actionShapes: Readonly<Record<NccoActionName, Shape>> = {
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

const actionName = oneOf(nccoActions);

function checkAction(value: unknown, path: string, options: ValidateNccoOptions, ctx: Context): void {
  if (!isObject(value)) {
    fail(ctx, path, `each NCCO element must be an action object ({ "action": ... }), got ${kind(value)}`);
    return;
  }
  const at = child(path, 'action');
  if (!has(value, 'action')) {
    fail(ctx, at, `action is required: one of ${nccoActions.join(', ')}`);
    return;
  }
  if (value.action === 'pay') {
    if (options.allowPay === true) {
      checkShape(value, path, pay, ctx);
    } else {
      fail(
        ctx,
        at,
        'pay is not a current NCCO action (a 2021 Developer Preview, gone from the NCCO reference; the Java SDK deprecates it); pass allowPay to check it anyway',
      );
    }
    return;
  }
  actionName.check(value.action, at, 'action', ctx);
  const name = value.action as NccoActionName;
  const shape = typeof value.action === 'string' ? actionShapes[name] : undefined;
  if (shape === undefined) return;
  checkShape(value, path, shape, ctx);
  if (name === 'record' && has(value, 'channels') && value.split !== 'conversation') {
    fail(
      ctx,
      child(path, 'channels'),
      'channels needs split: "conversation" (each participant gets a channel)',
    );
  }
  if (name === 'conversation') checkMuteWithCanSpeak(value, path, ctx);
  if (name === 'connect') {
    if (has(value, 'from') && has(value, 'randomFromNumber')) {
      fail(ctx, child(path, 'randomFromNumber'), 'use either from or randomFromNumber, not both');
    }
    if (has(value, 'advancedMachineDetection') && has(value, 'advanced_machine_detection')) {
      warn(
        ctx,
        child(path, 'advanced_machine_detection'),
        'give advanced machine detection once, in one spelling',
      );
    }
  }
  if (name === 'input') checkInputRules(value, path, ctx);
  if (name === 'transfer') checkTransferRules(value, path, ctx);
}

/**
 * A talk or stream with `bargeIn: true` needs an input later in the NCCO to collect the key press
 * (doc-ncco). The reference is stricter, "the next non-talk action must be an input": an input that
 * comes only after some other action is a warning.
 */
function checkBargeIn(actions: readonly unknown[], ctx: Context): void {
  actions.forEach((action, index) => {
    if (
      !isObject(action) ||
      (action.action !== 'talk' && action.action !== 'stream') ||
      action.bargeIn !== true
    )
      return;
    const rest = actions.slice(index + 1);
    const offset = rest.findIndex((next) => isObject(next) && next.action === 'input');
    const path = child(child('$', index), 'bargeIn');
    if (offset === -1) {
      fail(
        ctx,
        path,
        `bargeIn: true needs an input action later in the NCCO to collect the key press; none follows`,
      );
      return;
    }
    const between = rest
      .slice(0, offset)
      .findIndex((next) => !isObject(next) || (next.action !== 'talk' && next.action !== 'stream'));
    if (between !== -1) {
      const other = rest[between];
      const label = isObject(other) && typeof other.action === 'string' ? other.action : 'element';
      warn(
        ctx,
        path,
        `the ${label} at $[${index + 1 + between}] comes between this bargeIn ${String(action.action)} and its input; the NCCO reference wants the input next`,
      );
    }
  });
}

function toResult(ctx: Context): NccoValidationResult {
  return ctx.issues.length === 0
    ? { valid: true, issues: [], warnings: ctx.warnings }
    : { valid: false, issues: ctx.issues, warnings: ctx.warnings };
}

/**
 * Validates a parsed NCCO (the JSON an answer URL or an NCCO-returning event URL returns) against
 * the current NCCO reference and returns every problem with its JSON path, never stopping at the
 * first. Unknown keys are warnings (Vonage ignores them); `strict` makes them errors.
 *
 * @example
 * ```ts
 * import { validateNcco } from 'vonage-webhook-simulator';
 * const result = validateNcco([{ action: 'talk', text: 'Hi', bargeIn: true }, { action: 'record', eventUrl: 'https://example.com/r' }]);
 * if (!result.valid) for (const issue of result.issues) console.log(issue.path, issue.reason);
 * // $[1].eventUrl eventUrl must be an array of one URL, got a string (write ["https://example.com/r"])
 * // $[0].bargeIn bargeIn: true needs an input action later in the NCCO to collect the key press; none follows
 * ```
 * @see https://developer.vonage.com/en/voice/voice-api/ncco-reference
 */
export function validateNcco(value: unknown, options: ValidateNccoOptions = {}): NccoValidationResult {
  const ctx: Context = { issues: [], warnings: [], strict: options.strict === true };
  if (!Array.isArray(value)) {
    const hint = isObject(value) && has(value, 'action') ? ' (wrap the action in [ ])' : '';
    fail(ctx, '$', `an NCCO must be a JSON array of actions, got ${kind(value)}${hint}`);
    return toResult(ctx);
  }
  if (value.length === 0) {
    fail(ctx, '$', 'an NCCO must hold at least one action, got an empty array');
    return toResult(ctx);
  }
  value.forEach((action, index) => {
    checkAction(action, child('$', index), options, ctx);
  });
  checkBargeIn(value, ctx);
  return toResult(ctx);
}

/**
 * Formats issues one per line (`  $[1].eventUrl: eventUrl must be ...`) for error messages and the CLI.
 *
 * @example
 * ```ts
 * import { formatNccoIssues, validateNcco } from 'vonage-webhook-simulator';
 * const result = validateNcco({ action: 'talk', text: 'Hi' });
 * console.log(formatNccoIssues(result.issues)); // "  $: an NCCO must be a JSON array of actions, got an object (wrap the action in [ ])"
 * ```
 */
export function formatNccoIssues(issues: readonly NccoIssue[], indent = '  '): string {
  return issues.map((issue) => `${indent}${issue.path}: ${issue.reason}`).join('\n');
}

// ---- HTTP responses ----

/** The parts of an HTTP response that decide whether it carries an NCCO. */
export interface NccoResponse {
  readonly status: number;
  /** The `Content-Type` header, `null`/`undefined` when absent. */
  readonly contentType?: string | null | undefined;
  /** The body as text or bytes; `null`/`undefined` for none. */
  readonly body?: string | Uint8Array | null | undefined;
}

/** How {@link parseNccoResponse} reads a response. */
export interface ParseNccoResponseOptions extends ValidateNccoOptions {
  /**
   * What the webhook expects back (the catalog's `response`): `ncco` (answer URL: an NCCO is
   * required), `optional-ncco` (input, notify, ...: an empty body keeps the current NCCO) or
   * `ignored`. Default `ncco`.
   */
  readonly contract?: ResponseContract;
  /** Severity of a missing or non-JSON `Content-Type` on an NCCO body. Default `error` (decision 062). */
  readonly contentTypeSeverity?: 'error' | 'warning';
}

/** The outcome of {@link parseNccoResponse}: the validation result plus what the body held. */
export type NccoResponseResult = NccoValidationResult & {
  /** The parsed JSON when the body held a JSON array, else `null`. */
  readonly ncco: readonly unknown[] | null;
  /** Whether the body was empty (or only whitespace). */
  readonly empty: boolean;
};

/** HTTP statuses Vonage counts as success (reference 10). */
function isSuccess(status: number): boolean {
  return status >= 200 && status <= 205;
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function decode(body: string | Uint8Array | null | undefined): string | undefined {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') return body;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

function checkContentType(
  contentType: string | null | undefined,
  severity: 'error' | 'warning',
  ctx: Context,
): void {
  const report = severity === 'error' ? fail : warn;
  const required = 'Vonage requires Content-Type: application/json on an NCCO (reference 3.1)';
  if (contentType === null || contentType === undefined || contentType.trim() === '') {
    report(ctx, '$', `Content-Type is missing; ${required}`);
    return;
  }
  const type = mediaType(contentType);
  if (type === 'application/json') return;
  if (type === 'text/json' || type.endsWith('+json')) {
    // A JSON media type, just not the documented one: whether Vonage takes it is not known (❓).
    warn(ctx, '$', `Content-Type is ${type}; ${required}, and whether it accepts ${type} is not documented`);
    return;
  }
  report(ctx, '$', `Content-Type is ${show(contentType)}; ${required}`);
}

/**
 * Reads an HTTP response from an answer URL or an NCCO-returning event URL as Vonage would: a
 * success status (200-205), a JSON `Content-Type`, a body that parses as JSON and is a valid NCCO.
 * With the `optional-ncco` contract an empty body is valid (the call keeps its current NCCO).
 *
 * @example
 * ```ts
 * import { parseNccoResponse } from 'vonage-webhook-simulator';
 * const result = parseNccoResponse(
 *   { status: 200, contentType: 'text/html', body: '[{"action":"talk","text":"Hi"}]' },
 *   { contract: 'ncco' },
 * );
 * // result.valid === false: "$: Content-Type is \"text/html\"; Vonage requires Content-Type: application/json ..."
 * ```
 */
export function parseNccoResponse(
  response: NccoResponse,
  options: ParseNccoResponseOptions = {},
): NccoResponseResult {
  const contract = options.contract ?? 'ncco';
  const ctx: Context = { issues: [], warnings: [], strict: options.strict === true };
  const done = (ncco: readonly unknown[] | null, empty: boolean): NccoResponseResult => ({
    ...toResult(ctx),
    ncco,
    empty,
  });
  const text = decode(response.body);
  const empty = text !== undefined && text.trim() === '';
  if (contract === 'ignored') return done(null, empty);
  if (!isSuccess(response.status)) {
    fail(
      ctx,
      '$',
      `status ${response.status} is not a success (200-205); Vonage reads no NCCO from it and retries or falls back (reference 3.3b)`,
    );
    return done(null, empty);
  }
  if (text === undefined) {
    fail(ctx, '$', 'the body is not valid UTF-8, so it cannot be JSON');
    return done(null, false);
  }
  if (empty) {
    if (contract === 'ncco') {
      fail(
        ctx,
        '$',
        `the answer must be an NCCO (a JSON array of actions), got an empty body with status ${response.status}`,
      );
    }
    return done(null, true);
  }
  checkContentType(response.contentType, options.contentTypeSeverity ?? 'error', ctx);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    fail(ctx, '$', `the body is not JSON (${detail}); it starts with ${show(text.slice(0, 40))}`);
    return done(null, false);
  }
  const result = validateNcco(parsed, options);
  ctx.issues.push(...result.issues);
  ctx.warnings.push(...result.warnings);
  return done(Array.isArray(parsed) ? parsed : null, false);
}
