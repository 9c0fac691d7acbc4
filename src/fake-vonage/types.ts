import type { DeliveryResult } from '../delivery/delivery-result.js';
import type { RetryMode } from '../delivery/sender-types.js';
import type { WebhookTimeouts } from '../delivery/timeouts.js';
import type { RequestParts } from '../delivery/to-request.js';
import type { EventName } from '../fixtures/events.js';
import type { MessagesChannel, MessagesInboundType } from '../fixtures/messages/types.js';
import type { ResponseContract } from '../fixtures/shared/define-event.js';
import type { DateInput } from '../fixtures/shared/types.js';
import type { ScenarioName, ScenarioParamsMap } from '../scenarios/create-scenario.js';
import type {
  ChaosOptions,
  Scenario,
  ScenarioOptions,
  TypedEventPayload,
  WebhookTarget,
} from '../scenarios/types.js';
import type { SmsSignatureMethod } from '../signing/sms-signature.js';
import type { VonageApplication, WebhookSettings } from './account/application.js';
import type { WebhookUrlSetting } from './account/application-paths.js';
import type { ClockMode } from './engine/clock.js';
import type { TranscriptEntry } from './engine/conversation.js';
import type { EndUserScript } from './engine/end-user-script.js';
import type {
  InboundMessageParams,
  InboundSmsParams,
  IncomingCallParams,
} from './lifecycles/push-overrides.js';

/**
 * A webhook URL, or a URL with the HTTP method for it (the older form of {@link ApplicationWebhooks}).
 */
export type WebhookEndpoint = string | URL | { readonly url: string | URL; readonly method?: 'GET' | 'POST' };

/**
 * The webhook settings of {@link FakeVonageOptions.webhooks}: the names of `vws serve`'s flags
 * ({@link WebhookSettings}: `answerUrl`, `eventUrl`, `inboundUrl`, `statusUrl`, `smsDlrUrl`...), and,
 * still accepted, the names of the first release (`voiceAnswer`, `messagesStatus`,
 * `smsDeliveryReceipt`...), which take a {@link WebhookEndpoint}. A flag name wins over an old one.
 */
export interface ApplicationWebhooks extends WebhookSettings {
  /** @deprecated Use `answerUrl` and `answerMethod`. */
  readonly voiceAnswer?: WebhookEndpoint;
  /** @deprecated Use `eventUrl` and `eventMethod`. */
  readonly voiceEvent?: WebhookEndpoint;
  /** @deprecated Use `fallbackAnswerUrl` and `fallbackAnswerMethod`. */
  readonly voiceFallback?: WebhookEndpoint;
  /** @deprecated Use `inboundUrl`. */
  readonly messagesInbound?: WebhookEndpoint;
  /** @deprecated Use `statusUrl`. */
  readonly messagesStatus?: WebhookEndpoint;
  /** @deprecated Use `smsInboundUrl`. */
  readonly smsInbound?: WebhookEndpoint;
  /** @deprecated Use `smsDlrUrl`. */
  readonly smsDeliveryReceipt?: WebhookEndpoint;
  /** @deprecated Use `verifyStatusUrl`. */
  readonly verifyStatus?: WebhookEndpoint;
}

/**
 * The dashboard's SMS "Webhook format" setting (reference sms.md#transport): `GET` (query string), `POST` (form
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
  /** The application's own timeouts for this webhook (`connection_timeout`, `socket_timeout`). */
  readonly timeout?: Partial<WebhookTimeouts>;
  /** How the answer is read when it is not the event's own contract (a synchronous connect's events). */
  readonly response?: ResponseContract;
}

/** Sends one webhook request and judges the answer; the default uses `createSender()`. */
export type DeliverWebhook = (parts: RequestParts, webhook: OutgoingWebhook) => Promise<DeliveryResult>;

/**
 * Extra params per scenario name for {@link FakeVonageOptions.scenario}, each typed by its scenario
 * (`ScenarioParamsMap`); the fake's own inbound lifecycles (`sms.inbound`, `messages.inbound`) check
 * theirs at run time when they start.
 */
