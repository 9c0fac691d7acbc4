import type { RetryMode, SenderOptions, SendManyOptions } from '../../../delivery/sender-types.js';
import type { ToRequestOptions } from '../../../delivery/to-request.js';
import { VwsError } from '../../../errors.js';
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
  readonly json?: boolean;
  readonly junit?: string;
}

/** The sender of a run: `--expect`, and the credentials that re-sign fallback requests. */
export function toSenderOptions(options: SendCliOptions, requestOptions: ToRequestOptions): SenderOptions {
  return {
    successStatus: options.expect,
    ...(requestOptions.signatureSecret === undefined
      ? {}
      : { signatureSecret: requestOptions.signatureSecret }),
    ...(requestOptions.apiKey === undefined ? {} : { apiKey: requestOptions.apiKey }),
    ...(requestOptions.applicationId === undefined ? {} : { applicationId: requestOptions.applicationId }),
  };
}

/** How the run sends: concurrency, rate, timeout, retries and `--fallback-url` (checked here). */
export function toSendManyOptions(event: string, options: SendCliOptions): SendManyOptions {
  if (options.fallbackUrl !== undefined) {
    try {
      new URL(options.fallbackUrl);
    } catch {
      throw new VwsError(
        'VWS_ERR_INVALID_OPTION',
        `Invalid --fallback-url "${options.fallbackUrl}": use an absolute http(s) URL.`,
      );
    }
  }
  return {
    event,
    concurrency: options.concurrency,
    retries: options.retries,
    ...(options.rate === undefined ? {} : { ratePerSecond: options.rate }),
    ...(options.timeout === undefined ? {} : { timeout: { responseMs: options.timeout } }),
    ...(options.fallbackUrl === undefined ? {} : { fallbackUrl: options.fallbackUrl }),
  };
}
