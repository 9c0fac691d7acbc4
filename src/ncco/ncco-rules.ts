// The names, enums, ranges and patterns of the NCCO (reference ncco.md, doc-ncco): the numbers every action
// shape in `actions/` is written with, so the validator and the JSON Schema derived from those shapes
// hold the same values.

/** The NCCO actions of the current NCCO reference (reference ncco.md, doc-ncco). `pay` is not one (decision 063). */
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

/** The endpoint types a `connect` action accepts (reference ncco.md, "Endpoint objects"). */
export const nccoEndpointTypes = ['phone', 'app', 'websocket', 'sip', 'vbc'] as const;
/** One of {@link nccoEndpointTypes}. */
export type NccoEndpointType = (typeof nccoEndpointTypes)[number];

/**
 * Enums, ranges and patterns of the NCCO rules, shared by `validateNcco` and the JSON Schema
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
