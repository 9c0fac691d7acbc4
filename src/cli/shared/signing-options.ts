import { type Command, Option } from 'commander';
import type { ToRequestOptions } from '../../delivery/to-request.js';
import { VwsError } from '../../errors.js';
import { DEFAULT_BASE_URL, defaultPaths } from '../../fake-vonage/account/default-paths.js';
import type { CatalogEntry } from '../../fixtures/catalog.js';
import { type TransportFormat, transportFormats } from '../../fixtures/shared/define-event.js';
import { PLACEHOLDER_API_KEY } from '../../signing/placeholder-api-key.js';
import { type SigningMode, signingModes } from '../../signing/signing-modes.js';
import {
  DEFAULT_SMS_SIGNATURE_METHOD,
  type SmsSignatureMethod,
  smsSignatureMethods,
} from '../../signing/sms-signature-methods.js';
import type { CliIo } from './io.js';
import { joinWords } from './join-words.js';

/** The options every request-making command shares (request, send). */
export interface SigningCliOptions {
  readonly url?: string;
  readonly format?: TransportFormat;
  readonly signatureSecret?: string;
  readonly signatureMethod?: SmsSignatureMethod | 'jwt';
  readonly apiKey?: string;
  readonly applicationId?: string;
  readonly signingMode?: SigningMode;
}

/** Adds the transport and signing options to a command. */
export function addSigningOptions(command: Command): Command {
  return command
    .option('--url <url>', `the endpoint (default: ${DEFAULT_BASE_URL} and the webhook's usual path)`)
    .addOption(
      new Option(
        '--format <format>',
        "transport: query (GET), form (POST form) or json (POST JSON); default the webhook's",
      ).choices(transportFormats),
    )
    .option(
      '--signature-secret <secret>',
      'sign with this signature secret (default: $VONAGE_SIGNATURE_SECRET)',
    )
    .addOption(
      new Option(
        '--signature-method <method>',
        `SMS API signature method, or jwt for JWT-signed webhooks (default: ${DEFAULT_SMS_SIGNATURE_METHOD} / jwt)`,
      ).choices([...smsSignatureMethods, 'jwt']),
    )
    .option(
      '--api-key <key>',
      `API key for the JWT api_key claim (default: $VONAGE_API_KEY, else the placeholder ${PLACEHOLDER_API_KEY})`,
    )
    .option(
      '--application-id <id>',
      'application id for the JWT application_id claim (default: $VONAGE_APPLICATION_ID)',
    )
    .addOption(
      new Option('--signing-mode <mode>', 'valid, or a broken signature for negative tests').choices(
        signingModes,
      ),
    );
}

/** Turns the CLI options (and the VONAGE_* environment defaults) into `toRequest` options. */
export function toRequestOptionsFrom(
  io: CliIo,
  entry: CatalogEntry,
  options: SigningCliOptions,
): ToRequestOptions {
  const method = options.signatureMethod;
  if (method === 'jwt' && entry.signing !== 'jwt') {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${entry.name} is ${entry.signing === 'none' ? 'never signed' : 'signed with the SMS signature'}, not a JWT: ${entry.signing === 'none' ? 'drop --signature-method' : `use --signature-method ${joinWords(smsSignatureMethods, 'or')}`}.`,
    );
  }
  if (method !== undefined && method !== 'jwt' && entry.signing !== 'sms-signature') {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${entry.name} is ${entry.signing === 'none' ? 'never signed' : 'signed with a JWT (HS256)'}, so --signature-method ${method} does not apply: ${entry.signing === 'none' ? 'drop it' : 'use --signature-method jwt or leave it out'}.`,
    );
  }
  const secret = given(options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET);
  if (method !== undefined && secret === undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `--signature-method ${method} signs nothing without a signature secret: pass --signature-secret (or set VONAGE_SIGNATURE_SECRET), or drop --signature-method.`,
    );
  }
  const applicationId = given(options.applicationId ?? io.env.VONAGE_APPLICATION_ID);
  const apiKey =
    given(options.apiKey ?? io.env.VONAGE_API_KEY) ?? toPlaceholderApiKey(io, entry, options, secret);
  return {
    url: options.url ?? `${DEFAULT_BASE_URL}${defaultPaths[entry.webhook]}`,
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(secret === undefined || entry.signing === 'none' ? {} : { signatureSecret: secret }),
    ...(method === undefined || method === 'jwt' ? {} : { signatureMethod: method }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(applicationId === undefined ? {} : { applicationId }),
    ...(options.signingMode === undefined ? {} : { signingMode: options.signingMode }),
    now: io.now,
  };
}

/** An option or environment value, with an empty one read as not given. */
function given(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * {@link PLACEHOLDER_API_KEY} when a JWT is to be signed without an API key (a JWT-signed webhook and a
 * signing mode other than `unsigned`), with one note on stderr when a secret is set, so the JWT is
 * actually signed; otherwise none (without a secret the request fails on the missing secret alone).
 */
function toPlaceholderApiKey(
  io: CliIo,
  entry: CatalogEntry,
  options: SigningCliOptions,
  secret: string | undefined,
): string | undefined {
  const mode = options.signingMode ?? 'valid';
  if (entry.signing !== 'jwt' || mode === 'unsigned' || (secret === undefined && mode === 'valid')) {
    return undefined;
  }
  if (secret !== undefined) {
    io.stderr.write(
      `vws: note: the JWT's api_key claim is the placeholder API key ${PLACEHOLDER_API_KEY}; if your app checks it, pass your real key with --api-key or VONAGE_API_KEY.\n`,
    );
  }
  return PLACEHOLDER_API_KEY;
}
