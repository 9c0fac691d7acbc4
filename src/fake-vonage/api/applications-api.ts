import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { isRecord } from '../../internal/is-record.js';
import { findApplicationProblems } from '../account/application.js';
import type { StoredApplication } from '../account/state.js';
import type { ApiContext, RouteMatch } from './api-context.js';
import { type ApiReply, type InvalidParameter, problem, reply, unauthorized } from './api-reply.js';

// The Applications API v2 (spec-app `application.v2.yml` 2.1.4): Basic auth only (its one security
// scheme), 400 problems of type `…/application#payload-validation` and `#list-validation` with
// `invalid_parameters`, and the gateway's common 404/415 problems (`common/common_errors.yml` of the
// same repository ✅). Answers follow the Python SDK's recorded answers 🟡
// (`application/tests/data/*.json`): `keys` / `privacy` / `capabilities`, a relative `_links.self.href`,
// and list `_links` with `page_size` in every href (docs/decisions/101-applications-and-account-api.md).
const ERRORS = 'https://developer.nexmo.com/api-errors/application';
const BASE_PATH = '/v2/applications';
/** ❓ The spec names no default; its example is 10. */
const DEFAULT_PAGE_SIZE = 10;
/** ✅ spec-app list-validation example: `page_size` "must be between 1 and 100". */
const MAX_PAGE_SIZE = 100;
/** ✅ spec-app `RtcCapability.leg_persistence_time`: 1 to 31. */
const LEG_PERSISTENCE_DAYS = [1, 31] as const;

const validationProblem = (context: ApiContext, kind: string, invalid: readonly InvalidParameter[]) =>
  problem(
    400,
    {
      type: `${ERRORS}#${kind}`,
      title: 'Bad Request',
      detail: 'The request failed due to validation errors',
      invalid_parameters: invalid,
    },
    context.traceId,
  );

const applicationNotFound = (context: ApiContext, id: string) =>
  problem(
    404,
    {
      type: 'https://developer.nexmo.com/api-errors#not-found',
      title: 'Not Found',
      detail: `ID '${id}' does not exist, or you do not have access`,
    },
    context.traceId,
  );

const unsupportedContentType = (context: ApiContext) =>
  problem(
    415,
    {
      type: 'https://developer.nexmo.com/api-errors#content-type-header',
      title: 'Unsupported Content-Type header',
      detail: "Unsupported Content-Type header provided. Must be one of the following: 'application/json'",
    },
    context.traceId,
  );

const isAuthorized = (context: ApiContext): boolean =>
  context.auth.header(context.request.headers.authorization, ['basic']).ok;

function isJsonContentType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

function isPublicKey(value: string): boolean {
  try {
    createPublicKey(value);
    return true;
  } catch {
    return false;
  }
}

/** The spec's rules beyond the webhooks {@link findApplicationProblems} checks. */
function findRequestProblems(body: unknown): InvalidParameter[] {
  const problems = findApplicationProblems(body);
  if (!isRecord(body)) return problems;
  // ✅ spec-app: `name` is the one required field of create and update.
  if (body.name === undefined) problems.unshift({ name: 'name', reason: 'is required.' });
  const { keys, privacy, capabilities } = body;
  if (keys !== undefined) {
    if (!isRecord(keys)) {
      problems.push({ name: 'keys', reason: 'must be an object.' });
    } else if (
      keys.public_key !== undefined &&
      (typeof keys.public_key !== 'string' || !isPublicKey(keys.public_key))
    ) {
      problems.push({ name: 'keys.public_key', reason: 'must be a PEM-encoded public key.' });
    }
  }
  if (privacy !== undefined) {
    if (!isRecord(privacy)) problems.push({ name: 'privacy', reason: 'must be an object.' });
    else if (privacy.improve_ai !== undefined && typeof privacy.improve_ai !== 'boolean') {
      problems.push({ name: 'privacy.improve_ai', reason: 'must be a boolean.' });
    }
  }
  if (!isRecord(capabilities)) return problems;
  for (const [name, capability] of Object.entries(capabilities)) {
    // voice, messages, rtc and verify are checked by findApplicationProblems.
    if (!['voice', 'messages', 'rtc', 'verify'].includes(name) && !isRecord(capability)) {
      problems.push({ name: `capabilities.${name}`, reason: 'must be an object.' });
    }
  }
  for (const name of ['voice', 'rtc'] as const) {
    const capability = capabilities[name];
    if (isRecord(capability) && capability.signed_callbacks !== undefined) {
      if (typeof capability.signed_callbacks !== 'boolean') {
        problems.push({ name: `capabilities.${name}.signed_callbacks`, reason: 'must be a boolean.' });
      }
    }
  }
  const rtc = capabilities.rtc;
  if (isRecord(rtc) && rtc.leg_persistence_time !== undefined) {
    const days = rtc.leg_persistence_time;
    const [min, max] = LEG_PERSISTENCE_DAYS;
    if (!Number.isInteger(days) || (days as number) < min || (days as number) > max) {
      problems.push({
        name: 'capabilities.rtc.leg_persistence_time',
        reason: `must be an integer from ${min} to ${max}.`,
      });
    }
  }
  const verify = capabilities.verify;
  // ✅ spec-app `VerifyCapability.version`: "If specified must be set to v2".
  if (isRecord(verify) && verify.version !== undefined && verify.version !== 'v2') {
    problems.push({ name: 'capabilities.verify.version', reason: 'must be v2.' });
  }
  return problems;
}

