import type { rtcEvents } from '../fixtures/rtc/rtc-events.js';
import { type RtcMessageType, rtcLegStatuses } from '../fixtures/rtc/types.js';
import {
  arraySchema,
  booleanSchema,
  integerSchema,
  type JsonSchema,
  numberSchema,
  objectSchema,
  patterns,
  stringSchema,
} from './json-schema.js';

// Reference 7. Envelope from the captured webhook deliveries (docs/decisions/044); bodies from the Java
// SDK event classes and the documented/captured examples (docs/decisions/045).
const uuidBody = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const applicationId = stringSchema({ pattern: patterns.uuid });
const conversationId = stringSchema({ pattern: patterns.conversationUuid });
const memberId = stringSchema({ pattern: `^MEM-${uuidBody}$` });
const userId = stringSchema({ pattern: `^USR-${uuidBody}$` });
const generatedName = stringSchema({ pattern: `^NAM-${uuidBody}$` });
const legId = stringSchema({ pattern: `^(${uuidBody}|[0-9a-f]{32})$` });
const isoMillis = stringSchema({ pattern: patterns.isoMillis });
const eventId = integerSchema({ minimum: 1 });
const uuid = stringSchema({ pattern: patterns.uuid });
const httpsUrl = stringSchema({ pattern: '^https://' });
const direction = stringSchema({ enum: ['inbound', 'outbound'] });

const phoneEndpoint = objectSchema({
  type: stringSchema({ const: 'phone' }),
  number: stringSchema({ pattern: patterns.msisdn }),
});

const channel = objectSchema(
  {
    type: stringSchema({ const: 'phone' }),
    id: legId,
    from: phoneEndpoint,
    to: phoneEndpoint,
    leg_ids: arraySchema(legId, { minItems: 1 }),
  },
  {},
  "A member's phone channel.",
);

// REST-only envelope fields: reachable through overrides, never generated (decision 044).
const restOnly = {
  _embedded: objectSchema(
    {},
    {
      from_user: objectSchema({ id: userId }, { name: stringSchema(), display_name: stringSchema() }),
      from_member: objectSchema({ id: memberId }),
    },
  ),
  href: httpsUrl,
};

const typeSchema = (type: string): JsonSchema => stringSchema({ const: type });

function memberEvent(type: JsonSchema, body: JsonSchema, description: string): JsonSchema {
  return objectSchema(
    {
      application_id: applicationId,
      conversation_id: conversationId,
      from: memberId,
      body,
      id: eventId,
      timestamp: isoMillis,
      type,
    },
    restOnly,
    description,
  );
}

function systemEvent(type: string, body: JsonSchema): JsonSchema {
  return objectSchema(
    {
      application_id: applicationId,
      conversation_id: conversationId,
      body,
      id: eventId,
      timestamp: isoMillis,
      type: typeSchema(type),
    },
    restOnly,
    `RTC event "${type}" of the conversation itself, reference 7.`,
  );
}

const member = (type: string, body: JsonSchema): JsonSchema =>
  memberEvent(typeSchema(type), body, `RTC event "${type}", reference 7.`);

// Bodies
const knockingBody = objectSchema({
  user: objectSchema({ id: userId }),
  channel: objectSchema({
    type: stringSchema({ const: 'phone' }),
    to: phoneEndpoint,
    from: phoneEndpoint,
    id: legId,
    headers: objectSchema({}),
    legs: arraySchema(objectSchema({ leg_id: legId, status: stringSchema({ enum: rtcLegStatuses }) })),
    leg_ids: arraySchema(legId),
  }),
});

function knocking(type: string): JsonSchema {
  return objectSchema(
    {
      application_id: applicationId,
      from: stringSchema({ pattern: `^knocker:${uuidBody}$` }),
      body: knockingBody,
      timestamp: isoMillis,
      type: typeSchema(type),
    },
    {},
    `RTC event "${type}": a call knocking before any conversation, reference 7.`,
  );
}

const legStatusBody = objectSchema({
  leg_id: legId,
  type: stringSchema({ const: 'phone' }),
  direction,
  status: stringSchema({ enum: rtcLegStatuses }),
  statusHistory: arraySchema(
    objectSchema({
      status: stringSchema({ enum: rtcLegStatuses }),
      date: isoMillis,
      member_id: memberId,
      conversation_id: conversationId,
    }),
    { minItems: 1 },
  ),
});

