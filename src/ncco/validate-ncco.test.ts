import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { hasSpecs, specsDir } from '../../test/support/specs-dir.js';
import type { NccoValidationResult } from './engine/issues.js';
import { nccoSchema } from './ncco-schema.js';
import { formatNccoIssues, validateNcco } from './validate-ncco.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const ours = new Ajv({ strict: true, allErrors: true }).compile(nccoSchema);

const hook = 'https://example.com/webhooks/event';
const leg = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';

interface ValidCase {
  readonly name: string;
  readonly ncco: readonly unknown[];
}

// Shapes from the NCCO reference examples (doc-ncco, ndp ncco-reference.md) and the SDK models the
// reference ncco.md cites.
const validCorpus: readonly ValidCase[] = [
  { name: 'talk, plain text', ncco: [{ action: 'talk', text: 'Hello from Vonage' }] },
  {
    name: 'talk with language, style, premium, level and loop',
    ncco: [
      { action: 'talk', text: 'Bonjour', language: 'fr-FR', style: 6, premium: true, level: 0.5, loop: 2 },
    ],
  },
  {
    name: 'talk with SSML',
    ncco: [{ action: 'talk', text: '<speak>Hello <break time="1s"/> world</speak>', language: 'en-GB' }],
  },
  {
    name: 'talk with bargeIn, then DTMF input',
    ncco: [
      { action: 'talk', text: 'Press 1 for sales', bargeIn: true },
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [hook] },
    ],
  },
  {
    name: 'talk then input with DTMF and speech (IVR)',
    ncco: [
      { action: 'talk', text: 'Please enter a digit or say something' },
      {
        action: 'input',
        type: ['dtmf', 'speech'],
        dtmf: { maxDigits: 1, timeOut: 5, submitOnHash: true },
        speech: { uuid: [leg] },
        eventUrl: ['https://example.com/ivr'],
        eventMethod: 'POST',
      },
    ],
  },
  {
    name: 'input, speech only with all speech settings',
    ncco: [
      {
        action: 'input',
        type: ['speech'],
        speech: {
          language: 'en-US',
          context: ['sales', 'support'],
          endOnSilence: 1.5,
          startTimeout: 5,
          maxDuration: 30,
          saveAudio: true,
          sensitivity: 90,
        },
        eventUrl: [hook],
      },
    ],
  },
  {
    name: 'input, DTMF with default settings as an empty object',
    ncco: [{ action: 'input', type: ['dtmf'], dtmf: {}, eventUrl: [hook], eventMethod: 'GET' }],
  },
  {
    name: 'input, asynchronous DTMF',
    ncco: [
      { action: 'input', type: ['dtmf'], mode: 'asynchronous', eventUrl: [hook] },
      { action: 'conversation', name: 'support-queue' },
    ],
  },
  {
    name: 'stream with bargeIn, then input',
    ncco: [
      { action: 'stream', streamUrl: ['https://example.com/menu.mp3'], bargeIn: true },
      { action: 'input', type: ['dtmf'], eventUrl: [hook] },
    ],
  },
  {
    name: 'two bargeIn talks, then input',
    ncco: [
      { action: 'talk', text: 'Welcome.', bargeIn: true },
      { action: 'talk', text: 'Press 1 for sales, 2 for support.', bargeIn: true },
      { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1 }, eventUrl: [hook] },
    ],
  },
  {
    name: 'stream with loop and level',
    ncco: [{ action: 'stream', streamUrl: ['https://example.com/music.wav'], loop: 0, level: -0.4 }],
  },
  {
    name: 'record, then connect to a phone (doc example)',
    ncco: [
      { action: 'record', eventUrl: ['https://example.com/recordings'] },
      {
        action: 'connect',
        eventUrl: ['https://example.com/events'],
        from: '447700900000',
        endpoint: [{ type: 'phone', number: '447700900001' }],
      },
    ],
  },
  {
    name: 'record with split, channels, format and end conditions',
    ncco: [
      {
        action: 'record',
        format: 'wav',
        split: 'conversation',
        channels: 2,
        endOnSilence: 3,
        endOnKey: '#',
        timeOut: 600,
        beepStart: true,
        eventUrl: ['https://example.com/recordings'],
        eventMethod: 'POST',
      },
    ],
  },
  {
    name: 'record with transcription',
    ncco: [
      { action: 'talk', text: 'Leave a message after the tone.' },
      {
        action: 'record',
        endOnSilence: 5,
        beepStart: true,
        eventUrl: ['https://example.com/recordings'],
        transcription: {
          language: 'en-US',
          eventUrl: ['https://example.com/transcriptions'],
          sentimentAnalysis: true,
        },
      },
    ],
  },
  {
    name: 'record in ogg without end conditions, then a conversation (monitoring)',
    ncco: [
      { action: 'record', format: 'ogg' },
      { action: 'conversation', name: 'monitored-call' },
    ],
  },
  { name: 'conversation, name only', ncco: [{ action: 'conversation', name: 'nexmo-conference-standard' }] },
  {
    name: 'conversation, attendee of a moderated conference',
    ncco: [
      { action: 'talk', text: 'Welcome to the conference' },
      {
        action: 'conversation',
        name: 'nexmo-conference-moderated',
        startOnEnter: false,
        musicOnHoldUrl: [
          'https://nexmo-community.github.io/ncco-examples/assets/voice_api_audio_streaming.mp3',
        ],
      },
    ],
  },
  {
    name: 'conversation, moderator with record and endOnExit',
    ncco: [
      {
        action: 'conversation',
        name: 'nexmo-conference-moderated',
        record: true,
        endOnExit: true,
        eventUrl: [hook],
        eventMethod: 'POST',
      },
    ],
  },
  {
    name: 'conversation with canSpeak and canHear',
    ncco: [{ action: 'conversation', name: 'coaching', canSpeak: [leg], canHear: [] }],
  },
  { name: 'conversation, muted', ncco: [{ action: 'conversation', name: 'listen-only', mute: true }] },
  {
    name: 'connect to a phone with dtmfAnswer and onAnswer',
    ncco: [
      {
        action: 'connect',
        from: '447700900000',
        endpoint: [
          {
            type: 'phone',
            number: '447700900001',
            dtmfAnswer: '2p02p',
            onAnswer: {
              url: 'https://example.com/whisper',
              ringbackTone: 'https://example.com/ringback.mp3',
            },
          },
        ],
      },
    ],
  },
  {
    name: 'connect to a phone with randomFromNumber',
    ncco: [
      { action: 'connect', randomFromNumber: true, endpoint: [{ type: 'phone', number: '14155550100' }] },
    ],
  },
  {
    name: 'connect to a SIP URI with headers and standardHeaders',
    ncco: [
      {
        action: 'connect',
        from: '447700900000',
        endpoint: [
          {
            type: 'sip',
            uri: 'sip:rebekka@sip.example.com;transport=tls',
            headers: { location: 'New York City', occupation: 'developer' },
            standardHeaders: { 'User-to-User': '342342ef34;encoding=hex' },
          },
        ],
      },
    ],
  },
  {
    name: 'connect to SIP by user and domain',
    ncco: [{ action: 'connect', endpoint: [{ type: 'sip', user: 'rebekka', domain: 'example-trunk' }] }],
  },
  {
    name: 'connect to a WebSocket',
    ncco: [
      {
        action: 'connect',
        eventType: 'synchronous',
        eventUrl: [hook],
        from: '447700900000',
        endpoint: [
          {
            type: 'websocket',
            uri: 'wss://example.com/socket',
            'content-type': 'audio/l16;rate=16000',
            headers: { language: 'en-GB', caller: '447700900000' },
          },
        ],
      },
    ],
  },
  {
    name: 'connect to an app user (no from)',
    ncco: [{ action: 'connect', endpoint: [{ type: 'app', user: 'jamie' }] }],
  },
  {
    name: 'connect to a VBC extension',
    ncco: [{ action: 'connect', from: '447700900000', endpoint: [{ type: 'vbc', extension: '1234' }] }],
  },
  {
    name: 'connect with fallback options, machine detection and ringbackTone',
    ncco: [
      {
        action: 'connect',
        from: '447700900000',
        eventType: 'synchronous',
        timeout: 45,
        limit: 3600,
        machineDetection: 'continue',
        advancedMachineDetection: { behavior: 'continue', mode: 'detect_beep', beep_timeout: 60 },
        eventUrl: [hook],
        eventMethod: 'POST',
        ringbackTone: 'https://example.com/ringback.wav',
        endpoint: [{ type: 'phone', number: '447700900001' }],
      },
    ],
  },
  {
    name: 'notify (doc example)',
    ncco: [
      {
        action: 'notify',
        payload: { foo: 'bar' },
        eventUrl: ['https://example.com/webhooks/event'],
        eventMethod: 'POST',
      },
    ],
  },
  {
    name: 'notify between talks',
    ncco: [
      { action: 'talk', text: 'Step one' },
      { action: 'notify', payload: { step: 1 }, eventUrl: [hook] },
      { action: 'talk', text: 'Step two' },
    ],
  },
  {
    name: 'wait with a fractional timeout',
    ncco: [
      { action: 'talk', text: 'Hold on' },
      { action: 'wait', timeout: 2.5 },
      { action: 'talk', text: 'Thanks' },
    ],
  },
  { name: 'wait with the default timeout', ncco: [{ action: 'wait' }] },
  {
    name: 'transfer into another conversation',
    ncco: [
      { action: 'talk', text: 'Transferring you now' },
      {
        action: 'transfer',
        conversation_id: 'CON-bbbbbbbb-cccc-dddd-eeee-0123456789ab',
        canHear: [leg],
        mute: true,
      },
    ],
  },
];

