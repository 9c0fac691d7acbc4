import { componentSchema, pointerSegment, xWebhookBody } from '../official-specs.js';
import type { OfficialMapping } from './types.js';

// messages-olympus.yml (Messages API v1, spec 1.4.0, 2023). What it can and cannot check is
// recorded in docs/decisions/024-messages-official-spec-coverage.md. In short:
// - Inbound: every non-SMS branch is `allOf: [<channel envelope>, <content schema>]`, and the content
//   schemas (Text, Image, ...) are the send-request schemas, whose `baseMessageType` requires a
//   `message` field no inbound payload has. A whole branch can therefore never validate, so each
//   event points at the envelope of its own channel-and-type branch (`.../oneOf/i/oneOf/j/allOf/0`).
// - Status: `messageStatusBase` enumerates statuses without `read` and types `to` as a phone number
//   (7-15 characters); the channel member of the `allOf` adds `read` and Messenger's ids (1-50).
//   Because `allOf` applies both, `read` and Messenger PSIDs (16 digits) can only be checked against
//   the channel member (`.../allOf/1`).

// The content schema of each typed branch (`allOf[1]`), by channel branch and type branch, and the
// branches whose `allOf[2]` adds inbound-only constraints (MMS text length, audio/video fields).
const contentOf: Readonly<Record<number, readonly string[]>> = {
  1: ['Text', 'Image', 'vCard', 'Audio', 'Video'],
  2: ['Text', 'Image', 'Video', 'File', 'Audio', 'Location', 'Reply', 'Order', 'Unsupported'],
  3: ['Text', 'Image', 'Video', 'File', 'Audio', 'Unsupported'],
  4: ['Text', 'Image', 'Video', 'File'],
};
const withExtraPart = new Set(['1/0', '1/3', '1/4', '2/4', '3/4']);

/**
 * The pointers that check one inbound event: the whole branch for SMS; otherwise the channel envelope
 * (`allOf/0`), the content schema's own member (`<Content>/allOf/1`, skipping the send-only
 * `baseMessageType`) and, where present, the branch's inbound constraints (`allOf/2`).
 */
const inboundBranch = (channel: number, type?: number): string | string[] => {
  if (type === undefined) return `${xWebhookBody('inbound-message')}/oneOf/${channel}`;
  const branch = `${xWebhookBody('inbound-message')}/oneOf/${channel}/oneOf/${type}`;
  const content = contentOf[channel]?.[type];
  if (content === undefined) throw new Error(`no content schema known for branch ${channel}/${type}`);
  return [
    `${branch}/allOf/0`,
    `${componentSchema(content)}/allOf/1`,
    ...(withExtraPart.has(`${channel}/${type}`) ? [`${branch}/allOf/2`] : []),
  ];
};

// Top-level branches: 0 SMS, 1 MMS, 2 WhatsApp, 3 Messenger, 4 Viber.
const statusBranch = (index: number): string =>
  `/paths/${pointerSegment('/')}/post/callbacks/message-status/${pointerSegment('{$request.body#/callback}')}/post/requestBody/content/application~1json/schema/oneOf/${index}`;

