import type { RetryMode } from '../../../delivery/sender-types.js';
import { VwsError } from '../../../errors.js';
import type { VonageApplication, WebhookSettings } from '../../../fake-vonage/account/application.js';
import {
  type WebhookMethod,
  type WebhookUrlSetting,
  webhookUrlSettings,
} from '../../../fake-vonage/account/application-paths.js';
import type { FakeVonage } from '../../../fake-vonage/index.js';
import type { SmsWebhookFormat } from '../../../fake-vonage/types.js';
import type { FakeVonageServerOptions } from '../../../serve/create-fake-vonage-server.js';
import type { SmsSignatureMethod } from '../../../signing/sms-signature-methods.js';
import type { CliIo } from '../../shared/io.js';

/** `vws serve` options after parsing. */
export interface ServeCliOptions {
  readonly port: number;
  readonly host: string;
  readonly webhookBaseUrl?: string;
  /** Path of an application JSON in the Applications API v2 shape. */
  readonly application?: string;
  readonly answerUrl?: string;
  readonly answerMethod?: WebhookMethod;
  readonly eventUrl?: string;
  readonly eventMethod?: WebhookMethod;
  readonly fallbackAnswerUrl?: string;
  readonly fallbackAnswerMethod?: WebhookMethod;
  readonly inboundUrl?: string;
  readonly statusUrl?: string;
  readonly verifyStatusUrl?: string;
  readonly rtcEventUrl?: string;
  readonly rtcEventMethod?: WebhookMethod;
  readonly smsInboundUrl?: string;
  readonly smsDlrUrl?: string;
  readonly signatureSecret?: string;
  readonly smsSignatureMethod?: SmsSignatureMethod;
  readonly smsWebhookFormat?: SmsWebhookFormat;
  readonly apiKey?: string;
  readonly apiSecret?: string;
  readonly applicationId?: string;
  readonly seed?: number;
  readonly refDate?: number;
  readonly log?: string;
  readonly timeScale: number;
  readonly retries: RetryMode;
  readonly json?: boolean;
  /** `--end-user NUMBER=SCRIPT`, repeatable: the person at each number (docs/decisions/107). */
  readonly endUser?: Readonly<Record<string, string>>;
}

/** The credentials `vws serve` runs with: each flag, else its VONAGE_* variable; empty is unset. */
export interface ServeCredentials {
  readonly signatureSecret?: string;
  readonly apiKey?: string;
  readonly apiSecret?: string;
  readonly applicationId?: string;
}

/** Reads the credentials and checks the flags that need another: a method its secret, a secret its key. */
export function toServeCredentials(io: CliIo, options: ServeCliOptions): ServeCredentials {
  const given = (value: string | undefined) => (value === '' ? undefined : value);
  const signatureSecret = given(options.signatureSecret ?? io.env.VONAGE_SIGNATURE_SECRET);
  const apiKey = given(options.apiKey ?? io.env.VONAGE_API_KEY);
  const apiSecret = given(options.apiSecret ?? io.env.VONAGE_API_SECRET);
  const applicationId = given(options.applicationId ?? io.env.VONAGE_APPLICATION_ID);
  if (options.smsSignatureMethod !== undefined && signatureSecret === undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      '--sms-signature-method needs the secret it signs with: pass --signature-secret or set VONAGE_SIGNATURE_SECRET.',
    );
  }
  if (apiSecret !== undefined && apiKey === undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      '--api-secret needs its key: pass --api-key too or set VONAGE_API_KEY.',
    );
  }
  return {
    ...(signatureSecret === undefined ? {} : { signatureSecret }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(apiSecret === undefined ? {} : { apiSecret }),
    ...(applicationId === undefined ? {} : { applicationId }),
  };
}

/** Checks that `--application`'s id and the application id flag (or variable) agree. */
export function checkApplicationId(
  options: ServeCliOptions,
  application: VonageApplication | undefined,
  credentials: ServeCredentials,
): void {
  const { applicationId } = credentials;
  if (application?.id !== undefined && applicationId !== undefined && application.id !== applicationId) {
    const source = options.applicationId === undefined ? 'VONAGE_APPLICATION_ID' : '--application-id';
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `--application ${options.application} has id "${application.id}" but ${source} is "${applicationId}": make them equal or drop ${source}.`,
    );
  }
}

const methodFlags = {
  answerMethod: ['--answer-method', 'answerUrl', '--answer-url'],
  eventMethod: ['--event-method', 'eventUrl', '--event-url'],
  fallbackAnswerMethod: ['--fallback-answer-method', 'fallbackAnswerUrl', '--fallback-answer-url'],
  rtcEventMethod: ['--rtc-event-method', 'rtcEventUrl', '--rtc-event-url'],
} as const satisfies Partial<Record<keyof WebhookSettings, readonly [string, WebhookUrlSetting, string]>>;

/** The webhook settings the flags give, by the fake's names; flags not given are left out. */
function toWebhookSettings(options: ServeCliOptions): WebhookSettings {
  const settings: Record<string, string> = {};
  for (const setting of webhookUrlSettings) {
    const value = options[setting];
    if (value !== undefined) settings[setting] = value;
  }
  for (const setting of Object.keys(methodFlags) as (keyof typeof methodFlags)[]) {
    const value = options[setting];
    if (value !== undefined) settings[setting] = value;
  }
  return settings as WebhookSettings;
}

/**
 * A method flag with no URL to apply to once the server has resolved its routes (from a flag, the
 * file or the base URL): alone it would do nothing, so it is a usage error; `undefined` when none.
 */
export function findUnroutedMethod(
  options: ServeCliOptions,
  routes: ReturnType<FakeVonage['webhookRoutes']>,
): VwsError | undefined {
  for (const [setting, [flag, urlSetting, urlFlag]] of Object.entries(methodFlags)) {
    const value = options[setting as keyof typeof methodFlags];
    if (value === undefined || routes[urlSetting] !== null) continue;
    return new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${flag} ${value} has no URL to apply to: add ${urlFlag} <url>, --webhook-base-url or an --application that sets it.`,
    );
  }
  return undefined;
}

/** What {@link toServerOptions} takes besides the flags: what was read, drawn or resolved before. */
export interface ServeContext {
  readonly seed: number;
  readonly application: VonageApplication | undefined;
  readonly credentials: ServeCredentials;
  readonly now: () => number;
  readonly onLog: NonNullable<FakeVonageServerOptions['onLog']>;
}

/** The fake Vonage server the flags ask for. */
export function toServerOptions(options: ServeCliOptions, context: ServeContext): FakeVonageServerOptions {
  const { application, credentials } = context;
  const webhooks = toWebhookSettings(options);
  return {
    port: options.port,
    host: options.host,
    seed: context.seed,
    timeScale: options.timeScale,
    retries: options.retries,
    now: context.now,
    ...(options.refDate === undefined ? {} : { refDate: options.refDate }),
    ...(options.webhookBaseUrl === undefined ? {} : { webhookBaseUrl: options.webhookBaseUrl }),
    ...(application === undefined ? {} : { application }),
    ...(Object.keys(webhooks).length === 0 ? {} : { webhooks }),
    ...credentials,
    ...(options.smsSignatureMethod === undefined ? {} : { smsSignatureMethod: options.smsSignatureMethod }),
    ...(options.smsWebhookFormat === undefined ? {} : { smsWebhookFormat: options.smsWebhookFormat }),
    ...(options.endUser === undefined ? {} : { endUsers: options.endUser }),
    onLog: context.onLog,
  };
}
