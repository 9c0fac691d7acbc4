import type { VerifyChannel } from '../../fixtures/verify/types.js';
import { isRecord } from '../../internal/is-record.js';
import { toMsisdn } from '../account/numbers.js';
import type { VerificationRecord } from '../account/state.js';
import {
  cancelVerification,
  checkVerificationCode,
  runVerification,
  skipVerificationStep,
} from '../engine/verify-flow.js';
import type { ApiContext, RouteMatch } from './api-context.js';
import { type ApiReply, type InvalidParameter, problem, reply, unauthorized } from './api-reply.js';

/** The Verify v2 workflow channels (✅ spec-verify2 `NewCodeRequest` oneOf). */
export const verifyChannels = [
  'sms',
  'whatsapp',
  'whatsapp_interactive',
  'voice',
  'email',
  'silent_auth',
] as const;

// Problems of spec-verify2 with their example types, titles and details (✅ `ErrorInvalidParams`,
// `ErrorInvalidRequest`, `ErrorInvalidCodeRequest`, `ErrorConflictCheckRequest`); the 409 and 410 as
// the Python SDK recorded them (🟢 `verify/tests/data/verify_request_error.json`, `check_code_410.json`,
// `trigger_next_workflow_error.json`: no `type` on the 409s of a start or a check, `#conflict` on the
// 409 of next_workflow, `#gone` on the 410). The `reason` texts of `invalid_parameters` follow the
// spec's one example ("Brand is required"); the others are ours (❓).
function invalidParams(context: ApiContext, invalid: readonly InvalidParameter[]): ApiReply {
  return problem(
    422,
    {
      type: 'https://www.developer.vonage.com/api-errors#invalid-params',
      title: 'Invalid params',
      detail: 'The value of one or more parameters is invalid',
      invalid_parameters: invalid,
    },
    context.traceId,
  );
}

function notFound(context: ApiContext, requestId: string): ApiReply {
  return problem(
    404,
    {
      type: 'https://developer.vonage.com/api-errors#not-found',
      title: 'Not Found',
      detail: `Request ${requestId} was not found or it has been verified already.`,
    },
    context.traceId,
  );
}

const isEmail = (value: unknown): value is string =>
  typeof value === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);

/** The problems of one workflow step. */
function checkStep(step: unknown, index: number): InvalidParameter[] {
  const name = `workflow[${index}]`;
  if (!isRecord(step)) return [{ name, reason: 'Workflow step must be an object' }];
  if (typeof step.channel !== 'string' || !(verifyChannels as readonly string[]).includes(step.channel)) {
    return [{ name: `${name}.channel`, reason: `Channel must be one of ${verifyChannels.join(', ')}` }];
  }
  if (step.to === undefined || step.to === '') return [{ name: `${name}.to`, reason: 'To is required' }];
  const valid = step.channel === 'email' ? isEmail(step.to) : toMsisdn(step.to) !== null;
  return valid
    ? []
    : [
        {
          name: `${name}.to`,
          reason: `Invalid ${step.channel === 'email' ? 'email address' : 'phone number'}`,
        },
      ];
}

/**
 * `POST /v2/verify`: Basic or JWT auth, `brand`, a `workflow` of known channels with valid `to`,
 * `code_length` 4–10, `channel_timeout` 60–900, one verification per number at a time (409); answers
 * 202 `{ request_id }` (plus `check_url` for silent auth first) and starts the verification's
 * conversation, which follows the app's code checks (docs/decisions/108).
 *
 * @see https://developer.vonage.com/en/api/verify.v2#newRequest
 */