export type ScenarioParamsOption = {
  readonly [TName in ScenarioName]?: Readonly<Partial<ScenarioParamsMap[TName]>>;
} & {
  readonly 'sms.inbound'?: Readonly<Record<string, unknown>>;
  readonly 'messages.inbound'?: Readonly<Record<string, unknown>>;
};

/** Options of {@link createFakeVonage}. */
export interface FakeVonageOptions {
  /**
   * The application in the Applications API v2 shape (what `GET /v2/applications/:id` returns):
   * its Voice, Messages, Verify and RTC webhooks, methods and timeouts. It is the account's default
   * application, served by the fake's Applications API under its `id` (or `applicationId`).
   */
  readonly application?: VonageApplication;
  /**
   * Webhook URLs by the names of `vws serve`'s flags: the default application's (`answerUrl`,
   * `eventUrl`, `inboundUrl`, `statusUrl`...) and the account's SMS URLs (`smsInboundUrl`,
   * `smsDlrUrl`). They win over `application` and `webhookBaseUrl`. URLs in a request win over all.
   */
  readonly webhooks?: ApplicationWebhooks;
  /**
   * Your app's base URL: every webhook setting not given goes to its conventional path below it
   * (`/webhooks/answer`, `/webhooks/event`, `/webhooks/inbound`, `/webhooks/status`,
   * `/webhooks/inbound-sms`, `/webhooks/delivery-receipt`, ...; see `toConventionalWebhooks`).
   */
  readonly webhookBaseUrl?: string | URL;
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
    readonly params?: ScenarioParamsOption;
    readonly chaos?: ChaosOptions;
  };
  /** Multiplies each webhook's Vonage time; 0 delivers as fast as possible (still in order). Default 1. */
  readonly timeScale?: number;
  /**
   * `auto` (default): virtual time follows real time × `timeScale`. `manual`: nothing happens until
   * `advance(ms)` or `runUntilIdle()` (or `settled()`), so a 60-second call takes no real time and a
   * seeded run is the same on any machine (docs/decisions/107); `timeScale` has no effect then.
   *
   * @example
   * ```ts
   * const vonage = createFakeVonage({ clock: 'manual', webhooks: { answerUrl: 'http://127.0.0.1:3000/answer' } });
   * vonage.pushIncomingCall({ caller: ['press 1'] });
   * await vonage.advance(5_000); // the first 5 s of the call
   * await vonage.runUntilIdle(); // the rest
   * ```
   */
  readonly clock?: ClockMode;
  /**
   * What the person at a number does, by number (E.164, `+` optional): the caller of
   * `pushIncomingCall` from it, the callee of a call or `connect` to it (`busy`, `no answer`,
   * `voicemail`, then `press`/`say`/`wait`/`hang up`), the recipient of a message to it.
   * Steps as in {@link EndUserScript}.
   */
  readonly endUsers?: Readonly<Record<string, EndUserScript>>;
  /** Vonage's retries for the default sender (`vonage`), or one attempt (`none`, default). */
  readonly retries?: RetryMode;
  /** Sends each webhook; default a `createSender()` owned (and closed) by the fake. */
  readonly deliver?: DeliverWebhook;
  /** Builds lifecycles; default the `src/scenarios` generators. */
  readonly createScenario?: CreateScenario;
  /**
   * How many API calls, webhooks and lifecycles each record keeps; the oldest are dropped first, so
   * a long-running `serve` stays bounded. Default 10000.
   */
  readonly recordLimit?: number;
  /** The account balance in EUR that prices are taken from. Default 10. */
  readonly balance?: number;
  /** The code a Verify v2 check accepts; default the first `code_length` digits of 1234567890. */
  readonly verifyCode?: string | ((requestId: string) => string);
}

