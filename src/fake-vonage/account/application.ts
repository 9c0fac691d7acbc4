import type { WebhookTimeouts } from '../../delivery/timeouts.js';
import { VwsError } from '../../errors.js';
import type { TransportFormat } from '../../fixtures/shared/define-event.js';
import { isRecord } from '../../internal/is-record.js';
import type { WebhookTarget } from '../../scenarios/types.js';
import {
  type ApplicationUrlSetting,
  applicationPaths,
  type WebhookMethod,
  type WebhookUrlSetting,
  webhookUrlSettings,
} from './application-paths.js';
import { defaultPaths } from './default-paths.js';

/**
 * One webhook of an application as the Applications API v2 writes it: `address`, `http_method`
 * and, for Voice, `connection_timeout` / `socket_timeout` in milliseconds (spec-app).
 */
export interface ApplicationWebhook {
  readonly address?: string;
  readonly http_method?: string;
  readonly connection_timeout?: number;
  /**
   * The same timeout under the name Vonage answers and the Node SDK sends (`connectTimeout`) 🟡
   * (docs/decisions/101-applications-and-account-api.md).
   */
  readonly connect_timeout?: number;
  readonly socket_timeout?: number;
}

/**
 * An application in the Applications API v2 JSON shape, as `GET /v2/applications/:id` returns it,
 * so a team passes the application it already has (`vws serve --application app.json`).
 *
 * @see https://developer.vonage.com/en/api/application.v2
 */
export interface VonageApplication {
  readonly id?: string;
  readonly name?: string;
  readonly capabilities?: {
    readonly voice?: {
      readonly webhooks?: {
        readonly answer_url?: ApplicationWebhook;
        readonly fallback_answer_url?: ApplicationWebhook;
        readonly event_url?: ApplicationWebhook;
      };
      readonly signed_callbacks?: boolean;
      readonly conversation_ttl?: number;
      readonly [extra: string]: unknown;
    };
    readonly messages?: {
      /** `v1` (default) or `v0.1`: the shape of inbound messages and statuses. */
      readonly version?: string;
      readonly webhooks?: {
        readonly inbound_url?: ApplicationWebhook;
        readonly status_url?: ApplicationWebhook;
      };
      readonly [extra: string]: unknown;
    };
    readonly rtc?: {
      readonly webhooks?: { readonly event_url?: ApplicationWebhook };
      readonly signed_callbacks?: boolean;
      readonly [extra: string]: unknown;
    };
    readonly verify?: {
      readonly webhooks?: { readonly status_url?: ApplicationWebhook };
      readonly version?: string;
      readonly [extra: string]: unknown;
    };
    readonly vbc?: Readonly<Record<string, never>>;
    readonly [extra: string]: unknown;
  };
  readonly keys?: { readonly public_key?: string; readonly private_key?: string };
  readonly privacy?: { readonly improve_ai?: boolean };
  readonly [extra: string]: unknown;
}

/**
 * Webhook URLs by the names of `vws serve`'s flags (`--answer-url` is `answerUrl`): the
 * application's Voice, Messages, Verify and RTC webhooks and the account's SMS URLs. Each URL is
 * an absolute http(s) URL at any path of your app.
 */
export interface WebhookSettings {
  /** Voice `answer_url`, fetched for inbound calls (Create Call needs its own `answer_url` or `ncco`, spec-voice). */
  readonly answerUrl?: string | URL;
  /** Default `GET` (query string); `POST` sends JSON. */
  readonly answerMethod?: WebhookMethod;
  /** Voice `event_url`, when the Create Call request has none. */
  readonly eventUrl?: string | URL;
  /** Default `POST`. */
  readonly eventMethod?: WebhookMethod;
  /** Voice `fallback_answer_url`. */
  readonly fallbackAnswerUrl?: string | URL;
  /** Default `POST`. */
  readonly fallbackAnswerMethod?: WebhookMethod;
  /** Messages `inbound_url` (POST). */
  readonly inboundUrl?: string | URL;
  /** Messages `status_url` (POST), when the send request has no `webhook_url`. */
  readonly statusUrl?: string | URL;
  /** Verify `status_url` (POST). */
  readonly verifyStatusUrl?: string | URL;
  /** RTC `event_url`. */
  readonly rtcEventUrl?: string | URL;
  /** Default `POST`. */
  readonly rtcEventMethod?: WebhookMethod;
  /** The account's inbound SMS URL (SMS settings; `moCallBackUrl`). */
  readonly smsInboundUrl?: string | URL;
  /** The account's delivery receipt URL (SMS settings; `drCallBackUrl`), when the send has no `callback`. */
  readonly smsDlrUrl?: string | URL;
}

