// `POST /v0.1/messages`, the legacy Messages API (spec-msg0 `messages-olympus.v0.yml`): `to`/`from`
// objects, `message.content`, `message.<channel>` options; 202 `{ message_uuid }` or a 400 problem.
// Choices the spec leaves open: docs/decisions/100-messages-v0-1-api.md.

import { type MessagesV01ChannelType, messagesV01ChannelTypes } from '../../fixtures/messages/v0-1-types.js';
import { isRecord } from '../../internal/is-record.js';
import { toMsisdn } from '../account/numbers.js';
import type { ApiContext } from './api-context.js';
import { type ApiReply, type InvalidParameter, problem, reply, unauthorized } from './api-reply.js';

/**
 * The content types `POST /v0.1/messages` sends, per v0.1 channel (`to.type`): the branches of
 * spec-msg0's `message` oneOf.
 *
 * @example
 * ```ts
 * messagesV01SendTypes.viber_service_msg; // ['text', 'image', 'template']
 * ```
 */
export const messagesV01SendTypes: Readonly<Record<MessagesV01ChannelType, readonly string[]>> = {
  sms: ['text'],
  mms: ['image', 'vcard'],
  whatsapp: ['text', 'template', 'image', 'video', 'audio', 'file'],
  messenger: ['text', 'image', 'video', 'audio', 'file'],
  viber_service_msg: ['text', 'image', 'template'],
};

const channelTypes = Object.keys(messagesV01SendTypes) as MessagesV01ChannelType[];

/** The v1 channel name of each v0.1 channel, as the `messages.send` lifecycle takes it. */
const toV1Channel = Object.fromEntries(
  Object.entries(messagesV01ChannelTypes).map(([v1, v01]) => [v01, v1]),
) as Readonly<Record<MessagesV01ChannelType, keyof typeof messagesV01ChannelTypes>>;

// Which endpoint key each channel's `to` and `from` carry (spec-msg0 `channelOptions*Common`,
// `SmsCommon`, `mmsMessageCommon`): numbers, except Messenger ids and the Viber service id.
const recipientKey = (channel: MessagesV01ChannelType) => (channel === 'messenger' ? 'id' : 'number');
const senderKey = (channel: MessagesV01ChannelType) =>
  channel === 'messenger' || channel === 'viber_service_msg' ? 'id' : 'number';

// Text limits of spec-msg0: SMS "Limited to 1000 characters", WhatsApp 1–4096, Viber 1000;
// Messenger names none.
const textLimits: Partial<Record<MessagesV01ChannelType, number>> = {
  sms: 1000,
  whatsapp: 4096,
  viber_service_msg: 1000,
};

// spec-msg0 `client_ref`: "client reference up to 40 characters".
const MAX_CLIENT_REF = 40;

/**
 * The 400 problem of v0.1: spec-msg0 `Error` (`type`, `title`, `detail`, `instance`), with the type,
 * title and detail wording and the `invalid_parameters` list of a captured v0.1 answer (🟡
 * Vonage/vonage-node-code-snippets#79, 2020).
 */
function invalidParams(context: ApiContext, invalid: readonly InvalidParameter[]): ApiReply {
  return problem(
    400,
    {
      type: 'https://www.nexmo.com/messages/Errors#InvalidParams',
      title: "Your request parameters didn't validate.",
      // "1 of your submitted parameters", plural even for one, as captured.
      detail: `Found errors validating ${invalid.length} of your submitted parameters.`,
      invalid_parameters: invalid,
    },
    context.traceId,
  );
}