const eventReference = objectSchema({ event_id: eventId });
const channelOnly = objectSchema({ channel });
const callBody = objectSchema({ direction, channel });
const empty = objectSchema({});

const audioOut = {
  queue: booleanSchema(),
  level: numberSchema({ minimum: -1, maximum: 1 }),
  loop: integerSchema({ minimum: 0 }),
};

const recordingFields = {
  destination_url: httpsUrl,
  format: stringSchema({ enum: ['mp3', 'wav'] }),
  start_time: isoMillis,
  end_time: isoMillis,
  size: integerSchema({ minimum: 0 }),
};

const hangupBody = objectSchema({
  direction,
  quality: objectSchema({
    mos_score: integerSchema({ minimum: 1, maximum: 5 }),
    quality_percentage: integerSchema({ minimum: 0, maximum: 100 }),
    jitter_min_var: integerSchema({ minimum: 0 }),
    jitter_max_var: integerSchema({ minimum: 0 }),
    jitter_loss_rate: integerSchema({ minimum: 0 }),
    jitter_burst_rate: integerSchema({ minimum: 0 }),
    flaw_total: integerSchema({ minimum: 0 }),
    packet_cnt: integerSchema({ minimum: 0 }),
    packet_loss_perc: integerSchema({ minimum: 0, maximum: 100 }),
  }),
  bandwidth: objectSchema({
    byte_in: integerSchema({ minimum: 0 }),
    byte_out: integerSchema({ minimum: 0 }),
  }),
  reason: objectSchema({
    text: stringSchema(),
    code: stringSchema({ pattern: patterns.digits }),
    sip_code: stringSchema({ pattern: '^[1-6][0-9]{2}$' }),
  }),
  channel,
});

const machineBody = objectSchema({
  type: stringSchema({ const: 'machine' }),
  confidence: integerSchema({ minimum: 0, maximum: 100 }),
  channel,
});

const urlContainer = objectSchema({ url: httpsUrl });
const messageContent: Record<RtcMessageType, Record<string, JsonSchema>> = {
  text: { text: stringSchema({ minLength: 1 }) },
  image: { image: urlContainer },
  audio: { audio: urlContainer },
  video: { video: urlContainer },
  file: { file: urlContainer },
  vcard: { vcard: urlContainer },
  location: {
    location: objectSchema({
      longitude: numberSchema({ minimum: -180, maximum: 180 }),
      latitude: numberSchema({ minimum: -90, maximum: 90 }),
      name: stringSchema(),
      address: stringSchema(),
    }),
  },
  template: {
    template: objectSchema({ name: stringSchema({ minLength: 1 }), parameters: arraySchema(stringSchema()) }),
  },
  custom: { custom: { type: 'object' } },
};

function message(messageType: RtcMessageType): JsonSchema {
  return memberEvent(
    typeSchema('message'),
    objectSchema({ message_type: stringSchema({ const: messageType }), ...messageContent[messageType] }),
    `RTC event "message" of message_type "${messageType}", reference 7.`,
  );
}

const imageRepresentation = objectSchema({ id: uuid, url: httpsUrl, size: integerSchema({ minimum: 0 }) });

const media = objectSchema({
  audio_settings: objectSchema({
    enabled: booleanSchema(),
    earmuffed: booleanSchema(),
    muted: booleanSchema(),
  }),
  audio: booleanSchema(),
});

const conversationBody = (timestamp: JsonSchema, extra: Record<string, JsonSchema> = {}): JsonSchema =>
  objectSchema({ id: conversationId, name: generatedName, ...extra, timestamp });

