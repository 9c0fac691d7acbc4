import type { EventName } from '../fixtures/events.js';
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

/** One webhook of a lifecycle: what Vonage sends, where, and when. */
export interface ScheduledWebhook {
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

/** A generated lifecycle: its webhooks in delivery order and the ids that tie them together. */
export interface Scenario {
  readonly name: string;
  readonly webhooks: readonly ScheduledWebhook[];
  /** Ids of the story (`message_uuid`, `uuid`, `conversation_uuid`, `request_id`, message ids per part...). */
  readonly ids: Readonly<Record<string, string | readonly string[]>>;
}
