import type { TransportFormat } from '../../fixtures/shared/define-event.js';
import { isRecord } from '../../internal/is-record.js';
import { toMsisdn } from '../account/numbers.js';
import type { CallRecord } from '../account/state.js';
import type { VoiceCallRequest } from '../engine/voice/voice-call-plan.js';
import type { WebhookRoute } from '../lifecycles/lifecycle-start.js';
import type { ApiContext, RouteMatch } from './api-context.js';
import { type ApiReply, reply, resourceNotFound, unauthorized } from './api-reply.js';
import { badRequest, checkCreateCall, isMethod, isUrlArray, toNccoProblems } from './voice-request-checks.js';

const toFormat = (method: 'GET' | 'POST'): TransportFormat => (method === 'GET' ? 'query' : 'json');

/** Where a Create Call's events and fallback answer go when the request names them. */
function toCallRoutes(
  body: Record<string, unknown>,
): Partial<Record<'voice-answer' | 'voice-event' | 'voice-fallback', WebhookRoute>> {
  const eventMethod = isMethod(body.event_method) ? body.event_method : 'POST';
  const eventUrl = Array.isArray(body.event_url) ? (body.event_url[0] as string) : undefined;
  const routes: Partial<Record<'voice-answer' | 'voice-event' | 'voice-fallback', WebhookRoute>> = {};
  if (eventUrl !== undefined) routes['voice-event'] = { url: eventUrl, format: toFormat(eventMethod) };
  if (Array.isArray(body.fallback_url)) routes['voice-fallback'] = { url: body.fallback_url[0] as string };
  return routes;
}

/** The call a checked Create Call body asks for, as the conversation engine runs it. */
function toCallRequest(
  body: Record<string, unknown>,
  uuid: string,
  conversationUuid: string,
  toEndpoint: Record<string, unknown>,
  toNumber: string | null,
): VoiceCallRequest {
  const answerMethod = isMethod(body.answer_method) ? body.answer_method : 'GET';
  const eventMethod = isMethod(body.event_method) ? body.event_method : 'POST';
  const answerUrl = body.answer_url !== undefined ? (body.answer_url as string[])[0] : undefined;
  const eventUrl = Array.isArray(body.event_url) ? (body.event_url[0] as string) : undefined;
  const fromNumber = isRecord(body.from) ? toMsisdn(body.from.number) : null;
  const amd = isRecord(body.advanced_machine_detection) ? body.advanced_machine_detection : undefined;
  return {
    direction: 'outbound',
    uuid,
    conversationUuid,
    // Numbers only: a SIP, WebSocket, app or VBC callee is shown by its address instead.
    ...(toNumber === null ? { toLabel: toEndpointLabel(toEndpoint) } : { to: toNumber }),
    ...(fromNumber === null ? {} : { from: fromNumber }),
    answer:
      answerUrl === undefined ? { ncco: body.ncco as unknown[] } : { url: answerUrl, method: answerMethod },
    ...(eventUrl === undefined ? {} : { eventRoute: { url: eventUrl, method: eventMethod } }),
    ...(body.machine_detection === 'continue' || body.machine_detection === 'hangup'
      ? { machineDetection: body.machine_detection }
      : {}),
    ...(amd === undefined
      ? {}
      : {
          advancedMachineDetection: {
            behavior: amd.behavior === 'hangup' ? 'hangup' : 'continue',
            mode: amd.mode === 'detect' || amd.mode === 'detect_beep' ? amd.mode : 'default',
          },
        }),
    ...(typeof body.ringing_timer === 'number' ? { ringingTimer: body.ringing_timer } : {}),
    ...(typeof body.length_timer === 'number' ? { lengthTimer: body.length_timer } : {}),
  };
}

/**
 * `POST /v1/calls`: JWT auth, `to` endpoints, `from` (or `random_from_number`), exactly one of
 * `answer_url` and `ncco`, methods, timers and `event_url` (required unless the application has one);
 * answers 201 `{ uuid, status: "started", direction: "outbound", conversation_uuid }` and starts
 * `voice.outbound`.
 *
 * @see https://developer.vonage.com/en/api/voice#createCall
 */
