// Schemas of the Messages API v0.1 wire shape (reference 5 and 6, `messages-olympus.v0.yml`), keyed
// `<event>@v0.1`. Written from the spec's `inbound-message` branches and `MessageStatus`, with the
// project's decisions 030-032 (which v1 types have a v0.1 form, error codes, timestamps).

import { messagesInboundTypes, messagesReadChannels } from '../fixtures/messages/types.js';
import { hasV01InboundForm } from '../fixtures/messages/v0-1.js';
import {
  type MessagesV01ChannelType,
  type MessagesV01ContentType,
  type MessagesV01ConvertibleChannel,
  type MessagesV01StatusValue,
  messagesV01ChannelTypes,
  messagesV01InboundTypes,
  messagesV01Statuses,
  messagesV01UnsupportedChannels,
} from '../fixtures/messages/v0-1-types.js';
import { integerSchema, type JsonSchema, objectSchema, patterns, stringSchema } from './json-schema.js';

const uuid = stringSchema({ pattern: patterns.uuid });
const timestamp = stringSchema({
  pattern: patterns.isoMillis,
  description: 'ISO-8601 UTC with milliseconds (decision 032).',
});
const userNumber = stringSchema({ pattern: patterns.msisdn, description: 'E.164 without "+".' });
/** Your number: a long number, or a short code for MMS. */
const businessNumber = stringSchema({ pattern: '^[1-9][0-9]{3,14}$' });
/** SMS `from` on a status: your number or an alphanumeric sender id (spec: 1 to 50 characters). */
const smsSender = stringSchema({ minLength: 1, maxLength: 50 });
/** Messenger page id / PSID, Viber service message id (spec: 1 to 50 characters). */
const endpointId = stringSchema({ minLength: 1, maxLength: 50 });
const mediaUrl = stringSchema({ pattern: '^https?://', description: 'Media URL, valid for 48 hours.' });
const coordinate = stringSchema({ pattern: '^-?[0-9]{1,3}(\\.[0-9]+)?$' });

/** A v0.1 `{type, number}` endpoint. */
function numberEndpoint(type: MessagesV01ChannelType, number: JsonSchema): JsonSchema {
  return objectSchema({ type: stringSchema({ const: type }), number });
}

/** A v0.1 `{type, id}` endpoint. */
function idEndpoint(type: MessagesV01ChannelType): JsonSchema {
  return objectSchema({ type: stringSchema({ const: type }), id: endpointId });
}

/** The user's endpoint: by number, except Messenger (PSID). */
export function v01UserEndpointSchema(type: MessagesV01ChannelType): JsonSchema {
  return type === 'messenger' ? idEndpoint(type) : numberEndpoint(type, userNumber);
}

/** Your endpoint on a status (`from`): by number, except Messenger and Viber (ids). */
export function v01SenderEndpointSchema(type: MessagesV01ChannelType): JsonSchema {
  if (type === 'messenger' || type === 'viber_service_msg') return idEndpoint(type);
  return numberEndpoint(type, type === 'sms' ? smsSender : businessNumber);
}

/** A v0.1 charge: `currency` only `EUR`, `price` a decimal string. */
export const v01UsageSchema = objectSchema(
  { currency: stringSchema({ const: 'EUR' }), price: stringSchema({ pattern: patterns.decimal }) },
  {},
  'The charge; price as a stringified decimal.',
);

/** A v0.1 status error: integer code (1000-1999), short reason (decision 031). */
export const v01ErrorSchema = objectSchema(
  {
    code: integerSchema({ minimum: 1000, maximum: 1999, description: 'Messages error code, an integer.' }),
    reason: stringSchema({ minLength: 1 }),
  },
  {},
  'v0.1 error: integer code and the short reason of the code.',
);

function contentSchema(type: MessagesV01ContentType, channel: MessagesV01ConvertibleChannel): JsonSchema {
  const kind = stringSchema({ const: type });
  switch (type) {
    case 'text':
      return objectSchema({ type: kind, text: stringSchema({ minLength: 1 }) });
    case 'image': {
      const caption = channel === 'whatsapp' || channel === 'mms' ? { caption: stringSchema() } : {};
      return objectSchema({ type: kind, image: objectSchema({ url: mediaUrl }, caption) });
    }
    case 'file': {
      const caption = channel === 'whatsapp' ? { caption: stringSchema() } : {};
      return objectSchema({ type: kind, file: objectSchema({ url: mediaUrl }, caption) });
    }
    case 'audio':
    case 'video':
    case 'vcard':
      return objectSchema({ type: kind, [type]: objectSchema({ url: mediaUrl }) });
    case 'location':
      return objectSchema({
        type: kind,
        location: objectSchema(
          { longitude: coordinate, latitude: coordinate },
          { name: stringSchema(), address: stringSchema() },
          'Coordinates as strings in v0.1.',
        ),
      });
    case 'unsupported':
      return objectSchema({ type: kind });
  }
}

