import { VwsError } from '../../errors.js';
import type { ApplicationWebhooks, WebhookEndpoint } from '../types.js';
import {
  type AccountSmsSettings,
  findApplicationProblems,
  toApplicationEndpoint,
  toConventionalWebhooks,
  toWebhookUrl,
  type VonageApplication,
  type WebhookSettings,
  withWebhookSettings,
} from './application.js';
import { type ApplicationUrlSetting, type WebhookMethod, webhookUrlSettings } from './application-paths.js';
import type { StoredApplication } from './state.js';

/** The first release's names of {@link ApplicationWebhooks}, and the settings they stand for. */
const legacyNames = {
  voiceAnswer: ['answerUrl', 'answerMethod'],
  voiceEvent: ['eventUrl', 'eventMethod'],
  voiceFallback: ['fallbackAnswerUrl', 'fallbackAnswerMethod'],
  messagesInbound: ['inboundUrl', undefined],
  messagesStatus: ['statusUrl', undefined],
  smsInbound: ['smsInboundUrl', undefined],
  smsDeliveryReceipt: ['smsDlrUrl', undefined],
  verifyStatus: ['verifyStatusUrl', undefined],
} as const satisfies Record<string, readonly [keyof WebhookSettings, keyof WebhookSettings | undefined]>;

const methodSettings = ['answerMethod', 'eventMethod', 'fallbackAnswerMethod', 'rtcEventMethod'] as const;

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The settings of `webhooks` by the flags' names: old names mapped, new names winning, values checked. */
function toWebhookSettings(webhooks: ApplicationWebhooks): WebhookSettings {
  const settings: Mutable<WebhookSettings> = {};
  for (const [legacy, [urlSetting, methodSetting]] of Object.entries(legacyNames)) {
    const value = (webhooks as Record<string, WebhookEndpoint | undefined>)[legacy];
    if (value === undefined) continue;
    const endpoint = typeof value === 'string' || value instanceof URL ? { url: value } : value;
    (settings as Record<string, unknown>)[urlSetting] = toWebhookUrl(`webhooks.${legacy}`, endpoint.url);
    if (endpoint.method !== undefined) {
      if (methodSetting === undefined || (endpoint.method !== 'GET' && endpoint.method !== 'POST')) {
        throw invalid(
          `Invalid webhooks.${legacy} method "${String(endpoint.method)}": use ${methodSetting === undefined ? 'POST' : 'GET or POST'}.`,
        );
      }
      (settings as Record<string, unknown>)[methodSetting] = endpoint.method;
    }
  }
  for (const setting of webhookUrlSettings) {
    const value = webhooks[setting];
    if (value !== undefined) settings[setting] = toWebhookUrl(`webhooks.${setting}`, value);
  }
  for (const setting of methodSettings) {
    const value = webhooks[setting];
    if (value === undefined) continue;
    if (value !== 'GET' && value !== 'POST') {
      throw invalid(`Invalid webhooks.${setting} "${String(value)}": use GET or POST.`);
    }
    settings[setting] = value as WebhookMethod;
  }
  return settings;
}

/** What the options configure: the default application and the account's SMS settings. */
export interface WebhookConfig {
  readonly application: StoredApplication;
  readonly account: AccountSmsSettings;
}

/** The options {@link toWebhookConfig} reads. */
export interface WebhookConfigOptions {
  readonly application?: VonageApplication | undefined;
  readonly webhooks?: ApplicationWebhooks | undefined;
  readonly webhookBaseUrl?: string | URL | undefined;
  readonly applicationId?: string | undefined;
}

/**
 * The account and default application the options describe. Each setting comes from, in order of
 * precedence: `webhooks` (the flags), the `application` (JSON file), then `webhookBaseUrl`'s
 * conventional path. The application's id is its own, else `applicationId`, else `fallbackId`.
 */
export function toWebhookConfig(options: WebhookConfigOptions, fallbackId: string): WebhookConfig {
  const given = options.application;
  if (given !== undefined) {
    const problems = findApplicationProblems(given);
    if (problems.length > 0) {
      throw invalid(
        `Invalid application: ${problems.map((problem) => `${problem.name} ${problem.reason}`).join('; ')} Fix it to the Applications API v2 shape (GET /v2/applications/:id).`,
      );
    }
    if (given.id !== undefined && (typeof given.id !== 'string' || given.id === '')) {
      throw invalid('Invalid application id: use the application id string of the Applications API.');
    }
    if (given.id !== undefined && options.applicationId !== undefined && given.id !== options.applicationId) {
      throw invalid(
        `The application's id "${given.id}" differs from applicationId "${options.applicationId}": drop one or make them equal.`,
      );
    }
  }
  const settings = toWebhookSettings(options.webhooks ?? {});
  const base =
    options.webhookBaseUrl === undefined ? undefined : toConventionalWebhooks(options.webhookBaseUrl);
  let application: VonageApplication = given === undefined ? {} : structuredClone(given);
  if (base !== undefined) {
    // The base URL fills only what the application file leaves unset.
    const unset = Object.fromEntries(
      webhookUrlSettings
        .filter(
          (setting): setting is ApplicationUrlSetting =>
            setting !== 'smsInboundUrl' && setting !== 'smsDlrUrl',
        )
        .filter((setting) => toApplicationEndpoint(application, setting) === undefined)
        .map((setting) => [setting, base[setting]]),
    ) as WebhookSettings;
    application = withWebhookSettings(application, unset);
  }
  application = withWebhookSettings(application, settings);
  const id = given?.id ?? options.applicationId ?? fallbackId;
  const { keys, ...rest } = application;
  const stored = {
    ...rest,
    id,
    name: typeof application.name === 'string' ? application.name : 'vws fake application',
    // A private key is never kept (the fake has no use for it and must not print it).
    ...(keys?.public_key === undefined ? {} : { keys: { public_key: keys.public_key } }),
  } as StoredApplication;
  return {
    application: stored,
    account: {
      smsInboundUrl: settings.smsInboundUrl?.toString() ?? base?.smsInboundUrl ?? null,
      smsDlrUrl: settings.smsDlrUrl?.toString() ?? base?.smsDlrUrl ?? null,
    },
  };
}
