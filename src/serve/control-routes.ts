import { isVwsError } from '../errors.js';
import { redactText, redactUrl } from '../fake-vonage/account/redact.js';
import type { FakeVonage, Lifecycle, OutcomeRule } from '../fake-vonage/index.js';
import { toOutcomeRule } from '../fake-vonage/lifecycles/outcome-script.js';
import { countDeliveries } from '../fake-vonage/lifecycles/settling.js';
import { toCallReport } from './call-report.js';
import { DEFAULT_CALL_WAIT_MS, MAX_CALL_WAIT_MS } from './serve-defaults.js';
import { toDeliveryJson, toLifecycleJson, toRequestJson } from './serve-log.js';

/** The path prefix of the server's own endpoints; no Vonage API path starts with it. */
export const controlPrefix = '/_vws';

/** The server's own endpoints, for the 404 that lists them. */
export const controlEndpoints = [
  'GET /_vws/requests',
  'GET /_vws/deliveries',
  'GET /_vws/lifecycles',
  'GET /_vws/lifecycles/:index/transcript',
  'GET /_vws/settled?timeoutMs=30000&strict=true',
  'GET /_vws/wait?event=sms.delivery_receipt&timeoutMs=30000',
  'GET /_vws/outcomes',
  'POST /_vws/outcomes',
  'DELETE /_vws/outcomes',
  'GET /_vws/webhooks',
  'POST /_vws/inbound/sms',
  'POST /_vws/inbound/call',
  'POST /_vws/inbound/message',
  'POST /_vws/reset',
] as const;

/** Tells whether a request path is one of the server's own (`/_vws` or below). */
export function isControlPath(pathname: string): boolean {
  return pathname === controlPrefix || pathname.startsWith(`${controlPrefix}/`);
}

const json = (status: number, value: unknown): Response =>
  new Response(JSON.stringify(value, null, 2), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

const failure = (status: number, code: string, message: string): Response =>
  json(status, { error: { code, message } });

function parseParams(body: string): Record<string, unknown> | string {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return `The body is not JSON (${(error as Error).message}); send a JSON object of lifecycle params, e.g. {"text":"Hi"}.`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return 'The body must be one JSON object of lifecycle params, e.g. {"from":"447700900001","text":"Hi"}.';
  }
  return parsed as Record<string, unknown>;
}

function started(lifecycle: Lifecycle): Response {
  if (lifecycle.error !== null) return failure(400, 'VWS_ERR_INVALID_OPTION', lifecycle.error.message);
  return json(202, { lifecycle: lifecycle.index, scenario: lifecycle.scenario, ids: lifecycle.ids });
}

/** The pushes as a JSON body calls them: untyped, because the fake checks every param at run time. */
interface JsonPushes {
  pushInboundSms(params: Record<string, unknown>): Lifecycle;
  pushIncomingCall(params: Record<string, unknown>): Lifecycle;
  pushInboundMessage(channel: unknown, params: Record<string, unknown>): Lifecycle;
}

const pushes: Readonly<Record<string, (fake: JsonPushes, params: Record<string, unknown>) => Lifecycle>> = {
  sms: (fake, params) => fake.pushInboundSms(params),
  call: (fake, params) => fake.pushIncomingCall(params),
  message: (fake, { channel, ...params }) =>
    // The catalog's inbound default: the `messages.inbound` lifecycle also falls back to sms. A
    // channel that is not a string is refused by the push, not replaced.
    fake.pushInboundMessage(channel ?? 'sms', params),
};

/** The `timeoutMs` query parameter (default 30 s, at most 10 minutes), or the 400 for a bad one. */
function toTimeoutMs(url: URL): number | Response {
  const raw = url.searchParams.get('timeoutMs');
  const timeoutMs = raw === null ? 30_000 : Number(raw);
  if (!(raw !== '' && Number.isFinite(timeoutMs) && timeoutMs >= 0 && timeoutMs <= 600_000)) {
    return failure(
      400,
      'VWS_ERR_INVALID_OPTION',
      `Invalid timeoutMs "${raw}": use milliseconds from 0 to 600000, e.g. ?timeoutMs=30000.`,
    );
  }
  return timeoutMs;
}

/** A boolean query flag: absent, `false` or `0` is false; present, `true` or `1` is true. */
function toFlag(url: URL, name: string): boolean | Response {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === 'false' || raw === '0') return false;
  if (raw === '' || raw === 'true' || raw === '1') return true;
  return failure(
    400,
    'VWS_ERR_INVALID_OPTION',
    `Invalid ${name} "${raw}": use ${name}=true or ${name}=false.`,
  );
}

/** The answer to a wait that failed: 504 for a timeout, 422 for webhooks the app did not accept. */
function waitFailure(error: unknown): Response {
  if (!isVwsError(error)) throw error;
  const status =
    error.code === 'VWS_ERR_SETTLE_TIMEOUT' ? 504 : error.code === 'VWS_ERR_INVALID_OPTION' ? 400 : 422;
  return failure(status, error.code, error.message);
}

