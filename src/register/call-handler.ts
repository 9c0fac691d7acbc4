import type { FetchHandler } from '../delivery/handler-attempt.js';

/** Marks a 500 the routing made because the in-process handler threw (decision 093). */
export const handlerErrorHeader = 'x-vws-handler-error';

function isResponseLike(value: unknown): value is Response {
  return typeof value === 'object' && value !== null && typeof (value as Response).status === 'number';
}

/**
 * Calls an in-process Vonage handler. A throw or a non-`Response` becomes a 500 with a JSON body
 * naming the error, as msw answers a throwing handler, so both routing layers (node:http and fetch)
 * show the app the same thing (decision 093).
 */
export async function callHandler(handler: FetchHandler, request: Request): Promise<Response> {
  try {
    const response = await handler(request);
    // Duck-typed: a Response from the npm undici is another class than the global one.
    if (isResponseLike(response)) return response;
    throw new TypeError(`the handler returned ${typeof response}, not a Response`);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return Response.json(
      { name, message: `vonage-webhook-simulator: the in-process Vonage handler failed: ${message}` },
      { status: 500, headers: { [handlerErrorHeader]: '1' } },
    );
  }
}
