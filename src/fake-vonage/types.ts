import type { RetryMode } from '../delivery/create-sender.js';
import type { DeliveryResult } from '../delivery/delivery-result.js';
import type { RequestParts } from '../delivery/to-request.js';
import type { EventName } from '../events.js';
import type { DateInput } from '../fixtures/shared/types.js';
import type { ChaosOptions, Scenario, ScenarioOptions, WebhookTarget } from '../scenarios/types.js';
import type { SmsSignatureMethod } from '../signing/sms-signature.js';

/**
 * An application webhook URL, or a URL with the HTTP method the application sets for it
 * (`http_method` of the Voice capability: `GET` sends the payload as a query string, `POST` as JSON).
 */
export type WebhookEndpoint = string | URL | { readonly url: string | URL; readonly method?: 'GET' | 'POST' };

/**
 * The application's (and the API key's) webhook URLs, used when the API request names none: the
 * Voice capability's `answer_url`/`event_url`/`fallback_answer_url`, the Messages capability's
 * `inbound_url`/`status_url`, the Verify capability's `status_url`, and the API key's SMS inbound and
 * delivery receipt URLs (dashboard settings).
 */
export interface ApplicationWebhooks {
  /** Voice answer URL (inbound calls; outbound calls created without `answer_url` or `ncco` fail). Default method GET. */
  readonly voiceAnswer?: WebhookEndpoint;
  /** Voice event URL, when the Create Call request has no `event_url`. Default method POST. */
  readonly voiceEvent?: WebhookEndpoint;
  /** Voice fallback answer URL. Default method POST. */
  readonly voiceFallback?: WebhookEndpoint;
  readonly messagesInbound?: WebhookEndpoint;
  /** Messages status URL, when the request has no `webhook_url`. */
  readonly messagesStatus?: WebhookEndpoint;
  readonly smsInbound?: WebhookEndpoint;
  /** SMS delivery receipt URL, when the request has no `callback`. */
  readonly smsDeliveryReceipt?: WebhookEndpoint;
  readonly verifyStatus?: WebhookEndpoint;
}

/**
 * The dashboard's SMS "Webhook format" setting (reference 1.0): `GET` (query string), `POST` (form
 * body) or `POST-JSON` (JSON body).
 */
export const smsWebhookFormats = ['GET', 'POST', 'POST-JSON'] as const;
/** One of {@link smsWebhookFormats}. */
export type SmsWebhookFormat = (typeof smsWebhookFormats)[number];

/** A credential the fake accepts besides `apiKey`/`apiSecret`/`applicationId`. */
export type FakeCredential =
  | { readonly apiKey: string; readonly apiSecret: string }
  | { readonly applicationId: string };

/** Builds a lifecycle; `createScenario` from `src/scenarios` has this shape. */
export type CreateScenario = (name: string, options: ScenarioOptions<Record<string, unknown>>) => Scenario;

/** A webhook the fake is about to deliver, as the `deliver` function receives it. */
export interface OutgoingWebhook {
  readonly event: EventName;
  readonly target: WebhookTarget;
  readonly url: string;
  readonly payload: Record<string, unknown>;
  /** Vonage time after the lifecycle's start, before `timeScale`. */
  readonly atMs: number;
  /** The lifecycle it belongs to (an index into `lifecycles`). */
  readonly lifecycle: number;
  /** The application's fallback answer URL, for Voice answer and NCCO-returning events. */
  readonly fallbackUrl?: string;
}

/** Sends one webhook request and judges the answer; the default uses `createSender()`. */
export type DeliverWebhook = (parts: RequestParts, webhook: OutgoingWebhook) => Promise<DeliveryResult>;

