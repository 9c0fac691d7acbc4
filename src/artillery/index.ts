// `vonage-webhook-simulator/artillery` (issue 14): an Artillery 2 processor that sends each request
// as Vonage would and counts Vonage's verdict on each answer, so a campaign's load runs on
// Artillery's distributed engine (AWS Lambda, Fargate, Azure) instead of a loop of ours.
//
// Artillery 2.0.21's HTTP engine (@artilleryio/int-core/lib/engine_http.js) calls a hook named in
// `beforeRequest` as fn(requestParams, context, ee, next) and one named in `afterResponse` as
// fn(requestParams, response, context, ee, next) when the function is a plain `Function` (an async
// one is awaited instead); `response.body` is the body as text. After `beforeRequest` it templates
// `url`, `body` and headers ({{ }}), merges the hook's headers last and sends `requestParams.method`.
// Custom metrics go through `ee.emit('counter', name, value)` (https://www.artillery.io/docs/reference/extension-apis).
import { threadId } from 'node:worker_threads';
import { judge } from '../delivery/judge-response.js';
import { DEFAULT_SUCCESS_RANGE } from '../delivery/success-range.js';
import { type RequestParts, type ToRequestOptions, toRequestParts } from '../delivery/to-request.js';
import { type CatalogEntry, getEvent } from '../fixtures/catalog.js';
import { createGenerator, type Generator } from '../fixtures/create-generator.js';
import { createRandomizer } from '../internal/prng.js';
import { PLACEHOLDER_API_KEY } from '../signing/placeholder-api-key.js';
import { type ArtilleryVonageSettings, readSettings } from './settings.js';

export type { ArtilleryVonageSettings } from './settings.js';

/** The counters the processor records: every answer counts in exactly one of them. */
export const vonageMetrics = {
  /** 200–205, and for a webhook answered with an NCCO a valid NCCO (or none where it is optional). */
  accepted: 'vonage.accepted',
  /** Any other status: Vonage retries it (or gives up), and follows no redirect. */
  rejected: 'vonage.rejected',
  /** 200–205 with an NCCO Vonage would reject (answer and event URLs that return NCCOs). */
  invalidNcco: 'vonage.invalid_ncco',
} as const;

/** What Artillery hands a hook: the request about to be sent (edited in place). */
export interface ArtilleryRequestParams {
  url?: string;
  method?: string;
  headers?: Record<string, unknown>;
  body?: unknown;
  json?: unknown;
  form?: unknown;
  followRedirect?: boolean;
  [key: string]: unknown;
}

/** A virtual user's context: its variables (`config.variables` copied in) and more. */
export interface ArtilleryContext {
  vars: Record<string, unknown>;
  [key: string]: unknown;
}

/** Artillery's event emitter, through which custom metrics go. */
export interface ArtilleryEvents {
  emit(type: string, name: string, value?: number): unknown;
}

/** The response an `afterResponse` hook sees (got's, with the body as text). */
export interface ArtilleryResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: unknown;
}

type Next = (error?: Error | null) => void;

/** A virtual user's own generator session, the settings it was made from, and its event picker. */
interface VirtualUser {
  readonly settings: ArtilleryVonageSettings;
  readonly session: Generator;
  readonly seed: number;
  /** Which of several events the next request sends: the user's own stream, seeded by its seed. */
  readonly picker: ReturnType<typeof createRandomizer>;
}

const users = new WeakMap<object, VirtualUser>();
// The event each request was built for, read back when its answer arrives.
const sentEvents = new WeakMap<object, CatalogEntry>();
// Settings objects already checked (Artillery hands every virtual user the same object).
const checked = new WeakMap<object, ArtilleryVonageSettings>();
// Virtual users this worker has started: user n of worker w draws its seed from (run seed, w, n).
let started = 0;
const random = createRandomizer();

function settingsOf(context: ArtilleryContext): ArtilleryVonageSettings {
  const value = context.vars.vonage;
  const known = value !== null && typeof value === 'object' ? checked.get(value) : undefined;
  if (known !== undefined) return known;
  const settings = readSettings(value);
  if (value !== null && typeof value === 'object') checked.set(value, settings);
  return settings;
}

/**
 * The virtual user's seed: `context.vars.vonageSeed` when the scenario gives one (a CSV payload
 * column makes every user's seed yours), else drawn from (run seed, worker thread, user number), so
 * users never share a seed within a run and a run on the same workers repeats its payloads.
 */
function toUserSeed(context: ArtilleryContext, settings: ArtilleryVonageSettings): number {
  const own = context.vars.vonageSeed;
  if (own !== undefined && own !== '') {
    const seed = Number(own);
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw readSettingsError(`vonageSeed ${JSON.stringify(own)} must be a non-negative integer.`);
    }
    return seed;
  }
  random.seed([settings.seed ?? 0, threadId, started]);
  started += 1;
  return Math.floor(random.next() * 4294967296);
}

function readSettingsError(message: string): Error {
  return new Error(`vonage-webhook-simulator/artillery: ${message}`);
}

function userOf(context: ArtilleryContext): VirtualUser {
  const known = users.get(context);
  if (known !== undefined) return known;
  const settings = settingsOf(context);
  const seed = toUserSeed(context, settings);
  const picker = createRandomizer();
  picker.seed([seed, 1]);
  const user: VirtualUser = {
    settings,
    seed,
    session: createGenerator({
      seed,
      ...(settings.refDate === undefined ? {} : { refDate: settings.refDate }),
    }),
    picker,
  };
  users.set(context, user);
  return user;
}

