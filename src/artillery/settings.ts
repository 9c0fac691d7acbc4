// What a scenario tells the Artillery processor (issue 14): the `vonage` object of
// `config.variables`, read once per run and checked with one-line errors.
import { VwsError } from '../errors.js';
import { getEvent } from '../fixtures/catalog.js';
import { type TransportFormat, transportFormats } from '../fixtures/shared/define-event.js';
import { type SigningMode, signingModes } from '../signing/signing-modes.js';
import { type SmsSignatureMethod, smsSignatureMethods } from '../signing/sms-signature-methods.js';

/**
 * The processor's settings, as a scenario writes them under `config.variables.vonage`
 * (`vws export artillery` writes them). Artillery copies every `config.variables` value into each
 * virtual user's `context.vars` as it is (an array is sampled once per virtual user), so one object
 * holds them all.
 */
export interface ArtilleryVonageSettings {
  /** Event or family names; request k of a virtual user sends one drawn by its seed. */
  readonly events: readonly string[];
  /** The run seed: virtual user n of a worker draws its own seed from (seed, worker, n). Default 0. */
  readonly seed?: number;
  /** `"now"` of the payloads' timestamps (ISO); default the time of each request. */
  readonly refDate?: string;
  /** Fields deep-merged into every payload (generate's `overrides`). */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** Another wire shape, e.g. `v0.1`. */
  readonly webhookVersion?: string;
  /** Forms of real traffic: `documented`, `any` or named forms. */
  readonly forms?: 'documented' | 'any' | Readonly<Record<string, string>>;
  readonly format?: TransportFormat;
  /** Default `$VONAGE_SIGNATURE_SECRET` of the Artillery process. */
  readonly signatureSecret?: string;
  readonly signatureMethod?: SmsSignatureMethod;
  /** Default `$VONAGE_API_KEY`, else the placeholder API key when a JWT is signed. */
  readonly apiKey?: string;
  /** Default `$VONAGE_APPLICATION_ID`. */
  readonly applicationId?: string;
  readonly signingMode?: SigningMode;
}

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', `Invalid config.variables.vonage: ${message}`);
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be a string.`);
  return value;
}

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  const text = optionalString(value, name);
  if (text !== undefined && !(allowed as readonly string[]).includes(text)) {
    throw invalid(`${name} "${text}" is not one of ${allowed.join(', ')}.`);
  }
  return text as T | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readEvents(value: unknown): string[] {
  const events = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(events) || events.length === 0 || events.some((name) => typeof name !== 'string')) {
    throw invalid('events must name one or more events, e.g. events: ["sms.inbound"].');
  }
  // Throws the catalog's one line (with the closest name) for an unknown event.
  return events.map((name: string) => getEvent(name).name);
}

function readSeed(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const seed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw invalid(`seed ${JSON.stringify(value)} must be a non-negative integer such as 42.`);
  }
  return seed;
}

function readForms(value: unknown): ArtilleryVonageSettings['forms'] {
  if (value === undefined || value === null || value === 'documented' || value === 'any') {
    return value ?? undefined;
  }
  if (isRecord(value) && Object.values(value).every((form) => typeof form === 'string')) {
    return value as Record<string, string>;
  }
  throw invalid('forms must be documented, any or an object of group: form.');
}

/** Reads and checks `context.vars.vonage`; throws one line naming the fix. */
export function readSettings(value: unknown): ArtilleryVonageSettings {
  if (!isRecord(value)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      'The Vonage processor needs config.variables.vonage, e.g. vonage: { events: ["sms.inbound"] } (vws export artillery writes it).',
    );
  }
  if (value.overrides !== undefined && !isRecord(value.overrides)) {
    throw invalid('overrides must be an object of payload fields.');
  }
  const seed = readSeed(value.seed);
  const settings = {
    events: readEvents(value.events),
    ...(seed === undefined ? {} : { seed }),
    refDate: optionalString(value.refDate, 'refDate'),
    overrides: value.overrides as Record<string, unknown> | undefined,
    webhookVersion: optionalString(value.webhookVersion, 'webhookVersion'),
    forms: readForms(value.forms),
    format: oneOf(value.format, 'format', transportFormats),
    signatureSecret: optionalString(value.signatureSecret, 'signatureSecret'),
    signatureMethod: oneOf(value.signatureMethod, 'signatureMethod', smsSignatureMethods),
    apiKey: optionalString(value.apiKey, 'apiKey'),
    applicationId: optionalString(value.applicationId, 'applicationId'),
    signingMode: oneOf(value.signingMode, 'signingMode', signingModes),
  };
  return Object.fromEntries(
    Object.entries(settings).filter(([, entry]) => entry !== undefined),
  ) as unknown as ArtilleryVonageSettings;
}
