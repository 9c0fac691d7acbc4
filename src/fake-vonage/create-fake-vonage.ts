import {
  createSender,
  type DeliverOptions,
  type RetryMode,
  retryModes,
  type Sender,
} from '../delivery/create-sender.js';
import type { WebhookTimeouts } from '../delivery/timeouts.js';
import { type ToRequestOptions, toRequestParts } from '../delivery/to-request.js';
import { VwsError } from '../errors.js';
import { getEvent, listEvents } from '../fixtures/catalog.js';
import { toEpochMillis } from '../fixtures/shared/context.js';
import type { ResponseContract, TransportFormat } from '../fixtures/shared/define-event.js';
import { DEFAULT_SEED } from '../fixtures/shared/types.js';
import { findClosest } from '../internal/closest.js';
import { isScenarioName, scenarioNames, scenarioParamNames } from '../scenarios/create-scenario.js';
import { toPhoneNumber } from '../scenarios/phone-of.js';
import { createScenarioFaker } from '../scenarios/scenario-random.js';
import type { Scenario, WebhookTarget } from '../scenarios/types.js';
import { isSmsSignatureMethod } from '../signing/sms-signature.js';
import type { ApiContext } from './api-context.js';
import { type ApiReply, type LifecycleStart, methodNotAllowed, notFound } from './api-reply.js';
import {
  targetSettings,
  toApplicationEndpoint,
  toMessagesVersion,
  toTransportFormat,
  type WebhookUrlSetting,
  webhookUrlSettings,
} from './application.js';
import { createCredentialCheck, toAcceptedCredentials } from './credentials.js';
import { clockModes, createVirtualClock, type Sleep } from './engine/clock.js';
import type {
  ConversationHost,
  EngineContext,
  SendOutcome,
  SendRequest,
  TranscriptEntry,
} from './engine/conversation.js';
import {
  type EndUserRole,
  type EndUserScript,
  type EndUserStep,
  parseEndUserScript,
} from './engine/end-user-script.js';
import { runVoiceCall, type VoiceCallPlan, type VoiceCallRequest } from './engine/voice-call.js';
import { toVonageHost, toVonageUrl, type VonageHostKind } from './hosts.js';
import { createIdSource, createUuidStream, type IdSource } from './id-source.js';
import {
  createDefaultScenario,
  toInboundMessageParams,
  toInboundSmsParams,
  toIncomingCallParams,
} from './inbound-lifecycles.js';
import { createOutcomeScript } from './outcome-script.js';
import type { IncomingCallParams } from './push-overrides.js';
import { readApiRequest } from './read-request.js';
import { redactRecordedRequest } from './redact.js';
import { findRoute } from './routes.js';
import { createFakeState, type FakeState, type StoredApplication } from './state.js';
import {
  type DeliveryMatcher,
  type DeliveryState,
  type FakeVonage,
  type FakeVonageOptions,
  type Lifecycle,
  type OutgoingWebhook,
  type RecordedDelivery,
  type RecordedRequest,
  type SmsWebhookFormat,
  smsWebhookFormats,
} from './types.js';
import { toWebhookConfig } from './webhook-config.js';

/** How many API calls, webhooks and lifecycles each record keeps by default (`recordLimit`). */
export const DEFAULT_RECORD_LIMIT = 10_000;

/** The `vws serve` flag of a setting: `smsDlrUrl` is `sms-dlr-url`. */
const toFlag = (setting: WebhookUrlSetting): string =>
  setting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DeliveryEntry = Mutable<RecordedDelivery> & {
  format: TransportFormat;
  fallbackUrl?: string;
  timeout?: Partial<WebhookTimeouts>;
  /** Not sent on purpose (the request asked for none): never a failure for `settled({ strict })`. */
  skipped: boolean;
  response?: ResponseContract;
};

// The fake's timers are its clock's, taken when the module loads (docs/decisions/106, 107).
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

const smsFormats: Readonly<Record<SmsWebhookFormat, TransportFormat>> = {
  GET: 'query',
  POST: 'form',
  'POST-JSON': 'json',
};

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

function checkOptions(options: FakeVonageOptions): void {
  const { seed, timeScale, balance, smsWebhookFormat, smsSignatureMethod, retries, recordLimit } = options;
  if (recordLimit !== undefined && !(Number.isSafeInteger(recordLimit) && recordLimit >= 1)) {
    throw invalid(
      `Invalid recordLimit ${String(recordLimit)}: use a whole number of 1 or more, such as 10000.`,
    );
  }
  for (const [name, params] of Object.entries(options.scenario?.params ?? {})) {
    // The inbound pushes check their own params when they start (docs/decisions/103).
    if (name === 'sms.inbound' || name === 'messages.inbound') continue;
    if (!isScenarioName(name)) {
      throw invalid(
        `Unknown scenario "${name}" in scenario.params: use ${[...scenarioNames, 'sms.inbound', 'messages.inbound'].join(', ')}.`,
      );
    }
    const known = scenarioParamNames[name];
    const unknown = Object.keys(params).find((key) => !known.includes(key));
    if (unknown !== undefined) {
      const hint = findClosest(unknown, known);
      throw invalid(
        `Unknown param "${unknown}" in scenario.params["${name}"].${hint.length > 0 ? ` Did you mean "${hint[0]}"?` : ''} Use ${known.join(', ')}.`,
      );
    }
  }
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) {
    throw invalid(`Invalid seed ${String(seed)}: use a non-negative integer such as 42.`);
  }
  if (timeScale !== undefined && !(Number.isFinite(timeScale) && timeScale >= 0)) {
    throw invalid(
      `Invalid timeScale ${String(timeScale)}: use 0 (as fast as possible), 1 (real time) or a factor between.`,
    );
  }
  if (balance !== undefined && !Number.isFinite(balance)) {
    throw invalid(`Invalid balance ${String(balance)}: use an amount in EUR such as 10.`);
  }
  if (
    smsWebhookFormat !== undefined &&
    !(smsWebhookFormats as readonly string[]).includes(smsWebhookFormat)
  ) {
    throw invalid(
      `Invalid smsWebhookFormat "${String(smsWebhookFormat)}": use ${smsWebhookFormats.join(', ')}.`,
    );
  }
  if (smsSignatureMethod !== undefined) {
    if (!isSmsSignatureMethod(smsSignatureMethod)) {
      throw invalid(
        `Invalid smsSignatureMethod "${String(smsSignatureMethod)}": use md5hash, md5, sha1, sha256 or sha512.`,
      );
    }
    if (options.signatureSecret === undefined || options.signatureSecret === '') {
      throw invalid(
        'smsSignatureMethod needs the signature secret that signs with it: pass signatureSecret too.',
      );
    }
  }
  if (options.clock !== undefined && !(clockModes as readonly string[]).includes(options.clock)) {
    throw invalid(`Invalid clock "${String(options.clock)}": use ${clockModes.join(' or ')}.`);
  }
  if (retries !== undefined && !(retryModes as readonly string[]).includes(retries)) {
    throw invalid(`Invalid retries "${String(retries)}": use ${retryModes.join(' or ')}.`);
  }
}

