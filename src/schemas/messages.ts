import type { messagesEvents } from '../fixtures/messages/messages-events.js';
import type {
  MessagesChannel,
  MessagesInboundType,
  MessagesStatusChannel,
  MessagesStatusValue,
} from '../fixtures/messages/types.js';
import {
  arraySchema,
  type JsonSchema,
  numberSchema,
  objectSchema,
  patterns,
  stringSchema,
} from './json-schema.js';

// Written from reference 5.1/5.2 and spec-msg (messages-olympus.yml 1.4.0), not from the generator.
// Every id, count and price is a string; `location.lat`/`long` are numbers.

const msisdn = stringSchema({ pattern: patterns.msisdn, description: 'E.164 without +.' });
/** A WhatsApp business-scoped user id, `US.13491208655302741918` or a parent `US.ENT.…` id. */
const bsuidPattern = '[A-Z]{2}\\.(ENT\\.)?[0-9A-Za-z]+';
const whatsAppUser = stringSchema({
  pattern: `^([1-9][0-9]{6,14}|${bsuidPattern})$`,
  description: 'E.164 without +, or a BSUID for users known only by username.',
});
/** Messenger PSID / page id and Viber service message id (spec-msg ToId/FromId: 1–50 characters). */
const messengerId = stringSchema({ pattern: '^[0-9]+$', minLength: 1, maxLength: 50 });
const serviceId = stringSchema({ minLength: 1, maxLength: 50 });
const url = stringSchema({ pattern: '^https?://\\S+$' });
const digits = stringSchema({ pattern: patterns.digits });
const uuid = stringSchema({ pattern: patterns.uuid });
const timestamp = stringSchema({
  pattern: patterns.isoTimestamp,
  description: 'ISO-8601 UTC; milliseconds as in the spec, the no-millisecond form also seen.',
});
const clientRef = stringSchema({ maxLength: 100 });

const usage = objectSchema(
  { currency: stringSchema({ const: 'EUR' }), price: stringSchema({ pattern: patterns.decimal }) },
  {},
  'The charge: currency always EUR, price a decimal string.',
);
const network = objectSchema({ network_code: stringSchema({ pattern: patterns.networkCode }) });
const selfLink = objectSchema({ href: url });

// Content objects of each message_type (reference 5.1 content table).
const captioned = { caption: stringSchema() };
const named = { name: stringSchema() };
const contentSchemas: Record<MessagesInboundType, JsonSchema> = {
  text: stringSchema(),
  image: objectSchema({ url }, { ...named, ...captioned }),
  audio: objectSchema({ url }, named),
  video: objectSchema({ url }, named),
  file: objectSchema({ url }, { ...named, ...captioned }),
  vcard: objectSchema({ url }, named),
  content: arraySchema(
    objectSchema(
      { type: stringSchema({ enum: ['image', 'audio', 'video', 'file', 'vcard'] }), url },
      captioned,
    ),
    { minItems: 1 },
  ),
  location: objectSchema(
    { lat: numberSchema({ minimum: -90, maximum: 90 }), long: numberSchema({ minimum: -180, maximum: 180 }) },
    { name: stringSchema(), address: stringSchema(), url },
  ),
  sticker: objectSchema({ url }),
  reaction: objectSchema(
    { action: stringSchema({ enum: ['react', 'unreact'] }) },
    { emoji: stringSchema({ minLength: 1 }) },
  ),
  reply: objectSchema({ id: stringSchema(), title: stringSchema() }, { description: stringSchema() }),
  // WhatsApp: payload an object (e.g. a Flow's answers); RCS: payload the postback string.
  button: objectSchema(
    { payload: { type: 'object' }, text: stringSchema() },
    { subtype: stringSchema() },
    'WhatsApp button: payload is an object.',
  ),
  order: objectSchema({
    catalog_id: digits,
    product_items: arraySchema(
      objectSchema({
        product_retailer_id: stringSchema({ minLength: 1 }),
        quantity: digits,
        item_price: stringSchema({ pattern: patterns.decimal }),
        currency: stringSchema({ pattern: '^[A-Z]{3}$' }),
      }),
      { minItems: 1 },
    ),
  }),
  unsupported: {},
};
const rcsButton = objectSchema(
  { payload: stringSchema(), text: stringSchema() },
  {},
  'RCS suggested action: payload is the postback data.',
);

