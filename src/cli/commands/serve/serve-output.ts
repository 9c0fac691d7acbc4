// What `vws serve` prints: a line per API call and webhook, and the start-up table of routes.
import { targetSettings } from '../../../fake-vonage/account/application.js';
import {
  type WebhookUrlSetting,
  webhookUrlSettings,
} from '../../../fake-vonage/account/application-paths.js';
import { redactUrl } from '../../../fake-vonage/account/redact.js';
import type { FakeVonage } from '../../../fake-vonage/index.js';
import { toCliReason } from '../../../fake-vonage/lifecycles/webhook-routing.js';
import type { ServeLogEntry } from '../../../serve/serve-log.js';
import type { CliIo } from '../../shared/io.js';
import { createStyle, type Style } from '../../shared/style.js';

/** One human line per log entry: an API call in, a webhook out. */
export function describeLogEntry(entry: ServeLogEntry, io: CliIo): string {
  const style = createStyle(io);
  if (entry.direction === 'in') {
    const status = entry.status < 400 ? style.ok(String(entry.status)) : style.bad(String(entry.status));
    const lifecycle = entry.lifecycle === null ? '' : style.dim(` lifecycle #${entry.lifecycle}`);
    return `→ ${entry.method} ${entry.url} ${status}${lifecycle}`;
  }
  const head = `← #${entry.lifecycle} ${style.bold(entry.event)}`;
  if (entry.state === 'not_sent')
    return `${head} ${style.dim(`not sent: ${entry.reason ?? 'no reason given'}`)}`;
  const result = entry.result;
  if (result === null) return `${head} ${entry.url ?? ''}`;
  const verdict = result.ok
    ? style.ok(String(result.status))
    : style.bad(`${result.outcome}${result.status === null ? '' : ` ${result.status}`}`);
  const why = result.ok || result.message === null ? '' : ` ${style.dim(result.message)}`;
  return `${head} ${result.method} ${result.url} ${verdict} ${style.dim(`${result.durationMs.toFixed(1)} ms`)}${why}`;
}

// Settings a request can stand in for (answer_url in Create Call, callback in an SMS send...).
const namedByRequests = new Set(
  Object.values(targetSettings)
    .filter((target) => target.request !== undefined)
    .map((target) => target.setting),
);

/** The banner's table: one aligned line per webhook setting, its method and URL, or why none. */
export function toRoutesBanner(routes: ReturnType<FakeVonage['webhookRoutes']>, style: Style): string {
  const label = (setting: WebhookUrlSetting) =>
    setting.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const labelWidth = Math.max(...webhookUrlSettings.map((setting) => label(setting).length));
  const methodWidth = Math.max(...webhookUrlSettings.map((setting) => routes[setting]?.method.length ?? 0));
  return webhookUrlSettings
    .map((setting) => {
      const route = routes[setting];
      const where =
        route === null
          ? style.dim(
              namedByRequests.has(setting) ? '(not set: requests must name a URL)' : '(not set: none sent)',
            )
          : redactUrl(route.url);
      // An unset line says why in the URL column.
      const method = methodWidth === 0 ? '' : `${(route?.method ?? '').padEnd(methodWidth)}  `;
      return `  ${label(setting).padEnd(labelWidth)}  ${method}${where}\n`;
    })
    .join('');
}

/** A log entry whose not-sent reason names `vws serve`'s flags rather than the library's options. */
export function inCliWords(entry: ServeLogEntry): ServeLogEntry {
  if (entry.direction === 'in' || entry.reason === null) return entry;
  const reason = toCliReason(entry.reason);
  return reason === entry.reason ? entry : { ...entry, reason };
}

/** A start-up line when no webhook has a URL: which flags give them one (issue 11); else nothing. */
export function noRouteHint(routes: ReturnType<FakeVonage['webhookRoutes']>): string {
  if (webhookUrlSettings.some((setting) => routes[setting] !== null)) return '';
  return "vws: no webhook has a URL: start with --webhook-base-url URL (your app's base URL), --application FILE or a flag per webhook such as --answer-url URL (see vws serve --help)\n";
}