function inboundSchema(channel: MessagesV01ConvertibleChannel, content: MessagesV01ContentType): JsonSchema {
  const type = messagesV01ChannelTypes[channel];
  const description = `Messages v0.1 inbound ${channel} message, content "${content}" (reference 6, spec-msg0 inbound-message).`;
  if (channel === 'sms') {
    return objectSchema(
      {
        message_uuid: uuid,
        timestamp,
        to: numberEndpoint('sms', userNumber),
        from: numberEndpoint('sms', userNumber),
        message: objectSchema({
          content: contentSchema('text', channel),
          sms: objectSchema({ num_messages: stringSchema({ pattern: '^[1-9][0-9]*$' }) }),
        }),
        usage: v01UsageSchema,
      },
      {},
      description,
    );
  }
  const to =
    channel === 'messenger' || channel === 'viber_service'
      ? idEndpoint(type)
      : numberEndpoint(type, businessNumber);
  return objectSchema(
    {
      message_uuid: uuid,
      timestamp,
      to,
      from: v01UserEndpointSchema(type),
      message: objectSchema({ content: contentSchema(content, channel) }),
    },
    {},
    description,
  );
}

function statusSchema(channel: MessagesV01ConvertibleChannel, status: MessagesV01StatusValue): JsonSchema {
  const type = messagesV01ChannelTypes[channel];
  const failed = status === 'rejected' || status === 'undeliverable';
  return objectSchema(
    {
      message_uuid: uuid,
      to: v01UserEndpointSchema(type),
      from: v01SenderEndpointSchema(type),
      timestamp,
      status: stringSchema({ const: status }),
    },
    {
      ...(failed ? { error: v01ErrorSchema } : {}),
      usage: v01UsageSchema,
      client_ref: stringSchema({ maxLength: 100 }),
    },
    `Messages v0.1 ${channel} status "${status}" (reference 5.2, spec-msg0 MessageStatus).`,
  );
}

/** Statuses each channel sends (reference 5.2: `read` only for the OTT channels). */
function statusesOf(channel: MessagesV01ConvertibleChannel): readonly MessagesV01StatusValue[] {
  return (messagesReadChannels as readonly string[]).includes(channel)
    ? messagesV01Statuses
    : messagesV01Statuses.filter((status) => status !== 'read');
}

function v01ContentOf(channel: MessagesV01ConvertibleChannel, v1Type: string): MessagesV01ContentType {
  const own = messagesV01InboundTypes[channel] as readonly string[];
  if (own.includes(v1Type)) return v1Type as MessagesV01ContentType;
  if ((messagesV01UnsupportedChannels as readonly string[]).includes(channel)) return 'unsupported';
  throw new Error(`unreachable: ${channel} ${v1Type} has no v0.1 form`);
}

const channels = Object.keys(messagesV01ChannelTypes) as MessagesV01ConvertibleChannel[];

// One schema per catalog event that has a v0.1 form (decision 030): the v1 inbound types of each
// channel come from the Messages catalog (`messagesInboundTypes`, reference 5.1).
const inboundEntries = channels.flatMap((channel) =>
  (messagesInboundTypes[channel] as readonly string[])
    .filter((v1Type) => hasV01InboundForm(channel, v1Type))
    .map(
      (v1Type) =>
        [
          `messages.inbound.${channel}.${v1Type}@v0.1`,
          inboundSchema(channel, v01ContentOf(channel, v1Type)),
        ] as const,
    ),
);

const statusEntries = messagesV01Statuses.flatMap((status) =>
  channels
    .filter((channel) => statusesOf(channel).includes(status))
    .map((channel) => [`messages.status.${status}.${channel}@v0.1`, statusSchema(channel, status)] as const),
);

/** Schemas of the Messages API v0.1 wire shape, keyed `<event>@v0.1`. */
export const messagesV01Schemas: Record<`${string}@v0.1`, JsonSchema> = Object.fromEntries([
  ...inboundEntries,
  ...statusEntries,
]);
