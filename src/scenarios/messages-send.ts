import type { Faker } from '@faker-js/faker';
import { VwsError } from '../errors.js';
import { type EventName, eventNames } from '../fixtures/events.js';
import { getEvent } from '../fixtures/catalog.js';
import {
  createBsuid,
  createMessengerPageId,
  createMessengerPsid,
  createRcsAgentId,
  createViberServiceId,
  createWabaId,
} from '../fixtures/messages/ids.js';
import {
  chargeableStatusOf,
  createChannelPrice,
  createWhatsAppPrice,
  toUsagePrice,
} from '../fixtures/messages/pricing.js';
import {
  type MessagesChannel,
  messagesChannels,
  messagesReadChannels,
  messagesWhatsAppConversationTypes,
} from '../fixtures/messages/types.js';
import { toV01Inbound, toV01Status } from '../fixtures/messages/v0-1.js';
import type { MessagesV1InboundSource, MessagesV1StatusSource } from '../fixtures/messages/v0-1-types.js';
import { createHex32, createUuid } from '../fixtures/shared/ids.js';
import { createPhoneNumber, findCountry, type PhoneNumber } from '../fixtures/shared/phone.js';
import { toKeyword } from '../fixtures/sms/text.js';
import { createAlphanumericSender, toPhoneNumber } from './phone-of.js';
import {
  checkParam,
  createScenarioContext,
  pickParam,
  type ScenarioContext,
  toScenario,
  toWebhook,
} from './scenario-context.js';
import { splitSmsText } from './sms-segments.js';
import type { Scenario, ScenarioOptions, ScheduledWebhook } from './types.js';

/** How a sent message ends: `delivered`, `read` (channels that report it), or a failure status. */
export const messagesSendOutcomes = ['delivered', 'read', 'rejected', 'undeliverable'] as const;
/** One of {@link messagesSendOutcomes}. */
export type MessagesSendOutcome = (typeof messagesSendOutcomes)[number];

/**
 * The Messages webhook formats a send's statuses can go out in: `v1`, or the legacy `v0.1` of
 * applications whose `messages.version` is `v0.1` and of sends with `webhook_version: "v0.1"`.
 */
export const messagesWebhookVersions = ['v1', 'v0.1'] as const;
/** One of {@link messagesWebhookVersions}. */
export type MessagesWebhookVersion = (typeof messagesWebhookVersions)[number];

/**
 * One thing the recipient of a sent message does once it is delivered (docs/decisions/109): the chat
 * steps of an end-user script (`read`, `reply "STOP"`, `tap "brazil"`, `wait 10s`, `ignore`), in the
 * form the fake's script parser gives them. Declared here, not imported, because the scenarios sit
 * below the fake (house style, layout).
 */
export type MessagesRecipientStep =
  | { readonly kind: 'read' }
  | { readonly kind: 'reply'; readonly text: string }
  | { readonly kind: 'tap'; readonly id: string }
  | { readonly kind: 'wait'; readonly ms: number }
  | { readonly kind: 'ignore' };

/** Parameters of {@link createMessagesSendScenario}: what the Messages API send request and its response said. */
export interface MessagesSendParams {
  /** Default `sms`. */
  readonly channel: MessagesChannel;
  /** The recipient in the channel's form: a number, or a Messenger PSID. */
  readonly to: string;
  /** Your sender in the channel's form: a number or sender id, RCS agent, Messenger page id, Viber service id. */
  readonly from: string;
  /** `message_uuid` of the send response. */
  readonly messageUuid: string;
  /** Your `client_ref` (at most 100 characters), echoed on every status. */
  readonly clientRef: string;
  /** Default `delivered`; `read` only on whatsapp, messenger, viber_service and rcs. */
  readonly outcome: MessagesSendOutcome;
  /** The SMS text, which sets `sms.count_total` (GSM-7 160/153, UCS-2 70/67); one part when absent. */
  readonly text: string;
  /**
   * Default `v1`. `v0.1` sends every status in the catalog's v0.1 shape of the same event (`to`/`from`
   * objects, `error` as `{code, reason}`); RCS has none (docs/decisions/030).
   */
  readonly webhookVersion: MessagesWebhookVersion;
  /**
   * What the person the message goes to does after it is delivered, in order (docs/decisions/109):
   * `read` sends a `read` status (on channels that report it), `reply` an inbound text and `tap` an
   * inbound `reply` (WhatsApp, RCS) answering the message, `wait` delays the next step, `ignore` ends.
   * None (or an empty list) keeps the planned statuses only. The fake passes the `endUsers` script of
   * the number the message goes to.
   */
  readonly recipient: readonly MessagesRecipientStep[];
}

