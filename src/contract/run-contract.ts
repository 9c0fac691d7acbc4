import { createSender } from '../delivery/create-sender.js';
import type { DeliveryResult } from '../delivery/delivery-result.js';
import type { Sender } from '../delivery/sender-types.js';
import { DEFAULT_SUCCESS_RANGE } from '../delivery/success-range.js';
import { toRequestParts } from '../delivery/to-request.js';
import { type CatalogEntry, getEvent } from '../fixtures/catalog.js';
import type { TransportFormat } from '../fixtures/shared/define-event.js';
import type { SigningMode } from '../signing/signing-modes.js';
import {
  type CheckVerdict,
  DEFAULT_REJECTION_RANGE,
  judgeDelivery,
  judgeRejection,
  judgeVariant,
  type StatusRangeText,
  toRange,
} from './check-verdict.js';
import { type ContractConfig, type ContractEndpoint, expandEndpointEvents } from './config.js';
import { type ContractSettings, toContractSettings } from './contract-settings.js';
import { formatFor, toSigningModes } from './endpoint-checks.js';
import {
  basePayload,
  namedFormsLabel,
  type PayloadSpec,
  payloadVariants,
  type VariantChoice,
} from './payload-variants.js';

/** One check of a contract run: a webhook sent to an endpoint and what was expected of the answer. */
export interface ContractCheck {
  readonly endpoint: string;
  readonly event: string;
  /** The wire shape sent when it is not the event's default: `v0.1` on a `webhookVersion: 'v0.1'` endpoint. */
  readonly version?: 'v0.1';
  /**
   * `delivers` for a valid webhook, `rejects <mode>` for a negative signing mode, `delivers
   * <group>=<form>` for a form seen in real traffic, `delivers without optional fields` and `delivers
   * with an unknown field` for the defensive checks (docs/decisions/112).
   */
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
  /** `true` when `signal` aborted the run: `checks` holds only those done before it. */
  readonly interrupted: boolean;
  /**
   * Set, to the origin of the base URL, when nothing listens there: the first check's connection
   * was refused before anything ever answered, so the run stopped after that one failed check. A
   * refusal after an answer (an app that crashed mid-run) is reported per check and does not stop it.
   */
  readonly nothingListening?: string;
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
  /**
   * Stops the run (Ctrl-C): once aborted no new check starts (the one in flight ends, within its
   * timeout), and the run resolves with the checks done so far and `interrupted: true`.
   */
  readonly signal?: AbortSignal;
}

/**
 * Runs a contract: for each endpoint of the config, every variant of the events it receives (messages
 * events in the v0.1 shape on endpoints with `webhookVersion: 'v0.1'`), with the transport and signing
 * the config names, judged by Vonage's rule (200–205 within Vonage's timeouts, a valid NCCO where one
 * is due); for endpoints that verify signatures, every negative signing mode that applies, expecting a
 * rejection. Every check is reported; the run goes on after
 * failures, crashes and resets. It stops early only when `signal` aborts, or when nothing listens at
 * the base URL (see {@link ContractRun.nothingListening}).
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
  const settings = toContractSettings(options.config, options);
  const sender = options.sender ?? createSender();
  const checks: ContractCheck[] = [];
  const run: ContractRunContext = {
    config: options.config,
    settings,
    sender,
    record: (check) => {
      checks.push(check);
      options.onCheck?.(check);
    },
    signal: options.signal,
    reached: false,
    nothingListening: undefined,
  };
  try {
    for (const endpoint of options.config.endpoints) {
      if (isStopped(run)) break;
      await runEndpoint(run, endpoint);
    }
  } finally {
    if (options.sender === undefined) await sender.close();
  }
  const passed = checks.filter((check) => check.passed).length;
  const interrupted = options.signal?.aborted === true;
  const { nothingListening } = run;
  return {
    seed: settings.seed,
    checks,
    passed,
    failed: checks.length - passed,
    interrupted,
    ...(nothingListening === undefined ? {} : { nothingListening }),
  };
}

/** What every check of a run shares: its settings, its sender, where checks are recorded, and whether to stop. */
interface ContractRunContext {
  readonly config: ContractConfig;
  readonly settings: ContractSettings;
  readonly sender: Sender;
  readonly record: (check: ContractCheck) => void;
  readonly signal: AbortSignal | undefined;
  /** Whether any delivery reached the app (an answer, a reset, a timeout): a refusal after that is a crash. */
  reached: boolean;
  /** The origin where nothing listened: set by the first delivery when it was refused; the run stops. */
  nothingListening: string | undefined;
}

/** Whether the run starts no further check: aborted, or nothing listens at the base URL. */
function isStopped(run: ContractRunContext): boolean {
  return run.signal?.aborted === true || run.nothingListening !== undefined;
}

/** Outcomes that say nothing about whether anything listens: the request did not reach a socket. */
const unreached: ReadonlySet<DeliveryResult['outcome']> = new Set([
  'connection_refused',
  'network_error',
  'not_sent',
]);