interface InvalidCase {
  readonly name: string;
  readonly ncco: unknown;
  readonly path: string;
  readonly reason: string;
  /** Whether JSON Schema can express the rule (then `nccoSchema` must reject the NCCO too). */
  readonly schema: boolean;
}

const phone = { type: 'phone', number: '447700900001' };
const input = { action: 'input', type: ['dtmf'], eventUrl: [hook] };

// One problem each, with the exact path and a fragment of the reason.
const invalidCorpus: readonly InvalidCase[] = [
  {
    name: 'a single action not wrapped in an array',
    ncco: { action: 'talk', text: 'Hi' },
    path: '$',
    reason: 'must be a JSON array of actions, got an object (wrap the action in [ ])',
    schema: true,
  },
  { name: 'an empty array', ncco: [], path: '$', reason: 'at least one action', schema: true },
  {
    name: 'a string element',
    ncco: ['talk'],
    path: '$[0]',
    reason: 'must be an action object',
    schema: true,
  },
  {
    name: 'no action',
    ncco: [{ text: 'Hi' }],
    path: '$[0].action',
    reason: 'action is required',
    schema: true,
  },
  {
    name: 'an unknown action',
    ncco: [{ action: 'speak', text: 'Hi' }],
    path: '$[0].action',
    reason: 'got "speak"',
    schema: true,
  },
  {
    name: 'the withdrawn pay action',
    ncco: [{ action: 'pay', amount: 9.99 }],
    path: '$[0].action',
    reason: 'pay is not a current NCCO action',
    schema: true,
  },
  {
    name: 'eventUrl as a string',
    ncco: [
      { action: 'talk', text: 'Hi' },
      { action: 'record', eventUrl: 'https://example.com/r' },
    ],
    path: '$[1].eventUrl',
    reason: 'eventUrl must be an array of one URL, got a string',
    schema: true,
  },
  {
    name: 'eventUrl as an empty array',
    ncco: [{ action: 'record', eventUrl: [] }],
    path: '$[0].eventUrl',
    reason: 'got an empty array',
    schema: true,
  },
  {
    name: 'eventUrl holding a relative path',
    ncco: [{ action: 'record', eventUrl: ['/webhooks/recordings'] }],
    path: '$[0].eventUrl[0]',
    reason: 'must be an absolute http(s) URL, got "/webhooks/recordings"',
    schema: true,
  },
  {
    name: 'eventMethod PUT',
    ncco: [{ action: 'record', eventUrl: [hook], eventMethod: 'PUT' }],
    path: '$[0].eventMethod',
    reason: 'one of "GET", "POST", got "PUT"',
    schema: true,
  },
  {
    name: 'talk without text',
    ncco: [{ action: 'talk' }],
    path: '$[0].text',
    reason: 'text is required',
    schema: true,
  },
  {
    name: 'talk text that is only white space',
    ncco: [{ action: 'talk', text: '   ' }],
    path: '$[0].text',
    reason: 'got an empty string',
    schema: true,
  },
  {
    name: 'talk text over 1500 characters',
    ncco: [{ action: 'talk', text: 'a'.repeat(1501) }],
    path: '$[0].text',
    reason: 'got 1501 characters',
    schema: true,
  },
  {
    name: 'SSML whose spoken text is over 1500 characters',
    ncco: [{ action: 'talk', text: `<speak>${'a'.repeat(1501)}</speak>` }],
    path: '$[0].text',
    reason: 'SSML tags not counted',
    schema: false,
  },
  {
    name: 'talk level above 1',
    ncco: [{ action: 'talk', text: 'Hi', level: 2 }],
    path: '$[0].level',
    reason: 'a number from -1 to 1, got 2',
    schema: true,
  },
  {
    name: 'talk loop below 0',
    ncco: [{ action: 'talk', text: 'Hi', loop: -1 }],
    path: '$[0].loop',
    reason: 'an integer of at least 0, got -1',
    schema: true,
  },
  {
    name: 'talk with bargeIn and no input after it',
    ncco: [
      { action: 'talk', text: 'Press 1', bargeIn: true },
      { action: 'conversation', name: 'q' },
    ],
    path: '$[0].bargeIn',
    reason: 'needs an input action later',
    schema: false,
  },
  {
    name: 'stream with bargeIn and no input after it',
    ncco: [{ action: 'stream', streamUrl: ['https://example.com/a.mp3'], bargeIn: true }],
    path: '$[0].bargeIn',
    reason: 'needs an input action later',
    schema: false,
  },
  {
    name: 'streamUrl as a string',
    ncco: [{ action: 'stream', streamUrl: 'https://example.com/a.mp3' }],
    path: '$[0].streamUrl',
    reason: 'streamUrl must be an array of one URL, got a string',
    schema: true,
  },
  {
    name: 'stream without streamUrl',
    ncco: [{ action: 'stream' }],
    path: '$[0].streamUrl',
    reason: 'streamUrl is required',
    schema: true,
  },
  {
    name: 'record format flac',
    ncco: [{ action: 'record', format: 'flac' }],
    path: '$[0].format',
    reason: 'one of "mp3", "wav", "ogg", got "flac"',
    schema: true,
  },
  {
    name: 'record channels without split',
    ncco: [{ action: 'record', channels: 2 }],
    path: '$[0].channels',
    reason: 'channels needs split: "conversation"',
    schema: true,
  },
  {
    name: 'record channels above 32',
    ncco: [{ action: 'record', split: 'conversation', channels: 33 }],
    path: '$[0].channels',
    reason: 'an integer from 1 to 32, got 33',
    schema: true,
  },
  {
    name: 'record endOnSilence below 3',
    ncco: [{ action: 'record', endOnSilence: 2 }],
    path: '$[0].endOnSilence',
    reason: 'from 3 to 10, got 2',
    schema: true,
  },
  {
    name: 'record endOnKey of two keys',
    ncco: [{ action: 'record', endOnKey: '##' }],
    path: '$[0].endOnKey',
    reason: 'one key: a digit, * or #, got "##"',
    schema: true,
  },
  {
    name: 'record timeOut above 2 hours',
    ncco: [{ action: 'record', timeOut: 7201 }],
    path: '$[0].timeOut',
    reason: 'from 3 to 7200, got 7201',
    schema: true,
  },
  {
    name: 'record transcription eventUrl as a string',
    ncco: [{ action: 'record', transcription: { eventUrl: 'https://example.com/t' } }],
    path: '$[0].transcription.eventUrl',
    reason: 'eventUrl must be an array of one URL, got a string',
    schema: true,
  },
  {
    name: 'conversation without name',
    ncco: [{ action: 'conversation', record: true }],
    path: '$[0].name',
    reason: 'name is required',
    schema: true,
  },
  {
    name: 'conversation with mute and canSpeak',
    ncco: [{ action: 'conversation', name: 'c', mute: true, canSpeak: [leg] }],
    path: '$[0].mute',
    reason: 'mute cannot be used with canSpeak',
    schema: true,
  },
  {
    name: 'conversation musicOnHoldUrl as a string (the 2021 schema shape)',
    ncco: [{ action: 'conversation', name: 'c', musicOnHoldUrl: 'https://example.com/moh.mp3' }],
    path: '$[0].musicOnHoldUrl',
    reason: 'musicOnHoldUrl must be an array of one URL, got a string',
    schema: true,
  },
  {
    name: 'conversation canHear as a string',
    ncco: [{ action: 'conversation', name: 'c', canHear: leg }],
    path: '$[0].canHear',
    reason: 'an array of call leg ids, got a string',
    schema: true,
  },
  {
    name: 'connect without endpoint',
    ncco: [{ action: 'connect', from: '447700900000' }],
    path: '$[0].endpoint',
    reason: 'endpoint is required',
    schema: true,
  },
  {
    name: 'connect with two endpoints',
    ncco: [{ action: 'connect', endpoint: [phone, { type: 'phone', number: '447700900002' }] }],
    path: '$[0].endpoint',
    reason: 'exactly one endpoint object, got 2 endpoints',
    schema: true,
  },
  {
    name: 'connect endpoint as an object',
    ncco: [{ action: 'connect', endpoint: phone }],
    path: '$[0].endpoint',
    reason: 'got an object (wrap the endpoint in [ ])',
    schema: true,
  },
  {
    name: 'connect with from and randomFromNumber',
    ncco: [{ action: 'connect', from: '447700900000', randomFromNumber: true, endpoint: [phone] }],
    path: '$[0].randomFromNumber',
    reason: 'either from or randomFromNumber, not both',
    schema: true,
  },
  {
    name: 'connect from with letters',
    ncco: [{ action: 'connect', from: 'Vonage', endpoint: [phone] }],
    path: '$[0].from',
    reason: 'E.164',
    schema: true,
  },
  {
    name: 'connect limit above 7200',
    ncco: [{ action: 'connect', limit: 7201, endpoint: [phone] }],
    path: '$[0].limit',
    reason: 'from 0 to 7200, got 7201',
    schema: true,
  },
  {
    name: 'connect machineDetection voicemail',
    ncco: [{ action: 'connect', machineDetection: 'voicemail', endpoint: [phone] }],
    path: '$[0].machineDetection',
    reason: 'one of "continue", "hangup", got "voicemail"',
    schema: true,
  },
  {
    name: 'advanced machine detection beep_timeout below 45',
    ncco: [{ action: 'connect', advancedMachineDetection: { beep_timeout: 30 }, endpoint: [phone] }],
    path: '$[0].advancedMachineDetection.beep_timeout',
    reason: 'from 45 to 120, got 30',
    schema: true,
  },
  {
    name: 'endpoint type pstn',
    ncco: [{ action: 'connect', endpoint: [{ type: 'pstn', number: '447700900001' }] }],
    path: '$[0].endpoint[0].type',
    reason: 'one of "phone", "app", "websocket", "sip", "vbc", got "pstn"',
    schema: true,
  },
  {
    name: 'phone endpoint number with a dash',
    ncco: [{ action: 'connect', endpoint: [{ type: 'phone', number: '44-7700-900001' }] }],
    path: '$[0].endpoint[0].number',
    reason: 'E.164',
    schema: true,
  },
  {
    name: 'phone endpoint dtmfAnswer with a letter',
    ncco: [{ action: 'connect', endpoint: [{ ...phone, dtmfAnswer: '12x' }] }],
    path: '$[0].endpoint[0].dtmfAnswer',
    reason: 'digits, *, # and p',
    schema: true,
  },
  {
    name: 'phone endpoint onAnswer without url',
    ncco: [
      {
        action: 'connect',
        endpoint: [{ ...phone, onAnswer: { ringbackTone: 'https://example.com/r.mp3' } }],
      },
    ],
    path: '$[0].endpoint[0].onAnswer.url',
    reason: 'url is required',
    schema: true,
  },
  {
    name: 'websocket endpoint with an http uri',
    ncco: [{ action: 'connect', endpoint: [{ type: 'websocket', uri: 'https://example.com/socket' }] }],
    path: '$[0].endpoint[0].uri',
    reason: 'ws:// or wss://',
    schema: true,
  },
  {
    name: 'websocket endpoint content-type without a rate',
    ncco: [
      {
        action: 'connect',
        endpoint: [{ type: 'websocket', uri: 'wss://example.com/s', 'content-type': 'audio/l16' }],
      },
    ],
    path: '$[0].endpoint[0]["content-type"]',
    reason: 'got "audio/l16"',
    schema: true,
  },
  {
    name: 'sip endpoint with a tel: uri',
    ncco: [{ action: 'connect', endpoint: [{ type: 'sip', uri: 'tel:+447700900001' }] }],
    path: '$[0].endpoint[0].uri',
    reason: 'a sip: or sips: URI',
    schema: true,
  },
  {
    name: 'sip endpoint without a target',
    ncco: [{ action: 'connect', endpoint: [{ type: 'sip' }] }],
    path: '$[0].endpoint[0].uri',
    reason: 'uri is required',
    schema: true,
  },
  {
    name: 'app endpoint without user',
    ncco: [{ action: 'connect', endpoint: [{ type: 'app' }] }],
    path: '$[0].endpoint[0].user',
    reason: 'user is required',
    schema: true,
  },
  {
    name: 'vbc endpoint extension as a number',
    ncco: [{ action: 'connect', endpoint: [{ type: 'vbc', extension: 1234 }] }],
    path: '$[0].endpoint[0].extension',
    reason: 'a string, got 1234',
    schema: true,
  },
  {
    name: 'input without type',
    ncco: [{ action: 'input', dtmf: { maxDigits: 4 } }],
    path: '$[0].type',
    reason: 'type is required',
    schema: true,
  },
  {
    name: 'input type voice',
    ncco: [{ ...input, type: ['voice'] }],
    path: '$[0].type[0]',
    reason: 'one of "dtmf", "speech", got "voice"',
    schema: true,
  },
  {
    name: 'input type as a string',
    ncco: [{ ...input, type: 'dtmf' }],
    path: '$[0].type',
    reason: 'an array of "dtmf" and/or "speech", got a string',
    schema: true,
  },
  {
    name: 'input dtmf maxDigits above 22',
    ncco: [{ ...input, dtmf: { maxDigits: 25 } }],
    path: '$[0].dtmf.maxDigits',
    reason: 'from 1 to 20, got 25',
    schema: true,
  },
  {
    name: 'input dtmf timeOut above 10',
    ncco: [{ ...input, dtmf: { timeOut: 11 } }],
    path: '$[0].dtmf.timeOut',
    reason: 'from 0 to 10, got 11',
    schema: true,
  },
  {
    name: 'input speech endOnSilence below 0.4',
    ncco: [{ ...input, type: ['speech'], speech: { endOnSilence: 0.2 } }],
    path: '$[0].speech.endOnSilence',
    reason: 'a number from 0.4 to 10, got 0.2',
    schema: true,
  },
  {
    name: 'asynchronous input with speech in type',
    ncco: [{ ...input, type: ['dtmf', 'speech'], mode: 'asynchronous' }],
    path: '$[0].type',
    reason: 'type must be ["dtmf"] when mode is "asynchronous"',
    schema: true,
  },
  {
    name: 'asynchronous input with DTMF settings',
    ncco: [{ ...input, mode: 'asynchronous', dtmf: { maxDigits: 4 } }],
    path: '$[0].dtmf',
    reason: 'dtmf must be empty when mode is "asynchronous"',
    schema: true,
  },
  {
    name: 'input mode misspelt as in the Ruby SDK',
    ncco: [{ ...input, mode: 'asyncronous' }],
    path: '$[0].mode',
    reason: 'did you mean "asynchronous"?',
    schema: true,
  },
  {
    name: 'notify without payload',
    ncco: [{ action: 'notify', eventUrl: [hook] }],
    path: '$[0].payload',
    reason: 'payload is required',
    schema: true,
  },
  {
    name: 'notify without eventUrl',
    ncco: [{ action: 'notify', payload: { step: 1 } }],
    path: '$[0].eventUrl',
    reason: 'eventUrl is required: an array of one URL',
    schema: true,
  },
  {
    name: 'notify payload as an array',
    ncco: [{ action: 'notify', payload: [1, 2], eventUrl: [hook] }],
    path: '$[0].payload',
    reason: 'a JSON object, got an array',
    schema: true,
  },
  {
    name: 'wait timeout as a string',
    ncco: [{ action: 'wait', timeout: '5' }],
    path: '$[0].timeout',
    reason: 'a number of seconds from 0.1 to 7200, got a string',
    schema: true,
  },
  {
    name: 'transfer without a conversation id',
    ncco: [{ action: 'transfer', canHear: [leg] }],
    path: '$[0].conversation_id',
    reason: 'conversation_id is required',
    schema: true,
  },
  {
    name: 'transfer with mute and canSpeak',
    ncco: [{ action: 'transfer', conversation_id: 'CON-1', mute: true, canSpeak: [leg] }],
    path: '$[0].mute',
    reason: 'mute cannot be used with canSpeak',
    schema: true,
  },
];