/** Checks a `timeoutMs` option; default 30 s. */
function checkTimeout(value: number | undefined): number {
  const timeoutMs = value ?? 30_000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs >= 0)) {
    throw invalid(`Invalid timeoutMs ${String(timeoutMs)}: use a number of milliseconds such as 30000.`);
  }
  return timeoutMs;
}

/** `waitFor`'s matcher: an event name or family prefix, or a predicate. */
function toMatcher(match: DeliveryMatcher): (entry: RecordedDelivery) => boolean {
  if (typeof match === 'function') return match;
  if (typeof match !== 'string' || match === '') {
    throw invalid('Invalid waitFor match: give an event name such as "sms.delivery_receipt" or a predicate.');
  }
  const known = listEvents().map((entry) => entry.name);
  if (!known.some((name) => name === match || name.startsWith(`${match}.`))) {
    // Every event and family name (`messages`, `messages.status`, `messages.status.read`...).
    const names = [
      ...new Set(
        known.flatMap((name) =>
          name.split('.').map((_, index, parts) => parts.slice(0, index + 1).join('.')),
        ),
      ),
    ];
    const hint = findClosest(match, names);
    throw invalid(
      `Unknown event "${match}" for waitFor.${hint.length > 0 ? ` Did you mean "${hint[0]}"?` : ''} Run "vws list" to see all events; a family such as "messages.status" matches each of its events.`,
    );
  }
  return (entry) => entry.event === match || entry.event.startsWith(`${match}.`);
}

/** One line naming a webhook the app did not accept, and why. */
function describeFailure(entry: RecordedDelivery): string {
  const name = `${entry.event} (lifecycle #${entry.lifecycle})`;
  if (entry.state === 'not_sent') return `${name} not sent: ${entry.reason ?? 'no reason given'}`;
  const why = entry.result?.error?.message;
  return `${name}: ${why ?? `${entry.result?.outcome ?? 'no result'} from ${entry.url ?? entry.target}`}`;
}

/** The callee's first step for a scripted `voice.outbound` outcome (decision 106's outcomes on the engine). */
const calleeStepOfOutcome: Readonly<Record<string, string>> = {
  answered: 'answer',
  busy: 'busy',
  rejected: 'reject',
  failed: 'fail',
  machine: 'voicemail',
};

