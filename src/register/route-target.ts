import type { FetchHandler } from '../delivery/handler-attempt.js';
import { VwsError } from '../errors.js';
import { isVonageHost } from '../fake-vonage/api/vonage-hosts.js';

/** The environment variable the preload reads: the base URL of the fake Vonage (`vws serve`). */
export const fakeVonageUrlVariable = 'VWS_FAKE_VONAGE_URL';

/** Where Vonage-host requests go: a fake's base URL, or an in-process handler. */
export type VonageRouteTarget = string | URL | FetchHandler;

/** A base URL route: requests keep their path and query under the URL's path. */
export interface UrlRoute {
  readonly kind: 'url';
  readonly url: URL;
  /** The URL's path without its trailing slash (`''` for `/`), prefixed to every routed path. */
  readonly basePath: string;
}

/** An in-process route: requests become `Request`s with their original URL. */
export interface HandlerRoute {
  readonly kind: 'handler';
  readonly handler: FetchHandler;
}

/** A parsed {@link VonageRouteTarget}. */
export type Route = UrlRoute | HandlerRoute;

const example = 'http://127.0.0.1:4010';

/**
 * Checks a fake's base URL: http or https, not a Vonage host, no query or fragment. `source` names
 * where the value came from in the error message.
 */
export function toUrlRoute(value: string | URL, source: string): UrlRoute {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${source} "${String(value)}" is not a URL; set it to the fake Vonage's base URL, e.g. ${example} (where "vws serve" listens).`,
      { cause: error },
    );
  }
  const shown = `${source} "${url.href}"`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${shown} is not an http: or https: URL; set it to the fake Vonage's base URL, e.g. ${example}.`,
    );
  }
  if (isVonageHost(url.hostname)) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${shown} points at Vonage's own host ${url.hostname}; set it to the local fake, e.g. ${example}.`,
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `${shown} has a query, fragment or credentials; give the base URL only, e.g. ${example}.`,
    );
  }
  return { kind: 'url', url, basePath: url.pathname.replace(/\/+$/, '') };
}

/** Parses what `routeVonageTo` was given. */
export function toRoute(input: VonageRouteTarget): Route {
  if (typeof input === 'function') return { kind: 'handler', handler: input };
  if (typeof input === 'string' || input instanceof URL) return toUrlRoute(input, 'routeVonageTo target');
  throw new VwsError(
    'VWS_ERR_INVALID_OPTION',
    `routeVonageTo target must be a URL string, a URL or a (request) => Response handler, not ${typeof input}; e.g. routeVonageTo("${example}").`,
  );
}

/**
 * Reads {@link fakeVonageUrlVariable}; throws a one-line {@link VwsError} naming the fix when it is
 * unset or not a usable URL, so that no Vonage-host request can go anywhere unplanned (decision 092).
 */
export function readFakeVonageUrl(env: Readonly<Record<string, string | undefined>>): UrlRoute {
  const value = env[fakeVonageUrlVariable]?.trim() ?? '';
  if (value === '') {
    throw new VwsError(
      'VWS_ERR_USAGE',
      `${fakeVonageUrlVariable} is not set; the vonage-webhook-simulator/register preload needs the fake Vonage's URL: run "vws serve" and set ${fakeVonageUrlVariable}=${example}.`,
    );
  }
  return toUrlRoute(value, fakeVonageUrlVariable);
}

/** The path a routed request takes on the fake: the base path, then the original path and query. */
export function toRoutedPath(route: UrlRoute, path: string): string {
  return route.basePath + (path.startsWith('/') ? path : `/${path}`);
}

/**
 * The `host` of the URL the app asked for (the port only when not the scheme's default), as sent in
 * {@link originalHostHeader}.
 */
export function toOriginalHost(
  protocol: string,
  hostname: string,
  port: string | number | undefined,
): string {
  const url = new URL(`${protocol}//${hostname}`);
  if (port !== undefined && port !== '') url.port = String(port);
  return url.host;
}
