import { isVonageHost, originalHostHeader, originalSchemeHeader } from '../fake-vonage/api/vonage-hosts.js';
import { type DispatchOptions, toHeaderPairs } from './dispatch-parts.js';
import { type AnyDispatchHandler, dispatchToHandler } from './dispatch-to-handler.js';
import { activeRoute } from './route-state.js';
import { toRoutedPath } from './route-target.js';

/**
 * Where every undici copy (Node's bundled one behind `fetch`, and the npm `undici`) keeps the global
 * dispatcher: `setGlobalDispatcher` defines this property, `fetch` reads it on every call
 * (undici lib/global.js; decision 090).
 */
export const globalDispatcherSymbol = Symbol.for('undici.globalDispatcher.1');

interface Dispatcher {
  dispatch(options: DispatchOptions, handler: AnyDispatchHandler): boolean;
}

type GlobalWithDispatcher = typeof globalThis & { [globalDispatcherSymbol]?: Dispatcher };
type FetchInit = RequestInit & { dispatcher?: Dispatcher };

// The undici API methods (`request`, `stream`, ...) end in `this.dispatch(...)`: run with the wrapper
// as `this` they reach the routing. Every other method runs on the dispatcher itself, whose private
// fields a Proxy receiver could not reach.
const apiMethods = new Set<PropertyKey>(['request', 'stream', 'pipeline', 'connect', 'upgrade', 'compose']);

const wrapperOf = new WeakMap<Dispatcher, Dispatcher>();
const innerOf = new WeakMap<Dispatcher, Dispatcher>();

function withoutRoutingHeaders(headers: unknown, host: string, scheme: string): string[] {
  const flat: string[] = [];
  for (const [name, value] of toHeaderPairs(headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'host' && lower !== originalHostHeader && lower !== originalSchemeHeader)
      flat.push(name, value);
  }
  flat.push(originalHostHeader, host, originalSchemeHeader, scheme);
  return flat;
}

/** Sends a dispatch on, rewritten for the active route when its origin is a Vonage host. */
function routeDispatch(inner: Dispatcher, options: DispatchOptions, handler: AnyDispatchHandler): boolean {
  const route = activeRoute();
  if (route === undefined || options.origin === undefined || options.origin === null) {
    return inner.dispatch(options, handler);
  }
  let origin: URL;
  try {
    origin = new URL(String(options.origin));
  } catch {
    return inner.dispatch(options, handler);
  }
  if (!isVonageHost(origin.hostname)) return inner.dispatch(options, handler);
  const scheme = origin.protocol.replace(/:$/, '');
  if (route.kind === 'handler') {
    const routing = { [originalHostHeader]: origin.host, [originalSchemeHeader]: scheme };
    dispatchToHandler(route.handler, origin, options, routing, handler);
    return true;
  }
  // `servername` (TLS SNI) would name the Vonage host to the target.
  const rest: Record<string, unknown> = { ...options };
  delete rest.servername;
  return inner.dispatch(
    {
      ...(rest as DispatchOptions),
      origin: route.url.origin,
      path: toRoutedPath(route, options.path),
      headers: withoutRoutingHeaders(options.headers, origin.host, scheme),
    },
    handler,
  );
}

/**
 * A view of `inner` whose `dispatch` routes Vonage hosts. A Proxy rather than a new class, so the
 * wrapper stays an instance of the app's dispatcher class (`instanceof Agent`, `isMockActive`).
 */
export function wrapDispatcher<TDispatcher extends Dispatcher>(inner: TDispatcher): TDispatcher {
  if (innerOf.has(inner)) return inner;
  const cached = wrapperOf.get(inner);
  if (cached !== undefined) return cached as TDispatcher;
  const dispatch = (options: DispatchOptions, handler: AnyDispatchHandler): boolean =>
    routeDispatch(inner, options, handler);
  const wrapper: TDispatcher = new Proxy(inner, {
    get(target, property) {
      if (property === 'dispatch') return dispatch;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function' || property === 'constructor') return value;
      return value.bind(apiMethods.has(property) ? wrapper : target);
    },
  });
  wrapperOf.set(inner, wrapper);
  innerOf.set(wrapper, inner);
  return wrapper;
}

/** Wraps the global dispatcher unless it is wrapped already (the app may have replaced it). */
function wrapGlobalDispatcher(): void {
  const global = globalThis as GlobalWithDispatcher;
  const current = global[globalDispatcherSymbol];
  if (current !== undefined && !innerOf.has(current))
    global[globalDispatcherSymbol] = wrapDispatcher(current);
}

function restoreGlobalDispatcher(global: GlobalWithDispatcher): void {
  const current = global[globalDispatcherSymbol];
  const inner = current === undefined ? undefined : innerOf.get(current);
  if (inner !== undefined) global[globalDispatcherSymbol] = inner;
}

/**
 * Routes the global `fetch` (and the npm undici's `request`/`fetch` without an explicit dispatcher)
 * by wrapping the global dispatcher. `fetch` itself is wrapped only to re-wrap a dispatcher the app
 * set later with `setGlobalDispatcher`, and to wrap a per-call `init.dispatcher`. Returns the undo.
 */
export function installFetchRouting(): () => void {
  // Reading a lazy fetch global loads Node's bundled undici, which defines its default global Agent
  // (lib/global.js) so that there is one to wrap; without it fetch would create it later, unwrapped.
  void globalThis.Headers;
  wrapGlobalDispatcher();

  const global = globalThis as GlobalWithDispatcher;
  const originalFetch = globalThis.fetch;
  // Node run with --no-experimental-fetch has no fetch to wrap.
  if (typeof originalFetch !== 'function') return () => restoreGlobalDispatcher(global);
  const routedFetch = function fetch(input: string | URL | Request, init?: FetchInit): Promise<Response> {
    if (activeRoute() === undefined) return originalFetch(input, init);
    wrapGlobalDispatcher();
    const own = init?.dispatcher;
    return originalFetch(input, own === undefined ? init : { ...init, dispatcher: wrapDispatcher(own) });
  } as typeof fetch;
  globalThis.fetch = routedFetch;

  return () => {
    restoreGlobalDispatcher(global);
    if (globalThis.fetch === routedFetch) globalThis.fetch = originalFetch;
  };
}
