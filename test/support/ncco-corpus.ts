// The NCCO corpus the validateNcco tests share: the valid NCCOs, the shapes of a case, the values the
// cases reuse, and nccoSchema compiled under Ajv strict mode. The invalid NCCOs are in
// ncco-invalid-corpus.ts.
import { Ajv } from 'ajv';
import { nccoSchema } from '../../src/ncco/ncco-schema.js';

export const ours = new Ajv({ strict: true, allErrors: true }).compile(nccoSchema);

export const hook = 'https://example.com/webhooks/event';
export const leg = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';

export interface ValidCase {
  readonly name: string;
  readonly ncco: readonly unknown[];
}

// Shapes from the NCCO reference examples (doc-ncco, ndp ncco-reference.md) and the SDK models the
// reference ncco.md cites.
export const validCorpus: readonly ValidCase[] = [
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

export interface InvalidCase {
  readonly name: string;
  readonly ncco: unknown;
  readonly path: string;
  readonly reason: string;
  /** Whether JSON Schema can express the rule (then `nccoSchema` must reject the NCCO too). */
  readonly schema: boolean;
}

export const phone = { type: 'phone', number: '447700900001' };
