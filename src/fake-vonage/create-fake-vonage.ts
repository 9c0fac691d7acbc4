import { createSender, type RetryMode, retryModes, type Sender } from '../delivery/create-sender.js';
import { type ToRequestOptions, toRequestParts } from '../delivery/to-request.js';
import { VwsError } from '../errors.js';
import { getEvent } from '../fixtures/catalog.js';
import { toEpochMillis } from '../fixtures/shared/context.js';
import type { TransportFormat } from '../fixtures/shared/define-event.js';
import { DEFAULT_SEED } from '../fixtures/shared/types.js';
import type { Scenario, WebhookTarget } from '../scenarios/types.js';
import { isSmsSignatureMethod } from '../signing/sms-signature.js';
import type { ApiContext } from './api-context.js';
import { type ApiReply, type LifecycleStart, methodNotAllowed, notFound } from './api-reply.js';
import { createCredentialCheck, toAcceptedCredentials } from './credentials.js';
import { toVonageHost, toVonageUrl } from './hosts.js';
import { createIdSource, createUuidStream, type IdSource } from './id-source.js';
import { createDefaultScenario } from './inbound-lifecycles.js';
import { readApiRequest } from './read-request.js';
import { findRoute } from './routes.js';
import { type CallRecord, createFakeState, type FakeState } from './state.js';
import {
  type ApplicationWebhooks,
  type DeliveryState,
  type FakeVonage,
  type FakeVonageOptions,
  type Lifecycle,
  type OutgoingWebhook,
  type RecordedDelivery,
  type RecordedRequest,
  type SmsWebhookFormat,
  smsWebhookFormats,
  type WebhookEndpoint,
} from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type DeliveryEntry = Mutable<RecordedDelivery> & { format: TransportFormat; fallbackUrl?: string };

interface Endpoint {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
}

/** Each target's application setting and what else can name its URL, for the "no URL" reasons. */
const targetSettings: Readonly<Record<WebhookTarget, { key?: keyof ApplicationWebhooks; request?: string }>> =
  {
    'voice-answer': { key: 'voiceAnswer', request: 'answer_url in the Create Call request' },
    'voice-event': { key: 'voiceEvent', request: 'event_url in the Create Call request' },
    'voice-fallback': { key: 'voiceFallback' },
    'sms-inbound': { key: 'smsInbound' },
    'sms-delivery-receipt': { key: 'smsDeliveryReceipt', request: 'callback in the send request' },
    'messages-inbound': { key: 'messagesInbound' },
    'messages-status': { key: 'messagesStatus', request: 'webhook_url in the send request' },
    'number-insight': { request: 'callback in the request' },
    'verify-status': { key: 'verifyStatus' },
  };

const smsFormats: Readonly<Record<SmsWebhookFormat, TransportFormat>> = {
  GET: 'query',
  POST: 'form',
  'POST-JSON': 'json',
};

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

