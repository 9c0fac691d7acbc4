import {
  API_HOST,
  MESSAGES_SANDBOX_HOST,
  originalHostHeader,
  originalSchemeHeader,
  regionalApiHosts,
  SMS_API_HOST,
} from './vonage-hosts.js';

/**
 * Which Vonage host a request is for: `rest` (rest.nexmo.com: the SMS API), `api` (api.nexmo.com and
 * the regional API hosts) or `sandbox` (the Messages API sandbox).
 */
export type VonageHostKind = 'rest' | 'api' | 'sandbox';

// The API hosts the fake answers: api.nexmo.com, the regional api-eu/-us/-ap on vonage.com and the
// numbered data-centre hosts on both domains (a subset of decision 091's known hosts; any other host
// gets `undefined` from `handle`).
const apiHosts = new Set<string>([API_HOST, ...regionalApiHosts]);

/** Every host name the fake answers for (the routing preload routes more: decision 091). */
export const fakeVonageHosts: readonly string[] = [SMS_API_HOST, ...apiHosts, MESSAGES_SANDBOX_HOST];

/** The kind of Vonage host a URL is for, or `null` when it is not a Vonage API host. */
export function toVonageHost(url: URL): VonageHostKind | null {
  const host = url.hostname.toLowerCase();
  if (host === SMS_API_HOST) return 'rest';
  if (host === MESSAGES_SANDBOX_HOST) return 'sandbox';
  return apiHosts.has(host) ? 'api' : null;
}

/**
 * The Vonage URL a request is for: its own URL on a Vonage host, or the URL its
 * `x-vws-original-host`/`x-vws-original-scheme` headers name (a request the routing preload sent to
 * `vws serve`); `null` when it is not for Vonage.
 */
export function toVonageUrl(requestUrl: string, headers: Headers): URL | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (toVonageHost(url) !== null) return url;
  const host = headers.get(originalHostHeader);
  if (host === null || host === '') return null;
  const scheme = headers.get(originalSchemeHeader) === 'http' ? 'http' : 'https';
  try {
    const original = new URL(`${scheme}://${host}${url.pathname}${url.search}`);
    return toVonageHost(original) === null ? null : original;
  } catch {
    return null;
  }
}