/**
 * An API call the fake received, with the answer it gave, recorded without credentials: `api_secret`
 * (query, form or JSON), `Authorization` values (`Basic [REDACTED]`) and private keys in the answer
 * read `[REDACTED]`; everything else is as sent (docs/decisions/102-credentials-never-printed.md).
 */
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

/** One webhook of a lifecycle as the fake keeps it: its payload a JSON record (see {@link RecordedDelivery}). */
export interface DeliveryRecord {
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
  /** The wire shape's catalog version (`v0.1`) when it is not the event's default. */
  readonly version?: string;
  readonly state: DeliveryState;
  /**
   * The exact request sent, credentials included: the `Authorization: Bearer` webhook JWT (or `sig`),
   * so that a test can verify its signature. It stays in process; `vws serve` redacts it in its log
   * and `/_vws/deliveries` (docs/decisions/102-credentials-never-printed.md).
   */
  readonly request: RequestParts | null;
  readonly result: DeliveryResult | null;
  /** Why it was not sent. */
  readonly reason: string | null;
}

/**
 * One webhook of a lifecycle, as the fake recorded it: a union over the event names, so that
 * checking `event` narrows `payload` (issue 13).
 *
 * @example
 * ```ts
 * import { createFakeVonage } from 'vonage-webhook-simulator';
 * const vonage = createFakeVonage({ timeScale: 0 });
 * for (const delivery of vonage.deliveries) {
 *   if (delivery.event === 'sms.delivery_receipt.delivered') console.log(delivery.payload.status); // 'delivered'
 * }
 * ```
 */
export type RecordedDelivery = {
  [TName in EventName]: Omit<DeliveryRecord, 'event' | 'payload' | 'version'> & TypedEventPayload<TName>;
}[EventName];

/**
 * The recorded deliveries an event name or family (`messages.status` for every status) matches, each
 * payload typed by its event; every delivery for a name known only at run time.
 */
export type RecordedDeliveryOf<TMatch extends string> = string extends TMatch
  ? RecordedDelivery
  : Extract<RecordedDelivery, { readonly event: TMatch | `${TMatch}.${string}` }>;

/** A lifecycle the fake started: an API call's or an inbound push's. */
export interface Lifecycle {
  readonly index: number;
  readonly scenario: string;
  readonly ids: Scenario['ids'];
  /** Resolves when every webhook of it has been delivered (or not sent). */
  readonly done: Promise<void>;
  /** Why its webhooks could not be generated (the API call was still answered); `settled()` rejects with it. */
  readonly error: Error | null;
  /**
   * What happened, in order, for a call or a verification (what Vonage said, what the person did,
   * each webhook with the app's answer and NCCO, the end and why); empty for planned lifecycles.
   * Print it with `toTranscriptText`.
   */
  readonly transcript: readonly TranscriptEntry[];
}

/** Options of `settled`. */
export interface SettledOptions {
  /** Reject after this many milliseconds of waiting. Default 30000. */
  readonly timeoutMs?: number;
  /**
   * Also reject, naming each webhook, when any was not accepted: the app answered outside 200-205,
   * refused the connection, reset it or timed out, or it could not be sent (no URL). Default false.
   */
  readonly strict?: boolean;
}

/** Which webhook `waitFor` waits for: an event name or family (`messages.status` matches `messages.status.read`), or a predicate. */
export type DeliveryMatcher = string | ((delivery: RecordedDelivery) => boolean);

/** Options of `waitFor`. */
export interface WaitForOptions {
  /** Reject after this many milliseconds. Default 30000. */
  readonly timeoutMs?: number;
}

/** How often a scripted outcome applies: to the next matching send only, or to every one. */
export const outcomeTimes = ['once', 'always'] as const;