/** A resolved webhook destination: where, how, and the application's own timeouts. */
export interface WebhookEndpointConfig {
  readonly url: string;
  readonly method: WebhookMethod;
  readonly timeout?: Partial<WebhookTimeouts>;
}

/** The account's SMS settings (`POST /account/settings`), kept apart from any application. */
export interface AccountSmsSettings {
  smsInboundUrl: string | null;
  smsDlrUrl: string | null;
}

/** The settings a webhook target takes its URL from, and the request field that can name it instead. */
export const targetSettings: Readonly<
  Record<WebhookTarget, { setting?: WebhookUrlSetting; request?: string }>
> = {
  'voice-answer': { setting: 'answerUrl', request: 'answer_url in the Create Call request' },
  'voice-event': { setting: 'eventUrl', request: 'event_url in the Create Call request' },
  'voice-fallback': { setting: 'fallbackAnswerUrl', request: 'fallback_url in the Create Call request' },
  'sms-inbound': { setting: 'smsInboundUrl' },
  'sms-delivery-receipt': { setting: 'smsDlrUrl', request: 'callback in the send request' },
  'messages-inbound': { setting: 'inboundUrl' },
  'messages-status': { setting: 'statusUrl', request: 'webhook_url in the send request' },
  'number-insight': { request: 'callback in the request' },
  'verify-status': { setting: 'verifyStatusUrl' },
};

/** The conventional path of each setting below a base URL (`--webhook-base-url`). */
const conventionalPaths: Readonly<Record<WebhookUrlSetting, string>> = {
  answerUrl: defaultPaths['voice-answer'],
  eventUrl: defaultPaths['voice-event'],
  fallbackAnswerUrl: defaultPaths['voice-fallback'],
  inboundUrl: defaultPaths['messages-inbound'],
  statusUrl: defaultPaths['messages-status'],
  verifyStatusUrl: defaultPaths['verify-status'],
  rtcEventUrl: defaultPaths['rtc-event'],
  smsInboundUrl: defaultPaths['sms-inbound'],
  smsDlrUrl: defaultPaths['sms-delivery-receipt'],
};

function invalid(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

/** Checks a webhook URL: absolute http(s). Returns its normal form. */
export function toWebhookUrl(label: string, value: unknown): string {
  let url: URL;
  try {
    url = new URL(value instanceof URL ? value.href : String(value));
  } catch {
    throw invalid(
      `Invalid ${label} "${String(value)}": use an absolute http(s) URL of your app, such as http://127.0.0.1:3000/inbound.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`Invalid ${label} "${url.href}": Vonage calls http:// or https:// URLs only.`);
  }
  return url.href;
}

/**
 * Every webhook setting of an app served at `baseUrl`, on the paths Vonage's guides use (the same
 * as `vws send`'s defaults): `/webhooks/answer`, `/webhooks/event`, `/webhooks/fallback`,
 * `/webhooks/inbound`, `/webhooks/status`, `/webhooks/verify`, `/webhooks/rtc/event`,
 * `/webhooks/inbound-sms` and `/webhooks/delivery-receipt`. A base path is kept.
 *
 * @example
 * ```ts
 * import { toConventionalWebhooks } from 'vonage-webhook-simulator';
 * toConventionalWebhooks('http://127.0.0.1:3000').answerUrl; // 'http://127.0.0.1:3000/webhooks/answer'
 * ```
 */
export function toConventionalWebhooks(baseUrl: string | URL): Record<WebhookUrlSetting, string> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw invalid(
      `Invalid webhook base URL "${String(baseUrl)}": use your app's absolute http(s) URL, e.g. http://127.0.0.1:3000.`,
    );
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw invalid(
      `Invalid webhook base URL "${url.href}": use an http(s) URL without query or fragment, e.g. http://127.0.0.1:3000.`,
    );
  }
  const base = url.href.replace(/\/+$/, '');
  return Object.fromEntries(
    webhookUrlSettings.map((setting) => [setting, `${base}${conventionalPaths[setting]}`]),
  ) as Record<WebhookUrlSetting, string>;
}