/** Options of {@link createFakeVonage}. */
export interface FakeVonageOptions {
  /** Application and API key webhook URLs (used when a request names none). */
  readonly webhooks?: ApplicationWebhooks;
  /** The account signature secret: JWT webhooks are signed when it is set; SMS webhooks when `smsSignatureMethod` is set too. */
  readonly signatureSecret?: string;
  /** Signs SMS API webhooks with the `sig` parameter by this method (needs `signatureSecret`). Unsigned when not set. */
  readonly smsSignatureMethod?: SmsSignatureMethod;
  /** The dashboard's SMS webhook format for inbound SMS and delivery receipts. Default `POST-JSON`. */
  readonly smsWebhookFormat?: SmsWebhookFormat;
  /** The account API key: accepted with `apiSecret`, and the `api_key` claim / `api-key` field of webhooks. */
  readonly apiKey?: string;
  /** The account API secret, accepted with `apiKey`. Without any key/secret pair, any non-empty pair is accepted. */
  readonly apiSecret?: string;
  /** The application id JWTs must carry in `application_id`. Without any, any well-formed JWT with the claim is accepted. */
  readonly applicationId?: string;
  /** More accepted credentials. */
  readonly credentials?: readonly FakeCredential[];
  /** Seed of every id, price and lifecycle; same seed, refDate and requests give the same payloads. Default 1. */
  readonly seed?: number;
  /** Vonage's "now" for every lifecycle (payload timestamps). Default: the `now` clock at each request. */
  readonly refDate?: DateInput;
  /** The clock, epoch milliseconds, for signing times and (without `refDate`) payload times. Default `Date.now`. */
  readonly now?: () => number;
  /** Lifecycle tuning: extra params per scenario name (the request's own values win) and chaos. */
  readonly scenario?: {
    readonly params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    readonly chaos?: ChaosOptions;
  };
  /** Multiplies each webhook's Vonage time; 0 delivers as fast as possible (still in order). Default 1. */
  readonly timeScale?: number;
  /** Vonage's retries for the default sender (`vonage`), or one attempt (`none`, default). */
  readonly retries?: RetryMode;
  /** Sends each webhook; default a `createSender()` owned (and closed) by the fake. */
  readonly deliver?: DeliverWebhook;
  /** Builds lifecycles; default the `src/scenarios` generators. */
  readonly createScenario?: CreateScenario;
  /** The account balance in EUR that prices are taken from. Default 10. */
  readonly balance?: number;
  /** The code a Verify v2 check accepts; default the first `code_length` digits of 1234567890. */
  readonly verifyCode?: string | ((requestId: string) => string);
}

/** An API call the fake received, with the answer it gave. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text, `null` when there was none. */
  readonly body: string | null;
  /** Which API answered (`sms`, `messages`, `voice`, `number_insight`, `verify`), or `null` for an unknown path. */
  readonly api: string | null;
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | null;
  };
  /** The lifecycle the call started, when it started one. */
  readonly lifecycle: number | null;
}

/**
 * How a recorded webhook stands: `pending` (scheduled), `sent` (a result is in `result`, whatever the
 * app answered), `not_sent` (no URL, or building it failed: see `reason`) or `cancelled` (by `reset`/`close`).
 */
export type DeliveryState = 'pending' | 'sent' | 'not_sent' | 'cancelled';

/** One webhook of a lifecycle, as the fake recorded it. */
export interface RecordedDelivery {
  readonly lifecycle: number;
  readonly scenario: string;
  readonly event: EventName;
  readonly target: WebhookTarget;
  /** Where it went (for a GET, without the payload query); `null` when no URL was known. */
  readonly url: string | null;
  readonly payload: Record<string, unknown>;
  readonly atMs: number;
  /** What chaos did to it, when it did. */
  readonly chaos?: string;
  readonly state: DeliveryState;
  /** The exact request sent. */
  readonly request: RequestParts | null;
  readonly result: DeliveryResult | null;
  /** Why it was not sent. */
  readonly reason: string | null;
}

/** A lifecycle the fake started: an API call's or an inbound push's. */
export interface Lifecycle {
  readonly index: number;
  readonly scenario: string;
  readonly ids: Scenario['ids'];
  /** Resolves when every webhook of it has been delivered (or not sent). */
  readonly done: Promise<void>;
  /** Why its webhooks could not be generated (the API call was still answered); `settled()` rejects with it. */
  readonly error: Error | null;
}

/** Options of `settled`. */
export interface SettledOptions {
  /** Reject after this many milliseconds of waiting. Default 30000. */
  readonly timeoutMs?: number;
}

/** The fake Vonage REST API; see {@link createFakeVonage}. */
export interface FakeVonage {
  /**
   * Answers one API request as Vonage does and schedules the webhooks that follow it; resolves
   * `undefined` when the request is not for a Vonage host.
   */
  handle(request: Request): Promise<Response | undefined>;
  /** API calls received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Webhooks scheduled, in scheduling order. */
  readonly deliveries: readonly RecordedDelivery[];
  /** Lifecycles started, in order. */
  readonly lifecycles: readonly Lifecycle[];
  /** Resolves when every scheduled webhook has been delivered or given up; rejects on timeout naming what is pending. */
  settled(options?: SettledOptions): Promise<void>;
  /** An SMS reaches one of your numbers: schedules the `sms.inbound` lifecycle. */
  pushInboundSms(params?: Readonly<Record<string, unknown>>): Lifecycle;
  /** A call reaches one of your numbers: schedules the `voice.inbound` lifecycle. */
  pushIncomingCall(params?: Readonly<Record<string, unknown>>): Lifecycle;
  /** A message reaches you on a Messages channel: schedules the `messages.inbound` lifecycle. */
  pushInboundMessage(channel: string, params?: Readonly<Record<string, unknown>>): Lifecycle;
  /** Cancels pending webhooks and forgets everything: recordings, calls, verifications, balance, ids. */
  reset(): void;
  /** Cancels pending webhooks and closes the default sender. */
  close(): Promise<void>;
}