const whatsAppProfile = objectSchema({ name: stringSchema() }, { username: stringSchema() });
const referredProduct = objectSchema({
  catalog_id: stringSchema(),
  product_retailer_id: stringSchema(),
});
const whatsAppUserIds = objectSchema(
  { user_id: stringSchema({ pattern: `^${bsuidPattern}$` }) },
  { parent_user_id: stringSchema({ pattern: `^${bsuidPattern}$` }), wa_id: msisdn },
);

function inboundParties(channel: MessagesChannel): { to: JsonSchema; from: JsonSchema } {
  switch (channel) {
    case 'sms':
    case 'mms':
      return { to: msisdn, from: msisdn };
    case 'rcs':
      return { to: serviceId, from: msisdn };
    case 'whatsapp':
      return { to: msisdn, from: whatsAppUser };
    case 'messenger':
      return { to: messengerId, from: messengerId };
    case 'viber_service':
      return { to: serviceId, from: msisdn };
  }
}

function inboundExtras(channel: MessagesChannel): Record<string, JsonSchema> {
  switch (channel) {
    case 'sms':
      return {
        sms: objectSchema(
          { num_messages: digits, keyword: stringSchema() },
          { total_count: digits },
          'How many SMS parts Vonage reassembled, and the first word upper-cased.',
        ),
        usage,
        origin: network,
      };
    case 'mms':
      return { origin: network };
    case 'whatsapp':
      return {
        profile: whatsAppProfile,
        context_status: stringSchema({ enum: ['none', 'available', 'unavailable'] }),
        context: objectSchema(
          { message_uuid: uuid, message_from: whatsAppUser },
          { whatsapp_referred_product: referredProduct },
        ),
        provider_message: stringSchema(),
        whatsapp: objectSchema(
          {},
          {
            referral: objectSchema(
              {
                body: stringSchema(),
                headline: stringSchema(),
                source_id: digits,
                source_type: stringSchema({ enum: ['ad', 'post'] }),
                source_url: url,
                media_type: stringSchema({ enum: ['image', 'video'] }),
                ctwa_clid: stringSchema(),
              },
              { image_url: url, video_url: url, thumbnail_url: url },
            ),
            whatsapp_referred_product: referredProduct,
            sender: whatsAppUserIds,
          },
        ),
      };
    case 'viber_service':
      return { context: objectSchema({ message_uuid: stringSchema({ minLength: 1 }) }) };
    default:
      return {};
  }
}

function inbound<TChannel extends MessagesChannel>(
  channel: TChannel,
  type: MessagesInboundType<TChannel>,
): JsonSchema {
  const content =
    type === 'unsupported'
      ? {}
      : { [type]: type === 'button' && channel === 'rcs' ? rcsButton : contentSchemas[type] };
  const { to, from } = inboundParties(channel);
  return objectSchema(
    {
      channel: stringSchema({ const: channel }),
      message_uuid: uuid,
      to,
      from,
      timestamp,
      message_type: stringSchema({ const: type }),
      ...content,
    },
    { client_ref: clientRef, ...inboundExtras(channel), _self: selfLink },
    `Inbound ${channel} message of type "${type}", Messages API v1 (reference 5.1).`,
  );
}

const errorSchema = objectSchema(
  {
    type: stringSchema({
      pattern: '^https://developer\\.(vonage|nexmo)\\.com/api-errors/messages(-olympus)?#[0-9]{4}$',
    }),
    // The code as a string; 1360 (TTL activated) means no callback at all, so it never appears.
    title: { ...stringSchema({ pattern: '^1[0-9]{3}$' }), not: { const: '1360' } },
    detail: stringSchema({ minLength: 1 }),
    instance: stringSchema({ minLength: 1 }),
  },
  {},
  'Why the message failed (reference 5.2 error codes).',
);