/** The webhook object of an application at a setting, or `undefined`. */
function webhookOf(
  application: VonageApplication,
  setting: ApplicationUrlSetting,
): ApplicationWebhook | undefined {
  const { capability, webhook } = applicationPaths[setting];
  const found = (application.capabilities?.[capability] as { webhooks?: Record<string, unknown> } | undefined)
    ?.webhooks?.[webhook];
  return isRecord(found) ? (found as ApplicationWebhook) : undefined;
}

/**
 * Checks an application in the Applications API shape and returns the problems as
 * `invalid_parameters` entries (`name` is the JSON path, as Vonage names them:
 * `capabilities.voice.webhooks.answer_url.http_method`).
 */
export function findApplicationProblems(application: unknown): { name: string; reason: string }[] {
  if (!isRecord(application)) return [{ name: 'body', reason: 'must be a JSON object.' }];
  const problems: { name: string; reason: string }[] = [];
  if (application.name !== undefined && (typeof application.name !== 'string' || application.name === '')) {
    problems.push({ name: 'name', reason: 'must be a non-empty string.' });
  }
  const capabilities = application.capabilities;
  if (capabilities !== undefined && !isRecord(capabilities)) {
    problems.push({ name: 'capabilities', reason: 'must be an object.' });
    return problems;
  }
  for (const where of Object.values(applicationPaths)) {
    const capability = capabilities?.[where.capability];
    if (capability === undefined) continue;
    if (!isRecord(capability)) {
      problems.push({ name: `capabilities.${where.capability}`, reason: 'must be an object.' });
      continue;
    }
    const webhooks = capability.webhooks;
    if (webhooks === undefined) continue;
    if (!isRecord(webhooks)) {
      if (!problems.some((problem) => problem.name === `capabilities.${where.capability}.webhooks`)) {
        problems.push({ name: `capabilities.${where.capability}.webhooks`, reason: 'must be an object.' });
      }
      continue;
    }
    const webhook = webhooks[where.webhook];
    if (webhook === undefined) continue;
    const path = `capabilities.${where.capability}.webhooks.${where.webhook}`;
    if (!isRecord(webhook)) {
      problems.push({ name: path, reason: 'must be an object with address and http_method.' });
      continue;
    }
    if (webhook.address !== undefined) {
      try {
        toWebhookUrl(path, webhook.address);
      } catch {
        problems.push({ name: `${path}.address`, reason: 'must be an absolute http(s) URL.' });
      }
    }
    if (
      webhook.http_method !== undefined &&
      !(where.methods as readonly unknown[]).includes(webhook.http_method)
    ) {
      problems.push({ name: `${path}.http_method`, reason: `must be one of ${where.methods.join(', ')}.` });
    }
    const limits =
      where.capability !== 'voice'
        ? undefined
        : {
            connection_timeout: [300, 1000],
            connect_timeout: [300, 1000],
            socket_timeout: [1000, where.webhook === 'event_url' ? 10_000 : 5000],
          };
    for (const key of ['connection_timeout', 'connect_timeout', 'socket_timeout'] as const) {
      const value = webhook[key];
      if (value === undefined) continue;
      const range: readonly [number, number] | undefined = limits?.[key] as
        | readonly [number, number]
        | undefined;
      if (range === undefined) {
        problems.push({ name: `${path}.${key}`, reason: 'is only taken by Voice webhooks.' });
      } else if (!Number.isInteger(value) || (value as number) < range[0] || (value as number) > range[1]) {
        problems.push({
          name: `${path}.${key}`,
          reason: `must be an integer from ${range[0]} to ${range[1]}.`,
        });
      }
    }
  }
  const version = (capabilities?.messages as { version?: unknown } | undefined)?.version;
  if (version !== undefined && version !== 'v1' && version !== 'v0.1') {
    problems.push({ name: 'capabilities.messages.version', reason: 'must be v1 or v0.1.' });
  }
  return problems;
}