export const messagesOfficial: readonly OfficialMapping[] = [
  // Inbound SMS: the one branch without the send-schema problem, checked whole.
  { events: ['messages.inbound.sms.text'], file: 'messages-olympus.yml', pointer: inboundBranch(0) },
  // MMS branches: 0 text, 1 image, 2 vcard, 3 audio, 4 video.
  { events: ['messages.inbound.mms.text'], file: 'messages-olympus.yml', pointer: inboundBranch(1, 0) },
  { events: ['messages.inbound.mms.image'], file: 'messages-olympus.yml', pointer: inboundBranch(1, 1) },
  { events: ['messages.inbound.mms.vcard'], file: 'messages-olympus.yml', pointer: inboundBranch(1, 2) },
  { events: ['messages.inbound.mms.audio'], file: 'messages-olympus.yml', pointer: inboundBranch(1, 3) },
  { events: ['messages.inbound.mms.video'], file: 'messages-olympus.yml', pointer: inboundBranch(1, 4) },
  {
    events: ['messages.inbound.mms.file', 'messages.inbound.mms.content'],
    file: null,
    reason:
      'The 2023 spec lists MMS text, image, vcard, audio and video only; inbound MMS files and multi-attachment `content` arrays are newer (Java/.NET SDKs, reference messages.md#inbound-message 🟢).',
  },
  {
    events: [
      'messages.inbound.rcs.text',
      'messages.inbound.rcs.image',
      'messages.inbound.rcs.audio',
      'messages.inbound.rcs.video',
      'messages.inbound.rcs.file',
      'messages.inbound.rcs.vcard',
      'messages.inbound.rcs.location',
      'messages.inbound.rcs.reply',
      'messages.inbound.rcs.button',
    ],
    file: null,
    reason:
      'RCS joined the Messages API in 2024; the 2023 spec (1.4.0) has no RCS channel. Checked against our own schema from reference messages.md#inbound-message and the RCS suggestions docs.',
  },
  // WhatsApp branches: 0 text, 1 image, 2 video, 3 file, 4 audio, 5 location, 6 reply, 7 order, 8 unsupported.
  { events: ['messages.inbound.whatsapp.text'], file: 'messages-olympus.yml', pointer: inboundBranch(2, 0) },
  { events: ['messages.inbound.whatsapp.image'], file: 'messages-olympus.yml', pointer: inboundBranch(2, 1) },
  { events: ['messages.inbound.whatsapp.video'], file: 'messages-olympus.yml', pointer: inboundBranch(2, 2) },
  { events: ['messages.inbound.whatsapp.file'], file: 'messages-olympus.yml', pointer: inboundBranch(2, 3) },
  { events: ['messages.inbound.whatsapp.audio'], file: 'messages-olympus.yml', pointer: inboundBranch(2, 4) },
  {
    events: ['messages.inbound.whatsapp.location'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(2, 5),
  },
  { events: ['messages.inbound.whatsapp.reply'], file: 'messages-olympus.yml', pointer: inboundBranch(2, 6) },
  { events: ['messages.inbound.whatsapp.order'], file: 'messages-olympus.yml', pointer: inboundBranch(2, 7) },
  {
    events: ['messages.inbound.whatsapp.unsupported'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(2, 8),
  },
  {
    events: [
      'messages.inbound.whatsapp.sticker',
      'messages.inbound.whatsapp.reaction',
      'messages.inbound.whatsapp.button',
    ],
    file: null,
    reason:
      'Inbound WhatsApp stickers, reactions and button (Flow) messages are newer than the 2023 spec; their shapes come from the Java/.NET SDKs (reference messages.md#inbound-message 🟢).',
  },
  // Messenger branches: 0 text, 1 image, 2 video, 3 file, 4 audio, 5 unsupported.
  { events: ['messages.inbound.messenger.text'], file: 'messages-olympus.yml', pointer: inboundBranch(3, 0) },
  {
    events: ['messages.inbound.messenger.image'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(3, 1),
  },
  {
    events: ['messages.inbound.messenger.video'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(3, 2),
  },
  { events: ['messages.inbound.messenger.file'], file: 'messages-olympus.yml', pointer: inboundBranch(3, 3) },
  {
    events: ['messages.inbound.messenger.audio'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(3, 4),
  },
  {
    events: ['messages.inbound.messenger.unsupported'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(3, 5),
  },
  // Viber branches: 0 text, 1 image, 2 video, 3 file.
  {
    events: ['messages.inbound.viber_service.text'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(4, 0),
  },
  {
    events: ['messages.inbound.viber_service.image'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(4, 1),
  },
  {
    events: ['messages.inbound.viber_service.video'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(4, 2),
  },
  {
    events: ['messages.inbound.viber_service.file'],
    file: 'messages-olympus.yml',
    pointer: inboundBranch(4, 3),
  },

  // Status: whole channel branch where the spec's allOf allows it.
  {
    events: [
      'messages.status.submitted.sms',
      'messages.status.delivered.sms',
      'messages.status.rejected.sms',
      'messages.status.undeliverable.sms',
    ],
    file: 'messages-olympus.yml',
    pointer: statusBranch(0),
  },
  {
    events: [
      'messages.status.submitted.mms',
      'messages.status.delivered.mms',
      'messages.status.rejected.mms',
      'messages.status.undeliverable.mms',
    ],
    file: 'messages-olympus.yml',
    pointer: statusBranch(1),
  },
  {
    events: [
      'messages.status.submitted.whatsapp',
      'messages.status.delivered.whatsapp',
      'messages.status.rejected.whatsapp',
      'messages.status.undeliverable.whatsapp',
    ],
    file: 'messages-olympus.yml',
    pointer: statusBranch(2),
  },
  {
    events: [
      'messages.status.submitted.viber_service',
      'messages.status.delivered.viber_service',
      'messages.status.rejected.viber_service',
      'messages.status.undeliverable.viber_service',
    ],
    file: 'messages-olympus.yml',
    pointer: statusBranch(4),
  },
  // `read`, and Messenger's 16-digit PSIDs, fail messageStatusBase through the allOf (see above):
  // checked against the channel member, which allows `read` and types Messenger ids as ToId/FromId.
  {
    events: ['messages.status.read.whatsapp'],
    file: 'messages-olympus.yml',
    pointer: `${componentSchema('messageStatusWhatsApp')}/allOf/1`,
  },
  {
    events: ['messages.status.read.viber_service'],
    file: 'messages-olympus.yml',
    pointer: `${componentSchema('messageStatusViber')}/allOf/1`,
  },
  {
    events: [
      'messages.status.submitted.messenger',
      'messages.status.delivered.messenger',
      'messages.status.read.messenger',
      'messages.status.rejected.messenger',
      'messages.status.undeliverable.messenger',
    ],
    file: 'messages-olympus.yml',
    pointer: `${componentSchema('messageStatusMessenger')}/allOf/1`,
  },
  {
    events: [
      'messages.status.submitted.rcs',
      'messages.status.delivered.rcs',
      'messages.status.read.rcs',
      'messages.status.rejected.rcs',
      'messages.status.undeliverable.rcs',
    ],
    file: null,
    reason:
      'RCS joined the Messages API in 2024; the 2023 spec (1.4.0) has no RCS status branch. Checked against our own schema from reference messages.md#message-status.',
  },
];