const msisdn = /^[1-9][0-9]{6,14}$/;
const unitedStates = findCountry('US');

interface Parties {
  readonly to: string;
  readonly from: string;
  /** The recipient's number facts, on channels whose statuses carry them (network, price, WhatsApp ids). */
  readonly recipient: PhoneNumber | undefined;
}

function recipientNumber(
  faker: Faker,
  to: string | undefined,
  country?: PhoneNumber['country'],
): PhoneNumber {
  return to === undefined ? createPhoneNumber(faker, country) : toPhoneNumber(faker, to, 'to');
}

function checkedOr(
  value: string | undefined,
  pattern: RegExp,
  label: string,
  example: string,
  draw: () => string,
) {
  return value === undefined ? draw() : checkParam(value, pattern, label, example);
}

/** The parties in each channel's id forms (reference 5.1, 5.2), from the params or drawn. */
function createParties(
  faker: Faker,
  channel: MessagesChannel,
  params: Partial<MessagesSendParams>,
  answered: boolean,
): Parties {
  const anyId = /^.{1,50}$/s;
  switch (channel) {
    case 'sms': {
      const recipient = recipientNumber(faker, params.to);
      // Alphanumeric sender ids are not allowed in the US: a US recipient sees one of your numbers. A
      // recipient who answers needs a number too: an alphanumeric sender cannot receive messages.
      const from = checkedOr(params.from, /^[A-Za-z0-9 ]{1,15}$/, 'from', 'AcmeInc', () =>
        recipient.country.iso2 === 'US' || answered
          ? createPhoneNumber(faker, recipient.country).msisdn
          : createAlphanumericSender(faker),
      );
      return { to: recipient.msisdn, from, recipient };
    }
    case 'mms': {
      const recipient = recipientNumber(faker, params.to, unitedStates);
      // A number or a US short code: v0.1's MMS `from.number` is "A US shortcode" ('12345', spec-msg0).
      const from = checkedOr(
        params.from,
        /^[1-9][0-9]{4,14}$/,
        'from',
        '14155550100',
        () => createPhoneNumber(faker, unitedStates).msisdn,
      );
      return { to: recipient.msisdn, from, recipient };
    }
    case 'whatsapp': {
      const recipient = recipientNumber(faker, params.to);
      const from = checkedOr(
        params.from,
        msisdn,
        'from',
        '447700900000',
        () => createPhoneNumber(faker).msisdn,
      );
      return { to: recipient.msisdn, from, recipient };
    }
    case 'rcs':
    case 'viber_service': {
      const to = checkedOr(params.to, msisdn, 'to', '447700900123', () => createPhoneNumber(faker).msisdn);
      const from = checkedOr(params.from, anyId, 'from', channel === 'rcs' ? 'Vonage' : '12345', () =>
        channel === 'rcs' ? createRcsAgentId(faker) : createViberServiceId(faker),
      );
      return { to, from, recipient: undefined };
    }
    case 'messenger': {
      const to = checkedOr(params.to, /^[0-9]{1,50}$/, 'to', '1234567890123456', () =>
        createMessengerPsid(faker),
      );
      const from = checkedOr(params.from, /^[0-9]{1,50}$/, 'from', '123456789012345', () =>
        createMessengerPageId(faker),
      );
      return { to, from, recipient: undefined };
    }
  }
}

/** The WhatsApp facts every status of one message repeats: account, conversation, recipient ids. */
interface WhatsAppStory {
  readonly wabaId: string;
  readonly category: (typeof messagesWhatsAppConversationTypes)[number];
  readonly conversationId: string;
  readonly userId: string;
  readonly profileName: string;
}

function createWhatsAppStory(faker: Faker, recipient: PhoneNumber): WhatsAppStory {
  return {
    wabaId: createWabaId(faker),
    category: faker.helpers.arrayElement(messagesWhatsAppConversationTypes),
    conversationId: createHex32(faker),
    userId: createBsuid(faker, recipient.country.iso2),
    profileName: faker.person.fullName(),
  };
}

function whatsAppOverrides(
  base: Record<string, unknown>,
  story: WhatsAppStory,
  recipient: PhoneNumber | undefined,
): Record<string, unknown> {
  const details = (base.whatsapp ?? {}) as Record<string, unknown>;
  return {
    whatsapp: {
      recipient:
        details.recipient === undefined || recipient === undefined
          ? undefined
          : { user_id: story.userId, parent_user_id: undefined, wa_id: recipient.msisdn },
      waba_id: story.wabaId,
      conversation:
        details.conversation === undefined
          ? undefined
          : { id: story.conversationId, origin: { type: story.category } },
      pricing:
        details.pricing === undefined
          ? undefined
          : { type: 'regular', pricing_model: 'CBP', category: story.category },
    },
    profile: base.profile === undefined ? undefined : { name: story.profileName, username: undefined },
  };
}

