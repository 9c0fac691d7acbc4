import type { HttpHandler } from 'msw';
import { isVonageHost, vonageDomains } from '../fake-vonage/api/vonage-hosts.js';
import type { FakeVonage } from '../fake-vonage/index.js';
import { toUnservedResponse } from '../serve/unserved-host.js';
import { mswHttp } from './msw-http.js';

const escaped = vonageDomains.map((domain) => domain.replaceAll('.', '\\.')).join('|');

// A RegExp, not a custom predicate function: msw 2 matches a RegExp against the request's URL without
// query (`origin + pathname`) in every 2.x release, while predicate functions are recent
// (docs/decisions/095). The resolver checks the host again with `isVonageHost`.
const vonageUrl = new RegExp(`^https?://(?:[^/]*\\.)?(?:${escaped})\\.?(?::\\d+)?(?:/|$)`, 'i');

/**
 * msw request handlers that answer every request to a Vonage host (`rest.nexmo.com`,
 * `api.nexmo.com`, `api-eu.vonage.com`, any host under nexmo.com or vonage.com) with a fake's
 * `handle(request)`. A Vonage host the fake does not serve gets a 404 problem naming the hosts it
 * does; nothing is passed through to the real Vonage. Other hosts are left to your other handlers.
 *
 * @see https://mswjs.io/docs/api/setup-server
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createFakeVonage } from 'vonage-webhook-simulator';
 * import { createVonageHandlers } from 'vonage-webhook-simulator/msw';
 * const vonage = createFakeVonage({ timeScale: 0 });
 * const server = setupServer(...createVonageHandlers(vonage));
 * server.listen({ onUnhandledRequest: 'bypass' });
 * ```
 */
export function createVonageHandlers(fake: Pick<FakeVonage, 'handle'>): HttpHandler[] {
  return [
    mswHttp().all(vonageUrl, async ({ request }) => {
      const url = new URL(request.url);
      if (!isVonageHost(url.hostname)) return undefined;
      return (await fake.handle(request)) ?? toUnservedResponse(request.method, url);
    }),
  ];
}