export function handleVerifyStart(context: ApiContext): ApiReply {
  const auth = context.auth.header(context.request.headers.authorization, ['basic', 'jwt']);
  if (!auth.ok) return unauthorized(context.traceId);
  const { parsed, jsonError } = context.request;
  if (jsonError !== null || !isRecord(parsed)) {
    return invalidParams(context, [
      { name: 'body', reason: jsonError ?? 'The request body must be a JSON object' },
    ]);
  }
  const body = parsed;
  const invalid: InvalidParameter[] = [];
  if (typeof body.brand !== 'string' || body.brand.trim() === '')
    invalid.push({ name: 'brand', reason: 'Brand is required' });
  if (!Array.isArray(body.workflow) || body.workflow.length === 0) {
    invalid.push({ name: 'workflow', reason: 'Workflow is required and must be a non-empty array' });
  } else {
    body.workflow.forEach((step, index) => {
      invalid.push(...checkStep(step, index));
    });
    // Up to three steps, each channel once, silent authentication only first (❓ Vonage's guides say
    // so; the 2023 spec does not).
    const channels = body.workflow.map((step) => (isRecord(step) ? step.channel : undefined));
    if (channels.length > 3) invalid.push({ name: 'workflow', reason: 'Workflow can contain up to 3 steps' });
    if (new Set(channels).size !== channels.length) {
      invalid.push({ name: 'workflow', reason: 'Each channel can only appear once in a workflow' });
    }
    if (channels.indexOf('silent_auth') > 0) {
      invalid.push({
        name: 'workflow',
        reason: 'Silent authentication can only be the first step of a workflow',
      });
    }
  }
  const codeLength = body.code_length ?? 4;
  if (!Number.isInteger(codeLength) || (codeLength as number) < 4 || (codeLength as number) > 10) {
    invalid.push({ name: 'code_length', reason: 'Code length must be a whole number from 4 to 10' });
  }
  const channelTimeout = body.channel_timeout ?? 300;
  if (
    !Number.isInteger(channelTimeout) ||
    (channelTimeout as number) < 60 ||
    (channelTimeout as number) > 900
  ) {
    invalid.push({
      name: 'channel_timeout',
      reason: 'Channel timeout must be a whole number from 60 to 900',
    });
  }
  if (body.client_ref !== undefined && typeof body.client_ref !== 'string') {
    invalid.push({ name: 'client_ref', reason: 'Client ref must be a string' });
  }
  if (invalid.length > 0) return invalidParams(context, invalid);

  const steps = (body.workflow as Record<string, unknown>[]).map((step) => ({
    channel: step.channel as string,
    to: step.channel === 'email' ? (step.to as string) : (toMsisdn(step.to) as string),
  }));
  const first = steps[0] as { channel: string; to: string };
  for (const existing of context.state.verifications.values()) {
    if (existing.active && existing.to === first.to) {
      return problem(
        409,
        {
          title: 'Conflict',
          detail: 'Concurrent verifications to the same number are not allowed',
          request_id: existing.requestId,
        },
        context.traceId,
      );
    }
  }
  const requestId = context.ids.uuid();
  const channels = steps.map((step) => step.channel as VerifyChannel);
  const record: VerificationRecord = {
    requestId,
    to: first.to,
    code: context.verifyCode(requestId, codeLength as number),
    channels,
    active: true,
    wrongCodes: 0,
    step: 0,
    inbox: [],
    wake: () => {},
  };
  context.state.verifications.set(requestId, record);
  // The silent-auth check URL as the Python SDK recorded it (🟢 `verify/tests/data/verify_request.json`).
  const checkUrl =
    first.channel === 'silent_auth'
      ? { check_url: `https://api-eu-3.vonage.com/v2/verify/${requestId}/silent-auth/redirect` }
      : {};
  const clientRef = typeof body.client_ref === 'string' ? body.client_ref : undefined;
  return reply(
    202,
    { request_id: requestId, ...checkUrl },
    {
      scenario: 'verify.v2',
      params: {
        requestId,
        workflow: channels,
        channelTimeout,
        ...(clientRef === undefined ? {} : { clientRef }),
      },
      routes: {},
      to: first.to,
      ids: { request_id: requestId },
      conversation: (engine) =>
        runVerification(engine, {
          requestId,
          channels,
          channelTimeout: channelTimeout as number,
          ...(clientRef === undefined ? {} : { clientRef }),
        }),
      ...(auth.apiKey === undefined ? {} : { apiKey: auth.apiKey }),
      ...(auth.applicationId === undefined ? {} : { applicationId: auth.applicationId }),
    },
  );
}