export function handleCreateCall(context: ApiContext): ApiReply {
  const auth = context.auth.header(context.request.headers.authorization, ['jwt']);
  if (!auth.ok) return unauthorized(context.traceId);
  const { parsed, jsonError } = context.request;
  if (jsonError !== null || !isRecord(parsed)) {
    return badRequest(context, jsonError ?? 'The request body must be a JSON object.');
  }
  const body = parsed;
  const invalid = checkCreateCall(context, body, auth.applicationId);
  if (invalid.length > 0) return badRequest(context, 'The request failed validation.', invalid);

  const uuid = context.ids.uuid();
  const conversationUuid = context.ids.conversationUuid();
  const toEndpoint = (body.to as Record<string, unknown>[])[0] as Record<string, unknown>;
  const record: CallRecord = {
    uuid,
    conversation_uuid: conversationUuid,
    to: toEndpoint,
    from: isRecord(body.from) ? body.from : { type: 'phone' },
    direction: 'outbound',
    status: 'started',
  };
  const routes = toCallRoutes(body);
  context.state.calls.set(uuid, record);
  const toNumber = toEndpoint.type === 'phone' ? toMsisdn(toEndpoint.number) : null;
  const call = toCallRequest(body, uuid, conversationUuid, toEndpoint, toNumber);
  return reply(
    201,
    { uuid, status: 'started', direction: 'outbound', conversation_uuid: conversationUuid },
    {
      scenario: 'voice.outbound',
      params: {},
      routes,
      call,
      ...(toNumber === null ? {} : { to: toNumber }),
      ...(auth.applicationId === undefined ? {} : { applicationId: auth.applicationId }),
    },
  );
}

/** How a non-phone endpoint shows in a call's `to`. */
function toEndpointLabel(endpoint: Record<string, unknown>): string {
  for (const key of ['uri', 'user', 'extension', 'number'] as const) {
    if (typeof endpoint[key] === 'string') return endpoint[key] as string;
  }
  return String(endpoint.type);
}

/** A call as `GET /v1/calls/:uuid` shows it (spec-voice `GetCallResponse`). */
function toCallResource(call: CallRecord): Record<string, unknown> {
  return {
    _links: { self: { href: `/calls/${call.uuid}` } },
    uuid: call.uuid,
    conversation_uuid: call.conversation_uuid,
    to: call.to,
    from: call.from,
    status: call.status,
    direction: call.direction,
    ...(call.rate === undefined ? {} : { rate: call.rate }),
    ...(call.price === undefined ? {} : { price: call.price }),
    ...(call.duration === undefined ? {} : { duration: call.duration }),
    ...(call.start_time === undefined ? {} : { start_time: call.start_time }),
    ...(call.end_time === undefined ? {} : { end_time: call.end_time }),
    ...(call.network === undefined ? {} : { network: call.network }),
  };
}

/** `GET /v1/calls`: the calls the fake knows, newest last, as spec-voice `GetCallsResponse`. */
export function handleListCalls(context: ApiContext): ApiReply {
  const auth = context.auth.header(context.request.headers.authorization, ['jwt']);
  if (!auth.ok) return unauthorized(context.traceId);
  const status = context.request.query.status;
  const calls = [...context.state.calls.values()].filter(
    (call) => status === undefined || call.status === status,
  );
  const pageSize = Math.min(100, Math.max(1, Number(context.request.query.page_size ?? 10) || 10));
  const recordIndex = Math.max(0, Number(context.request.query.record_index ?? 0) || 0);
  const page = calls.slice(recordIndex, recordIndex + pageSize);
  return reply(200, {
    count: calls.length,
    page_size: pageSize,
    record_index: recordIndex,
    _links: { self: { href: `/calls?page_size=${pageSize}&record_index=${recordIndex}&order=asc` } },
    _embedded: { calls: page.map(toCallResource) },
  });
}

function findCall(context: ApiContext, match: RouteMatch): CallRecord | ApiReply {
  const auth = context.auth.header(context.request.headers.authorization, ['jwt']);
  if (!auth.ok) return unauthorized(context.traceId);
  const uuid = match.params.uuid ?? '';
  return context.state.calls.get(uuid) ?? resourceNotFound(context.traceId, `Call ${uuid} was not found.`);
}

const isReply = (value: CallRecord | ApiReply): value is ApiReply => 'status' in value && 'body' in value;

/** `GET /v1/calls/:uuid`. */
export function handleGetCall(context: ApiContext, match: RouteMatch): ApiReply {
  const call = findCall(context, match);
  return isReply(call) ? call : reply(200, toCallResource(call));
}

const updateActions = ['hangup', 'mute', 'unmute', 'earmuff', 'unearmuff', 'transfer'] as const;