/** Payload schemas of the RTC events. */
export const rtcSchemas = {
  'rtc.app.knocking': knocking('app:knocking'),
  'rtc.app.knocking.cancel': knocking('app:knocking:cancel'),
  'rtc.leg.status.update': member('leg:status:update', legStatusBody),
  'rtc.event.delete': member('event:delete', eventReference),
  'rtc.ephemeral': member('ephemeral', { type: 'object' }),
  'rtc.custom': memberEvent(
    stringSchema({ pattern: '^custom:[A-Za-z0-9_-]{1,100}$' }),
    { type: 'object' },
    'RTC custom event ("custom:<name>"), reference 7.',
  ),
  'rtc.audio.dtmf': member(
    'audio:dtmf',
    objectSchema({
      digits: stringSchema({ pattern: '^[0-9*#]+$' }),
      dtmf_seq: integerSchema({ minimum: 1 }),
      channel,
    }),
  ),
  'rtc.audio.earmuff.on': member('audio:earmuff:on', objectSchema({ rtc_id: legId })),
  'rtc.audio.earmuff.off': member('audio:earmuff:off', objectSchema({ rtc_id: legId })),
  'rtc.audio.mute.on': member('audio:mute:on', objectSchema({ rtc_id: legId })),
  'rtc.audio.mute.off': member('audio:mute:off', objectSchema({ rtc_id: legId })),
  'rtc.audio.play': member(
    'audio:play',
    objectSchema({ ...audioOut, play_id: uuid, stream_url: arraySchema(httpsUrl, { minItems: 1 }) }),
  ),
  'rtc.audio.play.stop': member('audio:play:stop', objectSchema({ play_id: uuid })),
  'rtc.audio.play.done': member('audio:play:done', objectSchema({ play_id: uuid })),
  'rtc.audio.record': member('audio:record', empty),
  'rtc.audio.record.stop': member('audio:record:stop', empty),
  'rtc.audio.record.done': member(
    'audio:record:done',
    objectSchema({ event_id: eventId, recording_id: uuid, ...recordingFields }),
  ),
  'rtc.audio.ringing.start': member('audio:ringing:start', channelOnly),
  'rtc.audio.ringing.stop': member('audio:ringing:stop', channelOnly),
  'rtc.audio.asr.done': member(
    'audio:asr:done',
    objectSchema({
      asr_id: uuid,
      results: arraySchema(
        objectSchema({ text: stringSchema(), confidence: numberSchema({ minimum: 0, maximum: 1 }) }),
        { minItems: 1 },
      ),
    }),
  ),
  'rtc.audio.asr.record.done': member(
    'audio:asr:record:done',
    objectSchema({ asr_id: uuid, ...recordingFields }),
  ),
  'rtc.audio.say': member(
    'audio:say',
    objectSchema({
      ...audioOut,
      say_id: uuid,
      text: stringSchema({ minLength: 1 }),
      style: integerSchema({ minimum: 0 }),
      language: stringSchema({ pattern: '^[a-z]{2,3}-[A-Z]{2}$' }),
      premium: booleanSchema(),
      ssml: booleanSchema(),
    }),
  ),
  'rtc.audio.say.stop': member('audio:say:stop', objectSchema({ say_id: uuid })),
  'rtc.audio.say.done': member('audio:say:done', objectSchema({ say_id: uuid })),
  'rtc.audio.speaking.on': member('audio:speaking:on', channelOnly),
  'rtc.audio.speaking.off': member('audio:speaking:off', channelOnly),
  'rtc.message.text': message('text'),
  'rtc.message.image': message('image'),
  'rtc.message.audio': message('audio'),
  'rtc.message.video': message('video'),
  'rtc.message.file': message('file'),
  'rtc.message.template': message('template'),
  'rtc.message.custom': message('custom'),
  'rtc.message.vcard': message('vcard'),
  'rtc.message.location': message('location'),
  'rtc.message.submitted': member('message:submitted', eventReference),
  'rtc.message.rejected': member('message:rejected', eventReference),
  'rtc.message.undeliverable': member('message:undeliverable', eventReference),
  'rtc.message.delivered': member('message:delivered', eventReference),
  'rtc.message.seen': member('message:seen', eventReference),
  'rtc.text': member('text', objectSchema({ text: stringSchema({ minLength: 1 }) })),
  'rtc.text.seen': member('text:seen', eventReference),
  'rtc.text.delivered': member('text:delivered', eventReference),
  'rtc.text.update': member(
    'text:update',
    objectSchema({ text: stringSchema({ minLength: 1 }), event_id: eventId }),
  ),
  'rtc.text.typing.on': member('text:typing:on', empty),
  'rtc.text.typing.off': member('text:typing:off', empty),
  'rtc.image': member(
    'image',
    objectSchema({
      representations: objectSchema({
        original: imageRepresentation,
        medium: imageRepresentation,
        thumbnail: imageRepresentation,
      }),
    }),
  ),
  'rtc.image.seen': member('image:seen', eventReference),
  'rtc.image.delivered': member('image:delivered', eventReference),
  'rtc.conversation.created': objectSchema(
    {
      application_id: applicationId,
      body: conversationBody(objectSchema({ created: isoMillis }), {
        state: stringSchema({ const: 'ACTIVE' }),
      }),
      timestamp: isoMillis,
      type: typeSchema('conversation:created'),
    },
    {},
    'RTC event "conversation:created", reference 7.',
  ),
  'rtc.conversation.updated': systemEvent(
    'conversation:updated',
    conversationBody(objectSchema({ created: isoMillis, updated: isoMillis }), {
      display_name: stringSchema({ minLength: 1 }),
      state: stringSchema({ enum: ['ACTIVE', 'INACTIVE'] }),
    }),
  ),
  'rtc.conversation.deleted': systemEvent(
    'conversation:deleted',
    conversationBody(objectSchema({ created: isoMillis, destroyed: isoMillis })),
  ),
  'rtc.member.invited': member(
    'member:invited',
    objectSchema({
      cname: generatedName,
      conversation: objectSchema({ conversation_id: conversationId, name: generatedName }),
      invited_by: userId,
      user: objectSchema({ member_id: memberId, user_id: userId, media, name: generatedName }),
      channel,
      media,
      timestamp: objectSchema({ invited: isoMillis }),
      initiator: objectSchema({ invited: objectSchema({ isSystem: booleanSchema() }) }),
    }),
  ),
  'rtc.member.joined': member(
    'member:joined',
    objectSchema({
      user: objectSchema({ id: userId }),
      channel,
      timestamp: objectSchema({ joined: isoMillis }),
    }),
  ),
  'rtc.member.left': member(
    'member:left',
    objectSchema({
      user: objectSchema({ id: userId }),
      channel,
      timestamp: objectSchema({ joined: isoMillis, left: isoMillis }),
    }),
  ),
  'rtc.member.media': member(
    'member:media',
    objectSchema({
      audio: booleanSchema(),
      media: objectSchema({
        audio: booleanSchema(),
        audio_settings: objectSchema({
          enabled: booleanSchema(),
          earmuffed: booleanSchema(),
          muted: booleanSchema(),
        }),
      }),
      channel,
    }),
  ),
  'rtc.member.message.status': member(
    'member:message:status',
    objectSchema({
      event_id: eventId,
      status: stringSchema({ enum: ['submitted', 'delivered', 'seen', 'rejected', 'undeliverable'] }),
    }),
  ),
  'rtc.rtc.status': member(
    'rtc:status',
    objectSchema({
      duration: stringSchema({ pattern: patterns.digits }),
      start_time: isoMillis,
      end_time: isoMillis,
      price_currency: stringSchema({ const: 'EUR' }),
      price: stringSchema({ pattern: '^[0-9]+\\.[0-9]{8}$' }),
      mos: integerSchema({ minimum: 1, maximum: 5 }),
      channel,
    }),
  ),
  'rtc.rtc.transfer': member(
    'rtc:transfer',
    objectSchema({ was_member: memberId, user_id: userId, transferred_from: conversationId, channel }),
  ),
  'rtc.rtc.hangup': member('rtc:hangup', hangupBody),
  'rtc.rtc.terminate': member('rtc:terminate', channelOnly),
  'rtc.rtc.answered': member('rtc:answered', callBody),
  'rtc.rtc.ringing': member('rtc:ringing', callBody),
  'rtc.rtc.answer': member('rtc:answer', callBody),
  'rtc.sip.status': member('sip:status', callBody),
  'rtc.sip.answered': member('sip:answered', callBody),
  'rtc.sip.machine': member('sip:machine', machineBody),
  'rtc.sip.amd_machine': member('sip:amd_machine', machineBody),
  'rtc.sip.hangup': member('sip:hangup', hangupBody),
  'rtc.sip.ringing': member('sip:ringing', callBody),
} satisfies Record<keyof typeof rtcEvents, JsonSchema>;
