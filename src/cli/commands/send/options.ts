import { toRetryPolicy } from '../../../delivery/retry.js';
import type { RetryMode, SenderOptions, SendManyOptions } from '../../../delivery/sender-types.js';
import type { ToRequestOptions } from '../../../delivery/to-request.js';
import { VwsError } from '../../../errors.js';
import { getEvent } from '../../../fixtures/catalog.js';
import type { PayloadOptions } from '../../shared/payload-options.js';
import type { SigningCliOptions } from '../../shared/signing-options.js';

/** `vws send` options after parsing. */
export interface SendCliOptions extends PayloadOptions, SigningCliOptions {
  readonly count: number;
  readonly concurrency: number;
  readonly rate?: number;
  readonly expect: { readonly min: number; readonly max: number };
  /** Whether `--expect` was given (with a negative signing mode it narrows the rejection range). */
  readonly expectGiven?: boolean;
  readonly timeout?: number;
  readonly retries: RetryMode;
  readonly fallbackUrl?: string;
  /** A cap on the attempts of each delivery (`--retries vonage` only). */
  readonly maxAttempts?: number;
  /** Multiplies every wait between retries (`--retries vonage` only); the sender's default, 1, when not given. */
  readonly timeScale?: number;
  readonly json?: boolean;
  readonly junit?: string;
}

/** The sender of a run: `--expect`, `--time-scale`, and the credentials that re-sign fallback requests. */
export function toSenderOptions(options: SendCliOptions, requestOptions: ToRequestOptions): SenderOptions {
  return {
    successStatus: options.expect,
    ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
    ...(requestOptions.signatureSecret === undefined
      ? {}
      : { signatureSecret: requestOptions.signatureSecret }),
    ...(requestOptions.apiKey === undefined ? {} : { apiKey: requestOptions.apiKey }),
    ...(requestOptions.applicationId === undefined ? {} : { applicationId: requestOptions.applicationId }),
  };
}

function refuse(message: string): never {
  throw new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/**
 * Refuses the flags that would do nothing: `--max-attempts`, `--time-scale` and `--fallback-url`
 * without `--retries vonage`, and `--fallback-url` on a webhook Vonage never falls back for (only
 * Voice webhooks answered with an NCCO have a fallback answer URL). Checked before anything is
 * printed or sent.
 */
export function checkSendFlags(event: string, options: SendCliOptions): void {
  const entry = getEvent(event);
  if (options.fallbackUrl !== undefined) {
    try {
      new URL(options.fallbackUrl);
    } catch {
      refuse(`Invalid --fallback-url ${JSON.stringify(options.fallbackUrl)}: use an absolute http(s) URL.`);
    }
    if (toRetryPolicy(entry.webhook, entry.response).fallbackAttempts === 0) {
      refuse(
        `${entry.name} has no fallback answer URL (Vonage falls back only for Voice webhooks answered with an NCCO, such as voice.answer): drop --fallback-url.`,
      );
    }
  }
  if (options.retries === 'vonage') return;
  if (options.fallbackUrl !== undefined) {
    refuse(
      '--fallback-url is used only with --retries vonage (Vonage tries it after the answer URL fails): add --retries vonage or drop --fallback-url.',
    );
  }
  for (const [flag, value] of [
    ['--max-attempts', options.maxAttempts],
    ['--time-scale', options.timeScale],
  ] as const) {
    if (value !== undefined) {
      refuse(
        `${flag} applies only with --retries vonage (without it each webhook gets one attempt): add --retries vonage or drop ${flag}.`,
      );
    }
  }
}

/** How the run sends: concurrency, rate, timeout, retries, `--max-attempts` and `--fallback-url` (checked here). */
export function toSendManyOptions(event: string, options: SendCliOptions): SendManyOptions {
  checkSendFlags(event, options);
  return {
    event,
    concurrency: options.concurrency,
    retries: options.retries,
    ...(options.rate === undefined ? {} : { ratePerSecond: options.rate }),
    ...(options.timeout === undefined ? {} : { timeout: { responseMs: options.timeout } }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.fallbackUrl === undefined ? {} : { fallbackUrl: options.fallbackUrl }),
  };
}