const oldSchemaActions = new Set(['connect', 'conversation', 'input', 'record', 'stream', 'talk']);

/**
 * Valid current NCCOs the 2021 official schema rejects, with the reason (decision 060). Every other
 * valid NCCO that uses only the six actions it knows must pass it.
 */
const officialDifferences: Readonly<Record<string, string>> = {
  'record in ogg without end conditions, then a conversation (monitoring)': 'format enum lacks ogg',
  'conversation, attendee of a moderated conference': 'musicOnHoldUrl is a string there, an array now',
  'connect to SIP by user and domain': 'its sip endpoint requires uri',
  'connect to an app user (no from)': 'endpoint oneOf lacks app',
  'connect to a VBC extension': 'endpoint oneOf lacks vbc',
};

function issuesOf(result: NccoValidationResult): readonly { path: string; reason: string }[] {
  return result.issues;
}

describe('validateNcco', () => {
  it.each(validCorpus)('accepts the valid NCCO $name without warnings, as does nccoSchema', ({ ncco }) => {
    const result = validateNcco(ncco);
    expect(issuesOf(result)).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(ours(ncco), JSON.stringify(ours.errors)).toBe(true);
  });

  it.each(invalidCorpus)('rejects $name at $path', ({ ncco, path, reason, schema }) => {
    const result = validateNcco(ncco);
    expect(result.valid).toBe(false);
    expect(result.issues).toContainEqual({ path, reason: expect.stringContaining(reason) });
    // Where JSON Schema can hold the rule, nccoSchema rejects too; where it cannot, it accepts.
    expect(ours(ncco)).toBe(!schema);
  });

  it('has a corpus of at least 25 valid and 30 invalid NCCOs', () => {
    expect(validCorpus.length).toBeGreaterThanOrEqual(25);
    expect(invalidCorpus.length).toBeGreaterThanOrEqual(30);
  });

  it('returns every issue of an NCCO in document order (actions, then their keys), not only the first', () => {
    const result = validateNcco([
      { action: 'talk' },
      { action: 'record', eventUrl: 'https://example.com/r', format: 'flac' },
      { action: 'connect', endpoint: [{ type: 'websocket', uri: 'http://x' }] },
    ]);
    expect(result.issues.map((issue) => issue.path)).toEqual([
      '$[0].text',
      '$[1].eventUrl',
      '$[1].format',
      '$[2].endpoint[0].uri',
    ]);
  });

  it('warns about an unknown key with the closest known key, and keeps the NCCO valid', () => {
    const result = validateNcco([{ action: 'record', eventURL: [hook] }]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      {
        path: '$[0].eventURL',
        reason: 'eventURL is not an option here and Vonage ignores it; did you mean "eventUrl"?',
      },
    ]);
  });

  it('reports warnings as issues in strict mode', () => {
    const result = validateNcco([{ action: 'talk', text: 'Hi', eventUrl: [hook] }], { strict: true });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      { path: '$[0].eventUrl', reason: expect.stringContaining('Vonage ignores it') },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('warns about legacy keys with what replaced them', () => {
    const result = validateNcco([
      { action: 'talk', text: 'Hi', voiceName: 'Kimberly' },
      { action: 'input', type: ['dtmf'], maxDigits: 4 },
    ]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$[0].voiceName', reason: expect.stringContaining('with language and style') },
      { path: '$[1].maxDigits', reason: expect.stringContaining('belongs inside dtmf') },
    ]);
  });

  it('warns when a wait timeout is outside 0.1-7200, which Vonage clamps', () => {
    const result = validateNcco([{ action: 'wait', timeout: 9000 }]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$[0].timeout', reason: expect.stringContaining('clamps it to 7200') },
    ]);
  });

  it('warns about values only an official SDK accepts: string level, + in a number, looser ranges', () => {
    const result = validateNcco([
      { action: 'talk', text: 'Hi', level: '0.5' },
      { action: 'connect', from: '+447700900000', endpoint: [phone] },
      { action: 'input', type: ['dtmf', 'speech'], dtmf: { maxDigits: 22 }, speech: { startTimeout: 30 } },
    ]);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((warning) => warning.path)).toEqual([
      '$[0].level',
      '$[1].from',
      '$[2].dtmf.maxDigits',
      '$[2].speech.startTimeout',
    ]);
    expect(ours([{ action: 'talk', text: 'Hi', level: '0.5' }])).toBe(true);
  });

  it('warns about the other spellings of ringbackTone and advanced machine detection', () => {
    const result = validateNcco([
      {
        action: 'connect',
        ringbackTone: ['https://example.com/ring.mp3'],
        advancedMachineDetection: { behavior: 'continue' },
        advanced_machine_detection: { behavior: 'continue' },
        endpoint: [phone],
      },
    ]);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((warning) => warning.path)).toEqual([
      '$[0].ringbackTone',
      '$[0].advanced_machine_detection',
    ]);
  });

  it('rejects a level string that is not a number from -1 to 1', () => {
    const result = validateNcco([{ action: 'talk', text: 'Hi', level: 'loud' }]);
    expect(result.issues).toEqual([
      { path: '$[0].level', reason: 'level must be a number from -1 to 1, got a string' },
    ]);
    expect(ours([{ action: 'talk', text: 'Hi', level: 'loud' }])).toBe(false);
  });

  it('warns when a bargeIn is followed by another action before its input', () => {
    const result = validateNcco([
      { action: 'talk', text: 'Press 1', bargeIn: true },
      { action: 'record' },
      { action: 'input', type: ['dtmf'] },
    ]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$[0].bargeIn', reason: expect.stringContaining('the record at $[1]') },
    ]);
  });

  it('warns when input settings are given for a type it does not collect', () => {
    const result = validateNcco([{ action: 'input', type: ['speech'], dtmf: { maxDigits: 2 } }]);
    expect(result.warnings).toEqual([
      { path: '$[0].dtmf', reason: expect.stringContaining('type does not include "dtmf"') },
    ]);
  });

  it('accepts transfer with the Java SDK spelling conversationId, with a warning', () => {
    const result = validateNcco([{ action: 'transfer', conversationId: 'CON-1' }]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$[0].conversationId', reason: expect.stringContaining('conversation_id') },
    ]);
  });

  it('accepts both spellings of advanced machine detection', () => {
    const snake = validateNcco([
      {
        action: 'connect',
        advanced_machine_detection: { behavior: 'hangup', mode: 'detect' },
        endpoint: [phone],
      },
    ]);
    expect(snake).toEqual({ valid: true, issues: [], warnings: [] });
  });

  it('checks a pay action when allowPay is set', () => {
    const pay = [{ action: 'pay', amount: -1, currency: 'usd', eventUrl: [hook] }];
    expect(validateNcco(pay, { allowPay: true }).issues).toEqual([
      { path: '$[0].amount', reason: 'amount must be a number of at least 0.01, got -1' },
    ]);
    expect(validateNcco([{ action: 'pay', amount: 5 }], { allowPay: true }).valid).toBe(true);
  });

  it('ignores keys whose value is undefined, as JSON.stringify would drop them', () => {
    expect(validateNcco([{ action: 'talk', text: 'Hi', bargeIn: undefined }]).valid).toBe(true);
  });
});