/** Checks the `endUsers` option: each number's script must read as a caller, callee, chat or verify script. */
function toEndUsers(endUsers: FakeVonageOptions['endUsers']): Map<string, EndUserScript> {
  const map = new Map<string, EndUserScript>();
  for (const [number, script] of Object.entries(endUsers ?? {})) {
    if (!/^\+?[1-9]\d{6,14}$/.test(number)) {
      throw invalid(
        `endUsers key "${number}": use the person's phone number in E.164 format, such as "447700900002" ("+" optional).`,
      );
    }
    const roles: EndUserRole[] = ['callee', 'caller', 'chat', 'verify'];
    const errors: string[] = [];
    for (const role of roles) {
      try {
        parseEndUserScript(script, role);
        errors.length = 0;
        break;
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    if (errors.length > 0) throw invalid(`endUsers["${number}"]: ${errors[0]}`);
    map.set(number.replace(/^\+/, ''), script);
  }
  return map;
}

/**
 * How the sender delivers one of the fake's webhooks: its event (timeouts, retries, NCCO reading),
 * fallback URL, the application's timeouts and, for a synchronous connect, the NCCO contract. One
 * place for the core's own sender and `vws serve`'s logging one.
 */
export function toDeliverOptions(webhook: OutgoingWebhook): DeliverOptions {
  return {
    event: webhook.event,
    ...(webhook.fallbackUrl === undefined ? {} : { fallbackUrl: webhook.fallbackUrl }),
    ...(webhook.timeout === undefined ? {} : { timeout: webhook.timeout }),
    ...(webhook.response === undefined ? {} : { response: webhook.response }),
  };
}

/** A promise with its resolver. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** The default verify code: the first `length` digits of 1234567890. */
const defaultVerifyCode = (_requestId: string, length: number): string => '1234567890'.slice(0, length);

/** Where the fake's lifecycle seeds and signature ids come from, per generation (`reset` starts anew). */
interface Generation {
  readonly number: number;
  readonly ids: IdSource;
  readonly state: FakeState;
}

/**
 * Creates a fake of the Vonage REST APIs, framework-free: `handle(request)` takes the standard
 * fetch `Request` an app sends to a Vonage host and answers as Vonage does (its checks, error bodies
 * and statuses, realistic success answers), then delivers the webhooks that follow (the lifecycle
 * of `src/scenarios`) to the URLs in the request or the application's webhooks, signed as
 * configured, at `atMs × timeScale`. Everything it receives and sends is recorded.
 *
 * Serves: SMS `POST /sms/json` and `POST /account/settings` (rest.nexmo.com), Messages
 * `POST /v1/messages` and `/v0.1/messages` (also the sandbox), Voice `/v1/calls` with call control,
 * Number Insight `/ni/advanced/async/json`, Verify v2 `/v2/verify` and code checks, and the
 * Applications API `/v2/applications`, on api.nexmo.com and the regional hosts. Webhooks go where
 * the account and its applications say (`application`, `webhooks`, `webhookBaseUrl`, or by API),
 * unless the request names a URL (docs/decisions/105).
 *
 * @see https://developer.vonage.com/en/api
 * @example
 * ```ts
 * import { createFakeVonage } from 'vonage-webhook-simulator';
 * const vonage = createFakeVonage({
 *   apiKey: 'a1b2c3d4', apiSecret: 'secret', signatureSecret: 'signing-secret', timeScale: 0,
 *   webhooks: { smsDlrUrl: 'http://127.0.0.1:3000/track-dlr' },
 * });
 * const response = await vonage.handle(new Request('https://rest.nexmo.com/sms/json', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ api_key: 'a1b2c3d4', api_secret: 'secret', from: 'AcmeInc', to: '447700900123', text: 'Hi' }),
 * }));
 * await vonage.settled();
 * console.log(response?.status, vonage.deliveries.map((delivery) => delivery.result?.status));
 * await vonage.close();
 * ```
 */
export function createFakeVonage(options: FakeVonageOptions = {}): FakeVonage {
  checkOptions(options);
  const seed = options.seed ?? DEFAULT_SEED;
  const timeScale = options.timeScale ?? 1;
  const refDate = options.refDate === undefined ? undefined : toEpochMillis(options.refDate);
  const now = options.now ?? Date.now;
  // The default application's id when neither the application nor applicationId names one.
  const config = toWebhookConfig(options, createUuidStream(seed, 0x617070)());
  const recordLimit = options.recordLimit ?? DEFAULT_RECORD_LIMIT;
  const smsFormat = smsFormats[options.smsWebhookFormat ?? 'POST-JSON'];
  const createScenario = options.createScenario ?? createDefaultScenario;
  const auth = createCredentialCheck(
    toAcceptedCredentials({
      ...options,
      // An application given by file is accepted as well as `applicationId`.
      applicationId: options.applicationId ?? options.application?.id,
    }),
    // Applications created through the fake's Applications API are the account's too.
    (applicationId) => generation.state.applications.has(applicationId),
  );
  const signatureSecret = options.signatureSecret === '' ? undefined : options.signatureSecret;
  const smsSignatureMethod = options.smsSignatureMethod;
  // The account's API key: the `api_key` claim and `api-key` field; drawn from the seed when not given.
  const accountApiKey = options.apiKey ?? createUuidStream(seed, 0x6b6579)().slice(0, 8);
  const verifyCode = options.verifyCode;
  const retries: RetryMode = options.retries ?? 'none';
  const endUsers = toEndUsers(options.endUsers);
  const createdAt = now();
  /** Epoch ms of a conversation that starts at virtual `startAt`: a manual clock's time, else as before (refDate or now). */
  const epochAt = (startAt: number): number =>
    options.clock === 'manual' ? (refDate ?? createdAt) + startAt : (refDate ?? now());
  let closed = false;
  let deliveryCount = 0;

  let sender: Sender | undefined;
  const deliver =
    options.deliver ??
    ((parts, webhook: OutgoingWebhook) => {
      sender ??= createSender({
        // A manual clock's retries run at once: virtual time does not pass during a delivery.
        timeScale: options.clock === 'manual' ? 0 : timeScale,
        retries,
        apiKey: accountApiKey,
        ...(signatureSecret === undefined ? {} : { signatureSecret }),
        ...(options.applicationId === undefined ? {} : { applicationId: options.applicationId }),
      });
      return sender.deliver(parts, undefined, toDeliverOptions(webhook));
    });

  const newGeneration = (number: number): Generation => ({
    number,
    ids: createIdSource(seed),
    state: createFakeState({
      balance: options.balance ?? 10,
      applications: [config.application],
      defaultApplicationId: config.application.id,
      account: config.account,
    }),
  });
  let generation = newGeneration(0);
  const requests: RecordedRequest[] = [];
  const deliveries: DeliveryEntry[] = [];
  const lifecycles: Lifecycle[] = [];
  /** Lifecycles still delivering (kept apart from `lifecycles`, which drops its oldest past the limit). */
  const running = new Map<number, Promise<void>>();
  /** Conversations waiting on the app with no end of their own (timeScale 0): settled does not wait for them. */
  const parked = new Set<number>();
  let parkChanged = deferred();
  /** Entries scheduled and not finished, for cancelling even after they left `deliveries`. */
  const unfinished = new Set<DeliveryEntry>();
  /** Called whenever a webhook finishes (sent, not sent or cancelled): `waitFor` listens here. */
  const finishedListeners = new Set<(entry: DeliveryEntry) => void>();
  const outcomes = createOutcomeScript();
  let nextLifecycleIndex = 0;
  /** Keys of `running` and `parked`: unlike lifecycle indexes, never reused after `reset()`. */
  let nextRunId = 0;

  const keep = <T>(list: T[], ...items: T[]) => {
    list.push(...items);
    if (list.length > recordLimit) list.splice(0, list.length - recordLimit);
  };
  const finish = (entry: DeliveryEntry) => {
    unfinished.delete(entry);
    for (const listener of finishedListeners) listener(entry);
  };

  const clock = createVirtualClock({ mode: options.clock ?? 'auto', timeScale });
  const cancelAll = () => {
    clock.cancelAll();
    for (const entry of [...unfinished]) {
      if (entry.state === 'pending') entry.state = 'cancelled';
      finish(entry);
    }
  };

  /**
   * Where a lifecycle's webhooks of one target go: the URL the request named, else the
   * application's (the one the request authenticated as, else the default) or the account's.
   */
  function routeOf(
    target: WebhookTarget,
    start: LifecycleStart,
    state: FakeState,
  ):
    | { url: string; format: TransportFormat; timeout?: Partial<WebhookTimeouts> }
    | { reason: string; skipped: boolean } {
    const route = start.routes[target];
    const fallbackFormat: TransportFormat =
      target === 'sms-inbound' || target === 'sms-delivery-receipt'
        ? smsFormat
        : target === 'voice-answer'
          ? 'query'
          : 'json';
    if (route !== undefined) {
      if ('skip' in route) return { reason: route.skip, skipped: true };
      return { url: route.url, format: route.format ?? fallbackFormat };
    }
    const { setting, request } = targetSettings[target];
    if (setting === 'smsInboundUrl' || setting === 'smsDlrUrl') {
      const url = state.account[setting];
      if (url !== null) return { url, format: smsFormat };
    } else if (setting !== undefined) {
      const endpoint = toApplicationEndpoint(applicationOf(start.applicationId, state), setting);
      if (endpoint !== undefined) {
        return {
          url: endpoint.url,
          format: target.startsWith('voice-') ? toTransportFormat(endpoint.method) : fallbackFormat,
          ...(endpoint.timeout === undefined ? {} : { timeout: endpoint.timeout }),
        };
      }
    }
    const where = [
      ...(setting === undefined
        ? []
        : [
            setting === 'smsInboundUrl' || setting === 'smsDlrUrl'
              ? `the account's ${setting} (webhooks.${setting}, --${toFlag(setting)} or POST /account/settings)`
              : `the application's ${setting} (webhooks.${setting}, --${toFlag(setting)}, --application or the Applications API)`,
          ]),
      ...(request === undefined ? [] : [request]),
    ];
    return { reason: `No URL for ${target} webhooks: set ${where.join(' or ')}.`, skipped: false };
  }

  /** The application a request's webhooks follow: its own (the JWT's), else the default. */
  function applicationOf(applicationId: string | undefined, state: FakeState): StoredApplication | undefined {
    const own = applicationId === undefined ? undefined : state.applications.get(applicationId);
    return own ?? state.applications.get(state.defaultApplicationId);
  }

  /** What Vonage's own records learn from a webhook when it is due: call states, finished verifications. */
  function observe(state: FakeState, payload: Record<string, unknown>): void {
    const status = payload.status;
    const uuid = payload.uuid ?? payload.call_uuid;
    if (typeof status === 'string' && typeof uuid === 'string') {
      const call = state.calls.get(uuid);
      if (call !== undefined) {
        call.status = status;
        for (const key of ['rate', 'price', 'duration', 'start_time', 'end_time', 'network'] as const) {
          if (typeof payload[key] === 'string') call[key] = payload[key] as string;
        }
      }
    }
    if (payload.type === 'summary' && typeof payload.request_id === 'string') {
      const verification = state.verifications.get(payload.request_id);
      if (verification !== undefined) verification.active = false;
    }
  }

  /** Builds, signs and delivers one webhook, recording what came of it. */
  async function deliverEntry(
    entry: DeliveryEntry,
    start: LifecycleStart,
    nonce: () => string,
    owner: Generation,
  ): Promise<void> {
    observe(owner.state, entry.payload);
    if (entry.state !== 'pending' || entry.url === null) {
      finish(entry);
      return;
    }
    const catalog = getEvent(entry.event);
    const requestOptions: Mutable<ToRequestOptions> = {
      url: entry.url,
      format: entry.format,
      now,
      createId: nonce,
    };
    if (catalog.signing === 'jwt' && signatureSecret !== undefined) {
      requestOptions.signatureSecret = signatureSecret;
      requestOptions.apiKey = start.apiKey ?? accountApiKey;
      const applicationId = start.applicationId ?? options.applicationId;
      if (applicationId !== undefined) requestOptions.applicationId = applicationId;
    }
    if (
      catalog.signing === 'sms-signature' &&
      signatureSecret !== undefined &&
      smsSignatureMethod !== undefined
    ) {
      requestOptions.signatureSecret = signatureSecret;
      requestOptions.signatureMethod = smsSignatureMethod;
    }
    try {
      entry.request = toRequestParts({ name: entry.event, payload: entry.payload }, requestOptions);
    } catch (error) {
      entry.state = 'not_sent';
      entry.reason = (error as Error).message;
      finish(entry);
      return;
    }
    const webhook: OutgoingWebhook = {
      event: entry.event,
      target: entry.target,
      url: entry.url,
      payload: entry.payload,
      atMs: entry.atMs,
      lifecycle: entry.lifecycle,
      ...(entry.fallbackUrl === undefined ? {} : { fallbackUrl: entry.fallbackUrl }),
      ...(entry.timeout === undefined ? {} : { timeout: entry.timeout }),
      ...(entry.response === undefined ? {} : { response: entry.response }),
    };
    try {
      const result = await deliver(entry.request, webhook);
      if (entry.state === 'pending') {
        entry.result = result;
        entry.state = 'sent';
      }
    } catch (error) {
      if (entry.state === 'pending') {
        entry.state = 'not_sent';
        entry.reason = `The deliver function failed: ${(error as Error).message}`;
      }
    }
    finish(entry);
  }

  /** A planned lifecycle (SMS, Messages, Number Insight): each webhook at its time on the clock. */
  async function runPlanned(
    entries: readonly DeliveryEntry[],
    start: LifecycleStart,
    lifecycleSeed: number,
    owner: Generation,
    startAt: number,
  ): Promise<void> {
    const nonce = createUuidStream(lifecycleSeed, 0x6e6f6e63);
    for (const entry of entries) {
      // At least one turn of the clock: the app gets the API answer before the first webhook is built.
      await clock.sleep(startAt + entry.atMs, `${start.scenario} lifecycle`).promise;
      if (owner !== generation || closed) return;
      await deliverEntry(entry, start, nonce, owner);
    }
  }

  /**
   * The host a reactive conversation (a call, a verification) runs on: its own time on the clock,
   * webhooks routed and recorded like a planned lifecycle's, and an interrupt for its inbox.
   */
  function createHost(
    index: number,
    runId: number,
    lifecycleSeed: number,
    start: LifecycleStart,
    owner: Generation,
    transcript: TranscriptEntry[],
  ): ConversationHost {
    const startAt = clock.now();
    let cursor = startAt;
    let current: Sleep | undefined;
    let pendingInterrupt = false;
    const nonce = createUuidStream(lifecycleSeed, 0x6e6f6e63);
    const epoch = epochAt(startAt) - startAt;
    // Chaos on a conversation: jitter delays a webhook (and so the flow), duplicates send it twice;
    // reorder and late receipts do not apply to a flow whose next step waits on the answer (decision 107).
    const chaos = options.scenario?.chaos;
    const jitterMs = Number.isFinite(chaos?.jitterMs) ? Math.max(0, chaos?.jitterMs ?? 0) : 0;
    const duplicates = Number.isFinite(chaos?.duplicates)
      ? Math.min(1, Math.max(0, chaos?.duplicates ?? 0))
      : 0;
    const chaosFaker =
      jitterMs > 0 || duplicates > 0
        ? createScenarioFaker(lifecycleSeed, `${start.scenario}:chaos`)
        : undefined;
    const host: ConversationHost = {
      index,
      seed: lifecycleSeed,
      epoch,
      transcript,
      now: () => cursor,
      async sleepUntil(atMs, sleepOptions = {}) {
        // After reset or close a conversation runs to its end at once, sending nothing.
        if (owner !== generation || closed) return 'woken';
        if (pendingInterrupt) {
          pendingInterrupt = false;
          return 'woken';
        }
        const parks = sleepOptions.forApp === true && clock.mode === 'auto' && timeScale === 0;
        current = clock.sleep(parks ? Number.POSITIVE_INFINITY : atMs, `${start.scenario} #${index}`);
        if (parks) setParked(runId, true);
        const reason = await current.promise;
        if (parks) setParked(runId, false);
        current = undefined;
        cursor = Math.max(cursor, reason === 'timer' ? atMs : Math.min(atMs, clock.now()));
        return reason;
      },
      interrupt() {
        if (current === undefined) pendingInterrupt = true;
        else current.wake();
      },
      cancelled: () => owner !== generation || closed,
      async send(request) {
        const delay =
          chaosFaker === undefined || jitterMs === 0 ? 0 : chaosFaker.number.int({ min: 0, max: jitterMs });
        if (delay > 0) await host.sleepUntil(cursor + delay);
        const outcome = await sendOnce(request, delay > 0 ? 'jitter' : undefined);
        if (
          chaosFaker !== undefined &&
          duplicates > 0 &&
          chaosFaker.datatype.boolean({ probability: duplicates })
        ) {
          await sendOnce(request, 'duplicate');
        }
        return outcome;
      },
    };
    return host;

    async function sendOnce(request: SendRequest, mark: string | undefined): Promise<SendOutcome> {
      if (owner !== generation || closed) {
        return {
          delivery: -1,
          ok: false,
          notSent: 'The fake was reset or closed.',
          url: null,
          method: 'POST',
          status: null,
          outcome: 'cancelled',
          ncco: null,
          nccoIssues: [],
        };
      }
      const route =
        request.route === undefined
          ? routeOf(request.target, start, owner.state)
          : {
              url: request.route.url,
              format: request.route.method === 'GET' ? ('query' as const) : ('json' as const),
            };
      const entry: DeliveryEntry = {
        lifecycle: index,
        scenario: start.scenario,
        event: request.event,
        target: request.target,
        url: 'url' in route ? route.url : null,
        format:
          'url' in route
            ? route.format
            : request.route?.method === 'GET' ||
                (request.route === undefined && request.target === 'voice-answer')
              ? 'query'
              : 'json',
        payload: request.payload,
        atMs: Math.round(cursor - startAt),
        ...(mark === undefined ? {} : { chaos: mark }),
        ...(request.readNcco === true ? { response: 'optional-ncco' as const } : {}),
        state: 'url' in route ? 'pending' : 'not_sent',
        request: null,
        result: null,
        reason: 'reason' in route ? route.reason : null,
        skipped: 'skipped' in route && route.skipped,
        ...('timeout' in route && route.timeout !== undefined ? { timeout: route.timeout } : {}),
      };
      const number = deliveryCount++;
      keep(deliveries, entry);
      if (entry.state === 'pending') unfinished.add(entry);
      await deliverEntry(entry, start, nonce, owner);
      const result = entry.result;
      const ncco = Array.isArray(result?.ncco) && result.ncco.length > 0 ? (result.ncco as unknown[]) : null;
      return {
        delivery: number,
        ok: entry.state === 'sent' && result?.ok === true,
        notSent: entry.state === 'not_sent' ? (entry.reason ?? 'not sent') : null,
        url: entry.url,
        method: entry.format === 'query' ? 'GET' : 'POST',
        status: result?.status ?? null,
        outcome: result?.outcome ?? entry.state,
        ncco,
        nccoIssues: result?.nccoIssues ?? [],
      };
    }
  }

  function startLifecycle(
    start: LifecycleStart,
    owner: Generation,
  ): { lifecycle: Lifecycle; scenario: Scenario | null } {
    if (start.call !== undefined) {
      const call = start.call;
      return {
        lifecycle: startConversation(
          start,
          owner,
          { uuid: call.uuid, conversation_uuid: call.conversationUuid },
          (engine) => runVoiceCall(engine, toCallPlan(start, call, owner)),
        ),
        scenario: null,
      };
    }
    if (start.conversation !== undefined) {
      return {
        lifecycle: startConversation(start, owner, start.ids ?? {}, start.conversation),
        scenario: null,
      };
    }
    const index = nextLifecycleIndex++;
    const lifecycleSeed = owner.ids.lifecycleSeed();
    const extra = options.scenario?.params?.[start.scenario] ?? {};
    const application = applicationOf(start.applicationId, owner.state);
    // The application's Messages version sets the shape of statuses and inbound messages.
    const version =
      (start.scenario === 'messages.send' || start.scenario === 'messages.inbound') &&
      start.params.webhookVersion === undefined &&
      toMessagesVersion(application) === 'v0.1'
        ? { webhookVersion: 'v0.1' }
        : {};
    let scenario: Scenario | null = null;
    let error: Error | null = null;
    try {
      scenario = createScenario(start.scenario, {
        seed: lifecycleSeed,
        refDate: epochAt(clock.now()),
        params: {
          ...extra,
          ...version,
          ...start.params,
          ...outcomes.take(start.scenario, start.to ?? start.params.to),
          // The recipient's script (endUsers) adds reads and replies to a send (docs/decisions/107).
          ...recipientOf(start),
        },
        ...(options.scenario?.chaos === undefined ? {} : { chaos: options.scenario.chaos }),
      });
      start.onStart?.(scenario);
    } catch (cause) {
      error = new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `The ${start.scenario} lifecycle (#${index}) could not be generated: ${(cause as Error).message}`,
        { cause },
      );
    }
    const fallbackRoute = routeOf('voice-fallback', start, owner.state);
    const fallback = 'url' in fallbackRoute ? fallbackRoute.url : undefined;
    const entries: DeliveryEntry[] = (scenario?.webhooks ?? []).map((webhook) => {
      const route = routeOf(webhook.target, start, owner.state);
      const state: DeliveryState = 'url' in route ? 'pending' : 'not_sent';
      return {
        lifecycle: index,
        scenario: start.scenario,
        event: webhook.event,
        target: webhook.target,
        url: 'url' in route ? route.url : null,
        format: 'url' in route ? route.format : 'json',
        payload: webhook.payload,
        atMs: webhook.atMs,
        ...(webhook.chaos === undefined ? {} : { chaos: webhook.chaos }),
        ...(webhook.version === undefined ? {} : { version: webhook.version }),
        state,
        request: null,
        result: null,
        reason: 'reason' in route ? route.reason : null,
        skipped: 'skipped' in route && route.skipped,
        ...('timeout' in route && route.timeout !== undefined ? { timeout: route.timeout } : {}),
        ...(fallback !== undefined && (webhook.target === 'voice-answer' || webhook.target === 'voice-event')
          ? { fallbackUrl: fallback }
          : {}),
      };
    });
    keep(deliveries, ...entries);
    for (const entry of entries) if (entry.state === 'pending') unfinished.add(entry);
    const startAt = clock.now();
    const lifecycle: Mutable<Lifecycle> = {
      index,
      scenario: start.scenario,
      ids: scenario?.ids ?? {},
      done: Promise.resolve(),
      error,
      transcript: [],
    };
    lifecycle.done = track(
      clock.spawn(
        `lifecycle #${index}`,
        () => runPlanned(entries, start, lifecycleSeed, owner, startAt),
        (cause) => {
          lifecycle.error ??= cause as Error;
        },
      ),
      nextRunId++,
    );
    keep(lifecycles, lifecycle);
    return { lifecycle, scenario };
  }

  /** A Messages send's `recipient` param: the script of the number it goes to, when `endUsers` has one. */
  function recipientOf(start: LifecycleStart): { recipient?: readonly EndUserStep[] } {
    if (start.scenario !== 'messages.send' || start.params.recipient !== undefined) return {};
    const to = start.to ?? start.params.to;
    const recipient = typeof to === 'string' ? scriptOf(to, 'chat') : undefined;
    return recipient === undefined ? {} : { recipient };
  }

  /** Counts a lifecycle as running until it ends (for `settled`). */
  function track(done: Promise<void>, runId: number): Promise<void> {
    running.set(runId, done);
    void done.then(() => {
      running.delete(runId);
      parked.delete(runId);
    });
    return done;
  }

  /** Marks a conversation waiting on the app with no end of its own, and tells `settled`. */
  function setParked(runId: number, isParked: boolean): void {
    if (isParked) parked.add(runId);
    else parked.delete(runId);
    const { resolve } = parkChanged;
    parkChanged = deferred();
    resolve();
  }

  /** The person a number's calls and messages meet (`endUsers`), in the role asked. */
  function scriptOf(number: string | undefined, role: EndUserRole): readonly EndUserStep[] | undefined {
    if (number === undefined) return undefined;
    const script = endUsers.get(number.replace(/^\+/, ''));
    if (script === undefined) return undefined;
    try {
      return parseEndUserScript(script, role);
    } catch {
      // A script for another role (a chat user's `read` for a number a call rings): not this person's.
      return undefined;
    }
  }

  /** Starts a reactive conversation (a call, a verification) on the engine (docs/decisions/107). */
  function startConversation(
    start: LifecycleStart,
    owner: Generation,
    ids: Lifecycle['ids'],
    run: (engine: EngineContext) => Promise<void>,
  ): Lifecycle {
    const index = nextLifecycleIndex++;
    const lifecycleSeed = owner.ids.lifecycleSeed();
    const transcript: TranscriptEntry[] = [];
    const lifecycle: Mutable<Lifecycle> = {
      index,
      scenario: start.scenario,
      ids,
      done: Promise.resolve(),
      error: null,
      transcript,
    };
    const runId = nextRunId++;
    const host = createHost(index, runId, lifecycleSeed, start, owner, transcript);
    const engine: EngineContext = {
      host,
      state: owner.state,
      newUuid: createUuidStream(lifecycleSeed, 0x6c6567),
      scriptFor: scriptOf,
      applicationId: start.applicationId ?? options.applicationId ?? owner.state.defaultApplicationId,
      params: {
        ...(options.scenario?.params?.[start.scenario] ?? {}),
        ...(start.call === undefined ? outcomes.take(start.scenario, start.to ?? start.params.to) : {}),
      },
    };
    lifecycle.done = track(
      clock.spawn(
        `${start.scenario} #${index}`,
        () => run(engine),
        (cause) => {
          lifecycle.error ??= new VwsError(
            'VWS_ERR_INVALID_OPTION',
            `The ${start.scenario} lifecycle (#${index}) failed: ${(cause as Error).message}`,
            { cause },
          );
        },
      ),
      runId,
    );
    keep(lifecycles, lifecycle);
    return lifecycle;
  }

  /** A call request completed with the account's settings: fallback URL, scripts, scripted outcomes. */
  function toCallPlan(start: LifecycleStart, call: VoiceCallRequest, owner: Generation): VoiceCallPlan {
    const fallback = routeOf('voice-fallback', start, owner.state);
    const fallbackRoute =
      'url' in fallback
        ? { url: fallback.url, method: fallback.format === 'query' ? ('GET' as const) : ('POST' as const) }
        : undefined;
    const configured = options.scenario?.params?.[start.scenario] ?? {};
    let person: readonly EndUserStep[];
    let ringOutcome: VoiceCallPlan['ringOutcome'];
    if (call.direction === 'outbound') {
      const scripted = outcomes.take(start.scenario, call.to)?.outcome ?? configured.outcome;
      const outcomeStep = typeof scripted === 'string' ? calleeStepOfOutcome[scripted] : undefined;
      if (scripted === 'unanswered' || scripted === 'timeout' || scripted === 'cancelled')
        ringOutcome = scripted;
      person =
        call.person ??
        (outcomeStep === undefined ? undefined : parseEndUserScript(outcomeStep, 'callee')) ??
        scriptOf(call.to, 'callee') ??
        [];
    } else {
      person = call.person ?? scriptOf(call.from, 'caller') ?? [];
    }
    return {
      ...call,
      person,
      ...(fallbackRoute === undefined ? {} : { fallbackRoute }),
      ...(configured.completedAfterFailure === true ? { completedAfterFailure: true } : {}),
      ...(ringOutcome === undefined ? {} : { ringOutcome }),
    };
  }

  function toResponse(
    status: number,
    body: unknown,
    headers: Record<string, string>,
    raw?: ApiReply['raw'],
  ): Response {
    if (raw !== undefined) {
      return new Response(raw.body, { status, headers: { 'content-type': raw.contentType, ...headers } });
    }
    if (body === null || body === undefined) return new Response(null, { status, headers });
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  }

  function push(scenario: string, params: Record<string, unknown>, onStart?: (scenario: Scenario) => void) {
    return startLifecycle(
      {
        scenario,
        params,
        routes: {},
        apiKey: accountApiKey,
        ...(options.applicationId === undefined ? {} : { applicationId: options.applicationId }),
        ...(onStart === undefined ? {} : { onStart }),
      },
      generation,
    ).lifecycle;
  }

  /** Answers one API request for a Vonage host (the body of `handle`). */
  async function answer(
    request: Request,
    url: URL,
    host: VonageHostKind,
    owner: Generation,
  ): Promise<Response> {
    const apiRequest = await readApiRequest(request);
    const traceId = owner.ids.traceId();
    const found = findRoute(host, request.method, url.pathname);
    let reply: ApiReply;
    let api: string | null = null;
    if (found.kind === 'handler') {
      api = found.api;
      const context: ApiContext = {
        request: apiRequest,
        auth,
        ids: owner.ids,
        traceId,
        state: owner.state,
        hasVoiceEventUrl: (applicationId) =>
          toApplicationEndpoint(applicationOf(applicationId, owner.state), 'eventUrl') !== undefined,
        smsSigning: { secret: signatureSecret, method: smsSignatureMethod ?? 'md5hash' },
        verifyCode:
          verifyCode === undefined
            ? defaultVerifyCode
            : typeof verifyCode === 'string'
              ? () => verifyCode
              : (requestId) => verifyCode(requestId),
      };
      reply = found.handler(context, found.match);
    } else if (found.kind === 'method-not-allowed') {
      api = found.api;
      reply = methodNotAllowed(request.method, url.pathname, found.allowed, traceId);
    } else {
      reply = notFound(request.method, url.pathname, traceId);
    }
    let body = reply.body;
    let lifecycleIndex: number | null = null;
    if (reply.lifecycle !== undefined) {
      const started = startLifecycle(reply.lifecycle, owner);
      lifecycleIndex = started.lifecycle.index;
      if (reply.lifecycle.toBody !== undefined) body = reply.lifecycle.toBody(started.scenario);
    }
    const response = toResponse(
      reply.status,
      body,
      { 'x-nexmo-trace-id': traceId, ...reply.headers },
      reply.raw,
    );
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    // Recorded without credentials: the records are served by /_vws/requests and logged (decision 102).
    keep(
      requests,
      redactRecordedRequest({
        method: apiRequest.method,
        url: url.href,
        headers: apiRequest.headers,
        body: apiRequest.body,
        api,
        response: {
          status: reply.status,
          headers: responseHeaders,
          body:
            reply.raw !== undefined
              ? `<${reply.raw.body.byteLength} bytes ${reply.raw.contentType}>`
              : body === null || body === undefined
                ? null
                : JSON.stringify(body),
        },
        lifecycle: lifecycleIndex,
      }),
    );
    return response;
  }

  return {
    async handle(request) {
      const url = toVonageUrl(request.url, request.headers);
      const host = url === null ? null : toVonageHost(url);
      if (url === null || host === null) return undefined;
      const owner = generation;
      // The request counts as work in progress: a manual clock waits for it before moving on.
      const release = clock.hold();
      try {
        return await answer(request, url, host, owner);
      } finally {
        release();
      }
    },
    get requests() {
      return requests;
    },

    get deliveries() {
      return deliveries;
    },
    get lifecycles() {
      return lifecycles;
    },
    async settled(settledOptions = {}) {
      const timeoutMs = checkTimeout(settledOptions.timeoutMs);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = realSetTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        // A manual clock moves only when told: settling runs it until nothing is left to do.
        if (clock.mode === 'manual') await Promise.race([clock.runUntilIdle(), timeout]);
        // Webhook handlers may call the API again and start more lifecycles: wait until none runs
        // (a verification waiting for its code check at timeScale 0 does not count).
        for (;;) {
          const active = [...running].filter(([runId]) => !parked.has(runId)).map(([, done]) => done);
          if (active.length === 0) break;
          const outcome = await Promise.race([Promise.all(active), parkChanged.promise, timeout]);
          if (outcome === 'timeout') {
            const pending = [...unfinished].filter((entry) => entry.state === 'pending');
            const listed = pending
              .slice(0, 5)
              .map(
                (entry) =>
                  `${entry.event} to ${entry.url ?? entry.target} (lifecycle #${entry.lifecycle} ${entry.scenario}, due at ${entry.atMs} ms)`,
              );
            const more = pending.length > 5 ? `, and ${pending.length - 5} more` : '';
            if (pending.length === 0) {
              // No webhook is due: a call or verification is still going (a long NCCO, a menu that
              // repeats until the caller hangs up).
              const going = [...running.keys()].filter((runId) => !parked.has(runId)).length;
              throw new VwsError(
                'VWS_ERR_SETTLE_TIMEOUT',
                `settled() gave up after ${timeoutMs} ms with ${going} call(s) or conversation(s) still going and no webhook due yet (a long flow, or one that repeats until the caller hangs up: give the caller a "hang up" step). Raise timeoutMs, lower timeScale, or use clock: 'manual' with advance(ms).`,
              );
            }
            throw new VwsError(
              'VWS_ERR_SETTLE_TIMEOUT',
              `settled() gave up after ${timeoutMs} ms with ${pending.length} webhook(s) pending: ${listed.join('; ')}${more}. Raise timeoutMs or lower timeScale (0 delivers at once).`,
            );
          }
        }
      } finally {
        realClearTimeout(timer);
      }
      const failed = lifecycles.find((each) => each.error !== null);
      if (failed?.error) throw failed.error;
      if (settledOptions.strict === true) {
        const rejected = deliveries.filter(
          (entry) =>
            (entry.state === 'sent' && entry.result?.ok === false) ||
            (entry.state === 'not_sent' && !entry.skipped),
        );
        if (rejected.length > 0) {
          const listed = rejected.slice(0, 10).map(describeFailure);
          const more = rejected.length > 10 ? ` And ${rejected.length - 10} more.` : '';
          throw new VwsError(
            'VWS_ERR_SETTLE_FAILED',
            `settled({ strict: true }): ${rejected.length} webhook(s) not accepted: ${listed.join(' ')}${more}`,
          );
        }
      }
    },
    waitFor(match, waitOptions = {}) {
      let timeoutMs: number;
      let matches: (entry: RecordedDelivery) => boolean;
      try {
        timeoutMs = checkTimeout(waitOptions.timeoutMs);
        matches = toMatcher(match);
      } catch (error) {
        return Promise.reject(error);
      }
      const done = (entry: DeliveryEntry) => entry.state !== 'pending' && matches(entry);
      const found = deliveries.find(done);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise<RecordedDelivery>((resolve, reject) => {
        const listener = (entry: DeliveryEntry) => {
          if (!done(entry)) return;
          realClearTimeout(timer);
          finishedListeners.delete(listener);
          resolve(entry);
        };
        const timer = realSetTimeout(() => {
          finishedListeners.delete(listener);
          const seen = [...new Set(deliveries.map((entry) => entry.event))].slice(0, 8);
          reject(
            new VwsError(
              'VWS_ERR_SETTLE_TIMEOUT',
              `waitFor(${typeof match === 'string' ? JSON.stringify(match) : 'predicate'}) gave up after ${timeoutMs} ms: no matching webhook was sent${seen.length === 0 ? ' (none was sent at all)' : ` (sent: ${seen.join(', ')})`}. ${clock.mode === 'manual' ? ' The clock is manual and waitFor does not move it: call advance(ms) or runUntilIdle() first.' : ''} Check the event name with "vws list", raise timeoutMs or lower timeScale.`,
            ),
          );
        }, timeoutMs);
        finishedListeners.add(listener);
      });
    },
    advance(ms) {
      return clock.advance(ms);
    },
    runUntilIdle() {
      return clock.runUntilIdle();
    },
    now() {
      return clock.now();
    },
    webhookRoutes() {
      const { state } = generation;
      const application = state.applications.get(state.defaultApplicationId);
      const smsMethod = options.smsWebhookFormat ?? 'POST-JSON';
      return Object.fromEntries(
        webhookUrlSettings.map((setting) => {
          if (setting === 'smsInboundUrl' || setting === 'smsDlrUrl') {
            const url = state.account[setting];
            return [setting, url === null ? null : { url, method: smsMethod }];
          }
          const endpoint = toApplicationEndpoint(application, setting);
          return [setting, endpoint === undefined ? null : { url: endpoint.url, method: endpoint.method }];
        }),
      ) as ReturnType<FakeVonage['webhookRoutes']>;
    },
    scriptOutcome(rule) {
      outcomes.add(rule);
    },
    clearOutcomes() {
      outcomes.clear();
    },
    get outcomes() {
      return outcomes.rules();
    },
    pushInboundSms(params = {}) {
      // Checked before the lifecycle starts: a wrong param or override throws here, and starts nothing.
      return push('sms.inbound', { apiKey: accountApiKey, ...toInboundSmsParams(params) });
    },
    pushIncomingCall(params = {}) {
      const owner = generation;
      const { caller, ...rest } = params as IncomingCallParams & { readonly caller?: unknown };
      // Checked before the call starts: a wrong param, override or caller step throws here.
      const person = caller === undefined ? undefined : parseEndUserScript(caller as EndUserScript, 'caller');
      const checked = toIncomingCallParams(rest);
      // The numbers are checked now, as the call would check them when it starts.
      for (const key of ['from', 'to'] as const) {
        const value = checked[key];
        if (typeof value === 'string')
          toPhoneNumber(createScenarioFaker(0, 'check'), value.replace(/^\+/, ''), key);
      }
      const overrides = checked.overrides as Record<string, unknown> | undefined;
      const call: VoiceCallRequest = {
        direction: 'inbound',
        uuid: typeof checked.uuid === 'string' ? checked.uuid : owner.ids.uuid(),
        conversationUuid:
          typeof checked.conversationUuid === 'string'
            ? checked.conversationUuid
            : owner.ids.conversationUuid(),
        ...(typeof checked.from === 'string' ? { from: checked.from.replace(/^\+/, '') } : {}),
        ...(typeof checked.to === 'string' ? { to: checked.to.replace(/^\+/, '') } : {}),
        answer: null,
        ...(person === undefined ? {} : { person }),
        ...(overrides === undefined ? {} : { answerOverrides: overrides }),
      };
      return startLifecycle(
        {
          scenario: 'voice.inbound',
          params: {},
          routes: {},
          apiKey: accountApiKey,
          ...(options.applicationId === undefined ? {} : { applicationId: options.applicationId }),
          call,
        },
        owner,
      ).lifecycle;
    },
    pushInboundMessage(channel, params = {}) {
      // The shape is known before the lifecycle starts, so the overrides are checked against it: the
      // push's own, else the application's (capabilities.messages.version), else scenario.params'.
      const asked = (params as { readonly webhookVersion?: unknown }).webhookVersion;
      const application = applicationOf(options.applicationId, generation.state);
      const webhookVersion =
        asked ??
        (toMessagesVersion(application) === 'v0.1'
          ? 'v0.1'
          : options.scenario?.params?.['messages.inbound']?.webhookVersion);
      const checked = toInboundMessageParams(
        channel,
        webhookVersion === undefined ? params : { ...params, webhookVersion },
      );
      return push('messages.inbound', { messageUuid: generation.ids.uuid(), ...checked });
    },
    reset() {
      cancelAll();
      generation = newGeneration(generation.number + 1);
      requests.length = 0;
      deliveries.length = 0;
      lifecycles.length = 0;
      outcomes.clear();
      nextLifecycleIndex = 0;
    },
    async close() {
      closed = true;
      cancelAll();
      const own = sender;
      sender = undefined;
      // Aborts what is in flight: an app that never answers must not hold close() for its timeout.
      await own?.close({ abort: true });
    },
  };
}