/** The endpoint an application gives a setting, with its method and timeouts; `undefined` when unset. */
export function toApplicationEndpoint(
  application: VonageApplication | undefined,
  setting: ApplicationUrlSetting,
): WebhookEndpointConfig | undefined {
  if (application === undefined) return undefined;
  const webhook = webhookOf(application, setting);
  if (webhook?.address === undefined || webhook.address === '') return undefined;
  const method =
    webhook.http_method === 'GET' || webhook.http_method === 'POST' ? webhook.http_method : undefined;
  const timeout: { connectMs?: number; responseMs?: number } = {};
  if (typeof webhook.connection_timeout === 'number') timeout.connectMs = webhook.connection_timeout;
  else if (typeof webhook.connect_timeout === 'number') timeout.connectMs = webhook.connect_timeout;
  if (typeof webhook.socket_timeout === 'number') timeout.responseMs = webhook.socket_timeout;
  return {
    url: webhook.address,
    method: method ?? applicationPaths[setting].method,
    ...(Object.keys(timeout).length === 0 ? {} : { timeout }),
  };
}

/** How a webhook target's payload goes out for a method: Voice GET as a query string, the rest JSON. */
export function toTransportFormat(method: WebhookMethod): TransportFormat {
  return method === 'GET' ? 'query' : 'json';
}

/** The Messages webhook shape an application asks for (`capabilities.messages.version`). */
export function toMessagesVersion(application: VonageApplication | undefined): 'v1' | 'v0.1' {
  return application?.capabilities?.messages?.version === 'v0.1' ? 'v0.1' : 'v1';
}

type MutableDeep<T> = { -readonly [K in keyof T]: T[K] extends object ? MutableDeep<T[K]> : T[K] };

/**
 * Writes settings into an application (a copy): each URL set and each method given replaces the
 * application's entry; the rest of the application is kept.
 */
export function withWebhookSettings(
  application: VonageApplication,
  settings: WebhookSettings,
): VonageApplication {
  const copy = structuredClone(application) as MutableDeep<VonageApplication> & Record<string, unknown>;
  const methods: Partial<Record<ApplicationUrlSetting, WebhookMethod | undefined>> = {
    answerUrl: settings.answerMethod,
    eventUrl: settings.eventMethod,
    fallbackAnswerUrl: settings.fallbackAnswerMethod,
    rtcEventUrl: settings.rtcEventMethod,
  };
  for (const setting of Object.keys(applicationPaths) as ApplicationUrlSetting[]) {
    const url = settings[setting];
    const method = methods[setting];
    if (url === undefined && method === undefined) continue;
    const where = applicationPaths[setting];
    if (method !== undefined && !(where.methods as readonly string[]).includes(method)) {
      throw invalid(
        `Invalid ${setting.replace(/Url$/, 'Method')} "${String(method)}": use ${where.methods.join(' or ')}.`,
      );
    }
    copy.capabilities ??= {};
    const capabilities = copy.capabilities as Record<string, Record<string, unknown>>;
    capabilities[where.capability] ??= {};
    const capability = capabilities[where.capability] as Record<string, unknown>;
    capability.webhooks ??= {};
    const webhooks = capability.webhooks as Record<string, Record<string, unknown>>;
    const current = webhooks[where.webhook] ?? {};
    webhooks[where.webhook] = {
      ...current,
      ...(url === undefined ? {} : { address: toWebhookUrl(setting, url) }),
      http_method: method ?? (current.http_method as string | undefined) ?? where.method,
    };
  }
  return copy as VonageApplication;
}