/** `PUT /v1/calls/:uuid`: hangup, mute, unmute, earmuff, unearmuff or transfer; 204 without a body. */
export function handleUpdateCall(context: ApiContext, match: RouteMatch): ApiReply {
  const call = findCall(context, match);
  if (isReply(call)) return call;
  const body = context.request.parsed;
  if (context.request.jsonError !== null || !isRecord(body)) {
    return badRequest(context, context.request.jsonError ?? 'The request body must be a JSON object.');
  }
  const action = body.action;
  if (typeof action !== 'string' || !(updateActions as readonly string[]).includes(action)) {
    return badRequest(context, 'Unknown action.', [
      { name: 'action', reason: `must be one of ${updateActions.join(', ')}.` },
    ]);
  }
  if (action === 'transfer') {
    const destination = body.destination;
    const valid =
      isRecord(destination) &&
      destination.type === 'ncco' &&
      ((Array.isArray(destination.ncco) && destination.ncco.length > 0) || isUrlArray(destination.url));
    const problems =
      valid && Array.isArray(destination.ncco) ? toNccoProblems(destination.ncco, 'destination.ncco') : [];
    if (problems.length > 0) return badRequest(context, 'The NCCO is not valid.', problems);
    if (!valid) {
      return badRequest(context, 'A transfer needs a destination.', [
        {
          name: 'destination',
          reason: 'must be { type: "ncco", ncco: [...] } or { type: "ncco", url: [url] }.',
        },
      ]);
    }
  }
  // The running call takes it from here: a hang-up ends it, a transfer replaces its NCCO (docs/decisions/107).
  const control = context.state.callControls.get(call.uuid);
  if (action === 'transfer') {
    const destination = body.destination as Record<string, unknown>;
    control?.(
      Array.isArray(destination.ncco)
        ? { type: 'transfer', ncco: destination.ncco }
        : { type: 'transfer', url: String((destination.url as unknown[])[0]) },
    );
  } else {
    control?.({ type: action as 'hangup' | 'mute' | 'unmute' | 'earmuff' | 'unearmuff' });
  }
  return { status: 204, body: null };
}

/** The `talk`, `stream` and `dtmf` sub-resources: what each PUT needs, and the messages of the answers. */
const subResources = {
  talk: { field: 'text', started: 'Talk started', stopped: 'Talk stopped' },
  stream: { field: 'stream_url', started: 'Stream started', stopped: 'Stream stopped' },
  dtmf: { field: 'digits', started: 'DTMF sent', stopped: null },
} as const;

/** Which call-control sub-resource a route serves. */
export type CallSubResource = keyof typeof subResources;

/**
 * `PUT`/`DELETE /v1/calls/:uuid/talk|stream` and `PUT /v1/calls/:uuid/dtmf`: 200
 * `{ message, uuid }` (spec-voice `StartTalkResponse` and the others).
 */
export function handleCallAction(resource: CallSubResource) {
  return (context: ApiContext, match: RouteMatch): ApiReply => {
    const call = findCall(context, match);
    if (isReply(call)) return call;
    const facts = subResources[resource];
    if (context.request.method === 'DELETE') {
      context.state.callControls.get(call.uuid)?.({
        type: resource === 'talk' ? 'talk-stop' : 'stream-stop',
      });
      return reply(200, { message: facts.stopped, uuid: call.uuid });
    }
    const body = context.request.parsed;
    if (context.request.jsonError !== null || !isRecord(body)) {
      return badRequest(context, context.request.jsonError ?? 'The request body must be a JSON object.');
    }
    const value = body[facts.field];
    const valid =
      resource === 'stream'
        ? isUrlArray(value)
        : resource === 'dtmf'
          ? typeof value === 'string' && /^[0-9*#p]+$/.test(value)
          : typeof value === 'string' && value !== '';
    if (!valid)
      return badRequest(context, `${facts.field} is required.`, [
        { name: facts.field, reason: 'is required.' },
      ]);
    if (call.status === 'completed') return badRequest(context, `Call ${call.uuid} is not in progress.`);
    const control = context.state.callControls.get(call.uuid);
    if (resource === 'talk') control?.({ type: 'talk', text: String(value) });
    else if (resource === 'stream') control?.({ type: 'stream', url: String((value as unknown[])[0]) });
    else control?.({ type: 'dtmf', digits: String(value) });
    return reply(200, { message: facts.started, uuid: call.uuid });
  };
}
