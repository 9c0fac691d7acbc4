import type { Faker } from '@faker-js/faker';
import { VwsError } from '../errors.js';
import type { EventName } from '../events.js';
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
import { toV01Status } from '../fixtures/messages/v0-1.js';
import type { MessagesV1StatusSource } from '../fixtures/messages/v0-1-types.js';
import { createHex32, createUuid } from '../fixtures/shared/ids.js';
import { createPhoneNumber, findCountry, type PhoneNumber } from '../fixtures/shared/phone.js';
import { createAlphanumericSender, toPhoneNumber } from './phone-of.js';
import { checkParam, createScenarioContext, pickParam, toScenario, toWebhook } from './scenario-context.js';
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
function createParties(faker: Faker, channel: MessagesChannel, params: Partial<MessagesSendParams>): Parties {
  const anyId = /^.{1,50}$/s;
  switch (channel) {
    case 'sms': {
      const recipient = recipientNumber(faker, params.to);
      // Alphanumeric sender ids are not allowed in the US: a US recipient sees one of your numbers.
      const from = checkedOr(params.from, /^[A-Za-z0-9 ]{1,15}$/, 'from', 'AcmeInc', () =>
        recipient.country.iso2 === 'US'
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

/**
 * The status callbacks of one Messages API send (reference 5.2): `submitted` → `delivered` → `read`
 * (read only on whatsapp, messenger, viber_service, rcs), or `submitted` → `rejected`/`undeliverable`
 * with an error. Every status carries the send's `message_uuid`, numbers, channel and `client_ref`;
 * times increase; the charge (`usage`) is on the channel's chargeable status (SMS and MMS
 * `submitted`, the others `delivered`), SMS priced per part for the recipient's country; `destination`,
 * `sms.count_total` and WhatsApp's account, conversation and recipient ids agree across statuses.
 * With `webhookVersion: 'v0.1'` every status is the v0.1 shape of the same event and message.
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
  const parties = createParties(faker, channel, params);
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

  const webhooks: ScheduledWebhook[] = [];
  let at = 0;
  for (const [status, min, max] of plan(outcome)) {
    at += faker.number.int({ min, max });
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
    webhooks.push(
      webhookVersion === 'v0.1'
        ? { ...webhook, payload: toV01Payload(webhook.payload), version: 'v0.1' }
        : webhook,
    );
  }
  return toScenario(context, webhooks, { message_uuid: messageUuid }, options);
}
