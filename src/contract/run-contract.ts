import { createSender, type Sender } from '../delivery/create-sender.js';
import type { DeliveryResult } from '../delivery/delivery-result.js';
import { toRequestParts } from '../delivery/to-request.js';
import { VwsError } from '../errors.js';
import { getEvent } from '../fixtures/catalog.js';
import { generate } from '../fixtures/generate.js';
import type { TransportFormat } from '../fixtures/shared/define-event.js';
import { negativeSigningModes, type SigningMode } from '../signing/signing-modes.js';
import { type ContractConfig, type ContractEndpoint, expandEndpointEvents, expandEvents } from './config.js';

/** One check of a contract run: a webhook sent to an endpoint and what was expected of the answer. */
export interface ContractCheck {
  readonly endpoint: string;
  readonly event: string;
  /** The wire shape sent when it is not the event's default: `v0.1` on a `webhookVersion: 'v0.1'` endpoint. */
  readonly version?: 'v0.1';
  /** `delivers` for a valid webhook, `rejects <mode>` for a negative signing mode. */
  readonly check: string;
  readonly signingMode: SigningMode;
  /** The statuses that pass, e.g. `200-205` or `400-599`. */
  readonly expected: string;
  readonly passed: boolean;
  /** One line: what happened and, on failure, why it matters. */
  readonly message: string;
  readonly result: DeliveryResult | null;
}

/** Counts and checks of a contract run. */
export interface ContractRun {
  readonly seed: number;
  readonly checks: readonly ContractCheck[];
  readonly passed: number;
  readonly failed: number;
}

/** Options of {@link runContract}. */
export interface RunContractOptions {
  readonly config: ContractConfig;
  /** Overrides the config's base URL. */
  readonly baseUrl?: string;
  readonly signatureSecret?: string;
  readonly apiKey?: string;
  readonly applicationId?: string;
  /** Seed of the payloads (config `seed` otherwise; default 1). */
  readonly seed?: number;
  /** The clock, epoch milliseconds: payload times and signature times. */
  readonly now?: () => number;
  /** A sender to deliver with (its success range is not used: checks judge their own ranges). */
  readonly sender?: Sender;
  /** Called after each check, for progress output. */
  readonly onCheck?: (check: ContractCheck) => void;
}

interface StatusRangeText {
  readonly min: number;
  readonly max: number;
  readonly text: string;
}

function toRange(text: string | undefined, fallback: string): StatusRangeText {
  const value = text ?? fallback;
  const [min = Number.NaN, max = min] = value.split('-').map(Number);
  return { min, max, text: value };
}

function formatFor(
  endpoint: ContractEndpoint,
  formats: readonly TransportFormat[],
): TransportFormat | undefined {
  if (endpoint.format !== undefined) return endpoint.format;
  if (endpoint.method === 'GET') return 'query';
  if (endpoint.method === 'POST') return formats.find((format) => format !== 'query') ?? 'json';
  return undefined;
}

// Which negative modes can be caught at all: none on unsigned webhooks; alg-none only on JWTs; on a
// JWT-signed GET the payload_hash covers an empty body, so an edited query cannot be told apart
// (docs/decisions/008-signing-defaults-and-get-payload-hash.md).
function applicableModes(scheme: string, format: TransportFormat): Exclude<SigningMode, 'valid'>[] {
  if (scheme === 'none') return [];
  return negativeSigningModes.filter(
    (mode) =>
      !(mode === 'alg-none' && scheme !== 'jwt') &&
      !(mode === 'tampered-body' && scheme === 'jwt' && format === 'query'),
  );
}

const modeWords: Readonly<Record<Exclude<SigningMode, 'valid'>, string>> = {
  unsigned: 'an unsigned webhook',
  'wrong-secret': 'a webhook signed with the wrong secret (forged)',
  'tampered-body': 'a webhook whose body was changed after signing',
  stale: 'a webhook signed an hour ago (replayed)',
  'malformed-token': 'a webhook with a malformed signature',
  'alg-none': 'a JWT with alg "none"',
};

function failureOf(result: DeliveryResult): string {
  switch (result.outcome) {
    case 'connection_refused':
      return 'the connection was refused: nothing listens there (did the receiver crash on an earlier request?)';
    case 'connection_reset':
      return 'the receiver reset the connection (it crashed or dropped the request)';
    case 'timed_out':
      return "the receiver did not answer within Vonage's timeout";
    default:
      return result.error?.message ?? result.outcome;
  }
}

/**
 * Runs a contract: for each endpoint of the config, every variant of the events it receives (messages
 * events in the v0.1 shape on endpoints with `webhookVersion: 'v0.1'`), with the transport and signing
 * the config names, judged by Vonage's rule (200–205 within Vonage's timeouts, a valid NCCO where one
 * is due); for endpoints that verify signatures, every negative signing mode that applies, expecting a
 * rejection. Every check is reported; the run goes on after
 * failures, crashes and resets.
 *
 * @example
 * ```ts
 * import { parseContractConfig, runContract } from 'vonage-webhook-simulator';
 * const config = parseContractConfig({ baseUrl: 'http://127.0.0.1:3000', endpoints: [{ path: '/webhooks/status', events: ['messages.status.read'] }] }, 'inline');
 * const run = await runContract({ config, signatureSecret: 's3cret', apiKey: 'a1b2c3d4' });
 * console.log(run.failed === 0 ? 'contract holds' : 'contract broken');
 * ```
 */
