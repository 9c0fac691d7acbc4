import { originalHostHeader, originalSchemeHeader, regionalApiHosts } from '../account/vonage-hosts.js';

/**
 * Which Vonage host a request is for: `rest` (rest.nexmo.com: the SMS API), `api` (api.nexmo.com and
 * the regional API hosts) or `sandbox` (the Messages API sandbox).
 */
export type VonageHostKind = 'rest' | 'api' | 'sandbox';

// The API hosts the fake answers: api.nexmo.com, the regional api-eu/-us/-ap on vonage.com and the
// numbered data-centre hosts on both domains (a subset of decision 091's known hosts; any other host
// gets `undefined` from `handle`).
const apiHosts = new Set<string>(['api.nexmo.com', ...regionalApiHosts]);

/** Every host name the fake answers for (the routing preload routes more: decision 091). */
export const fakeVonageHosts: readonly string[] = [
  'rest.nexmo.com',
  ...apiHosts,
  'messages-sandbox.nexmo.com',
];

/** The kind of Vonage host a URL is for, or `null` when it is not a Vonage API host. */
export function toVonageHost(url: URL): VonageHostKind | null {
  const host = url.hostname.toLowerCase();
  if (host === 'rest.nexmo.com') return 'rest';
  if (host === 'messages-sandbox.nexmo.com') return 'sandbox';
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
