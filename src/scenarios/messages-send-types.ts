// The vocabulary of a Messages API send scenario: its outcomes, webhook formats, the recipient's
// steps and the params, shared by the modules that build the send's statuses and answers.
import type { MessagesChannel } from '../fixtures/messages/types.js';

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
