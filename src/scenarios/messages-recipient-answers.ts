// What the recipient of a Messages API send does once it is delivered (docs/decisions/109): reads
// it and answers, on one time line, as `read` statuses and inbound messages.

import { toUsagePrice } from '../fixtures/messages/pricing.js';
import { type MessagesChannel, messagesReadChannels } from '../fixtures/messages/types.js';
import { toV01Inbound } from '../fixtures/messages/v0-1.js';
import type { MessagesV1InboundSource } from '../fixtures/messages/v0-1-types.js';
import { toKeyword } from '../fixtures/sms/text.js';
import type { Parties } from './messages-send-parties.js';
import type { MessagesRecipientStep, MessagesWebhookVersion } from './messages-send-types.js';
import type { WhatsAppStory } from './messages-whatsapp-story.js';
import { type EventNameStartingWith, type ScenarioContext, toWebhook } from './scenario-context.js';
import { splitSmsText } from './sms-segments.js';
import type { PlannedWebhook } from './types.js';

const readsOn = (channel: MessagesChannel): boolean =>
  (messagesReadChannels as readonly string[]).includes(channel);

// When the person acts (reference conversations 6.20: `read` only when the simulated user opens the
// message; gaps unpublished, 5.5): a few seconds after delivery, a moment between later steps, a
// typing speed per person for replies, and a moment to find and tap a chip.
const firstLookMs = { min: 2_000, max: 10_000 };
const nextLookMs = { min: 1_000, max: 4_000 };
const typingMsPerChar = { min: 150, max: 350 };
const minTypingMs = 1_000;
const tapMs = { min: 500, max: 2_000 };

/** What the recipient's answers need from the send: its ids, parties and WhatsApp story. */
export interface Conversation {
  readonly context: ScenarioContext;
  readonly channel: MessagesChannel;
  readonly parties: Parties;
  readonly messageUuid: string;
  readonly clientRef: string | undefined;
  readonly whatsApp: WhatsAppStory | undefined;
  readonly webhookVersion: MessagesWebhookVersion;
}

// Decision 025's inbound key order (envelope, message_type, content, client_ref, channel objects,
// _self), the order of the catalog's inbound schemas: overrides add missing keys at the end.
const inboundKeyOrder = [
  'channel',
  'message_uuid',
  'to',
  'from',
  'timestamp',
  'message_type',
  'text',
  'reply',
  'client_ref',
  'sms',
  'usage',
  'origin',
  'profile',
  'context_status',
  'context',
  'provider_message',
  'whatsapp',
  '_self',
];

function toInboundOrder(payload: Record<string, unknown>): Record<string, unknown> {
  const rank = (key: string) => {
    const index = inboundKeyOrder.indexOf(key);
    return index === -1 ? inboundKeyOrder.length : index;
  };
  return Object.fromEntries(Object.entries(payload).sort(([a], [b]) => rank(a) - rank(b)));
}