function envOf(context: ArtilleryContext): Readonly<Record<string, string | undefined>> {
  const env = context.vars.$env;
  return env !== null && typeof env === 'object' ? (env as Record<string, string>) : process.env;
}

function given(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The signing options of a request: the settings, else the VONAGE_* variables of the process. */
function toSigning(
  settings: ArtilleryVonageSettings,
  entry: CatalogEntry,
  env: Readonly<Record<string, string | undefined>>,
): Omit<ToRequestOptions, 'url'> {
  const secret = given(settings.signatureSecret ?? env.VONAGE_SIGNATURE_SECRET);
  const mode = settings.signingMode ?? 'valid';
  const jwtNeedsKey =
    entry.signing === 'jwt' && mode !== 'unsigned' && (secret !== undefined || mode !== 'valid');
  const apiKey =
    given(settings.apiKey ?? env.VONAGE_API_KEY) ?? (jwtNeedsKey ? PLACEHOLDER_API_KEY : undefined);
  const applicationId = given(settings.applicationId ?? env.VONAGE_APPLICATION_ID);
  return {
    ...(settings.format === undefined ? {} : { format: settings.format }),
    ...(secret === undefined || entry.signing === 'none' ? {} : { signatureSecret: secret }),
    ...(settings.signatureMethod === undefined || entry.signing !== 'sms-signature'
      ? {}
      : { signatureMethod: settings.signatureMethod }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(applicationId === undefined ? {} : { applicationId }),
    ...(settings.signingMode === undefined ? {} : { signingMode: settings.signingMode }),
  };
}

/**
 * Builds the next webhook of a virtual user: the event (drawn by the call's seed among the
 * settings' events), a fresh payload from the user's generator session (moving on per request, as
 * `createGenerator` does), signed and shaped as Vonage sends it.
 */
export function buildVonageRequest(
  context: ArtilleryContext,
  url: string,
): RequestParts & { entry: CatalogEntry } {
  const user = userOf(context);
  const { settings, session } = user;
  const events = settings.events;
  // Successive requests of a user move on; with several events, the user's own stream picks one.
  const index = events.length === 1 ? 0 : Math.floor(user.picker.next() * events.length);
  const entry = getEvent(events[index] as string);
  const payload = session.generate(
    entry.name as never,
    {
      ...(settings.refDate === undefined ? { refDate: Date.now() } : {}),
      ...(settings.webhookVersion === undefined ? {} : { version: settings.webhookVersion }),
      ...(settings.forms === undefined ? {} : { forms: settings.forms }),
      ...(settings.overrides === undefined ? {} : { overrides: settings.overrides }),
    } as never,
  ) as unknown;
  const parts = toRequestParts({ name: entry.name, payload }, {
    url,
    ...toSigning(settings, entry, envOf(context)),
  } as ToRequestOptions);
  return { ...parts, entry };
}

/**
 * `beforeRequest` hook: replaces the request with the next webhook of the virtual user, as Vonage
 * sends it (method, URL with the query for GET webhooks, body bytes, headers, signature), to the
 * request's URL (`config.target` plus the flow's `url`). Vonage follows no redirect, so neither
 * does the request.
 */
export function vonageWebhook(
  requestParams: ArtilleryRequestParams,
  context: ArtilleryContext,
  _ee: ArtilleryEvents,
  next: Next,
): void {
  try {
    const request = buildVonageRequest(context, String(requestParams.url ?? ''));
    requestParams.method = request.method;
    requestParams.url = request.url;
    requestParams.headers = { ...(requestParams.headers ?? {}), ...Object.fromEntries(request.headers) };
    delete requestParams.json;
    delete requestParams.form;
    if (request.body === null) delete requestParams.body;
    else requestParams.body = request.body;
    requestParams.followRedirect = false;
    sentEvents.set(requestParams, request.entry);
    next();
  } catch (error) {
    next(error instanceof Error ? error : new Error(String(error)));
  }
}

function toHeaders(headers: ArtilleryResponse['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Which counter an answer goes to, by Vonage's rule (200–205, a valid NCCO where one is read). */
export function toVonageVerdict(
  entry: CatalogEntry,
  response: ArtilleryResponse,
): 'accepted' | 'rejected' | 'invalidNcco' {
  const body =
    typeof response.body === 'string' ? response.body : response.body == null ? '' : String(response.body);
  const verdict = judge(
    response.statusCode,
    toHeaders(response.headers),
    body,
    false,
    entry.response,
    DEFAULT_SUCCESS_RANGE,
    'The endpoint',
  );
  if (verdict.ok) return 'accepted';
  return verdict.code === 'VWS_ERR_DELIVERY_NCCO_INVALID' ? 'invalidNcco' : 'rejected';
}

/**
 * `afterResponse` hook: counts the answer as `vonage.accepted`, `vonage.rejected` or
 * `vonage.invalid_ncco` (the other two grow by 0, so each is in the report and `ensure` can read it).
 */
export function vonageAcceptance(
  requestParams: ArtilleryRequestParams,
  response: ArtilleryResponse,
  _context: ArtilleryContext,
  ee: ArtilleryEvents,
  next: Next,
): void {
  try {
    const entry = sentEvents.get(requestParams);
    if (entry === undefined) {
      throw readSettingsError(
        'vonageAcceptance judges requests built by vonageWebhook: add beforeRequest: vonageWebhook.',
      );
    }
    const verdict = toVonageVerdict(entry, response);
    for (const key of ['accepted', 'rejected', 'invalidNcco'] as const) {
      ee.emit('counter', vonageMetrics[key], key === verdict ? 1 : 0);
    }
    next();
  } catch (error) {
    next(error instanceof Error ? error : new Error(String(error)));
  }
}