function toEndpoint(name: string, value: WebhookEndpoint): Endpoint {
  const raw = typeof value === 'string' || value instanceof URL ? { url: value } : value;
  let url: URL;
  try {
    url = new URL(raw.url);
  } catch {
    throw invalid(
      `Invalid webhooks.${name} "${String(raw.url)}": use an absolute http(s) URL such as http://127.0.0.1:3000/webhooks/event.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`Invalid webhooks.${name} "${url.href}": Vonage calls http:// or https:// URLs only.`);
  }
  if (raw.method !== undefined && raw.method !== 'GET' && raw.method !== 'POST') {
    throw invalid(`Invalid webhooks.${name} method "${String(raw.method)}": use GET or POST.`);
  }
  return raw.method === undefined ? { url: url.href } : { url: url.href, method: raw.method };
}

function toEndpoints(webhooks: ApplicationWebhooks): Partial<Record<keyof ApplicationWebhooks, Endpoint>> {
  const endpoints: Partial<Record<keyof ApplicationWebhooks, Endpoint>> = {};
  for (const [name, value] of Object.entries(webhooks) as [keyof ApplicationWebhooks, WebhookEndpoint][]) {
    if (value !== undefined) endpoints[name] = toEndpoint(name, value);
  }
  return endpoints;
}

function checkOptions(options: FakeVonageOptions): void {
  const { seed, timeScale, balance, smsWebhookFormat, smsSignatureMethod, retries } = options;
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
  if (retries !== undefined && !(retryModes as readonly string[]).includes(retries)) {
    throw invalid(`Invalid retries "${String(retries)}": use ${retryModes.join(' or ')}.`);
  }
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
 * Serves: SMS `POST /sms/json` (rest.nexmo.com), Messages `POST /v1/messages` (also the sandbox),
 * Voice `/v1/calls` with call control, Number Insight `/ni/advanced/async/json`, Verify v2
 * `/v2/verify` and code checks, on api.nexmo.com and the regional hosts.
 *
 * @see https://developer.vonage.com/en/api
 * @example
 * ```ts
 * import { createFakeVonage } from 'vonage-webhook-simulator';
 * const vonage = createFakeVonage({
 *   apiKey: 'a1b2c3d4', apiSecret: 'secret', signatureSecret: 'signing-secret', timeScale: 0,
 *   webhooks: { smsDeliveryReceipt: 'http://127.0.0.1:3000/webhooks/dlr' },
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
  const endpoints = toEndpoints(options.webhooks ?? {});
  const smsFormat = smsFormats[options.smsWebhookFormat ?? 'POST-JSON'];
  const createScenario = options.createScenario ?? createDefaultScenario;
  const auth = createCredentialCheck(toAcceptedCredentials(options));
  const signatureSecret = options.signatureSecret === '' ? undefined : options.signatureSecret;
  const smsSignatureMethod = options.smsSignatureMethod;
  // The account's API key: the `api_key` claim and `api-key` field; drawn from the seed when not given.
  const accountApiKey = options.apiKey ?? createUuidStream(seed, 0x6b6579)().slice(0, 8);
  const verifyCode = options.verifyCode;
  const retries: RetryMode = options.retries ?? 'none';

  let sender: Sender | undefined;
  const deliver =
    options.deliver ??
    ((parts, webhook: OutgoingWebhook) => {
      sender ??= createSender({
        timeScale,
        retries,
        apiKey: accountApiKey,
        ...(signatureSecret === undefined ? {} : { signatureSecret }),
        ...(options.applicationId === undefined ? {} : { applicationId: options.applicationId }),
      });
      return sender.deliver(parts, undefined, {
        event: webhook.event,
        ...(webhook.fallbackUrl === undefined ? {} : { fallbackUrl: webhook.fallbackUrl }),
      });
    });

  const newGeneration = (number: number): Generation => ({
    number,
    ids: createIdSource(seed),
    state: createFakeState(options.balance ?? 10),
  });
  let generation = newGeneration(0);
  const requests: RecordedRequest[] = [];
  const deliveries: DeliveryEntry[] = [];
  const lifecycles: Lifecycle[] = [];

  // Timers of scheduled webhooks, so that reset and close can cancel them.
  const sleepers = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: () => void }>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const sleeper = {
        timer: setTimeout(() => {
          sleepers.delete(sleeper);
          resolve();
        }, ms),
        resolve,
      };
      sleepers.add(sleeper);
    });
  const cancelAll = () => {
    for (const sleeper of sleepers) {
      clearTimeout(sleeper.timer);
      sleeper.resolve();
    }
    sleepers.clear();
    for (const entry of deliveries) if (entry.state === 'pending') entry.state = 'cancelled';
  };

  function routeOf(
    target: WebhookTarget,
    start: LifecycleStart,
  ): { url: string; format: TransportFormat } | { reason: string } {
    const route = start.routes[target];
    const voice = target.startsWith('voice-');
    const fallbackFormat: TransportFormat =
      target === 'sms-inbound' || target === 'sms-delivery-receipt'
        ? smsFormat
        : target === 'voice-answer'
          ? 'query'
          : 'json';
    if (route !== undefined) {
      if ('skip' in route) return { reason: route.skip };
      return { url: route.url, format: route.format ?? fallbackFormat };
    }
    const setting = targetSettings[target];
    const endpoint = setting.key === undefined ? undefined : endpoints[setting.key];
    if (endpoint !== undefined) {
      const format =
        voice && endpoint.method !== undefined
          ? endpoint.method === 'GET'
            ? 'query'
            : 'json'
          : fallbackFormat;
      return { url: endpoint.url, format };
    }
    const where = [
      ...(setting.key === undefined ? [] : [`webhooks.${setting.key} in createFakeVonage()`]),
      ...(setting.request === undefined ? [] : [setting.request]),
    ];
    return { reason: `No URL for ${target} webhooks: set ${where.join(' or ')}.` };
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

  async function run(
    entries: readonly DeliveryEntry[],
    start: LifecycleStart,
    lifecycleSeed: number,
    owner: Generation,
  ): Promise<void> {
    const nonce = createUuidStream(lifecycleSeed, 0x6e6f6e63);
    const startedAt = performance.now();
    for (const entry of entries) {
      // At least one macrotask: the app gets the API answer before the first webhook is built.
      await sleep(Math.max(0, startedAt + entry.atMs * timeScale - performance.now()));
      if (owner !== generation) return;
      observe(owner.state, entry.payload);
      if (entry.state !== 'pending' || entry.url === null) continue;
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
        continue;
      }
      const webhook: OutgoingWebhook = {
        event: entry.event,
        target: entry.target,
        url: entry.url,
        payload: entry.payload,
        atMs: entry.atMs,
        lifecycle: entry.lifecycle,
        ...(entry.fallbackUrl === undefined ? {} : { fallbackUrl: entry.fallbackUrl }),
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
    }
  }

  function startLifecycle(
    start: LifecycleStart,
    owner: Generation,
  ): { lifecycle: Lifecycle; scenario: Scenario | null } {
    const index = lifecycles.length;
    const lifecycleSeed = owner.ids.lifecycleSeed();
    const extra = options.scenario?.params?.[start.scenario] ?? {};
    let scenario: Scenario | null = null;
    let error: Error | null = null;
    try {
      scenario = createScenario(start.scenario, {
        seed: lifecycleSeed,
        refDate: refDate ?? now(),
        params: { ...extra, ...start.params },
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
    const fallback = endpoints.voiceFallback?.url;
    const entries: DeliveryEntry[] = (scenario?.webhooks ?? []).map((webhook) => {
      const route = routeOf(webhook.target, start);
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
        state,
        request: null,
        result: null,
        reason: 'reason' in route ? route.reason : null,
        ...(fallback !== undefined && (webhook.target === 'voice-answer' || webhook.target === 'voice-event')
          ? { fallbackUrl: fallback }
          : {}),
      };
    });
    deliveries.push(...entries);
    const done = run(entries, start, lifecycleSeed, owner);
    const lifecycle: Lifecycle = { index, scenario: start.scenario, ids: scenario?.ids ?? {}, done, error };
    lifecycles.push(lifecycle);
    return { lifecycle, scenario };
  }

  function toResponse(status: number, body: unknown, headers: Record<string, string>): Response {
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

  return {
    async handle(request) {
      const url = toVonageUrl(request.url, request.headers);
      const host = url === null ? null : toVonageHost(url);
      if (url === null || host === null) return undefined;
      const owner = generation;
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
          hasVoiceEventUrl: endpoints.voiceEvent !== undefined,
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
      const response = toResponse(reply.status, body, { 'x-nexmo-trace-id': traceId, ...reply.headers });
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      requests.push({
        method: apiRequest.method,
        url: url.href,
        headers: apiRequest.headers,
        body: apiRequest.body,
        api,
        response: {
          status: reply.status,
          headers: responseHeaders,
          body: body === null || body === undefined ? null : JSON.stringify(body),
        },
        lifecycle: lifecycleIndex,
      });
      return response;
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
      const timeoutMs = settledOptions.timeoutMs ?? 30_000;
      if (!(Number.isFinite(timeoutMs) && timeoutMs >= 0)) {
        throw invalid(`Invalid timeoutMs ${String(timeoutMs)}: use a number of milliseconds such as 30000.`);
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        // Webhook handlers may call the API again and start more lifecycles: wait until none is new.
        for (;;) {
          const count = lifecycles.length;
          const outcome = await Promise.race([Promise.all(lifecycles.map((each) => each.done)), timeout]);
          if (outcome === 'timeout') {
            const pending = deliveries.filter((entry) => entry.state === 'pending');
            const listed = pending
              .slice(0, 5)
              .map(
                (entry) =>
                  `${entry.event} to ${entry.url ?? entry.target} (lifecycle #${entry.lifecycle} ${entry.scenario}, due at ${entry.atMs} ms)`,
              );
            const more = pending.length > 5 ? `, and ${pending.length - 5} more` : '';
            throw new VwsError(
              'VWS_ERR_SETTLE_TIMEOUT',
              `settled() gave up after ${timeoutMs} ms with ${pending.length} webhook(s) pending: ${listed.join('; ')}${more}. Raise timeoutMs or lower timeScale (0 delivers at once).`,
            );
          }
          if (lifecycles.length === count) break;
        }
      } finally {
        clearTimeout(timer);
      }
      const failed = lifecycles.find((each) => each.error !== null);
      if (failed?.error) throw failed.error;
    },
    pushInboundSms(params = {}) {
      return push('sms.inbound', { apiKey: accountApiKey, ...params });
    },
    pushIncomingCall(params = {}) {
      const owner = generation;
      const ids = { uuid: owner.ids.uuid(), conversationUuid: owner.ids.conversationUuid() };
      return push('voice.inbound', { ...ids, ...params }, (scenario) => {
        const answer = scenario.webhooks.find((webhook) => webhook.target === 'voice-answer')?.payload ?? {};
        const uuid =
          typeof scenario.ids.uuid === 'string' ? scenario.ids.uuid : String(params.uuid ?? ids.uuid);
        const record: CallRecord = {
          uuid,
          conversation_uuid:
            typeof scenario.ids.conversation_uuid === 'string'
              ? scenario.ids.conversation_uuid
              : ids.conversationUuid,
          to: { type: 'phone', number: String(answer.to ?? params.to ?? '') },
          from: { type: 'phone', number: String(answer.from ?? params.from ?? '') },
          direction: 'inbound',
          status: 'started',
        };
        owner.state.calls.set(uuid, record);
      });
    },
    pushInboundMessage(channel, params = {}) {
      return push('messages.inbound', { channel, messageUuid: generation.ids.uuid(), ...params });
    },
    reset() {
      cancelAll();
      generation = newGeneration(generation.number + 1);
      requests.length = 0;
      deliveries.length = 0;
      lifecycles.length = 0;
    },
    async close() {
      cancelAll();
      const own = sender;
      sender = undefined;
      await own?.close();
    },
  };
}