describe('formatNccoIssues', () => {
  it('prints one indented line per issue with its path', () => {
    const result = validateNcco([{ action: 'talk' }, { action: 'stream' }]);
    expect(formatNccoIssues(result.issues)).toBe(
      '  $[0].text: text is required: a string of up to 1500 characters (SSML tags not counted)\n' +
        '  $[1].streamUrl: streamUrl is required: an array of one URL',
    );
  });
});

describe('nccoSchema', () => {
  it('compiles under Ajv strict mode as a draft-07 schema', () => {
    expect(nccoSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() => new Ajv({ strict: true }).compile(nccoSchema)).not.toThrow();
  });

  it.skipIf(!hasSpecs)(
    'agrees with the 2021 official ncco-schema.json on valid NCCOs of the actions it knows, except the listed differences',
    () => {
      const official = JSON.parse(readFileSync(join(specsDir, 'ncco-schema.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      // A draft-04 file: Ajv 8 reads it as draft-07 once the $schema line is dropped (no draft-04-only keyword is used).
      const { $schema: _draft04, ...schema } = official;
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      const checked = validCorpus.filter(({ ncco }) =>
        ncco.every((action) => oldSchemaActions.has((action as { action: string }).action)),
      );
      expect(checked.length).toBeGreaterThanOrEqual(20);
      const verdicts = Object.fromEntries(checked.map(({ name, ncco }) => [name, validate(ncco)]));
      const rejected = Object.keys(verdicts).filter((name) => verdicts[name] === false);
      console.log(
        `NOTICE: 2021 ncco-schema.json: ${checked.length - rejected.length} of ${checked.length} valid NCCOs pass`,
      );
      expect(rejected.sort()).toEqual(Object.keys(officialDifferences).sort());
    },
  );
});
