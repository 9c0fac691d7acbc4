// What an accepted API call asks of the lifecycles: which scenario or conversation to start, with
// which values, and where its webhooks go.
import type { TransportFormat } from '../../fixtures/shared/define-event.js';
import type { PlannedScenario, WebhookTarget } from '../../scenarios/types.js';
import type { EngineContext } from '../engine/conversation.js';
import type { VoiceCallRequest } from '../engine/voice/voice-call-plan.js';

/** Where a lifecycle's webhooks of one target go: the URL (and format) the request named, or why none is sent. */
export type WebhookRoute =
  | { readonly url: string; readonly format?: TransportFormat }
  | { readonly skip: string };

/** The lifecycle an accepted API call starts. */
export interface LifecycleStart {
  readonly scenario: string;
  /** Values from the request and the answer (numbers, text, ids), camelCase. */
  readonly params: Record<string, unknown>;
  /** Targets the request decides; the others go to the application webhooks. */
  readonly routes: Partial<Record<WebhookTarget, WebhookRoute>>;
  /** The API key for the `api_key` claim, when the request authenticated with one. */
  readonly apiKey?: string;
  /** The application for the `application_id` claim, when the request authenticated with a JWT. */
  readonly applicationId?: string;
  /** The number or id the send goes to, for scripted outcomes; default `params.to`. */
  readonly to?: string;
  /**
   * Builds the answer's body once the lifecycle is generated (`null` when generating it failed), so
   * that the answer and the webhooks agree on values the lifecycle draws (an SMS's network and price).
   */
  readonly toBody?: (scenario: PlannedScenario | null) => unknown;
  /** The ids of a `conversation`'s lifecycle (`request_id`...), known when the request is answered. */
  readonly ids?: Readonly<Record<string, string | readonly string[]>>;
  /** A call: it runs on the conversation engine instead of a planned lifecycle (docs/decisions/107). */
  readonly call?: VoiceCallRequest;
  /** Another reactive conversation (a verification): run on the engine (docs/decisions/107). */
  readonly conversation?: (engine: EngineContext) => Promise<void>;
}
