import { VwsError } from '../errors.js';
import { getEvent } from '../fixtures/catalog.js';
import {
  chargeableStatusOf,
  createChannelPrice,
  createWhatsAppPrice,
  toUsagePrice,
} from '../fixtures/messages/pricing.js';
import { type MessagesChannel, messagesChannels, messagesReadChannels } from '../fixtures/messages/types.js';
import { toV01Status } from '../fixtures/messages/v0-1.js';
import type { MessagesV1StatusSource } from '../fixtures/messages/v0-1-types.js';
import { createUuid } from '../fixtures/shared/ids.js';
import { playRecipient } from './messages-recipient-answers.js';
import { checkRecipient, checkRecipientFits } from './messages-recipient-script.js';
import { checkedOr, createParties } from './messages-send-parties.js';
import {
  type MessagesSendOutcome,
  type MessagesSendParams,
  messagesSendOutcomes,
  messagesWebhookVersions,
} from './messages-send-types.js';
import { createWhatsAppStory, whatsAppOverrides } from './messages-whatsapp-story.js';
import {
  checkParam,
  createScenarioContext,
  type EventNameStartingWith,
  pickParam,
  toScenario,
  toWebhook,
} from './scenario-context.js';
import { splitSmsText } from './sms-segments.js';
import type { PlannedWebhook, Scenario, ScenarioOptions } from './types.js';

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
 * The status callbacks of one Messages API send (reference messages.md#message-status): `submitted` → `delivered` → `read`
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

  const toStatus = (status: string, at: number): PlannedWebhook => {
    const event = `messages.status.${status}.${channel}` as EventNameStartingWith<'messages.status.'>;
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
  const webhooks: PlannedWebhook[] = [];
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
