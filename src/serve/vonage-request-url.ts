import {
  API_HOST,
  originalHostHeader,
  originalSchemeHeader,
  SMS_API_HOST,
} from '../fake-vonage/api/vonage-hosts.js';

/** The paths rest.nexmo.com serves among the fake's APIs: the SMS API and the Account API. */
const restPrefixes = ['/sms', '/account'] as const;

/**
 * The Vonage host a request without `x-vws-original-host` is taken to be for, by its path: the SMS
 * and Account APIs' paths (`/sms/...`, `/account/...`) live on rest.nexmo.com, every other API the
 * fake serves on api.nexmo.com
 * (docs/decisions/097). An app that sets both of its SDK's base URLs (`restHost`, `apiHost`) to
 * `vws serve` is served without the preload this way.
 */
export function toDefaultVonageHost(pathname: string): string {
  return restPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`))
    ? SMS_API_HOST
    : API_HOST;
}

/** What {@link toVonageRequestUrl} found: the URL, or why the headers name no usable host. */
export type VonageRequestUrl =
  | { readonly url: URL; readonly routed: boolean }
  | { readonly error: string; readonly routed: true };

/**
 * The URL an app meant a request for: `x-vws-original-scheme://x-vws-original-host` + the request's
 * path and query when the routing preload sent it (decision 090), otherwise https + the host
 * {@link toDefaultVonageHost} gives for the path.
 */
export function toVonageRequestUrl(
  target: string,
  header: (name: string) => string | undefined,
): VonageRequestUrl {
  const path = target.startsWith('/') ? target : `/${target}`;
  const host = header(originalHostHeader)?.trim() ?? '';
  if (host === '') {
    const local = new URL(path, 'https://placeholder.invalid');
    return {
      url: new URL(`${local.pathname}${local.search}`, `https://${toDefaultVonageHost(local.pathname)}`),
      routed: false,
    };
  }
  const scheme = header(originalSchemeHeader)?.trim().toLowerCase() === 'http' ? 'http' : 'https';
  // A host and an optional port only: anything else would move the path or the credentials.
  if (!/^[a-z0-9.-]+(?::\d{1,5})?$/i.test(host)) {
    return {
      error: `${originalHostHeader} "${host}" is not a host name; send the Vonage host the app asked for, e.g. rest.nexmo.com.`,
      routed: true,
    };
  }
  return { url: new URL(`${scheme}://${host}${path}`), routed: true };
}
