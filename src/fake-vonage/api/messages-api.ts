import { isRecord } from '../../internal/is-record.js';
import { toMsisdn } from '../account/numbers.js';
import type { ApiContext } from './api-context.js';
import { type ApiReply, type InvalidParameter, problem, reply, unauthorized } from './api-reply.js';

/** The channels `POST /v1/messages` sends on, and the message types each takes (send side). */
export const messagesSendTypes: Readonly<Record<string, readonly string[]>> = {
  // spec-msg 1.4.0 request oneOf (sms text; mms image, vcard, audio, video; whatsapp text, image,
  // audio, video, file, template, custom, sticker; messenger text, image, audio, video, file; viber
  // text, image, video, file), extended with the later MMS text/file/content and RCS types of the
  // current SDKs (🟢 node `@vonage/messages` classes, java `messages/*`).
  sms: ['text'],
  mms: ['text', 'image', 'vcard', 'audio', 'video', 'file', 'content'],
  rcs: ['text', 'image', 'video', 'file', 'card', 'carousel', 'custom'],
  whatsapp: ['text', 'image', 'audio', 'video', 'file', 'template', 'sticker', 'custom'],
  messenger: ['text', 'image', 'audio', 'video', 'file'],
  viber_service: ['text', 'image', 'video', 'file'],
};

const MAX_CLIENT_REF = 100;
const ERRORS = 'https://developer.nexmo.com/api-errors/messages-olympus';

// The 422 problems of spec-msg (`ErrorChannel`, `ErrorSender`, `ErrorRecipient`, `ErrorMessageType`,
// `ErrorMessageParams`, `ErrorClientReference`), with their example types, titles and details (✅);
// ErrorRecipient's example type `#110` is read as `#1130`, the gap in its 1100–1150 sequence.
const unprocessable = (context: ApiContext, fields: Parameters<typeof problem>[1]): ApiReply =>
  problem(422, fields, context.traceId);

const invalidParams = (context: ApiContext, invalid: readonly InvalidParameter[]): ApiReply =>
  unprocessable(context, {
    type: `${ERRORS}#1150`,
    title: 'Invalid params',
    detail: 'The value of one or more parameters is invalid.',
    invalid_parameters: invalid,
  });

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= 50;

/** Whether `to` is valid for the channel: a number, or an id (Messenger). */
function isRecipient(channel: string, value: unknown): boolean {
  return channel === 'messenger' ? isId(value) : toMsisdn(value) !== null;
}

/** Whether `from` is valid for the channel: SMS takes a number or an alphanumeric sender id of up to 11. */
function isSender(channel: string, value: unknown): boolean {
  if (channel === 'sms') {
    return (
      toMsisdn(value) !== null || (typeof value === 'string' && /^[A-Za-z0-9 ]{1,11}$/.test(value.trim()))
    );
  }
  if (channel === 'mms' || channel === 'whatsapp') return toMsisdn(value) !== null;
  return isId(value);
}

