import { DEFAULT_SMS_SIGNATURE_METHOD } from '../../signing/sms-signature-methods.js';
import { toApplicationEndpoint } from '../account/application.js';
import type { CredentialCheck } from '../account/credentials.js';
import { redactRecordedRequest } from '../account/redact.js';
import { type Generation, keep, type LifecycleRunner } from '../lifecycles/lifecycle-runner.js';
import { startLifecycle } from '../lifecycles/start-lifecycle.js';
import { applicationOf } from '../lifecycles/webhook-routing.js';
import type { ApiContext } from './api-context.js';
import { type ApiReply, methodNotAllowed, notFound } from './api-reply.js';
import { toVonageHost, toVonageUrl, type VonageHostKind } from './hosts.js';
import { type ApiRequest, readApiRequest } from './read-request.js';
import { findRoute } from './routes.js';

/** What one API request is answered with, before any lifecycle starts, and which API answered. */
interface RoutedReply {
  readonly reply: ApiReply;
  readonly api: string | null;
}

function toResponse(
  status: number,
  body: unknown,
  headers: Record<string, string>,
  raw?: ApiReply['raw'],
): Response {
  if (raw !== undefined) {
    // The fake's files are ArrayBuffer-backed (StoredFile); the type says Uint8Array for older TypeScript.
    const bytes = raw.body as Uint8Array<ArrayBuffer>;
    return new Response(bytes, { status, headers: { 'content-type': raw.contentType, ...headers } });
  }
  if (body === null || body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Finds the API handler of a request and runs it, or answers 405/404. */
function routeRequest(
  runner: LifecycleRunner,
  auth: CredentialCheck,
  apiRequest: ApiRequest,
  url: URL,
  host: VonageHostKind,
  owner: Generation,
  traceId: string,
): RoutedReply {
  const found = findRoute(host, apiRequest.method, url.pathname);
  if (found.kind === 'handler') {
    const { config } = runner;
    const context: ApiContext = {
      request: apiRequest,
      auth,
      ids: owner.ids,
      traceId,
      state: owner.state,
      hasVoiceEventUrl: (applicationId) =>
        toApplicationEndpoint(applicationOf(applicationId, owner.state), 'eventUrl') !== undefined,
      smsSigning: {
        secret: config.signatureSecret,
        method: config.smsSignatureMethod ?? DEFAULT_SMS_SIGNATURE_METHOD,
      },
      verifyCode: config.verifyCode,
    };
    return { reply: found.handler(context, found.match), api: found.api };
  }
  if (found.kind === 'method-not-allowed') {
    return {
      reply: methodNotAllowed(apiRequest.method, url.pathname, found.allowed, traceId),
      api: found.api,
    };
  }
  return { reply: notFound(apiRequest.method, url.pathname, traceId), api: null };
}

/** Answers one API request for a Vonage host (the body of `handle`). */
async function answer(
  runner: LifecycleRunner,
  auth: CredentialCheck,
  request: Request,
  url: URL,
  host: VonageHostKind,
  owner: Generation,
): Promise<Response> {
  const apiRequest = await readApiRequest(request);
  const traceId = owner.ids.traceId();
  const { reply, api } = routeRequest(runner, auth, apiRequest, url, host, owner, traceId);
  let body = reply.body;
  let lifecycleIndex: number | null = null;
  if (reply.lifecycle !== undefined) {
    const started = startLifecycle(runner, reply.lifecycle, owner);
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
    runner,
    runner.requests,
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

/**
 * `FakeVonage.handle`: answers a request for a Vonage host as Vonage does and starts the lifecycle
 * that follows; `undefined` for any other host.
 */
export async function handleRequest(
  runner: LifecycleRunner,
  auth: CredentialCheck,
  request: Request,
): Promise<Response | undefined> {
  const url = toVonageUrl(request.url, request.headers);
  const host = url === null ? null : toVonageHost(url);
  if (url === null || host === null) return undefined;
  const owner = runner.generation;
  // The request counts as work in progress: a manual clock waits for it before moving on.
  const release = runner.clock.hold();
  try {
    return await answer(runner, auth, request, url, host, owner);
  } finally {
    release();
  }
}