/** The request's JSON object once checked, or the answer for one that is not valid (415, 400). */
type ReadBody = { readonly body: Record<string, unknown> } | { readonly reply: ApiReply };

function readApplicationBody(context: ApiContext): ReadBody {
  const { headers, parsed, jsonError } = context.request;
  const contentType = headers['content-type'];
  if (contentType !== undefined && contentType !== '' && !isJsonContentType(contentType)) {
    return { reply: unsupportedContentType(context) };
  }
  if (jsonError !== null) {
    return {
      reply: validationProblem(context, 'payload-validation', [
        { name: 'body', reason: `must be valid JSON (${jsonError}).` },
      ]),
    };
  }
  const problems = findRequestProblems(parsed);
  if (problems.length > 0) return { reply: validationProblem(context, 'payload-validation', problems) };
  return { body: parsed as Record<string, unknown> };
}

/** An application as the API writes it: `id`, `name`, `keys`, `privacy`, `capabilities`, `_links`. */
function toApplicationResource(application: StoredApplication, privateKey?: string): Record<string, unknown> {
  const publicKey = application.keys?.public_key;
  return {
    id: application.id,
    name: application.name,
    // A private key is answered once, on create, before the public key as Vonage writes them.
    keys: {
      ...(privateKey === undefined ? {} : { private_key: privateKey }),
      ...(publicKey === undefined ? {} : { public_key: publicKey }),
    },
    ...(application.privacy === undefined ? {} : { privacy: { ...application.privacy } }),
    capabilities: structuredClone(application.capabilities ?? {}),
  };
}

const withLinks = (resource: Record<string, unknown>, id: string) => ({
  ...resource,
  _links: { self: { href: `${BASE_PATH}/${id}` } },
});

/** What is kept of a valid request: its name, capabilities (verbatim), privacy and public key. */
function toStoredApplication(
  id: string,
  body: Record<string, unknown>,
  publicKey: string | undefined,
  improveAi: boolean,
): StoredApplication {
  return {
    id,
    name: body.name as string,
    ...(publicKey === undefined ? {} : { keys: { public_key: publicKey } }),
    privacy: { improve_ai: improveAi },
    capabilities: structuredClone((body.capabilities as StoredApplication['capabilities']) ?? {}),
  };
}

const requestedPublicKey = (body: Record<string, unknown>): string | undefined =>
  isRecord(body.keys) && typeof body.keys.public_key === 'string' ? body.keys.public_key : undefined;

const requestedImproveAi = (body: Record<string, unknown>): boolean | undefined =>
  isRecord(body.privacy) && typeof body.privacy.improve_ai === 'boolean'
    ? body.privacy.improve_ai
    : undefined;

function readPositiveInteger(
  query: Readonly<Record<string, string>>,
  name: string,
  max: number,
  problems: InvalidParameter[],
): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > max) {
    problems.push({
      name,
      reason: max === Number.MAX_SAFE_INTEGER ? 'must be 1 or more' : `must be between 1 and ${max}`,
    });
    return undefined;
  }
  return number;
}

/**
 * `GET /v2/applications`: the account's applications, oldest first, `page_size` (1 to 100, default
 * 10) at a time from `page` (default 1), with `total_items`, `total_pages` and `_links` to the
 * first, last, previous and next pages.
 *
 * @see https://developer.vonage.com/en/api/application.v2#listApplication
 */