/** The content fields a message type requires, as `invalid_parameters` entries when missing. */
function missingContent(type: string, body: Record<string, unknown>): InvalidParameter[] {
  const content = body[type];
  switch (type) {
    case 'text':
      return typeof content === 'string' && content !== '' ? [] : [{ name: 'text', reason: 'is required.' }];
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
    case 'vcard':
      return isRecord(content) && typeof content.url === 'string' && content.url !== ''
        ? []
        : [{ name: `${type}.url`, reason: 'is required.' }];
    case 'sticker':
      return isRecord(content) && (typeof content.url === 'string' || typeof content.id === 'string')
        ? []
        : [{ name: 'sticker.url', reason: 'is required.' }];
    case 'template':
      return isRecord(content) && typeof content.name === 'string' && content.name !== ''
        ? []
        : [{ name: 'template.name', reason: 'is required.' }];
    case 'content':
      return Array.isArray(content) && content.length > 0
        ? []
        : [{ name: 'content', reason: 'is required.' }];
    default:
      return isRecord(content) ? [] : [{ name: type, reason: 'is required.' }];
  }
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * `POST /v1/messages` (also on the sandbox host): Basic or JWT auth, the channel and message type
 * combination, the recipient and sender for the channel and the content the type needs, with
 * spec-msg's 401/422 problems; answers 202 `{ message_uuid }` and starts `messages.send`.
 *
 * @see https://developer.vonage.com/en/api/messages
 */
export function handleMessagesSend(context: ApiContext): ApiReply {
  const auth = context.auth.header(context.request.headers.authorization, ['basic', 'jwt']);
  if (!auth.ok) return unauthorized(context.traceId);
  const { parsed, jsonError } = context.request;
  if (jsonError !== null || !isRecord(parsed)) {
    return unprocessable(context, {
      type: 'https://developer.nexmo.com/api-errors#invalid-json',
      title: 'The request body did not contain valid JSON',
      detail: jsonError ?? 'The request body must be a JSON object.',
    });
  }
  const body = parsed;
  const channel = body.channel;
  if (channel === undefined) return invalidParams(context, [{ name: 'channel', reason: 'is required.' }]);
  const types = typeof channel === 'string' ? messagesSendTypes[channel] : undefined;
  if (typeof channel !== 'string' || types === undefined) {
    return unprocessable(context, {
      type: `${ERRORS}#1100`,
      title: 'Unsupported channel',
      detail: 'The specified channel is not supported.',
    });
  }
  const messageType = body.message_type;
  if (messageType === undefined) {
    return invalidParams(context, [{ name: 'message_type', reason: 'is required.' }]);
  }
  if (typeof messageType !== 'string' || !types.includes(messageType)) {
    return unprocessable(context, {
      type: `${ERRORS}#1140`,
      title: 'Invalid message type',
      detail: `The message type specified in the request is not supported for the given channel: use ${types.join(', ')}.`,
    });
  }
  const missing: InvalidParameter[] = [];
  if (body.to === undefined || body.to === '') missing.push({ name: 'to', reason: 'is required.' });
  if (body.from === undefined || body.from === '') missing.push({ name: 'from', reason: 'is required.' });
  missing.push(...missingContent(messageType, body));
  if (body.webhook_url !== undefined && !isHttpUrl(body.webhook_url)) {
    missing.push({ name: 'webhook_url', reason: 'must be a valid URL.' });
  }
  if (
    body.webhook_version !== undefined &&
    body.webhook_version !== 'v1' &&
    body.webhook_version !== 'v0.1'
  ) {
    missing.push({ name: 'webhook_version', reason: 'must be one of `v1` or `v0.1`.' });
  }
  if (missing.length > 0) return invalidParams(context, missing);
  if (!isRecipient(channel, body.to)) {
    return unprocessable(context, {
      type: `${ERRORS}#1130`,
      title: 'Invalid recipient',
      detail: 'The `to` parameter is invalid for the given channel.',
    });
  }
  if (!isSender(channel, body.from)) {
    return unprocessable(context, {
      type: `${ERRORS}#1120`,
      title: 'Invalid sender',
      detail: 'The `from` parameter is invalid for the given channel.',
    });
  }
  const clientRef = body.client_ref;
  if (clientRef !== undefined && (typeof clientRef !== 'string' || clientRef.length > MAX_CLIENT_REF)) {
    return unprocessable(context, {
      type: `${ERRORS}#1060`,
      title: 'Invalid client reference',
      detail: `The client reference can be a string of up to ${MAX_CLIENT_REF} characters.`,
    });
  }

  const messageUuid = context.ids.uuid();
  const to = channel === 'messenger' ? (body.to as string) : (toMsisdn(body.to) as string);
  const from =
    typeof body.from === 'string' && toMsisdn(body.from) !== null ? toMsisdn(body.from) : body.from;
  const text = typeof body.text === 'string' ? body.text : undefined;
  const webhookUrl = typeof body.webhook_url === 'string' ? body.webhook_url : undefined;
  return reply(
    202,
    { message_uuid: messageUuid },
    {
      scenario: 'messages.send',
      params: {
        channel,
        messageUuid,
        to,
        from,
        // The SMS text sets the status's part count (`sms.count_total`).
        ...(channel === 'sms' && text !== undefined ? { text } : {}),
        ...(typeof clientRef === 'string' ? { clientRef } : {}),
        // The message's `webhook_version` wins over the application's `messages.version` (reference
        // messages.md#transport); without it the core applies the application's.
        ...(typeof body.webhook_version === 'string' ? { webhookVersion: body.webhook_version } : {}),
      },
      routes: webhookUrl === undefined ? {} : { 'messages-status': { url: webhookUrl } },
      ...(auth.apiKey === undefined ? {} : { apiKey: auth.apiKey }),
      ...(auth.applicationId === undefined ? {} : { applicationId: auth.applicationId }),
    },
  );
}
