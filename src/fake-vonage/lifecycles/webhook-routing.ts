import type { WebhookTimeouts } from '../../delivery/timeouts.js';
import type { TransportFormat } from '../../fixtures/shared/define-event.js';
import type { WebhookTarget } from '../../scenarios/types.js';
import { targetSettings, toApplicationEndpoint, toTransportFormat } from '../account/application.js';
import { type WebhookUrlSetting, webhookUrlSettings } from '../account/application-paths.js';
import type { FakeState, StoredApplication } from '../account/state.js';
import type { FakeVonage, SmsWebhookFormat } from '../types.js';
import type { LifecycleStart } from './lifecycle-start.js';

/** Where one webhook goes (URL, wire format, the application's timeouts), or why it is not sent. */
export type WebhookDestination =
  | { url: string; format: TransportFormat; timeout?: Partial<WebhookTimeouts> }
  | { reason: string; skipped: boolean };

/** The `vws serve` flag of a setting: `smsDlrUrl` is `sms-dlr-url`. */
const toFlag = (setting: WebhookUrlSetting): string =>
  setting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The application a request's webhooks follow: its own (the JWT's), else the default. */
export function applicationOf(
  applicationId: string | undefined,
  state: FakeState,
): StoredApplication | undefined {
  const own = applicationId === undefined ? undefined : state.applications.get(applicationId);
  return own ?? state.applications.get(state.defaultApplicationId);
}

/**
 * Where a lifecycle's webhooks of one target go: the URL the request named, else the
 * application's (the one the request authenticated as, else the default) or the account's.
 * `smsFormat` is how the account's SMS webhooks go on the wire.
 */
export function routeOf(
  target: WebhookTarget,
  start: LifecycleStart,
  state: FakeState,
  smsFormat: TransportFormat,
): WebhookDestination {
  const route = start.routes[target];
  const fallbackFormat: TransportFormat =
    target === 'sms-inbound' || target === 'sms-delivery-receipt'
      ? smsFormat
      : target === 'voice-answer'
        ? 'query'
        : 'json';
  if (route !== undefined) {
    if ('skip' in route) return { reason: route.skip, skipped: true };
    return { url: route.url, format: route.format ?? fallbackFormat };
  }
  const { setting, request } = targetSettings[target];
  if (setting === 'smsInboundUrl' || setting === 'smsDlrUrl') {
    const url = state.account[setting];
    if (url !== null) return { url, format: smsFormat };
  } else if (setting !== undefined) {
    const endpoint = toApplicationEndpoint(applicationOf(start.applicationId, state), setting);
    if (endpoint !== undefined) {
      return {
        url: endpoint.url,
        format: target.startsWith('voice-') ? toTransportFormat(endpoint.method) : fallbackFormat,
        ...(endpoint.timeout === undefined ? {} : { timeout: endpoint.timeout }),
      };
    }
  }
  const where = [
    ...(setting === undefined
      ? []
      : [
          setting === 'smsInboundUrl' || setting === 'smsDlrUrl'
            ? `the account's ${setting} (webhooks.${setting}, --${toFlag(setting)} or POST /account/settings)`
            : `the application's ${setting} (webhooks.${setting}, --${toFlag(setting)}, --application or the Applications API)`,
        ]),
    ...(request === undefined ? [] : [request]),
  ];
  return { reason: `No URL for ${target} webhooks: set ${where.join(' or ')}.`, skipped: false };
}

/**
 * Where each kind of webhook goes now when a request names no URL (`FakeVonage.webhookRoutes`): the
 * default application's settings and the account's SMS ones; `null` when unset.
 */
export function toWebhookRoutes(
  state: FakeState,
  smsMethod: SmsWebhookFormat,
): ReturnType<FakeVonage['webhookRoutes']> {
  const application = state.applications.get(state.defaultApplicationId);
  return Object.fromEntries(
    webhookUrlSettings.map((setting) => {
      if (setting === 'smsInboundUrl' || setting === 'smsDlrUrl') {
        const url = state.account[setting];
        return [setting, url === null ? null : { url, method: smsMethod }];
      }
      const endpoint = toApplicationEndpoint(application, setting);
      return [setting, endpoint === undefined ? null : { url: endpoint.url, method: endpoint.method }];
    }),
  ) as ReturnType<FakeVonage['webhookRoutes']>;
}
