/**
 * The domains whose every host is Vonage's: the API hosts live under `nexmo.com` and `vonage.com`
 * (SDK defaults `rest.nexmo.com`/`api.nexmo.com`, `video.api.vonage.com`, regional `api-eu.vonage.com`,
 * data-centre hosts such as `api-us-3.vonage.com` or `api-sg-1.nexmo.com`, `ws.nexmo.com` for
 * WebSockets), and the Video API's legacy server SDK still defaults to `api.opentok.com` (TokBox).
 * A suffix rule instead of a closed list, so a regional host nobody listed cannot reach the Internet
 * (decision 091).
 */
export const vonageDomains = ['nexmo.com', 'vonage.com', 'opentok.com', 'tokbox.com'] as const;

const regions = ['eu', 'us', 'ap'] as const;

/**
 * The Vonage API hosts the official SDKs and Vonage's own webhooks name, for documentation and tests;
 * {@link isVonageHost} matches these and every other host under {@link vonageDomains}.
 */
export const knownVonageHosts: readonly string[] = [
  'rest.nexmo.com',
  'api.nexmo.com',
  'api.vonage.com',
  ...regions.map((region) => `api-${region}.vonage.com`),
  ...regions.flatMap((region) =>
    [1, 2].flatMap((number) => [`api-${region}-${number}.vonage.com`, `api-${region}-${number}.nexmo.com`]),
  ),
  // `region_url` of Voice answer webhooks (reference: voice.answer `region_url`).
  ...regions.flatMap((region) => [3, 4].map((number) => `api-${region}-${number}.vonage.com`)),
  'api-sg-1.nexmo.com',
  'rest-sg-1.nexmo.com',
  'messages-sandbox.nexmo.com',
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