export function handleListApplications(context: ApiContext): ApiReply {
  if (!isAuthorized(context)) return unauthorized(context.traceId);
  const problems: InvalidParameter[] = [];
  const query = context.request.query;
  const pageSize = readPositiveInteger(query, 'page_size', MAX_PAGE_SIZE, problems) ?? DEFAULT_PAGE_SIZE;
  const page = readPositiveInteger(query, 'page', Number.MAX_SAFE_INTEGER, problems) ?? 1;
  if (problems.length > 0) return validationProblem(context, 'list-validation', problems);
  const applications = [...context.state.applications.values()];
  const totalPages = Math.ceil(applications.length / pageSize);
  const href = (at?: number) => ({
    href: `${BASE_PATH}?page_size=${pageSize}${at === undefined ? '' : `&page=${at}`}`,
  });
  return reply(200, {
    page_size: pageSize,
    page,
    total_items: applications.length,
    total_pages: totalPages,
    _embedded: {
      applications: applications
        .slice((page - 1) * pageSize, page * pageSize)
        .map((application) => toApplicationResource(application)),
    },
    _links: {
      self: href(page),
      first: href(),
      last: href(Math.max(totalPages, 1)),
      ...(page > 1 ? { prev: href(Math.min(page - 1, Math.max(totalPages, 1))) } : {}),
      ...(page < totalPages ? { next: href(page + 1) } : {}),
    },
  });
}

/**
 * `POST /v2/applications`: checks the request (`name` required; webhook addresses, methods and
 * timeouts; the spec's enums and ranges), stores it under a new id and answers 201 with it. Without
 * `keys.public_key` it generates an RSA 2048 key pair and answers the private key this once (only the
 * public key is kept); with one it keeps that key and answers no private key.
 *
 * @see https://developer.vonage.com/en/api/application.v2#createApplication
 */
export function handleCreateApplication(context: ApiContext): ApiReply {
  if (!isAuthorized(context)) return unauthorized(context.traceId);
  const read = readApplicationBody(context);
  if ('reply' in read) return read.reply;
  const { body } = read;
  let publicKey = requestedPublicKey(body);
  let privateKey: string | undefined;
  if (publicKey === undefined) {
    // The PEM forms Vonage answers (✅ spec-app 201 examples: `BEGIN PUBLIC KEY`, `BEGIN PRIVATE KEY`).
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    publicKey = pair.publicKey;
    privateKey = pair.privateKey;
  }
  const id = context.ids.uuid();
  // The recorded answer to a create with a name only has `improve_ai: false` 🟡 (the spec's request
  // schema says `default: true` ✅; docs/decisions/101).
  const application = toStoredApplication(id, body, publicKey, requestedImproveAi(body) ?? false);
  context.state.applications.set(id, application);
  return reply(201, withLinks(toApplicationResource(application, privateKey), id));
}

function findApplication(context: ApiContext, match: RouteMatch): StoredApplication | ApiReply {
  const id = match.params.id ?? '';
  return context.state.applications.get(id) ?? applicationNotFound(context, id);
}

const isFound = (value: StoredApplication | ApiReply): value is StoredApplication =>
  typeof (value as StoredApplication).id === 'string';

/**
 * `GET /v2/applications/:id`: the application with its public key; 404 for an id the account does
 * not have.
 *
 * @see https://developer.vonage.com/en/api/application.v2#getApplication
 */
export function handleGetApplication(context: ApiContext, match: RouteMatch): ApiReply {
  if (!isAuthorized(context)) return unauthorized(context.traceId);
  const application = findApplication(context, match);
  if (!isFound(application)) return application;
  return reply(200, withLinks(toApplicationResource(application), application.id));
}

/**
 * `PUT /v2/applications/:id`: replaces the application's name and capabilities with the request's
 * (capabilities left out become `{}`), checked as on create; `keys.public_key` replaces the key and
 * `privacy` the privacy setting, each kept when left out. Answers 200 with the application.
 *
 * @see https://developer.vonage.com/en/api/application.v2#updateApplication
 */
export function handleUpdateApplication(context: ApiContext, match: RouteMatch): ApiReply {
  if (!isAuthorized(context)) return unauthorized(context.traceId);
  const current = findApplication(context, match);
  if (!isFound(current)) return current;
  const read = readApplicationBody(context);
  if ('reply' in read) return read.reply;
  const { body } = read;
  const application = toStoredApplication(
    current.id,
    body,
    requestedPublicKey(body) ?? current.keys?.public_key,
    requestedImproveAi(body) ?? current.privacy?.improve_ai ?? false,
  );
  context.state.applications.set(current.id, application);
  return reply(200, withLinks(toApplicationResource(application), current.id));
}

/**
 * `DELETE /v2/applications/:id`: removes the application from the account and answers 204 without
 * a body; 404 for an id the account does not have.
 *
 * @see https://developer.vonage.com/en/api/application.v2#deleteApplication
 */
export function handleDeleteApplication(context: ApiContext, match: RouteMatch): ApiReply {
  if (!isAuthorized(context)) return unauthorized(context.traceId);
  const application = findApplication(context, match);
  if (!isFound(application)) return application;
  context.state.applications.delete(application.id);
  return reply(204, null);
}