/** Sends every shape of every event an endpoint receives, in each signing mode and variant that applies. */
async function runEndpoint(run: ContractRunContext, endpoint: ContractEndpoint): Promise<void> {
  const { seed, now } = run.settings;
  const url = new URL(endpoint.path, run.settings.baseUrl).href;
  const expect = toRange(endpoint.expectStatus, `${DEFAULT_SUCCESS_RANGE.min}-${DEFAULT_SUCCESS_RANGE.max}`);
  const reject = toRange(endpoint.rejectStatus, DEFAULT_REJECTION_RANGE);
  const choice: VariantChoice = {
    forms: endpoint.forms ?? run.config.forms ?? 'every',
    defensive: endpoint.defensive ?? run.config.defensive ?? true,
  };
  const shapes = expandEndpointEvents(endpoint);
  for (const [position, { event, version }] of shapes.entries()) {
    const entry = getEvent(event);
    const format = formatFor(endpoint, entry.formats);
    const modes = toSigningModes(endpoint, entry, format, position);
    const spec: PayloadSpec = {
      event: entry.name,
      ...(version === undefined ? {} : { version }),
      seed,
      refDate: now(),
    };
    const shape: CheckShape = {
      endpoint,
      url,
      event,
      ...(version === undefined ? {} : { version }),
      entry,
      format,
      payload: basePayload(spec, choice),
      namedForms: namedFormsLabel(spec, choice),
    };
    for (const mode of modes) {
      if (isStopped(run)) return;
      const range = mode === 'valid' ? expect : reject;
      const name = mode === 'valid' ? 'delivers' : `rejects ${mode}`;
      await runCheck(run, shape, { name, mode, range }, (result) =>
        mode === 'valid' ? judgeDelivery(result, range) : judgeRejection(result, range, mode),
      );
    }
    for (const variant of payloadVariants(spec, choice, shape.payload)) {
      if (isStopped(run)) return;
      await runCheck(
        run,
        { ...shape, payload: variant.payload },
        { name: variant.check, mode: 'valid', range: expect },
        (result) => judgeVariant(result, expect, variant),
      );
    }
  }
}

/** One webhook shape an endpoint receives, with the payload it is sent with. */
interface CheckShape {
  readonly endpoint: ContractEndpoint;
  readonly url: string;
  readonly event: string;
  readonly version?: 'v0.1';
  readonly entry: CatalogEntry;
  readonly format: TransportFormat | undefined;
  readonly payload: unknown;
  /** The config's named forms the payload carries (`timestamp=seconds`), or `''`. */
  readonly namedForms: string;
}

/** What a check is called, how it is signed and which statuses pass. */
interface CheckKind {
  readonly name: string;
  readonly mode: SigningMode;
  readonly range: StatusRangeText;
}

/** Sends one shape as `kind` says and records the check, judged by `judge`. */
async function runCheck(
  run: ContractRunContext,
  shape: CheckShape,
  kind: CheckKind,
  judge: (result: DeliveryResult) => CheckVerdict,
): Promise<void> {
  const { endpoint, event, version, entry } = shape;
  const { mode } = kind;
  const base = {
    endpoint: endpoint.name ?? endpoint.path,
    event,
    ...(version === undefined ? {} : { version }),
    // The config's named forms, in the name and in a failure, so a failure is not blamed elsewhere.
    check: shape.namedForms === '' ? kind.name : `${kind.name} (${shape.namedForms})`,
    signingMode: mode,
    expected: kind.range.text,
  };
  let parts: ReturnType<typeof toRequestParts>;
  try {
    parts = toCheckRequest(run.settings, shape, mode);
  } catch (error) {
    run.record({ ...base, passed: false, message: (error as Error).message, result: null });
    return;
  }
  const result = await run.sender.deliver(parts, undefined, { event: entry.name, retries: 'none' });
  if (result.outcome === 'connection_refused' && !run.reached) {
    // Nothing has ever answered at this address: one line saying so, rather than one per check
    // blaming a crash on an earlier request.
    const origin = new URL(shape.url).origin;
    run.nothingListening = origin;
    const message = `nothing is listening at ${origin} (connection refused): start your app there, or set the base URL (CLI: --base-url)`;
    run.record({ ...base, passed: false, message, result });
    return;
  }
  if (!unreached.has(result.outcome)) run.reached = true;
  const { passed, message } = judge(result);
  const withForms =
    passed || shape.namedForms === ''
      ? message
      : `${message} (sent with ${shape.namedForms}, as the config's "forms" asks)`;
  run.record({ ...base, passed, message: withForms, result });
}

/** The request of a check: the shape's payload, signed as `mode` says when the event and secret allow. */
function toCheckRequest(
  settings: ContractSettings,
  shape: CheckShape,
  mode: SigningMode,
): ReturnType<typeof toRequestParts> {
  const { secret, apiKey, applicationId, now } = settings;
  const { entry, format } = shape;
  const method = shape.endpoint.signatureMethod;
  const signed = secret !== undefined && secret !== '' && entry.signing !== 'none';
  return toRequestParts(
    { name: entry.name, payload: shape.payload },
    {
      url: shape.url,
      ...(format === undefined ? {} : { format }),
      ...(signed ? { signatureSecret: secret } : {}),
      ...(method !== undefined && method !== 'jwt' ? { signatureMethod: method } : {}),
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(applicationId === undefined ? {} : { applicationId }),
      signingMode: mode,
      now,
    },
  );
}