/** What the next send to a number does; see `FakeVonage.scriptOutcome`. */
export interface OutcomeRule {
  /** The number the app sends to or calls (E.164, with or without `+`), or a Messenger/other channel id. */
  readonly to: string;
  /**
   * What happens: an outcome of the lifecycle (`sms.send`: a receipt status such as `rejected`,
   * `expired`, `failed`; `messages.send`: `delivered`, `read`, `rejected`, `undeliverable`;
   * `voice.outbound`: `busy`, `unanswered`, `failed`, `machine`...; `verify.v2`: `failed`, `expired`...).
   */
  readonly outcome: string;
  /** The lifecycle it is for (`sms.send`, `messages.send`, `voice.outbound`, `verify.v2`). Default: the first send to `to` whose lifecycle has this outcome. */
  readonly scenario?: string;
  /** `once` (default) or `always`. */
  readonly times?: (typeof outcomeTimes)[number];
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
  /**
   * Resolves when every scheduled webhook has been delivered or given up; rejects on timeout naming
   * what is pending, and with `strict` naming each webhook the app did not accept. With a manual
   * clock it first runs the clock until idle, so time passes: a call runs to its end and a Verify
   * request with no code check expires (use `advance(ms)` to stop earlier). At `timeScale: 0` it does
   * not wait for a Verify request waiting for its check.
   */
  settled(options?: SettledOptions): Promise<void>;
  /** Manual clock: moves virtual time forward by `ms`, running every call step, webhook and answer due on the way. */
  advance(ms: number): Promise<void>;
  /** Manual clock: runs until no call, message or verification has anything left to do. */
  runUntilIdle(): Promise<void>;
  /** Virtual milliseconds since the fake was created (its clock's time). */
  now(): number;
  /**
   * Resolves with the first webhook that matches once it has been sent (or given up: see its
   * `state`), whether it was sent before the call or after; rejects after `timeoutMs`. Waiting for
   * an event name or family types the payload by it (`(await waitFor('sms.delivery_receipt.delivered')).payload.status`).
   */
  waitFor<const TMatch extends DeliveryMatcher>(
    match: TMatch,
    options?: WaitForOptions,
  ): Promise<TMatch extends string ? RecordedDeliveryOf<TMatch> : RecordedDelivery>;
  /** Says what the next send to a number does (or every send, with `times: 'always'`). Throws for an unknown scenario or outcome. */
  scriptOutcome(rule: OutcomeRule): void;
  /**
   * Where each kind of webhook goes now when a request names no URL: the default application's
   * settings and the account's SMS ones, by the names of `vws serve`'s flags; `null` when unset.
   */
  webhookRoutes(): Record<WebhookUrlSetting, { readonly url: string; readonly method: string } | null>;
  /** Forgets every scripted outcome. */
  clearOutcomes(): void;
  /** Scripted outcomes not used up yet, in the order they were given. */
  readonly outcomes: readonly OutcomeRule[];
  /** An SMS reaches one of your numbers: schedules the `sms.inbound` lifecycle. */
  pushInboundSms(params?: InboundSmsParams): Lifecycle;
  /**
   * A call reaches one of your numbers: Vonage requests the application's answer URL and runs the
   * NCCO it returns, with `caller` (or the `endUsers` script of `from`) as the person calling
   * (docs/decisions/107). `overrides` change its answer request, and its events follow the answer's
   * `from`, `to`, `uuid`, `conversation_uuid`. A bad step or number throws at once; nothing starts.
   */
  pushIncomingCall(params?: IncomingCallParams): Lifecycle;
  /**
   * A message reaches you on a Messages channel: schedules the `messages.inbound` lifecycle of
   * `messages.inbound.<channel>.<messageType>` (default `text`), in the `webhookVersion` shape.
   * Wrong params or overrides throw `VWS_ERR_INVALID_OPTION` at once, and no lifecycle starts.
   */
  pushInboundMessage<
    TChannel extends MessagesChannel,
    TType extends MessagesInboundType<TChannel> = 'text' & MessagesInboundType<TChannel>,
  >(channel: TChannel, params?: InboundMessageParams<TChannel, TType>): Lifecycle;
  /** Cancels pending webhooks and forgets everything: recordings, calls, verifications, balance, ids. */
  reset(): void;
  /** Cancels pending webhooks and closes the default sender. */
  close(): Promise<void>;
}
