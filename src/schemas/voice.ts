import type { voiceEvents } from '../fixtures/voice/voice-events.js';
import {
  arraySchema,
  booleanSchema,
  integerSchema,
  type JsonSchema,
  nullable,
  numberSchema,
  objectSchema,
  patterns,
  stringSchema,
} from './json-schema.js';

// Voice API webhooks, reference section 3. voice.yml defines no webhook bodies, so every schema
// here is written from the reference tables and the captured requests it quotes.

/** A call leg id: a UUID (docs) or 32 hex characters without dashes (real payloads; decision 013). */
const legUuid = stringSchema({
  pattern: '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$',
  description: 'Call leg id.',
});
const uuid = stringSchema({ pattern: patterns.uuid });
const conversationUuid = stringSchema({ pattern: patterns.conversationUuid });
const timestamp = stringSchema({
  pattern: patterns.isoMillis,
  description: 'ISO-8601 UTC with milliseconds.',
});
const number = stringSchema({ pattern: patterns.msisdn, description: 'E.164 without "+".' });
const direction = stringSchema({ enum: ['inbound', 'outbound'] });
/** Money and durations are decimal strings (decision 012). */
const euro = stringSchema({ pattern: '^[0-9]+\\.[0-9]{8}$', description: 'EUR, 8 decimals, as a string.' });
const sipCode = integerSchema({ minimum: 100, maximum: 699, description: 'Final SIP response code.' });
const sipHeaders = {
  type: 'object',
  additionalProperties: stringSchema(),
  description: 'SIP X- headers of the leg; {} when there are none.',
} satisfies JsonSchema;
const fileUrl = stringSchema({
  pattern: '^https://[a-z0-9.-]+/v1/files/[0-9a-f-]{36}$',
  description: 'Voice media file; download with an application JWT.',
});
const regionUrl = stringSchema({
  pattern: '^https://api-[a-z]{2}-[0-9]+\\.(vonage|nexmo)\\.com$',
  description: 'Regional API base to control the call (decision 015).',
});

// ---- 3.1 answer ----

function answer(endpointType: 'phone' | 'sip', description: string): JsonSchema {
  return objectSchema(
    { to: number, from: number, conversation_uuid: conversationUuid, uuid: legUuid },
    { endpoint_type: stringSchema({ const: endpointType }), region_url: regionUrl },
    description,
  );
}

const sipAnswer: JsonSchema = {
  ...answer('sip', 'Answer webhook of an inbound SIP call, reference 3.1.'),
  // One key per custom X- header (X-Nexmo* excluded) and the standard User-to-User header.
  patternProperties: {
    '^SipHeader_X-(?!Nexmo)[A-Za-z0-9-]+$': stringSchema(),
    '^SipHeader_User-to-User$': stringSchema({ maxLength: 256 }),
  },
};

const appAnswer = objectSchema(
  {
    to: number,
    from_user: stringSchema({ minLength: 1, description: 'Client SDK username; replaces "from".' }),
    conversation_uuid: conversationUuid,
    uuid: legUuid,
  },
  {
    endpoint_type: stringSchema({ const: 'app' }),
    region_url: regionUrl,
    custom_data: { type: 'object', description: 'Whatever the app passed to serverCall.' },
  },
  'Answer webhook of a Client SDK call, reference 3.1.',
);

// ---- 3.2 call status ----

function statusFields(status: string) {
  return {
    headers: sipHeaders,
    from: number,
    to: number,
    uuid: legUuid,
    conversation_uuid: conversationUuid,
    status: stringSchema({ const: status }),
    direction,
    timestamp,
  };
}

function plainStatus(status: string, outboundOnly = false): JsonSchema {
  const fields = statusFields(status);
  return objectSchema(
    outboundOnly ? { ...fields, direction: stringSchema({ const: 'outbound' }) } : fields,
    {},
    `Call status "${status}", reference 3.2.`,
  );
}

const answered = objectSchema(
  {
    ...statusFields('answered'),
    start_time: nullable(stringSchema({ pattern: patterns.isoTimestamp })),
    rate: nullable(euro),
    network: nullable(stringSchema({ minLength: 1 })),
  },
  {},
  'Call status "answered": billing fields null until the leg completes, reference 3.2.',
);

function detailed(status: string, details: readonly string[]): JsonSchema {
  return objectSchema(
    {
      ...statusFields(status),
      direction: stringSchema({ const: 'outbound' }),
      detail: stringSchema({ enum: details }),
    },
    // sip_code is documented today; the 2020 captures predate it.
    { sip_code: sipCode },
    `Call status "${status}", reference 3.2.`,
  );
}