function statusParties(channel: MessagesChannel): { to: JsonSchema; from: JsonSchema } {
  switch (channel) {
    case 'sms':
      // Your number or an alphanumeric sender id (up to 11 characters).
      return { to: msisdn, from: stringSchema({ pattern: '^[A-Za-z0-9 ]{1,15}$' }) };
    case 'mms':
      return { to: msisdn, from: msisdn };
    case 'rcs':
      return { to: msisdn, from: serviceId };
    case 'whatsapp':
      return { to: whatsAppUser, from: msisdn };
    case 'messenger':
      return { to: messengerId, from: messengerId };
    case 'viber_service':
      return { to: msisdn, from: serviceId };
  }
}

function statusExtras(channel: MessagesChannel, status: MessagesStatusValue): Record<string, JsonSchema> {
  switch (channel) {
    case 'sms':
      return {
        destination: network,
        sms: objectSchema(
          {},
          {
            count_total: digits,
            total_count: digits,
            segments: arraySchema(objectSchema({ timestamp, status: stringSchema() })),
          },
          'Number of SMS parts: count_total (SDKs) or total_count with segments (multi-segment docs).',
        ),
      };
    case 'mms':
      return { destination: network };
    case 'whatsapp':
      return {
        profile: whatsAppProfile,
        whatsapp: objectSchema(
          {},
          {
            recipient: whatsAppUserIds,
            waba_id: digits,
            // spec-msg: the conversation object is only present when the status is delivered.
            ...(status === 'delivered'
              ? {
                  conversation: objectSchema({
                    id: stringSchema({ minLength: 1 }),
                    origin: objectSchema({
                      type: stringSchema({
                        enum: [
                          'marketing',
                          'utility',
                          'authentication',
                          'referral_conversion',
                          'service',
                          'user_initiated',
                          'business_initiated',
                        ],
                      }),
                    }),
                  }),
                }
              : {}),
            pricing: objectSchema({
              type: stringSchema(),
              pricing_model: stringSchema(),
              category: stringSchema(),
            }),
          },
        ),
      };
    default:
      return {};
  }
}

function status<TStatus extends MessagesStatusValue>(
  value: TStatus,
  channel: MessagesStatusChannel<TStatus>,
): JsonSchema {
  const { to, from } = statusParties(channel);
  const failed = value === 'rejected' || value === 'undeliverable';
  return objectSchema(
    {
      message_uuid: uuid,
      to,
      from,
      timestamp,
      status: stringSchema({ const: value }),
      ...(failed ? { error: errorSchema } : {}),
      channel: stringSchema({ const: channel }),
    },
    {
      client_ref: clientRef,
      workflow: objectSchema({ workflow_id: stringSchema(), items_number: digits, items_total: digits }),
      usage,
      ...statusExtras(channel, value),
    },
    `Message status "${value}" on ${channel}, Messages API v1 (reference 5.2).`,
  );
}

