// The webhook flags `vws serve` and `vws call` share: an app's webhook URL and its HTTP method, as
// a Vonage application sets them.
import { InvalidArgumentError, Option } from 'commander';
import {
  type ApplicationUrlSetting,
  toDefaultMethod,
  type WebhookMethod,
} from '../../fake-vonage/account/application-paths.js';

/** The HTTP methods an application webhook may use, the choices of every `--*-method` flag. */
export const webhookMethods = ['GET', 'POST'] as const satisfies readonly WebhookMethod[];

function toHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Commander parser for a webhook URL flag (`--answer-url`...): an absolute http(s) URL. */
export function parseWebhookUrl(value: string): string {
  const url = toHttpUrl(value);
  if (url === undefined) {
    throw new InvalidArgumentError(
      'Use an absolute http(s) URL of your app, e.g. http://127.0.0.1:3000/webhooks/answer.',
    );
  }
  return url.href;
}

/** Commander parser for `--webhook-base-url`: an absolute http(s) URL without query or fragment. */
export function parseWebhookBaseUrl(value: string): string {
  const url = toHttpUrl(value);
  if (url === undefined || url.search !== '' || url.hash !== '') {
    throw new InvalidArgumentError(
      "Use your app's absolute http(s) base URL without query or fragment, e.g. http://127.0.0.1:3000.",
    );
  }
  return value;
}

/** A webhook URL flag (`--answer-url <url>`), checked by {@link parseWebhookUrl}. */
export function createWebhookUrlOption(flag: string, description: string): Option {
  return new Option(`${flag} <url>`, description).argParser(parseWebhookUrl);
}

/**
 * A webhook method flag (`--answer-method <method>`), one of {@link webhookMethods}; its help names
 * `what` it sets and the method Vonage uses for that `setting` when none is set.
 */
export function createWebhookMethodOption(
  flag: string,
  setting: ApplicationUrlSetting,
  what: string,
): Option {
  return new Option(
    `${flag} <method>`,
    `HTTP method of ${what} (default ${toDefaultMethod(setting)})`,
  ).choices(webhookMethods);
}
