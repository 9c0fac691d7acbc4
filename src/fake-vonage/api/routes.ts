import { handleAccountSettings, handleGetBalance } from './account-api.js';
import type { ApiHandler, RouteMatch } from './api-context.js';
import {
  handleCreateApplication,
  handleDeleteApplication,
  handleGetApplication,
  handleListApplications,
  handleUpdateApplication,
} from './applications-api.js';
import { handleGetFile } from './files-api.js';
import type { VonageHostKind } from './hosts.js';
import { handleMessagesSend } from './messages-api.js';
import { handleMessagesV01Send } from './messages-v0-1-api.js';
import { handleNumberInsightAsync } from './number-insight-api.js';
import { handleSmsSend } from './sms-api.js';
import {
  handleVerifyCancel,
  handleVerifyCheck,
  handleVerifyNextWorkflow,
  handleVerifyStart,
} from './verify-api.js';
import {
  handleCallAction,
  handleCreateCall,
  handleGetCall,
  handleListCalls,
  handleUpdateCall,
} from './voice-api.js';

/** The APIs the fake serves, as `RecordedRequest.api` names them. */
export const fakeApis = [
  'sms',
  'messages',
  'voice',
  'number_insight',
  'verify',
  'applications',
  'account',
] as const;
/** One of {@link fakeApis}. */
export type FakeApi = (typeof fakeApis)[number];

interface Route {
  readonly api: FakeApi;
  readonly hosts: readonly VonageHostKind[];
  /** Path segments; `:name` matches one non-empty segment. */
  readonly segments: readonly string[];
  readonly methods: Readonly<Record<string, ApiHandler>>;
}

const route = (
  api: FakeApi,
  hosts: readonly VonageHostKind[],
  path: string,
  methods: Record<string, ApiHandler>,
): Route => ({ api, hosts, segments: path.split('/').slice(1), methods });

// Paths as the specs' `servers` + `paths` write them (spec-sms, spec-msg, spec-voice, spec-ni,
// spec-verify2); the gateway's own tests call `GET /sms/json` with query parameters too.
const routes: readonly Route[] = [
  route('sms', ['rest'], '/sms/json', { GET: handleSmsSend, POST: handleSmsSend }),
  route('messages', ['api', 'sandbox'], '/v1/messages', { POST: handleMessagesSend }),
  route('messages', ['api', 'sandbox'], '/v0.1/messages', { POST: handleMessagesV01Send }),
  route('voice', ['api'], '/v1/calls', { GET: handleListCalls, POST: handleCreateCall }),
  route('voice', ['api'], '/v1/calls/:uuid', { GET: handleGetCall, PUT: handleUpdateCall }),
  route('voice', ['api'], '/v1/calls/:uuid/talk', {
    PUT: handleCallAction('talk'),
    DELETE: handleCallAction('talk'),
  }),
  route('voice', ['api'], '/v1/calls/:uuid/stream', {
    PUT: handleCallAction('stream'),
    DELETE: handleCallAction('stream'),
  }),
  route('voice', ['api'], '/v1/calls/:uuid/dtmf', { PUT: handleCallAction('dtmf') }),
  // Recordings and transcripts: the `recording_url` of the record event (reference voice.md#action-results-and-other-events).
  route('voice', ['api'], '/v1/files/:id', { GET: handleGetFile }),
  route('number_insight', ['api'], '/ni/advanced/async/json', {
    GET: handleNumberInsightAsync,
    POST: handleNumberInsightAsync,
  }),
  route('verify', ['api'], '/v2/verify', { POST: handleVerifyStart }),
  route('verify', ['api'], '/v2/verify/:requestId', { POST: handleVerifyCheck, DELETE: handleVerifyCancel }),
  route('verify', ['api'], '/v2/verify/:requestId/next_workflow', { POST: handleVerifyNextWorkflow }),
  // spec-app `servers` https://api.nexmo.com/v2/applications; account.yml's path-level servers
  // put the Account API on rest.nexmo.com (docs/decisions/101-applications-and-account-api.md).
  route('applications', ['api'], '/v2/applications', {
    GET: handleListApplications,
    POST: handleCreateApplication,
  }),
  route('applications', ['api'], '/v2/applications/:id', {
    GET: handleGetApplication,
    PUT: handleUpdateApplication,
    DELETE: handleDeleteApplication,
  }),
  route('account', ['rest'], '/account/settings', { POST: handleAccountSettings }),
  route('account', ['rest'], '/account/get-balance', { GET: handleGetBalance }),
];

/** What routing found for a request. */
export type RouteResult =
  | {
      readonly kind: 'handler';
      readonly api: FakeApi;
      readonly handler: ApiHandler;
      readonly match: RouteMatch;
    }
  | { readonly kind: 'method-not-allowed'; readonly api: FakeApi; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' };

function matchPath(segments: readonly string[], path: readonly string[]): Record<string, string> | null {
  if (segments.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index++) {
    const expected = segments[index] as string;
    const actual = path[index] as string;
    if (expected.startsWith(':')) {
      if (actual === '') return null;
      params[expected.slice(1)] = decodeURIComponent(actual);
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/**
 * Finds the handler of a request. Paths match case-sensitively; one trailing slash is ignored
 * (❓ whether Vonage's gateway ignores it is not documented).
 */
export function findRoute(host: VonageHostKind, method: string, pathname: string): RouteResult {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const path = trimmed.split('/').slice(1);
  for (const candidate of routes) {
    if (!candidate.hosts.includes(host)) continue;
    const params = matchPath(candidate.segments, path);
    if (params === null) continue;
    const handler = candidate.methods[method];
    if (handler === undefined) {
      return { kind: 'method-not-allowed', api: candidate.api, allowed: Object.keys(candidate.methods) };
    }
    return { kind: 'handler', api: candidate.api, handler, match: { params } };
  }
  return { kind: 'not-found' };
}