/** An E.164 number, a leading `+` tolerated as on v1; "Don't use a leading + or 00" (spec-msg0). */
function toNumber(value: unknown): string | null {
  const number = toMsisdn(value);
  return number === null || number.startsWith('0') ? null : number;
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= 50;

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The sender of a channel: a number; SMS also an alphanumeric sender id, MMS a US short code. */
function toSender(channel: MessagesV01ChannelType, value: unknown): string | null {
  if (senderKey(channel) === 'id') return isId(value) ? value : null;
  const number = toNumber(value);
  if (number !== null) return number;
  if (typeof value !== 'string') return null;
  if (channel === 'sms' && /^[A-Za-z0-9 ]{1,11}$/.test(value.trim())) return value;
  if (channel === 'mms' && /^[1-9][0-9]{4,5}$/.test(value)) return value;
  return null;
}

type Problems = InvalidParameter[];

/** Reads `to` or `from`: an object with a known `type`; the channel it names, or `undefined`. */
function readEndpointType(body: Record<string, unknown>, key: 'to' | 'from', problems: Problems) {
  const endpoint = body[key];
  if (endpoint === undefined) {
    problems.push({ name: key, reason: 'is required.' });
    return undefined;
  }
  if (!isRecord(endpoint)) {
    problems.push({
      name: key,
      reason: 'must be an object such as {"type": "sms", "number": "447700900000"}.',
    });
    return undefined;
  }
  const type = endpoint.type;
  if (type === undefined) {
    problems.push({ name: `${key}.type`, reason: 'is required.' });
    return undefined;
  }
  if (typeof type !== 'string' || !(channelTypes as readonly string[]).includes(type)) {
    problems.push({ name: `${key}.type`, reason: `must be one of ${channelTypes.join(', ')}.` });
    return undefined;
  }
  return type as MessagesV01ChannelType;
}

function checkMedia(content: Record<string, unknown>, type: string, problems: Problems): void {
  const media = content[type];
  if (!isRecord(media) || media.url === undefined) {
    problems.push({ name: `message.content.${type}.url`, reason: 'is required.' });
  } else if (!isHttpUrl(media.url)) {
    problems.push({ name: `message.content.${type}.url`, reason: 'must be an http or https URL.' });
  }
  if (isRecord(media) && media.caption !== undefined && typeof media.caption !== 'string') {
    problems.push({ name: `message.content.${type}.caption`, reason: 'must be a string.' });
  }
}

function checkContent(
  channel: MessagesV01ChannelType,
  content: Record<string, unknown>,
  type: string,
  problems: Problems,
): void {
  switch (type) {
    case 'text': {
      const limit = textLimits[channel];
      if (typeof content.text !== 'string' || content.text === '') {
        problems.push({ name: 'message.content.text', reason: 'is required.' });
      } else if (limit !== undefined && content.text.length > limit) {
        problems.push({ name: 'message.content.text', reason: `must be at most ${limit} characters.` });
      }
      return;
    }
    case 'template': {
      const template = content.template;
      if (!isRecord(template) || typeof template.name !== 'string' || template.name === '') {
        problems.push({ name: 'message.content.template.name', reason: 'is required.' });
      }
      const parameters = isRecord(template) ? template.parameters : undefined;
      if (
        parameters !== undefined &&
        !(Array.isArray(parameters) && parameters.every((each) => typeof each === 'string'))
      ) {
        problems.push({
          name: 'message.content.template.parameters',
          reason: 'must be an array of strings.',
        });
      }
      return;
    }
    default:
      checkMedia(content, type, problems);
  }
}

/** The `message.<channel>` options of spec-msg0 (`whatsapp`, `viber_service_msg`, `messenger`). */
function checkOptions(
  channel: MessagesV01ChannelType,
  message: Record<string, unknown>,
  type: string,
  problems: Problems,
): void {
  const options = message[channel];
  if (channel === 'whatsapp') {
    // `templateMessageWhatsApp` requires `message.whatsapp.locale`; the `fallback` policy "will be
    // rejected with a 400 error" (spec-msg0).
    if (options === undefined) {
      if (type === 'template')
        problems.push({ name: 'message.whatsapp', reason: 'is required for a template.' });
      return;
    }
    if (!isRecord(options)) {
      problems.push({ name: 'message.whatsapp', reason: 'must be an object such as {"locale": "en-GB"}.' });
      return;
    }
    if (type === 'template' && (typeof options.locale !== 'string' || options.locale === '')) {
      problems.push({ name: 'message.whatsapp.locale', reason: 'is required for a template.' });
    }
    if (options.policy !== undefined && options.policy !== 'deterministic') {
      problems.push({ name: 'message.whatsapp.policy', reason: 'must be deterministic.' });
    }
    return;
  }
  if (options === undefined) return;
  if (!isRecord(options)) {
    problems.push({ name: `message.${channel}`, reason: 'must be an object.' });
    return;
  }
  if (channel === 'viber_service_msg') {
    if (
      options.category !== undefined &&
      options.category !== 'transaction' &&
      options.category !== 'promotion'
    ) {
      problems.push({
        name: 'message.viber_service_msg.category',
        reason: 'must be one of transaction, promotion.',
      });
    }
    const ttl = options.ttl;
    if (
      ttl !== undefined &&
      !(Number.isInteger(ttl) && (ttl as number) >= 30 && (ttl as number) <= 259_200)
    ) {
      problems.push({
        name: 'message.viber_service_msg.ttl',
        reason: 'must be an integer from 30 to 259200.',
      });
    }
    if (options.type !== undefined && typeof options.type !== 'string') {
      problems.push({ name: 'message.viber_service_msg.type', reason: 'must be a string.' });
    }
  }
  if (channel === 'messenger') {
    const category = options.category;
    if (
      category !== undefined &&
      category !== 'response' &&
      category !== 'update' &&
      category !== 'message_tag'
    ) {
      problems.push({
        name: 'message.messenger.category',
        reason: 'must be one of response, update, message_tag.',
      });
    }
    // "If `message_tag` is used, then an additional `tag` for that type is mandatory" (spec-msg0).
    if (category === 'message_tag' && (typeof options.tag !== 'string' || options.tag === '')) {
      problems.push({ name: 'message.messenger.tag', reason: 'is required with the message_tag category.' });
    } else if (options.tag !== undefined && typeof options.tag !== 'string') {
      problems.push({ name: 'message.messenger.tag', reason: 'must be a string.' });
    }
  }
}

/** Reads `message`: its content type, after checking content and options against the channel. */
function readMessage(
  body: Record<string, unknown>,
  channel: MessagesV01ChannelType | undefined,
  problems: Problems,
): string | undefined {
  const message = body.message;
  if (!isRecord(message)) {
    problems.push({ name: 'message', reason: message === undefined ? 'is required.' : 'must be an object.' });
    return undefined;
  }
  const content = message.content;
  if (!isRecord(content)) {
    problems.push({
      name: 'message.content',
      reason:
        content === undefined ? 'is required.' : 'must be an object such as {"type": "text", "text": "Hi"}.',
    });
    return undefined;
  }
  const type = content.type;
  if (type === undefined) {
    problems.push({ name: 'message.content.type', reason: 'is required.' });
    return undefined;
  }
  if (channel === undefined) return undefined;
  const types = messagesV01SendTypes[channel];
  if (typeof type !== 'string' || !types.includes(type)) {
    problems.push({
      name: 'message.content.type',
      reason: `must be one of ${types.join(', ')} for ${channel}.`,
    });
    return undefined;
  }
  checkContent(channel, content, type, problems);
  checkOptions(channel, message, type, problems);
  return type;
}

/**
 * `POST /v0.1/messages` (also on the sandbox host), the legacy Messages API: Basic or JWT auth (the
 * gateway's 401 when wrong), then the whole request checked against spec-msg0 — `to`/`from` objects
 * whose `type` names the channel and whose `number`/`id` fit it, `message.content` of a type the
 * channel sends, `message.<channel>` options, `client_ref` of up to 40 characters — with every
 * problem listed in one 400 `InvalidParams` answer. Answers 202 `{ message_uuid }` and starts the
 * `messages.send` lifecycle with `webhookVersion: 'v0.1'`; its statuses go to the application's status
 * URL (v0.1 has no per-message one).
 *
 * @example
 * ```ts
 * import { createFakeVonage } from 'vonage-webhook-simulator';
 * const vonage = createFakeVonage({ webhooks: { statusUrl: 'http://127.0.0.1:3000/webhooks/status' } });
 * const response = await vonage.handle(
 *   new Request('https://api.nexmo.com/v0.1/messages', {
 *     method: 'POST',
 *     headers: { authorization: `Basic ${btoa('a1b2c3d4:s3cret')}`, 'content-type': 'application/json' },
 *     body: JSON.stringify({
 *       to: { type: 'sms', number: '447700900000' },
 *       from: { type: 'sms', number: '447700900001' },
 *       message: { content: { type: 'text', text: 'Hello' } },
 *     }),
 *   }),
 * );
 * console.log(response?.status); // 202
 * ```
 * @see https://developer.vonage.com/en/messages/concepts/migration-guide
 */
export function handleMessagesV01Send(context: ApiContext): ApiReply {
  const auth = context.auth.header(context.request.headers.authorization, ['basic', 'jwt']);
  if (!auth.ok) return unauthorized(context.traceId);
  const { parsed, jsonError } = context.request;
  if (jsonError !== null || !isRecord(parsed)) {
    return invalidParams(context, [
      { name: 'body', reason: `must be a JSON object${jsonError === null ? '' : ` (${jsonError})`}.` },
    ]);
  }
  const body = parsed;
  const problems: Problems = [];
  const toType = readEndpointType(body, 'to', problems);
  const fromType = readEndpointType(body, 'from', problems);
  if (toType !== undefined && fromType !== undefined && fromType !== toType) {
    problems.push({ name: 'from.type', reason: `must be the same as to.type (${toType}).` });
  }
  const channel =
    toType !== undefined && (fromType === undefined || fromType === toType) ? toType : undefined;
  let to: string | null = null;
  let from: string | null = null;
  if (channel !== undefined) {
    const toKey = recipientKey(channel);
    const toValue = (body.to as Record<string, unknown>)[toKey];
    to = toKey === 'id' ? (isId(toValue) ? toValue : null) : toNumber(toValue);
    if (to === null) {
      problems.push({
        name: `to.${toKey}`,
        reason:
          toValue === undefined
            ? 'is required.'
            : toKey === 'id'
              ? 'must be an id of 1 to 50 characters.'
              : 'must be an E.164 number without a leading + or 00, e.g. 447700900000.',
      });
    }
    if (fromType !== undefined) {
      const fromKey = senderKey(channel);
      const fromValue = (body.from as Record<string, unknown>)[fromKey];
      from = toSender(channel, fromValue);
      if (from === null) {
        problems.push({
          name: `from.${fromKey}`,
          reason:
            fromValue === undefined
              ? 'is required.'
              : fromKey === 'id'
                ? 'must be an id of 1 to 50 characters.'
                : `must be a number such as 447700900001${channel === 'sms' ? ', or a sender id of up to 11 letters and digits' : channel === 'mms' ? ', or a US short code' : ''}.`,
        });
      }
    }
  }
  const contentType = readMessage(body, channel, problems);
  const clientRef = body.client_ref;
  if (clientRef !== undefined && (typeof clientRef !== 'string' || clientRef.length > MAX_CLIENT_REF)) {
    problems.push({ name: 'client_ref', reason: `must be a string of up to ${MAX_CLIENT_REF} characters.` });
  }
  if (
    problems.length > 0 ||
    channel === undefined ||
    to === null ||
    from === null ||
    contentType === undefined
  ) {
    return invalidParams(context, problems);
  }

  const messageUuid = context.ids.uuid();
  const content = (body.message as Record<string, unknown>).content as Record<string, unknown>;
  return reply(
    202,
    { message_uuid: messageUuid },
    {
      scenario: 'messages.send',
      params: {
        channel: toV1Channel[channel],
        messageUuid,
        to,
        from,
        // The SMS text sets the status's charge per part.
        ...(channel === 'sms' && typeof content.text === 'string' ? { text: content.text } : {}),
        ...(typeof clientRef === 'string' ? { clientRef } : {}),
        webhookVersion: 'v0.1',
      },
      // spec-msg0 names no per-message status URL: the application's status URL gets them.
      routes: {},
      ...(auth.apiKey === undefined ? {} : { apiKey: auth.apiKey }),
      ...(auth.applicationId === undefined ? {} : { applicationId: auth.applicationId }),
    },
  );
}