export async function runContract(options: RunContractOptions): Promise<ContractRun> {
  const { config } = options;
  const baseUrl = options.baseUrl ?? config.baseUrl;
  if (baseUrl === undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      'No base URL: set "baseUrl" in the config or pass --base-url http://127.0.0.1:3000.',
    );
  }
  const secret = options.signatureSecret ?? config.signatureSecret;
  const apiKey = options.apiKey ?? config.apiKey;
  const applicationId = options.applicationId ?? config.applicationId;
  const seed = options.seed ?? config.seed ?? 1;
  const now = options.now ?? Date.now;
  config.endpoints.forEach((endpoint, index) => {
    if (endpoint.verifiesSignature && (secret === undefined || secret === '')) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Endpoint $.endpoints[${index}] verifies signatures, so the contract needs the signature secret: set VONAGE_SIGNATURE_SECRET or pass --signature-secret.`,
      );
    }
  });
  if (secret !== undefined && secret !== '' && (apiKey === undefined || apiKey === '')) {
    const jwtEvent = config.endpoints
      .flatMap((endpoint) => expandEvents(endpoint.events))
      .find((event) => getEvent(event).signing === 'jwt');
    if (jwtEvent !== undefined) {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `${jwtEvent} is signed with a JWT, whose api_key claim needs the API key: set VONAGE_API_KEY, pass --api-key, or set "apiKey" in the config.`,
      );
    }
  }
  const sender = options.sender ?? createSender();
  const checks: ContractCheck[] = [];
  const record = (check: ContractCheck) => {
    checks.push(check);
    options.onCheck?.(check);
  };
  try {
    for (const endpoint of config.endpoints) {
      const label = endpoint.name ?? endpoint.path;
      const url = new URL(endpoint.path, baseUrl).href;
      const expect = toRange(endpoint.expectStatus, '200-205');
      const reject = toRange(endpoint.rejectStatus, '400-599');
      const shapes = expandEndpointEvents(endpoint);
      for (const [position, { event, version }] of shapes.entries()) {
        const entry = getEvent(event);
        const format = formatFor(endpoint, entry.formats);
        const method = endpoint.signatureMethod;
        const signed = secret !== undefined && secret !== '' && entry.signing !== 'none';
        const modes: SigningMode[] = [
          'valid',
          // Negative modes once per endpoint, on its first event: they test the endpoint's check, not the payload.
          ...(endpoint.verifiesSignature && position === 0
            ? applicableModes(entry.signing, format ?? entry.formats[0]).filter(
                (mode) => endpoint.negativeModes === undefined || endpoint.negativeModes.includes(mode),
              )
            : []),
        ];
        // `generate` narrows options by event name; here the name is only known at run time.
        const payload = (generate as (name: string, options: object) => unknown)(entry.name, {
          seed,
          refDate: now(),
          ...(version === undefined ? {} : { version }),
        });
        for (const mode of modes) {
          const negative = mode !== 'valid';
          const range = negative ? reject : expect;
          const check = negative ? `rejects ${mode}` : 'delivers';
          let parts: ReturnType<typeof toRequestParts>;
          try {
            parts = toRequestParts(
              { name: entry.name, payload },
              {
                url,
                ...(format === undefined ? {} : { format }),
                ...(signed ? { signatureSecret: secret } : {}),
                ...(method !== undefined && method !== 'jwt' ? { signatureMethod: method } : {}),
                ...(apiKey === undefined ? {} : { apiKey }),
                ...(applicationId === undefined ? {} : { applicationId }),
                signingMode: mode,
                now,
              },
            );
          } catch (error) {
            record({
              endpoint: label,
              event,
              ...(version === undefined ? {} : { version }),
              check,
              signingMode: mode,
              expected: range.text,
              passed: false,
              message: (error as Error).message,
              result: null,
            });
            continue;
          }
          const result = await sender.deliver(parts, undefined, { event: entry.name, retries: 'none' });
          const status = result.status;
          const inRange = status !== null && status >= range.min && status <= range.max;
          let passed: boolean;
          let message: string;
          if (!negative) {
            const nccoOk = result.nccoIssues.length === 0 && result.outcome !== 'ncco_invalid';
            passed = inRange && nccoOk && result.outcome !== 'timed_out';
            message = passed
              ? `answered ${status} in ${Math.round(result.durationMs)} ms`
              : status !== null && inRange
                ? (result.error?.message ?? 'invalid NCCO')
                : status !== null
                  ? `answered ${status}, expected ${range.text}`
                  : failureOf(result);
          } else {
            passed = inRange;
            message = passed
              ? `rejected ${modeWords[mode]} with ${status}`
              : status !== null
                ? `accepted ${modeWords[mode]} with ${status}: anyone can forge this webhook`
                : `on ${modeWords[mode]}: ${failureOf(result)}`;
          }
          record({
            endpoint: label,
            event,
            ...(version === undefined ? {} : { version }),
            check,
            signingMode: mode,
            expected: range.text,
            passed,
            message,
            result,
          });
        }
      }
    }
  } finally {
    if (options.sender === undefined) await sender.close();
  }
  const passed = checks.filter((check) => check.passed).length;
  return { seed, checks, passed, failed: checks.length - passed };
}
