import { VwsError } from '../../../errors.js';
import type { WebhookMethod } from '../../../fake-vonage/account/application-paths.js';
import type { FakeVonageOptions } from '../../../fake-vonage/types.js';
import type { CliIo } from '../../shared/io.js';
import { joinWords } from '../../shared/join-words.js';

/** `vws call` options after parsing (the caller's steps are collected apart, in argv order). */
export interface CallCliOptions {
  readonly server?: string;
  readonly answerUrl?: string;
  readonly answerMethod?: WebhookMethod;
  readonly eventUrl?: string;
  readonly eventMethod?: WebhookMethod;
  readonly fallbackAnswerUrl?: string;
  readonly from?: string;
  readonly to?: string;
  readonly seed?: number;
  /** Epoch ms of Vonage's "now" when the call starts (`--ref-date`). */
  readonly refDate?: number;
  readonly timeScale?: number;
  readonly signatureSecret?: string;
  readonly applicationId?: string;
  readonly json?: boolean;
  /** Milliseconds to wait for the call to end. */
  readonly timeout: number;
}

/** Flags that configure the in-process fake, with their option names; a server has its own. */
const standaloneFlags = [
  ['answerUrl', '--answer-url'],
  ['answerMethod', '--answer-method'],
  ['eventUrl', '--event-url'],
  ['eventMethod', '--event-method'],
  ['fallbackAnswerUrl', '--fallback-answer-url'],
  ['seed', '--seed'],
  ['refDate', '--ref-date'],
  ['timeScale', '--time-scale'],
  ['signatureSecret', '--signature-secret'],
  ['applicationId', '--application-id'],
] as const satisfies readonly (readonly [keyof CallCliOptions, string])[];

/** Checks the flags against each other: where the call goes, and method flags without their URL. */
export function checkTarget(options: CallCliOptions): void {
  if (options.server !== undefined) {
    const given = standaloneFlags.filter(([name]) => options[name] !== undefined).map(([, flag]) => flag);
    if (given.length > 0) {
      throw new VwsError(
        'VWS_ERR_USAGE',
        `${joinWords(given)} ${given.length === 1 ? 'does' : 'do'} not apply with --server: the call runs in that "vws serve" with its own webhooks, seed, timing and signing (set them on "vws serve"); drop ${given.length === 1 ? 'it' : 'them'}.`,
      );
    }
    return;
  }
  if (options.answerUrl === undefined) {
    throw new VwsError(
      'VWS_ERR_USAGE',
      'vws call needs --answer-url <url> (your app\'s answer URL) or --server <url> (a running "vws serve"), e.g. vws call --answer-url http://127.0.0.1:3000/webhooks/answer --press 1.',
    );
  }
  if (options.eventMethod !== undefined && options.eventUrl === undefined) {
    throw new VwsError(
      'VWS_ERR_USAGE',
      `--event-method ${options.eventMethod} has no URL to apply to: add --event-url <url>.`,
    );
  }
}

/** The in-process fake a call without `--server` runs in, with the seed and time scale it runs at. */
export interface StandaloneCall {
  readonly seed: number;
  /** 0: as fast as the app answers, on a manual clock run to its end. */
  readonly timeScale: number;
  readonly fakeOptions: FakeVonageOptions;
}

/**
 * The fake of a standalone call: the app's webhooks (methods the fake defaults as Vonage does),
 * Vonage's retries, and the credentials from the flags or the VONAGE_* environment.
 */
export function toStandaloneCall(io: CliIo, options: CallCliOptions): StandaloneCall {
  const seed = options.seed ?? io.randomSeed();
  const timeScale = options.timeScale ?? 0;
  const signatureSecret = options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET;
  const applicationId = options.applicationId ?? io.env.VONAGE_APPLICATION_ID;
  const set = (value: string | undefined): value is string => value !== undefined && value !== '';
  const fakeOptions: FakeVonageOptions = {
    webhooks: {
      answerUrl: options.answerUrl as string,
      ...(options.answerMethod === undefined ? {} : { answerMethod: options.answerMethod }),
      ...(options.eventUrl === undefined ? {} : { eventUrl: options.eventUrl }),
      ...(options.eventMethod === undefined ? {} : { eventMethod: options.eventMethod }),
      ...(options.fallbackAnswerUrl === undefined ? {} : { fallbackAnswerUrl: options.fallbackAnswerUrl }),
    },
    // As fast as the app answers: a manual clock run to its end, so the run is the same on any machine.
    ...(timeScale === 0 ? { clock: 'manual' as const } : { timeScale }),
    seed,
    now: io.now,
    ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
    ...(set(signatureSecret) ? { signatureSecret } : {}),
    ...(set(applicationId) ? { applicationId } : {}),
    retries: 'vonage',
  };
  return { seed, timeScale, fakeOptions };
}

/** The body of `POST /_vws/inbound/call` for a call through `--server`: it answers once the call ended. */
export function toServerCallParams(
  options: CallCliOptions,
  caller: readonly string[],
): Record<string, unknown> {
  return {
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    caller,
    wait: true,
    timeoutMs: options.timeout,
  };
}