function machineDetection(status: 'human' | 'machine'): JsonSchema {
  return objectSchema(
    {
      from: number,
      to: number,
      call_uuid: legUuid,
      conversation_uuid: conversationUuid,
      status: stringSchema({ const: status }),
      timestamp,
    },
    {
      direction: stringSchema({ const: 'outbound' }),
      sub_state: stringSchema({ enum: ['beep_start', 'beep_timeout'] }),
    },
    `Answering-machine detection "${status}" (call_uuid, not uuid), reference 3.2.`,
  );
}

const { direction: _noDirection, ...disconnectedFields } = statusFields('disconnected');
const disconnected = objectSchema(
  { ...disconnectedFields, to: stringSchema({ minLength: 1 }) },
  {},
  'Call status "disconnected" of a WebSocket leg (no direction), reference 3.2.',
);

const completed = objectSchema(
  {
    ...statusFields('completed'),
    end_time: stringSchema({ pattern: patterns.isoMillis }),
    network: stringSchema({
      pattern: '^([0-9]{5,6}|[A-Z]{2}-[A-Z0-9-]+)$',
      description: 'MCC+MNC of the callee network, or a label such as GB-FIXED or US-VIRTUAL-LEVEL3.',
    }),
    duration: stringSchema({ pattern: patterns.digits, description: 'Seconds, as a string.' }),
    start_time: stringSchema({ pattern: patterns.isoMillis }),
    rate: euro,
    price: euro,
  },
  {
    sip_code: sipCode,
    disconnected_by: stringSchema({ enum: ['platform', 'user'] }),
  },
  'Call status "completed" with the billing summary, reference 3.2.',
);

// ---- 3.3 input ----

const dtmfResult = objectSchema(
  { digits: nullable(stringSchema({ pattern: '^[0-9*#]*$' })), timed_out: booleanSchema() },
  {},
);

/** Decision 011: a string in the NCCO docs example and the .NET model; a number in the webhook table. */
const confidence: JsonSchema = {
  anyOf: [
    stringSchema({ pattern: '^(0(\\.[0-9]+)?|1(\\.0+)?|\\.[0-9]+)$' }),
    numberSchema({ minimum: 0, maximum: 1 }),
  ],
};

const speechOutput = objectSchema(
  {},
  {
    timeout_reason: stringSchema({ enum: ['end_on_silence_timeout', 'max_duration', 'start_timeout'] }),
    results: arraySchema(objectSchema({ confidence, text: stringSchema({ minLength: 1 }) })),
    error: stringSchema({ minLength: 1 }),
    recording_url: fileUrl,
  },
  'Speech part of an input result.',
);

const inputFields = {
  speech: speechOutput,
  dtmf: dtmfResult,
  from: number,
  to: number,
  uuid: legUuid,
  conversation_uuid: conversationUuid,
  timestamp,
};

function input(description: string, dtmf: JsonSchema = dtmfResult, speech: JsonSchema = speechOutput) {
  return objectSchema({ ...inputFields, dtmf, speech }, {}, `${description}, reference 3.3.`);
}

const dtmfInput = input(
  'Input result with DTMF digits',
  objectSchema({ digits: stringSchema({ pattern: '^[0-9*#]+$' }), timed_out: booleanSchema() }),
);

const speechInput = input(
  'Input result with speech hypotheses',
  objectSchema({ digits: { type: 'null' }, timed_out: booleanSchema() }),
  objectSchema(
    {
      results: arraySchema(objectSchema({ confidence, text: stringSchema({ minLength: 1 }) }), {
        minItems: 1,
      }),
    },
    {
      timeout_reason: stringSchema({ enum: ['end_on_silence_timeout', 'max_duration'] }),
      recording_url: fileUrl,
    },
    'Speech part with at least one hypothesis.',
  ),
);

const inputTimeout = input(
  'Input result with no input',
  objectSchema({ digits: { type: 'null' }, timed_out: { type: 'boolean', const: true } }),
);

const legacyDtmfInput = objectSchema(
  {
    dtmf: stringSchema({ pattern: '^[0-9*#]*$', description: 'The digits pressed, as one string.' }),
    timed_out: booleanSchema(),
    uuid: legUuid,
    conversation_uuid: conversationUuid,
    timestamp,
  },
  { from: number, to: number },
  'Legacy DTMF input result (top-level dtmf string and timed_out), reference 3.3.',
);

// ---- 3.3 other events ----

