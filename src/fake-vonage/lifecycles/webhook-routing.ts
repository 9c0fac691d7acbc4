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
  const { setting } = targetSettings[target];
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
  return { reason: missingUrlReason(target), skipped: false };
}

/** Who reads why a webhook had no URL: a library user (options) or `vws serve`'s user (flags). */
export type MissingUrlWording = 'library' | 'cli';

/**
 * Why a webhook of `target` was not sent for want of a URL, naming what sets it: the fake's options
 * for a library user, `vws serve`'s flags for the CLI's (issue 11), and the API calls either can make.
 */
export function missingUrlReason(target: WebhookTarget, wording: MissingUrlWording = 'library'): string {
  const { setting, request } = targetSettings[target];
  const account = setting === 'smsInboundUrl' || setting === 'smsDlrUrl';
  let set: string | undefined;
  if (setting !== undefined && wording === 'cli') {
    set = account
      ? `start vws serve with --${toFlag(setting)} URL or --webhook-base-url URL (or set it with POST /account/settings)`
      : `start vws serve with --${toFlag(setting)} URL, --webhook-base-url URL or --application FILE (or set it with the Applications API)`;
  } else if (setting !== undefined) {
    set = account
      ? `set the account's ${setting} (the webhooks.${setting} or webhookBaseUrl option, or POST /account/settings)`
      : `set the application's ${setting} (the webhooks.${setting}, webhookBaseUrl or application option, or the Applications API)`;
  }
  const where = [...(set === undefined ? [] : [set]), ...(request === undefined ? [] : [`name ${request}`])];
  return `No URL for ${target} webhooks: ${where.join(', or ')}.`;
}

/** A not-sent reason in `vws serve`'s words: a missing URL names the flags; other reasons are kept. */
export function toCliReason(reason: string): string {
  const target = /^No URL for (\S+) webhooks: /.exec(reason)?.[1];
  return target !== undefined && Object.hasOwn(targetSettings, target)
    ? missingUrlReason(target as WebhookTarget, 'cli')
    : reason;
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
