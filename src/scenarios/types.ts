import type { EventName, EventVersion, WebhookEventMap, WebhookVersionMap } from '../fixtures/events.js';
import type { DateInput } from '../fixtures/shared/types.js';

/**
 * Which application URL a scheduled webhook goes to. The fake Vonage maps each to the URL given in
 * the app's API request (`answer_url`, `event_url`, `callback`, `webhook_url`) or to the configured
 * application webhooks.
 */
export const webhookTargets = [
  'voice-answer',
  'voice-event',
  'voice-fallback',
  'sms-inbound',
  'sms-delivery-receipt',
  'messages-inbound',
  'messages-status',
  'number-insight',
  'verify-status',
] as const;
/** One of {@link webhookTargets}. */
export type WebhookTarget = (typeof webhookTargets)[number];

/**
 * One webhook of a lifecycle as it is planned: its payload a JSON record, its keys no longer tied to
 * one event (what the scenario builders and the fake's engine pass around).
 */
export interface PlannedWebhook {
  /** The catalog event it is an instance of. */
  readonly event: EventName;
  /** The payload, correlated with the rest of the lifecycle (ids, numbers, times, prices). */
  readonly payload: Record<string, unknown>;
  readonly target: WebhookTarget;
  /** Milliseconds after the lifecycle's start (the API request) at which Vonage sends it. */
  readonly atMs: number;
  /** Set on webhooks that chaos added or moved, saying what it did (`duplicate`, `reordered`, `late`). */
  readonly chaos?: string;
  /** The catalog version of the payload's wire shape (`v0.1`), when it is not the event's default. */
  readonly version?: string;
}

/**
 * An event name with its payload typed by it: the event's default shape (no `version`), or one of its
 * other wire shapes by `version` (`v0.1`).
 */
export type TypedEventPayload<TName extends EventName> =
  | { readonly event: TName; readonly version?: never; readonly payload: WebhookEventMap[TName] }
  | {
      [TVersion in EventVersion<TName>]: {
        readonly event: TName;
        readonly version: TVersion;
        readonly payload: WebhookVersionMap[TName][TVersion];
      };
    }[EventVersion<TName>];

/**
 * One webhook of a lifecycle: what Vonage sends, where, and when. A union over the event names, so
 * that checking `event` narrows `payload` (issue 13).
 *
 * @example
 * ```ts
 * import { createScenario } from 'vonage-webhook-simulator';
 * for (const webhook of createScenario('sms.send').webhooks) {
 *   if (webhook.event === 'sms.delivery_receipt.delivered') console.log(webhook.payload.status); // 'delivered'
 * }
 * ```
 */
export type ScheduledWebhook = {
  [TName in EventName]: Omit<PlannedWebhook, 'event' | 'payload' | 'version'> & TypedEventPayload<TName>;
}[EventName];

/** Seeded disorder of the kind real webhook traffic shows; every option defaults to off. */
export interface ChaosOptions {
  /** Probability (0–1) that a webhook is delivered twice. */
  readonly duplicates?: number;
  /** Shuffle the delivery order of webhooks (times stay, order of sending changes). */
  readonly reorder?: boolean;
  /** Random extra delay added to each webhook, up to this many milliseconds. */
  readonly jitterMs?: number;
  /** Deliver delivery receipts / statuses late (after the lifecycle's last webhook, up to this many ms). */
  readonly lateReceiptMs?: number;
}

/** Options every lifecycle generator takes. */
export interface ScenarioOptions<TParams> {
  readonly seed?: number;
  readonly refDate?: DateInput;
  /** Values that come from the app's API request (numbers, text, ids) so the webhooks match it. */
  readonly params?: Partial<TParams>;
  readonly chaos?: ChaosOptions;
}

/** A lifecycle as the fake's engine plans with it: its webhooks' payloads as JSON records. */
export interface PlannedScenario extends Omit<Scenario, 'webhooks'> {
  readonly webhooks: readonly PlannedWebhook[];
}

/** A generated lifecycle: its webhooks in delivery order and the ids that tie them together. */
export interface Scenario {
  readonly name: string;
  readonly webhooks: readonly ScheduledWebhook[];
  /** Ids of the story (`message_uuid`, `uuid`, `conversation_uuid`, `request_id`, message ids per part...). */
  readonly ids: Readonly<Record<string, string | readonly string[]>>;
}