/** The fields of an answer that the channel adds (reference messages.md#inbound-message), matching the send's story. */
function answerFields(
  conversation: Conversation,
  base: Readonly<Record<string, unknown>>,
  text: string | undefined,
) {
  const { channel, parties, messageUuid, clientRef, whatsApp } = conversation;
  const person = parties.recipient;
  switch (channel) {
    case 'sms': {
      const parts = splitSmsText(text ?? '').length;
      const sms = (base.sms ?? {}) as Record<string, unknown>;
      return {
        sms: {
          num_messages: String(parts),
          total_count: sms.total_count === undefined ? undefined : String(parts),
          keyword: toKeyword(text ?? ''),
        },
        // The person pays nothing; `usage` is what the inbound SMS cost you, at their country's rate.
        usage:
          base.usage === undefined || person === undefined
            ? undefined
            : { currency: 'EUR', price: toUsagePrice(person.country.smsPrice, parts) },
        origin:
          base.origin === undefined || person === undefined
            ? undefined
            : { network_code: person.carrier.networkCode },
      };
    }
    case 'mms':
      return {
        origin:
          base.origin === undefined || person === undefined
            ? undefined
            : { network_code: person.carrier.networkCode },
      };
    case 'whatsapp': {
      const details = (base.whatsapp ?? {}) as Record<string, unknown>;
      return {
        // An answer echoes the client_ref of the message it quotes (decision 025).
        client_ref: clientRef,
        profile: whatsApp === undefined ? undefined : { name: whatsApp.profileName, username: undefined },
        context_status: 'available',
        // The quoted message is the one sent; a product it did not carry is dropped.
        context:
          base.context === undefined
            ? { message_uuid: messageUuid, message_from: parties.from }
            : { message_uuid: messageUuid, message_from: parties.from, whatsapp_referred_product: undefined },
        provider_message: undefined,
        // An ad referral starts a conversation; it never comes with a quoted message.
        whatsapp:
          details.sender === undefined || whatsApp === undefined || person === undefined
            ? undefined
            : {
                referral: undefined,
                sender: { user_id: whatsApp.userId, parent_user_id: undefined, wa_id: person.msisdn },
              },
      };
    }
    case 'viber_service':
      return { client_ref: clientRef, context: { message_uuid: messageUuid } };
    default:
      return { client_ref: undefined };
  }
}

/**
 * The person's answer as an inbound message on the send's channel, from the recipient to the sender:
 * `reply` a text, `tap` a `reply` with the tapped id (decision 109).
 */
function toAnswer(
  conversation: Conversation,
  step: Extract<MessagesRecipientStep, { kind: 'reply' | 'tap' }>,
  index: number,
  at: number,
): PlannedWebhook {
  const { context, channel, parties } = conversation;
  const text = step.kind === 'reply' ? step.text : undefined;
  const event =
    `messages.inbound.${channel}.${step.kind === 'reply' ? 'text' : 'reply'}` as EventNameStartingWith<'messages.inbound.'>;
  const webhook = toWebhook(context, `${step.kind}-${index}`, event, at, (base) => ({
    to: parties.from,
    from: parties.to,
    // The chip's text is not in the send's params: the id stands in for the title (reference run-time.md#rcs-reply-field-names).
    ...(step.kind === 'reply'
      ? { text: step.text }
      : { reply: { id: step.id, title: step.id, description: undefined } }),
    client_ref: undefined,
    ...answerFields(conversation, base, text),
  }));
  if (conversation.webhookVersion === 'v0.1') {
    const source = webhook.payload as unknown as MessagesV1InboundSource;
    return { ...webhook, payload: { ...toV01Inbound(source) }, version: 'v0.1' };
  }
  return { ...webhook, payload: toInboundOrder(webhook.payload) };
}

/**
 * What the recipient's script adds after delivery (decision 109): a `read` status when the person opens
 * the message (once, on channels that report it; a reply or tap opens it too) and their answers, on one
 * time line that starts at delivery.
 */
export function playRecipient(
  conversation: Conversation,
  steps: readonly MessagesRecipientStep[],
  deliveredAt: number,
  toStatus: (status: string, at: number) => PlannedWebhook,
): PlannedWebhook[] {
  const { faker } = conversation.context;
  const reports = readsOn(conversation.channel);
  const msPerChar = faker.number.int(typingMsPerChar);
  const webhooks: PlannedWebhook[] = [];
  let at = deliveredAt;
  let looked = false;
  let read = false;
  const look = () => {
    at += faker.number.int(looked ? nextLookMs : firstLookMs);
    looked = true;
    if (reports && !read) webhooks.push(toStatus('read', at));
    read = true;
  };
  for (const [index, step] of steps.entries()) {
    switch (step.kind) {
      case 'wait':
        at += step.ms;
        break;
      case 'ignore':
        return webhooks;
      case 'read':
        look();
        break;
      case 'reply':
        look();
        at += Math.max(minTypingMs, [...step.text].length * msPerChar);
        webhooks.push(toAnswer(conversation, step, index, at));
        break;
      case 'tap':
        look();
        at += faker.number.int(tapMs);
        webhooks.push(toAnswer(conversation, step, index, at));
        break;
    }
  }
  return webhooks;
}
