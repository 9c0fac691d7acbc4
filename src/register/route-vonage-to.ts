import { installVonageSocketBlock } from './block-vonage-sockets.js';
import { installFetchRouting } from './route-fetch.js';
import { installHttpRouting, releaseHttpRoute } from './route-http.js';
import { pushRoute, removeRoute } from './route-state.js';
import { toRoute, type VonageRouteTarget } from './route-target.js';

let uninstall: (() => void) | undefined;

function installLayers(): () => void {
  const undo = [installVonageSocketBlock(), installHttpRouting(), installFetchRouting()];
  return () => {
    for (const step of undo.reverse()) step();
  };
}

/**
 * Routes every request this process makes to a Vonage host (`rest.nexmo.com`, `api.nexmo.com`,
 * `api-us-3.vonage.com`, any host under nexmo.com or vonage.com) to a fake: a base URL such as the
 * one `vws serve` listens on, or an in-process `(request) => Response` handler. It covers
 * `node:http`/`node:https` (`request`, `get`, with or without an agent: axios, got, node-fetch v2,
 * the Vonage SDKs) and the global `fetch` (undici's global dispatcher). Method, path, query, headers
 * and body are kept; `x-vws-original-host` and `x-vws-original-scheme` name the Vonage host and
 * scheme the app asked for; an https request may go to an http fake. Requests to other hosts are
 * untouched, and a connection to a Vonage host that bypasses the routing is refused, never sent to
 * the real Vonage. Returns the undo; the newest call wins until undone.
 *
 * Decisions 090–094 say why each layer works as it does.
 *
 * @example
 * ```ts
 * import { routeVonageTo } from 'vonage-webhook-simulator';
 * const undo = routeVonageTo(async (request) => {
 *   const url = new URL(request.url); // https://rest.nexmo.com/sms/json
 *   return Response.json({ 'message-count': '1', messages: [{ status: '0', to: '447700900000' }] });
 * });
 * await fetch('https://rest.nexmo.com/sms/json', { method: 'POST', body: 'to=447700900000' });
 * undo();
 * ```
 */
export function routeVonageTo(target: VonageRouteTarget): () => void {
  const route = toRoute(target);
  if (pushRoute(route)) uninstall = installLayers();
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    releaseHttpRoute(route);
    if (removeRoute(route)) {
      uninstall?.();
      uninstall = undefined;
    }
  };
}