async function settle(fake: FakeVonage, url: URL): Promise<Response> {
  const timeoutMs = toTimeoutMs(url);
  if (timeoutMs instanceof Response) return timeoutMs;
  const strict = toFlag(url, 'strict');
  if (strict instanceof Response) return strict;
  try {
    await fake.settled({ timeoutMs, strict });
    // Only webhooks sent count as deliveries; those never sent are counted apart (issue 11).
    const { sent, notSent, skipped } = countDeliveries(fake.deliveries);
    const note =
      notSent === 0
        ? {}
        : {
            note: `${notSent} webhook(s) not sent (no URL, or they could not be built): GET /_vws/deliveries says why; ?strict=true fails on them.`,
          };
    return json(200, { settled: true, deliveries: sent, notSent, skipped, ...note });
  } catch (error) {
    return waitFailure(error);
  }
}

/** `GET /_vws/wait?event=NAME`: the first webhook of that event or family once sent, as `/_vws/deliveries` shows it. */
async function waitForWebhook(fake: FakeVonage, url: URL): Promise<Response> {
  const timeoutMs = toTimeoutMs(url);
  if (timeoutMs instanceof Response) return timeoutMs;
  const event = url.searchParams.get('event');
  if (event === null || event === '') {
    return failure(
      400,
      'VWS_ERR_USAGE',
      'GET /_vws/wait needs ?event=NAME, e.g. ?event=sms.delivery_receipt.',
    );
  }
  try {
    return json(200, toDeliveryJson(await fake.waitFor(event, { timeoutMs })));
  } catch (error) {
    return waitFailure(error);
  }
}

/** `POST /_vws/outcomes`: one rule `{ to, outcome, scenario?, times? }` or an array of them. */
function scriptOutcomes(fake: FakeVonage, body: string): Response {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return failure(
      400,
      'VWS_ERR_INVALID_JSON',
      `The body is not JSON (${(error as Error).message}); send {"to":"447700900123","outcome":"rejected"}.`,
    );
  }
  const rules = Array.isArray(parsed) ? parsed : [parsed];
  try {
    // Checked all first, so a bad rule in a list adds none.
    const checked = rules.map((rule) => {
      toOutcomeRule(rule as OutcomeRule);
      return rule as OutcomeRule;
    });
    for (const rule of checked) fake.scriptOutcome(rule);
  } catch (error) {
    if (!isVwsError(error)) throw error;
    return failure(400, error.code, error.message);
  }
  return json(201, fake.outcomes);
}

/** The body's `wait` and `timeoutMs` of a call push (the rest are the push's params), or the 400. */
function toCallWait(
  params: Record<string, unknown>,
): { readonly wait: boolean; readonly timeoutMs: number; readonly rest: Record<string, unknown> } | Response {
  const { wait = false, timeoutMs = DEFAULT_CALL_WAIT_MS, ...rest } = params;
  if (typeof wait !== 'boolean') {
    return failure(
      400,
      'VWS_ERR_INVALID_OPTION',
      `Invalid wait ${JSON.stringify(wait)}: use true (answer once the call has ended) or false (answer 202 at once).`,
    );
  }
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs < 0 ||
    timeoutMs > MAX_CALL_WAIT_MS
  ) {
    return failure(
      400,
      'VWS_ERR_INVALID_OPTION',
      `Invalid timeoutMs ${JSON.stringify(timeoutMs)}: use milliseconds from 0 to ${MAX_CALL_WAIT_MS}, e.g. "timeoutMs": ${DEFAULT_CALL_WAIT_MS}.`,
    );
  }
  return { wait, timeoutMs, rest };
}

/**
 * `POST /_vws/inbound/call` with `wait: true`: answers once the call has ended with its report and
 * transcript text (200), or 504 after `timeoutMs`.
 */
async function waitForCall(lifecycle: Lifecycle, timeoutMs: number): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), timeoutMs);
    // A server closing while a call is waited on must not stay up for the rest of the wait.
    timer.unref();
  });
  try {
    if ((await Promise.race([lifecycle.done.then(() => false), timedOut])) === true) {
      return failure(
        504,
        'VWS_ERR_SETTLE_TIMEOUT',
        `Call #${lifecycle.index} did not end within ${timeoutMs} ms (timeoutMs); GET /_vws/lifecycles/${lifecycle.index}/transcript shows it so far.`,
      );
    }
  } finally {
    clearTimeout(timer);
  }
  // A param the call could not use (a `from` that is not a number) fails the call as it starts.
  const { error } = lifecycle;
  if (error !== null) {
    const cause = isVwsError(error.cause) ? error.cause : error;
    return failure(400, isVwsError(cause) ? cause.code : 'VWS_ERR_INVALID_OPTION', redactText(cause.message));
  }
  return json(200, toCallReport(lifecycle.index, lifecycle.transcript));
}