const record = objectSchema(
  {
    start_time: stringSchema({ pattern: patterns.isoTimestamp }),
    recording_url: fileUrl,
    size: integerSchema({ minimum: 0, description: 'Bytes.' }),
    recording_uuid: uuid,
    end_time: stringSchema({ pattern: patterns.isoTimestamp }),
    conversation_uuid: conversationUuid,
    timestamp,
  },
  {},
  'A recording finished, reference 3.3.',
);

const transcription = objectSchema(
  {
    conversation_uuid: conversationUuid,
    recording_uuid: uuid,
    status: stringSchema({ const: 'transcribed' }),
    transcription_url: fileUrl,
    type: stringSchema({ const: 'record' }),
  },
  { timestamp },
  'A transcription is ready, reference 3.3.',
);

const transfer = objectSchema(
  {
    conversation_uuid_from: conversationUuid,
    type: stringSchema({ const: 'transfer' }),
    uuid: legUuid,
    conversation_uuid_to: conversationUuid,
    timestamp,
  },
  {},
  'A leg moved to another conversation, reference 3.3.',
);

const notify = objectSchema(
  {
    payload: {
      type: 'object',
      description: 'The payload of the notify action, as the application wrote it.',
    },
    conversation_uuid: conversationUuid,
    timestamp,
  },
  {},
  'A notify action, reference 3.3.',
);

const error = objectSchema(
  { conversation_uuid: conversationUuid, reason: stringSchema({ minLength: 1 }), timestamp },
  {},
  'An error in the call flow, reference 3.3.',
);

// ---- 3.3b fallback ----

function originalRequest(type: 'answer' | 'event'): JsonSchema {
  return objectSchema(
    { url: stringSchema({ pattern: '^https?://' }), type: stringSchema({ const: type }) },
    {},
    'The request that failed.',
  );
}

const fallbackAnswer = objectSchema(
  {
    to: number,
    from: number,
    uuid: legUuid,
    conversation_uuid: conversationUuid,
    reason: stringSchema({ minLength: 1 }),
    original_request: originalRequest('answer'),
  },
  { endpoint_type: stringSchema({ const: 'phone' }), region_url: regionUrl },
  'Answer data sent to fallback_answer_url, reference 3.3b.',
);

const fallbackEvent = objectSchema(
  { ...inputFields, reason: stringSchema({ minLength: 1 }), original_request: originalRequest('event') },
  {},
  'An input result sent to fallback_answer_url, reference 3.3b.',
);

/** Payload schemas of the Voice API events. */
export const voiceSchemas = {
  'voice.answer.inbound': answer('phone', 'Answer webhook of an inbound phone call, reference 3.1.'),
  'voice.answer.outbound': answer('phone', 'Answer webhook of an outbound call you created, reference 3.1.'),
  'voice.answer.sip': sipAnswer,
  'voice.answer.app': appAnswer,
  'voice.event.started': plainStatus('started'),
  'voice.event.ringing': plainStatus('ringing'),
  'voice.event.answered': answered,
  'voice.event.busy': objectSchema(
    { ...statusFields('busy'), direction: stringSchema({ const: 'outbound' }) },
    { sip_code: integerSchema({ const: 486 }) },
    'Call status "busy", reference 3.2.',
  ),
  'voice.event.cancelled': plainStatus('cancelled', true),
  'voice.event.unanswered': detailed('unanswered', ['unavailable', 'timeout', 'carrier_timeout']),
  'voice.event.rejected': detailed('rejected', ['invalid_number', 'restricted', 'declined']),
  'voice.event.failed': detailed('failed', ['cannot_route', 'number_out_of_service', 'internal_error']),
  'voice.event.timeout': plainStatus('timeout', true),
  'voice.event.machine': machineDetection('machine'),
  'voice.event.human': machineDetection('human'),
  'voice.event.disconnected': disconnected,
  'voice.event.completed': completed,
  'voice.event.input.dtmf': dtmfInput,
  'voice.event.input.speech': speechInput,
  'voice.event.input.timeout': inputTimeout,
  'voice.event.record': record,
  'voice.event.transcription': transcription,
  'voice.event.transfer': transfer,
  'voice.event.notify': notify,
  'voice.event.error': error,
  'voice.fallback.answer': fallbackAnswer,
  'voice.fallback.event': fallbackEvent,
} satisfies Record<keyof typeof voiceEvents, JsonSchema>;

/** Schemas of the Voice API's other wire shapes, keyed `<event>@<version>`. */
export const voiceVersionSchemas: Record<`${string}@${string}`, JsonSchema> = {
  'voice.event.input.dtmf@legacy': legacyDtmfInput,
};
