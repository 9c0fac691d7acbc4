import { isVwsError } from '../errors.js';
import type { FakeVonage, Lifecycle } from '../fake-vonage/index.js';
import { toDeliveryJson } from './serve-log.js';

/** The path prefix of the server's own endpoints; no Vonage API path starts with it. */
export const controlPrefix = '/_vws';

/** The server's own endpoints, for the 404 that lists them. */
export const controlEndpoints = [
  'GET /_vws/requests',
  'GET /_vws/deliveries',
  'GET /_vws/lifecycles',
  'GET /_vws/settled?timeoutMs=30000',
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

const pushes: Readonly<Record<string, (fake: FakeVonage, params: Record<string, unknown>) => Lifecycle>> = {
  sms: (fake, params) => fake.pushInboundSms(params),
  call: (fake, params) => fake.pushIncomingCall(params),
  message: (fake, { channel, ...params }) =>
    // The catalog's inbound default: the `messages.inbound` lifecycle also falls back to sms.
    fake.pushInboundMessage(typeof channel === 'string' ? channel : 'sms', params),
};

async function settle(fake: FakeVonage, url: URL): Promise<Response> {
  const raw = url.searchParams.get('timeoutMs');
  const timeoutMs = raw === null ? 30_000 : Number(raw);
  if (!(Number.isFinite(timeoutMs) && timeoutMs >= 0 && timeoutMs <= 600_000)) {
    return failure(
      400,
      'VWS_ERR_INVALID_OPTION',
      `Invalid timeoutMs "${raw}": use milliseconds from 0 to 600000, e.g. ?timeoutMs=30000.`,
    );
  }
  try {
    await fake.settled({ timeoutMs });
    return json(200, { settled: true, deliveries: fake.deliveries.length });
  } catch (error) {
    if (!isVwsError(error)) throw error;
    return failure(error.code === 'VWS_ERR_DELIVERY_TIMEOUT' ? 504 : 422, error.code, error.message);
  }
}

/**
 * Answers the server's own endpoints under `/_vws`: the recordings as JSON, inbound pushes (a JSON
 * object of lifecycle params; `channel` picks the Messages channel), `settled` (waits until every
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
  if (inbound !== undefined && pushes[inbound] !== undefined) {
    const push = pushes[inbound];
    const wrongMethod = allowed('POST');
    if (wrongMethod !== null) return wrongMethod;
    const params = parseParams(body);
    if (typeof params === 'string') return failure(400, 'VWS_ERR_INVALID_JSON', params);
    return started(push(fake, params));
  }
  switch (path) {
    case `${controlPrefix}/requests`:
      return allowed('GET,HEAD') ?? json(200, fake.requests);
    case `${controlPrefix}/deliveries`:
      return allowed('GET,HEAD') ?? json(200, fake.deliveries.map(toDeliveryJson));
    case `${controlPrefix}/lifecycles`:
      return (
        allowed('GET,HEAD') ??
        json(
          200,
          fake.lifecycles.map(({ index, scenario, ids, error }) => ({
            index,
            scenario,
            ids,
            error: error?.message ?? null,
          })),
        )
      );
    case `${controlPrefix}/settled`:
      return allowed('GET') ?? settle(fake, url);
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