function findVerification(context: ApiContext, match: RouteMatch): VerificationRecord | ApiReply {
  const auth = context.auth.header(context.request.headers.authorization, ['basic', 'jwt']);
  if (!auth.ok) return unauthorized(context.traceId);
  const requestId = match.params.requestId ?? '';
  const record = context.state.verifications.get(requestId);
  return record?.active === true ? record : notFound(context, requestId);
}

const isReply = (value: VerificationRecord | ApiReply): value is ApiReply => 'status' in value;

/**
 * `POST /v2/verify/:request_id`: checks `code`: 200 `{ request_id, status: "completed" }` when
 * right, 400 when wrong, 410 on the third wrong code (the request fails), 409 while a silent_auth
 * step runs, 404 for an unknown or finished request (reference run-time.md#verify-v2-at-run-time #4–8, run-time.md#verify-wrong-code-limit).
 *
 * @see https://developer.vonage.com/en/api/verify.v2#checkCode
 */
export function handleVerifyCheck(context: ApiContext, match: RouteMatch): ApiReply {
  const record = findVerification(context, match);
  if (isReply(record)) return record;
  const body = context.request.parsed;
  const code = isRecord(body) ? body.code : undefined;
  if (typeof code !== 'string' && typeof code !== 'number') {
    return invalidParams(context, [{ name: 'code', reason: 'Code is required' }]);
  }
  switch (checkVerificationCode(record, String(code))) {
    case 'completed':
      return reply(200, { request_id: record.requestId, status: 'completed' });
    case 'no_code_step':
      return problem(
        409,
        { title: 'Conflict', detail: 'The current Verify workflow step does not support a code.' },
        context.traceId,
      );
    case 'locked':
      return problem(
        410,
        {
          type: 'https://developer.nexmo.com/api-errors#gone',
          title: 'Invalid Code',
          detail: 'An incorrect code has been provided too many times. Workflow terminated.',
        },
        context.traceId,
      );
    case 'wrong':
      return problem(
        400,
        {
          type: 'https://www.developer.vonage.com/api-errors/verify#invalid-code',
          title: 'Invalid Code',
          detail: 'The code you provided does not match the expected value.',
        },
        context.traceId,
      );
  }
}

/**
 * `POST /v2/verify/:request_id/next_workflow`: the next workflow step starts at once; 200 with no
 * body, 409 when the running step is the last, 404 for an unknown or finished request (reference run-time.md#verify-v2-at-run-time #3).
 *
 * @see https://developer.vonage.com/en/api/verify.v2#nextWorkflow
 */
export function handleVerifyNextWorkflow(context: ApiContext, match: RouteMatch): ApiReply {
  const record = findVerification(context, match);
  if (isReply(record)) return record;
  if (skipVerificationStep(record)) return { status: 200, body: null };
  return problem(
    409,
    {
      type: 'https://developer.nexmo.com/api-errors#conflict',
      title: 'Conflict',
      detail: 'There are no more events left to trigger.',
    },
    context.traceId,
  );
}

/**
 * `DELETE /v2/verify/:request_id`: cancels an active request; 204, and no summary follows
 * (reference run-time.md#verify-v2-at-run-time #9, run-time.md#verify-cancel).
 *
 * @see https://developer.vonage.com/en/api/verify.v2#cancelRequest
 */
export function handleVerifyCancel(context: ApiContext, match: RouteMatch): ApiReply {
  const record = findVerification(context, match);
  if (isReply(record)) return record;
  cancelVerification(record);
  return { status: 204, body: null };
}
