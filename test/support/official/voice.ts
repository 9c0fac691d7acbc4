import type { OfficialMapping } from './types.js';

// voice.yml (Voice API 1.3.10, Nexmo/api-specification d7646f8, 2023) describes only the REST
// operations under https://api.nexmo.com/v1/calls (list, create, get, update, stream, talk, dtmf):
// it has no `x-webhooks` and no `callbacks`, so none of the requests Vonage sends to the answer,
// event or fallback URL has a schema there. Its `GetCallResponse` is the REST call record, not a
// webhook body: `to`/`from` are endpoint objects ({type, number}) where webhooks send plain number
// strings, and its `start_time`/`end_time` are documented as `YYYY-MM-DD HH:MM:SS`, so validating a
// webhook against it would be wrong. application.v2.yml only configures the URLs (address, method,
// timeouts) and ncco-schema.json describes the NCCO the application returns, not the request.
const noWebhooks = 'voice.yml (2023) defines no x-webhooks or callbacks, only the /v1/calls REST operations;';

export const voiceOfficial: readonly OfficialMapping[] = [
  {
    events: ['voice.answer.inbound', 'voice.answer.outbound', 'voice.answer.sip', 'voice.answer.app'],
    file: null,
    reason: `${noWebhooks} the answer request (to, from/from_user, uuid, conversation_uuid, SipHeader_*) is described only in the webhook reference docs and SDK models; application.v2.yml configures answer_url but not its body, and ncco-schema.json covers the NCCO response, not the request.`,
  },
  {
    events: [
      'voice.event.started',
      'voice.event.ringing',
      'voice.event.answered',
      'voice.event.busy',
      'voice.event.cancelled',
      'voice.event.unanswered',
      'voice.event.rejected',
      'voice.event.failed',
      'voice.event.timeout',
      'voice.event.machine',
      'voice.event.human',
      'voice.event.disconnected',
      'voice.event.completed',
    ],
    file: null,
    reason: `${noWebhooks} its GetCallResponse resembles a completed call but is the REST call record: to/from are {type, number} objects where status events send number strings, start_time/end_time are documented as "YYYY-MM-DD HH:MM:SS" instead of ISO-8601, and headers, detail, sip_code, call_uuid, sub_state and disconnected_by are absent, so it cannot validate a status event.`,
  },
  {
    events: [
      'voice.event.input.dtmf',
      'voice.event.input.speech',
      'voice.event.input.timeout',
      'voice.event.record',
      'voice.event.transcription',
      'voice.event.transfer',
      'voice.event.notify',
      'voice.event.error',
    ],
    file: null,
    reason: `${noWebhooks} the input, record, transcription, transfer, notify and error bodies sent to an NCCO action's eventUrl exist only in the webhook and NCCO reference docs and the SDK models (ncco-schema.json describes the actions, not their results).`,
  },
  {
    events: ['voice.event.input.dtmf@legacy'],
    file: null,
    reason: `${noWebhooks} the legacy DTMF input result (top-level dtmf string and timed_out) predates even the 2021 ncco-schema.json input action and survives only in the 2020 Nexmo webhook reference and the obsolete .NET Input model.`,
  },
  {
    events: ['voice.fallback.answer', 'voice.fallback.event'],
    file: null,
    reason: `${noWebhooks} the fallback_answer_url request (the original data plus reason and original_request) is described only in the webhook reference and troubleshooting docs; application.v2.yml declares the fallback_answer_url setting but not its body.`,
  },
];
