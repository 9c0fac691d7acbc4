import type { IncomingMessage } from 'node:http';
import { MAX_JSON_BODY_DEPTH } from '../fake-vonage/api/read-request.js';
import { isVonageHost } from '../fake-vonage/api/vonage-hosts.js';
import type { FakeVonage } from '../fake-vonage/index.js';
import { isNestedDeeperThan } from '../internal/nesting-depth.js';
import { handleControl, isControlPath } from './control-routes.js';
import { toHeaders, toRecord } from './node-http-bridge.js';
import { readBody } from './read-body.js';
import { toApiLogEntry, toUnservedLogEntry } from './serve-log.js';
import { toUnservedResponse } from './unserved-host.js';
import { toVonageRequestUrl } from './vonage-request-url.js';
import type { ServeLogger } from './webhook-logging.js';

/** What answering a request needs: the fake, the log, and the not-sent watch to run after it. */
export interface AnswerContext extends ServeLogger {
  readonly fake: FakeVonage;
  /** Logs the not-sent webhooks of lifecycles the request may have started. */
  readonly watchNew: () => void;
}

function problem(status: number, title: string, detail: string): Response {
  return Response.json({ type: 'about:blank', title, detail }, { status });
}

/**
 * The 400 for a control request whose JSON body nests deeper than the fake reads an API body
 * (issue 11), in the control routes' error shape; `null` for any other body, which the route reads.
 */
function tooDeep(body: string): Response | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isNestedDeeperThan(parsed, MAX_JSON_BODY_DEPTH)) return null;
  const message = `The body is JSON nested more than ${MAX_JSON_BODY_DEPTH} levels deep; send a flat JSON object of params, e.g. {"text":"Hi"}.`;
  return new Response(JSON.stringify({ error: { code: 'VWS_ERR_INVALID_JSON', message } }, null, 2), {
    status: 400,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * The answer to one HTTP request: a control route under `/_vws`, else a Vonage API request, which
 * goes to the fake at the Vonage URL it was meant for.
 */
export async function answerRequest(context: AnswerContext, request: IncomingMessage): Promise<Response> {
  const method = request.method ?? 'GET';
  const target = request.url ?? '/';
  const local = new URL(target, 'http://fake-vonage.local');
  const body = await readBody(request);
  if (body === null) {
    return problem(413, 'Payload Too Large', 'The request body is over 1 MiB; no Vonage API takes one.');
  }
  if (isControlPath(local.pathname)) {
    const text = body.toString('utf8');
    const refused = tooDeep(text);
    if (refused !== null) return refused;
    const control = await handleControl(context.fake, method, local, text);
    context.watchNew();
    return control;
  }
  return answerVonageRequest(context, request, body);
}

/**
 * A Vonage API request: to the host named by `x-vws-original-host` (the routing preload) or the
 * one its path implies, answered by the fake or, for a host it does not serve, by a local 404.
 */
async function answerVonageRequest(
  context: AnswerContext,
  request: IncomingMessage,
  body: Buffer,
): Promise<Response> {
  const { fake, log, at } = context;
  const method = request.method ?? 'GET';
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const resolved = toVonageRequestUrl(request.url ?? '/', header);
  if ('error' in resolved) return problem(400, 'Bad Request', resolved.error);
  const { url } = resolved;
  if (!isVonageHost(url.hostname)) {
    return problem(
      400,
      'Bad Request',
      `x-vws-original-host "${url.host}" is not a Vonage host; vws serve answers Vonage API requests only.`,
    );
  }
  const fetchRequest = new Request(url, {
    method,
    headers: toHeaders(request, url.host),
    ...(method === 'GET' || method === 'HEAD' || body.length === 0 ? {} : { body: Uint8Array.from(body) }),
  });
  const response = await fake.handle(fetchRequest);
  if (response === undefined) {
    const unserved = toUnservedResponse(method, url);
    const request = {
      method,
      url: url.href,
      headers: toRecord(fetchRequest.headers),
      body: body.length === 0 ? null : body.toString('utf8'),
    };
    log(toUnservedLogEntry(at(), request, unserved.status, await unserved.clone().text()));
    return unserved;
  }
  // The trace id is unique per call: it finds this call's record even when calls overlap.
  const traceId = response.headers.get('x-nexmo-trace-id');
  const recorded = fake.requests.findLast((entry) => entry.response.headers['x-nexmo-trace-id'] === traceId);
  if (recorded !== undefined) log(toApiLogEntry(at(), recorded));
  context.watchNew();
  return response;
}