/** `GET /_vws/lifecycles/:index/transcript`: what happened in a call, as data and as text. */
function transcriptOf(fake: FakeVonage, index: number): Response {
  const lifecycle = fake.lifecycles.find((candidate) => candidate.index === index);
  if (lifecycle === undefined) {
    const known = fake.lifecycles.map((candidate) => candidate.index);
    const range =
      known.length === 0 ? 'none has started yet' : `the known ones are #${known[0]} to #${known.at(-1)}`;
    return failure(
      404,
      'VWS_ERR_USAGE',
      `No lifecycle #${index}: ${range}; GET /_vws/lifecycles lists them.`,
    );
  }
  const { lifecycle: shown, transcript, text } = toCallReport(lifecycle.index, lifecycle.transcript);
  return json(200, { lifecycle: shown, transcript, text });
}

/**
 * Answers the server's own endpoints under `/_vws`: the recordings as JSON, inbound pushes (a JSON
 * object of lifecycle params; `channel` picks the Messages channel; a call takes `caller` steps and,
 * with `wait: true`, answers once it has ended), a call's transcript, `settled` (waits until every
 * scheduled webhook is delivered) and `reset`.
 */
export async function handleControl(
  fake: FakeVonage,
  method: string,
  url: URL,
  body: string,
): Promise<Response> {
  const path = url.pathname.replace(/\/+$/, '');
  const allowed = (methods: string): Response | null =>
    methods.split(',').includes(method)
      ? null
      : new Response(null, { status: 405, headers: { allow: methods.replaceAll(',', ', ') } });
  const inbound = /^\/_vws\/inbound\/([a-z]+)$/.exec(path)?.[1];
  // Own names only: `constructor` and the like are unknown routes, not Object.prototype (issue 11).
  const push = inbound !== undefined && Object.hasOwn(pushes, inbound) ? pushes[inbound] : undefined;
  if (inbound !== undefined && push !== undefined) {
    const wrongMethod = allowed('POST');
    if (wrongMethod !== null) return wrongMethod;
    const params = parseParams(body);
    if (typeof params === 'string') return failure(400, 'VWS_ERR_INVALID_JSON', params);
    // Only a call has an end to wait for; its `wait` and `timeoutMs` are not the push's params.
    const call = inbound === 'call' ? toCallWait(params) : undefined;
    if (call instanceof Response) return call;
    let lifecycle: Lifecycle;
    try {
      // A wrong param, override or caller step throws before any lifecycle starts.
      lifecycle = push(fake as unknown as JsonPushes, call?.rest ?? params);
    } catch (error) {
      if (!isVwsError(error)) throw error;
      return failure(400, error.code, error.message);
    }
    if (call?.wait !== true || lifecycle.error !== null) return started(lifecycle);
    return waitForCall(lifecycle, call.timeoutMs);
  }
  const transcriptIndex = /^\/_vws\/lifecycles\/(\d+)\/transcript$/.exec(path)?.[1];
  if (transcriptIndex !== undefined) {
    return allowed('GET,HEAD') ?? transcriptOf(fake, Number(transcriptIndex));
  }
  switch (path) {
    case `${controlPrefix}/requests`:
      return allowed('GET,HEAD') ?? json(200, fake.requests.map(toRequestJson));
    case `${controlPrefix}/deliveries`:
      return allowed('GET,HEAD') ?? json(200, fake.deliveries.map(toDeliveryJson));
    case `${controlPrefix}/lifecycles`:
      return allowed('GET,HEAD') ?? json(200, fake.lifecycles.map(toLifecycleJson));
    case `${controlPrefix}/settled`:
      return allowed('GET') ?? settle(fake, url);
    case `${controlPrefix}/wait`:
      return allowed('GET') ?? waitForWebhook(fake, url);
    case `${controlPrefix}/webhooks`:
      return (
        allowed('GET,HEAD') ??
        json(
          200,
          // A webhook URL may carry Basic credentials (https://user:pass@host/...).
          Object.fromEntries(
            Object.entries(fake.webhookRoutes()).map(([setting, route]) => [
              setting,
              route === null ? null : { ...route, url: redactUrl(route.url) },
            ]),
          ),
        )
      );
    case `${controlPrefix}/outcomes`: {
      const wrongMethod = allowed('GET,HEAD,POST,DELETE');
      if (wrongMethod !== null) return wrongMethod;
      if (method === 'POST') return scriptOutcomes(fake, body);
      if (method === 'DELETE') {
        fake.clearOutcomes();
        return new Response(null, { status: 204 });
      }
      return json(200, fake.outcomes);
    }
    case `${controlPrefix}/reset`: {
      const wrongMethod = allowed('POST');
      if (wrongMethod !== null) return wrongMethod;
      fake.reset();
      return new Response(null, { status: 204 });
    }
    default:
      return failure(
        404,
        'VWS_ERR_USAGE',
        `No endpoint ${method} ${url.pathname}; the server's own are ${controlEndpoints.join(', ')}.`,
      );
  }
}