/** Payload schemas of the Messages API v1 events. */
export const messagesSchemas = {
  'messages.inbound.sms.text': inbound('sms', 'text'),
  'messages.inbound.mms.text': inbound('mms', 'text'),
  'messages.inbound.mms.image': inbound('mms', 'image'),
  'messages.inbound.mms.audio': inbound('mms', 'audio'),
  'messages.inbound.mms.video': inbound('mms', 'video'),
  'messages.inbound.mms.file': inbound('mms', 'file'),
  'messages.inbound.mms.vcard': inbound('mms', 'vcard'),
  'messages.inbound.mms.content': inbound('mms', 'content'),
  'messages.inbound.rcs.text': inbound('rcs', 'text'),
  'messages.inbound.rcs.image': inbound('rcs', 'image'),
  'messages.inbound.rcs.audio': inbound('rcs', 'audio'),
  'messages.inbound.rcs.video': inbound('rcs', 'video'),
  'messages.inbound.rcs.file': inbound('rcs', 'file'),
  'messages.inbound.rcs.vcard': inbound('rcs', 'vcard'),
  'messages.inbound.rcs.location': inbound('rcs', 'location'),
  'messages.inbound.rcs.reply': inbound('rcs', 'reply'),
  'messages.inbound.rcs.button': inbound('rcs', 'button'),
  'messages.inbound.whatsapp.text': inbound('whatsapp', 'text'),
  'messages.inbound.whatsapp.image': inbound('whatsapp', 'image'),
  'messages.inbound.whatsapp.audio': inbound('whatsapp', 'audio'),
  'messages.inbound.whatsapp.video': inbound('whatsapp', 'video'),
  'messages.inbound.whatsapp.file': inbound('whatsapp', 'file'),
  'messages.inbound.whatsapp.location': inbound('whatsapp', 'location'),
  'messages.inbound.whatsapp.sticker': inbound('whatsapp', 'sticker'),
  'messages.inbound.whatsapp.reaction': inbound('whatsapp', 'reaction'),
  'messages.inbound.whatsapp.reply': inbound('whatsapp', 'reply'),
  'messages.inbound.whatsapp.button': inbound('whatsapp', 'button'),
  'messages.inbound.whatsapp.order': inbound('whatsapp', 'order'),
  'messages.inbound.whatsapp.unsupported': inbound('whatsapp', 'unsupported'),
  'messages.inbound.messenger.text': inbound('messenger', 'text'),
  'messages.inbound.messenger.image': inbound('messenger', 'image'),
  'messages.inbound.messenger.audio': inbound('messenger', 'audio'),
  'messages.inbound.messenger.video': inbound('messenger', 'video'),
  'messages.inbound.messenger.file': inbound('messenger', 'file'),
  'messages.inbound.messenger.unsupported': inbound('messenger', 'unsupported'),
  'messages.inbound.viber_service.text': inbound('viber_service', 'text'),
  'messages.inbound.viber_service.image': inbound('viber_service', 'image'),
  'messages.inbound.viber_service.video': inbound('viber_service', 'video'),
  'messages.inbound.viber_service.file': inbound('viber_service', 'file'),
  'messages.status.submitted.sms': status('submitted', 'sms'),
  'messages.status.submitted.mms': status('submitted', 'mms'),
  'messages.status.submitted.rcs': status('submitted', 'rcs'),
  'messages.status.submitted.whatsapp': status('submitted', 'whatsapp'),
  'messages.status.submitted.messenger': status('submitted', 'messenger'),
  'messages.status.submitted.viber_service': status('submitted', 'viber_service'),
  'messages.status.delivered.sms': status('delivered', 'sms'),
  'messages.status.delivered.mms': status('delivered', 'mms'),
  'messages.status.delivered.rcs': status('delivered', 'rcs'),
  'messages.status.delivered.whatsapp': status('delivered', 'whatsapp'),
  'messages.status.delivered.messenger': status('delivered', 'messenger'),
  'messages.status.delivered.viber_service': status('delivered', 'viber_service'),
  'messages.status.read.rcs': status('read', 'rcs'),
  'messages.status.read.whatsapp': status('read', 'whatsapp'),
  'messages.status.read.messenger': status('read', 'messenger'),
  'messages.status.read.viber_service': status('read', 'viber_service'),
  'messages.status.rejected.sms': status('rejected', 'sms'),
  'messages.status.rejected.mms': status('rejected', 'mms'),
  'messages.status.rejected.rcs': status('rejected', 'rcs'),
  'messages.status.rejected.whatsapp': status('rejected', 'whatsapp'),
  'messages.status.rejected.messenger': status('rejected', 'messenger'),
  'messages.status.rejected.viber_service': status('rejected', 'viber_service'),
  'messages.status.undeliverable.sms': status('undeliverable', 'sms'),
  'messages.status.undeliverable.mms': status('undeliverable', 'mms'),
  'messages.status.undeliverable.rcs': status('undeliverable', 'rcs'),
  'messages.status.undeliverable.whatsapp': status('undeliverable', 'whatsapp'),
  'messages.status.undeliverable.messenger': status('undeliverable', 'messenger'),
  'messages.status.undeliverable.viber_service': status('undeliverable', 'viber_service'),
} satisfies Record<keyof typeof messagesEvents, JsonSchema>;
