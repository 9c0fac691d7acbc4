/**
 * The domains whose every host is Vonage's: the API hosts live under `nexmo.com` and `vonage.com`
 * (SDK defaults `rest.nexmo.com`/`api.nexmo.com`, `video.api.vonage.com`, regional `api-eu.vonage.com`,
 * data-centre hosts such as `api-us-3.vonage.com` or `api-sg-1.nexmo.com`, `ws.nexmo.com` for
 * WebSockets), and the Video API's legacy server SDK still defaults to `api.opentok.com` (TokBox).
 * A suffix rule instead of a closed list, so a regional host nobody listed cannot reach the Internet
 * (decision 091).
 */
export const vonageDomains = ['nexmo.com', 'vonage.com', 'opentok.com', 'tokbox.com'] as const;

/** The SMS API's host (the SDKs' `restHost`). */
export const SMS_API_HOST = 'rest.nexmo.com';
/** The host of every other API (the SDKs' `apiHost`). */
export const API_HOST = 'api.nexmo.com';
/** The Messages API sandbox. */
export const MESSAGES_SANDBOX_HOST = 'messages-sandbox.nexmo.com';

const regions = ['eu', 'us', 'ap'] as const;

/**
 * The regional API hosts: `api-eu/-us/-ap.vonage.com` and the numbered data-centre hosts on both
 * domains. The fake answers on these (with `api.nexmo.com`), and the preload knows them among more.
 */
export const regionalApiHosts: readonly string[] = [
  ...regions.map((region) => `api-${region}.vonage.com`),
  ...regions.flatMap((region) =>
    [1, 2].flatMap((number) => [`api-${region}-${number}.vonage.com`, `api-${region}-${number}.nexmo.com`]),
  ),
];

/**
 * The Vonage API hosts the official SDKs and Vonage's own webhooks name, for documentation and tests;
 * {@link isVonageHost} matches these and every other host under {@link vonageDomains}.
 */
export const knownVonageHosts: readonly string[] = [
  SMS_API_HOST,
  API_HOST,
  'api.vonage.com',
  ...regionalApiHosts,
  // `region_url` of Voice answer webhooks (reference: voice.answer `region_url`).
  ...regions.flatMap((region) => [3, 4].map((number) => `api-${region}-${number}.vonage.com`)),
  'api-sg-1.nexmo.com',
  'rest-sg-1.nexmo.com',
  MESSAGES_SANDBOX_HOST,
  'video.api.vonage.com',
  'ws.nexmo.com',
  'api.opentok.com',
];

/**
 * Tells whether a host name is Vonage's: any host under `nexmo.com`, `vonage.com`, `opentok.com`
 * or `tokbox.com`, case-insensitive, with or without a trailing dot or a `:port`.
 *
 * @example
 * ```ts
 * import { isVonageHost } from 'vonage-webhook-simulator';
 * isVonageHost('rest.nexmo.com'); // true
 * isVonageHost('api-us-3.vonage.com'); // true
 * isVonageHost('nexmo.com.example.org'); // false
 * ```
 */
export function isVonageHost(hostname: string): boolean {
  let host = hostname.trim().toLowerCase();
  // `host:port` (one colon only: an IPv6 literal is never Vonage's anyway).
  const colon = host.indexOf(':');
  if (colon !== -1 && colon === host.lastIndexOf(':')) host = host.slice(0, colon);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return vonageDomains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

// The routing preload and `vws serve` name the host the app asked for in these headers when they
// carry a Vonage request to the fake over plain HTTP (docs/decisions/090, 093).

/** What the names of both headers begin with: a server drops them before answering. */
export const originalHeaderPrefix = 'x-vws-original-';
/** The header that carries the Vonage host a routed request was meant for (`rest.nexmo.com`). */
export const originalHostHeader = `${originalHeaderPrefix}host`;
/** The header that carries the scheme a routed request was meant for (`https`). */
export const originalSchemeHeader = `${originalHeaderPrefix}scheme`;