/** The statuses of an outcome, in order, with the delay of each after the previous (ms). */
function plan(outcome: MessagesSendOutcome): readonly (readonly [string, number, number])[] {
  switch (outcome) {
    case 'delivered':
      return [
        ['submitted', 300, 2_000],
        ['delivered', 1_000, 30_000],
      ];
    case 'read':
      return [
        ['submitted', 300, 2_000],
        ['delivered', 1_000, 30_000],
        ['read', 5_000, 600_000],
      ];
    default:
      // Handed to the provider, then refused or not reachable (docs/decisions/083).
      return [
        ['submitted', 300, 2_000],
        [outcome, 1_000, 60_000],
      ];
  }
}

const toV01Payload = (payload: Record<string, unknown>): Record<string, unknown> => ({
  ...toV01Status(payload as unknown as MessagesV1StatusSource),
});

/** Throws unless every status of the outcome on the channel has a v0.1 shape in the catalog. */
function checkV01Statuses(channel: MessagesChannel, outcome: MessagesSendOutcome): void {
  const hasV01 = (event: string) => getEvent(event).versions.includes('v0.1');
  const missing = plan(outcome)
    .map(([status]) => `messages.status.${status}.${channel}`)
    .filter((event) => !hasV01(event));
  if (missing.length === 0) return;
  const channels = messagesChannels.filter((each) =>
    plan(outcome).every(([status]) => hasV01(`messages.status.${status}.${each}`)),
  );
  throw new VwsError(
    'VWS_ERR_INVALID_OPTION',
    `No v0.1 shape for "${missing[0]}": Messages API v0.1 has no ${channel} statuses (docs/decisions/030). Use webhookVersion "v1", or a channel with v0.1 statuses: ${channels.map((each) => `"${each}"`).join(', ')}.`,
  );
}

const recipientKinds = ['read', 'reply', 'tap', 'wait', 'ignore'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Whether a value is one {@link MessagesRecipientStep} with the fields its kind needs. */
function isRecipientStep(value: unknown): value is MessagesRecipientStep {
  if (!isRecord(value) || !(recipientKinds as readonly unknown[]).includes(value.kind)) return false;
  switch (value.kind) {
    case 'reply':
      return isText(value.text);
    case 'tap':
      return isText(value.id);
    case 'wait':
      return typeof value.ms === 'number' && Number.isSafeInteger(value.ms) && value.ms > 0;
    default:
      return true;
  }
}

const stepsExample =
  `[{ kind: 'read' }, { kind: 'wait', ms: 10000 }, { kind: 'reply', text: 'STOP' }] ` +
  `(in the fake: endUsers: { '447700900001': 'read; wait 10s; reply "STOP"' })`;

/** Checks the `recipient` param: a list of chat steps, nothing after `ignore`. */
function checkRecipient(value: unknown): readonly MessagesRecipientStep[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid messages.send recipient ${JSON.stringify(value)}: give the recipient's steps as a list, e.g. ${stepsExample}.`,
    );
  }
  for (const [index, step] of value.entries()) {
    if (!isRecipientStep(step)) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid messages.send recipient step ${JSON.stringify(step)}: use { kind: 'read' }, { kind: 'reply', text }, { kind: 'tap', id }, { kind: 'wait', ms } or { kind: 'ignore' }, e.g. ${stepsExample}.`,
      );
    }
    if (step.kind === 'ignore' && index < value.length - 1) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid messages.send recipient: ${JSON.stringify(value[index + 1])} comes after { kind: 'ignore' }; nothing happens after the recipient ignores the message, so remove it.`,
      );
    }
  }
  return value as readonly MessagesRecipientStep[];
}

const hasEvent = (name: string): boolean => (eventNames as readonly string[]).includes(name);
const readsOn = (channel: MessagesChannel): boolean =>
  (messagesReadChannels as readonly string[]).includes(channel);
/** The channels whose users can tap a suggestion or button: those with an inbound `reply` in the catalog. */
const tapChannels = messagesChannels.filter((each) => hasEvent(`messages.inbound.${each}.reply`));

/**
 * Refuses steps the channel cannot carry: a tap where the channel has nothing to tap (no inbound `reply`
 * or `button`), a reply to a sender that cannot receive one, and outcome `read` with a script that never
 * reads (decision 109).
 */
