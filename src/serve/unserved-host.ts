import { fakeVonageHosts } from '../fake-vonage/index.js';

/**
 * The answer to a request for a Vonage host the fake does not serve (`video.api.vonage.com`,
 * `ws.nexmo.com`, ...): a 404 in the gateway's problem shape (decision 086) whose `detail` names the
 * hosts that are served. It is answered locally rather than passed through, so that no request ever
 * reaches the real Vonage (decisions 092, 095).
 */
export function toUnservedResponse(method: string, url: URL): Response {
  return Response.json(
    {
      type: 'https://developer.nexmo.com/api-errors#not-found',
      title: 'Not Found',
      detail: `vonage-webhook-simulator does not fake ${url.host} (${method} ${url.pathname}); it serves ${fakeVonageHosts.slice(0, 3).join(', ')} and the other regional API hosts.`,
    },
    { status: 404 },
  );
}