function checkRecipientFits(
  steps: readonly MessagesRecipientStep[],
  channel: MessagesChannel,
  from: string,
  outcome: MessagesSendOutcome,
): void {
  const tap = steps.find((step) => step.kind === 'tap');
  if (tap !== undefined && !tapChannels.includes(channel)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `The recipient cannot tap ${JSON.stringify(tap.id)} on ${channel}: ${channel} messages have no suggestions or buttons to tap (no inbound reply or button message). Use a reply step instead, or send on ${tapChannels.map((each) => `"${each}"`).join(' or ')}.`,
    );
  }
  const answers = steps.some((step) => step.kind === 'reply' || step.kind === 'tap');
  if (answers && (channel === 'sms' || channel === 'mms') && !msisdn.test(from)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `The recipient cannot reply to ${channel} sender ${JSON.stringify(from)}: replies go to a number of 7 to 15 digits; an alphanumeric sender id cannot receive them, and replies to short codes are not simulated. Send from one of your numbers, e.g. "447700900000", or remove the reply step.`,
    );
  }
  if (outcome === 'read' && !steps.some((step) => step.kind !== 'wait' && step.kind !== 'ignore')) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Outcome "read" needs the recipient to read the message, but their script never does (${steps.map((step) => step.kind).join(', ')}): add a read, reply or tap step, or use outcome "delivered".`,
    );
  }
}

// When the person acts (reference conversations 6.20: `read` only when the simulated user opens the
// message; gaps unpublished, 5.5): a few seconds after delivery, a moment between later steps, a
// typing speed per person for replies, and a moment to find and tap a chip.
const firstLookMs = { min: 2_000, max: 10_000 };
const nextLookMs = { min: 1_000, max: 4_000 };
const typingMsPerChar = { min: 150, max: 350 };
const minTypingMs = 1_000;
const tapMs = { min: 500, max: 2_000 };

/** What the recipient's answers need from the send: its ids, parties and WhatsApp story. */
interface Conversation {
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

/** The fields of an answer that the channel adds (reference 5.1), matching the send's story. */
function answerFields(
  conversation: Conversation,
  base: Record<string, unknown>,
  text: string | undefined,
): Record<string, unknown> {
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
): ScheduledWebhook {
  const { context, channel, parties } = conversation;
  const text = step.kind === 'reply' ? step.text : undefined;
  const event = `messages.inbound.${channel}.${step.kind === 'reply' ? 'text' : 'reply'}` as EventName;
  const webhook = toWebhook(context, `${step.kind}-${index}`, event, at, (base) => ({
    to: parties.from,
    from: parties.to,
    // The chip's text is not in the send's params: the id stands in for the title (reference 6.21).
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
function playRecipient(
  conversation: Conversation,
  steps: readonly MessagesRecipientStep[],
  deliveredAt: number,
  toStatus: (status: string, at: number) => ScheduledWebhook,
): ScheduledWebhook[] {
  const { faker } = conversation.context;
  const reports = readsOn(conversation.channel);
  const msPerChar = faker.number.int(typingMsPerChar);
  const webhooks: ScheduledWebhook[] = [];
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

/**
 * The status callbacks of one Messages API send (reference 5.2): `submitted` → `delivered` → `read`
 * (read only on whatsapp, messenger, viber_service, rcs), or `submitted` → `rejected`/`undeliverable`
 * with an error. Every status carries the send's `message_uuid`, numbers, channel and `client_ref`;
 * times increase; the charge (`usage`) is on the channel's chargeable status (SMS and MMS
 * `submitted`, the others `delivered`), SMS priced per part for the recipient's country; `destination`,
 * `sms.count_total` and WhatsApp's account, conversation and recipient ids agree across statuses.
 * With `webhookVersion: 'v0.1'` every status is the v0.1 shape of the same event and message.
 *
 * With a `recipient` script, the person acts once the message is delivered (docs/decisions/109): a
 * `read` status when they open it (only on channels that report reads; a reply or tap opens it too),
 * and each `reply`/`tap` as an inbound message (target `messages-inbound`) from the recipient to your
 * sender that answers the sent message (WhatsApp `context`, Viber `context.message_uuid`). Nothing
 * happens after a rejected or undeliverable message.
 *
 * @example
 * ```ts
 * import { createMessagesSendScenario } from 'vonage-webhook-simulator';
 * const sent = createMessagesSendScenario({
 *   params: { channel: 'whatsapp', outcome: 'read', messageUuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' },
 * });
 * sent.webhooks.map((webhook) => webhook.payload.status); // ['submitted', 'delivered', 'read']
 * const legacy = createMessagesSendScenario({ params: { channel: 'sms', webhookVersion: 'v0.1' } });
 * legacy.webhooks[0]?.payload.to; // { number: '…', type: 'sms' }
 * const answered = createMessagesSendScenario({
 *   params: { channel: 'whatsapp', recipient: [{ kind: 'read' }, { kind: 'reply', text: 'STOP' }] },
 * });
 * answered.webhooks.map((webhook) => webhook.event);
 * // [..., 'messages.status.read.whatsapp', 'messages.inbound.whatsapp.text']
 * ```
 * @see https://developer.vonage.com/en/messages/concepts/messages-status-callbacks
 */
export function createMessagesSendScenario(options: ScenarioOptions<MessagesSendParams> = {}): Scenario {
  const context = createScenarioContext('messages.send', options);
  const { faker } = context;
  const params = options.params ?? {};
  const channel = pickParam(params.channel, messagesChannels, 'sms', 'messages.send channel');
  const outcome = pickParam(params.outcome, messagesSendOutcomes, 'delivered', 'messages.send outcome');
  if (outcome === 'read' && !(messagesReadChannels as readonly string[]).includes(channel)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Channel "${channel}" never reports "read": use outcome "delivered", or one of ${messagesReadChannels.map((c) => `"${c}"`).join(', ')}.`,
    );
  }
  const webhookVersion = pickParam(
    params.webhookVersion,
    messagesWebhookVersions,
    'v1',
    'messages.send webhookVersion',
  );
  if (webhookVersion === 'v0.1') checkV01Statuses(channel, outcome);
  const steps = checkRecipient(params.recipient);
  const answered = steps.some((step) => step.kind === 'reply' || step.kind === 'tap');
  const parties = createParties(faker, channel, params, answered);
  if (steps.length > 0) checkRecipientFits(steps, channel, parties.from, outcome);
  const messageUuid = checkedOr(
    params.messageUuid,
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'messageUuid',
    'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
    () => createUuid(faker),
  );
  const clientRef =
    params.clientRef === undefined
      ? undefined
      : checkParam(params.clientRef, /^.{1,100}$/s, 'clientRef', 'order-1234');
  const parts = params.text === undefined ? 1 : splitSmsText(params.text).length;
  const whatsApp =
    channel === 'whatsapp' && parties.recipient !== undefined
      ? createWhatsAppStory(faker, parties.recipient)
      : undefined;
  const price =
    channel === 'sms'
      ? toUsagePrice(parties.recipient?.country.smsPrice ?? '0', parts)
      : channel === 'whatsapp'
        ? createWhatsAppPrice(faker, whatsApp?.category ?? 'service')
        : createChannelPrice(faker, channel);
  const chargeable = chargeableStatusOf(channel);

  const toStatus = (status: string, at: number): ScheduledWebhook => {
    const event = `messages.status.${status}.${channel}` as EventName;
    const webhook = toWebhook(context, status, event, at, (base) => ({
      message_uuid: messageUuid,
      to: parties.to,
      from: parties.from,
      client_ref: clientRef,
      ...(status === chargeable ? { usage: { currency: 'EUR', price } } : {}),
      ...(base.destination === undefined
        ? {}
        : {
            destination:
              parties.recipient === undefined
                ? undefined
                : { network_code: parties.recipient.carrier.networkCode },
          }),
      ...(base.sms === undefined ? {} : { sms: { count_total: String(parts) } }),
      ...(whatsApp === undefined ? {} : whatsAppOverrides(base, whatsApp, parties.recipient)),
    }));
    // The catalog's v0.1 shape of an event converts its v1 payload (messages-events.ts), so converting
    // the correlated v1 payload keeps the ids, numbers, time, usage and client_ref of this story.
    return webhookVersion === 'v0.1'
      ? { ...webhook, payload: toV01Payload(webhook.payload), version: 'v0.1' }
      : webhook;
  };

  // With a script, the person decides whether and when the message is read (decision 109).
  const planned = steps.length > 0 && outcome === 'read' ? 'delivered' : outcome;
  const webhooks: ScheduledWebhook[] = [];
  let at = 0;
  for (const [status, min, max] of plan(planned)) {
    at += faker.number.int({ min, max });
    webhooks.push(toStatus(status, at));
  }
  // A message that never arrived is never read or answered.
  if (steps.length > 0 && planned === 'delivered') {
    const conversation = { context, channel, parties, messageUuid, clientRef, whatsApp, webhookVersion };
    webhooks.push(...playRecipient(conversation, steps, at, toStatus));
  }
  return toScenario(context, webhooks, { message_uuid: messageUuid }, options);
}
