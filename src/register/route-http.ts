import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { urlToHttpOptions } from 'node:url';
import { isVonageHost, originalHostHeader, originalSchemeHeader } from '../fake-vonage/api/vonage-hosts.js';
import { createHandlerBridge, type HandlerBridge } from './handler-bridge.js';
import { activeRoute } from './route-state.js';
import { type HandlerRoute, type Route, toOriginalHost, toRoutedPath } from './route-target.js';

type ResponseListener = (response: IncomingMessage) => void;
type RequestFunction = (...args: unknown[]) => ClientRequest;
/** The writable view of `node:http`/`node:https` the patch needs (their exports object is mutable). */
type RequestModule = { request: RequestFunction; get: RequestFunction };
type Options = Record<string, unknown>;

interface RoutedRequest {
  readonly protocol: 'http:' | 'https:';
  readonly options: Options;
  readonly callback: ResponseListener | undefined;
}

const bridges = new WeakMap<HandlerRoute, HandlerBridge>();

function bridgeFor(route: HandlerRoute): HandlerBridge {
  let bridge = bridges.get(route);
  if (bridge === undefined) {
    bridge = createHandlerBridge(route.handler);
    bridges.set(route, bridge);
  }
  return bridge;
}

/** Closes the bridge of an in-process route once the route is undone. */
export function releaseHttpRoute(route: Route): void {
  if (route.kind !== 'handler') return;
  bridges.get(route)?.close();
  bridges.delete(route);
}

/**
 * The (url?, options?, callback?) arguments of `http.request`, merged as Node merges them (the URL's
 * parts, then the options over them); `undefined` when they are not a shape Node accepts, so the
 * original function reports the mistake itself.
 */
function splitArgs(
  args: readonly unknown[],
): { options: Options; callback: ResponseListener | undefined } | undefined {
  let options: Options = {};
  let index = 0;
  const first = args[0];
  try {
    if (typeof first === 'string') {
      options = { ...urlToHttpOptions(new URL(first)) };
      index = 1;
    } else if (first instanceof URL) {
      options = { ...urlToHttpOptions(first) };
      index = 1;
    }
  } catch {
    return undefined;
  }
  const next = args[index];
  if (next !== null && typeof next === 'object') {
    options = { ...options, ...(next as Options) };
    index += 1;
  }
  const callback = args[index];
  if (callback !== undefined && typeof callback !== 'function') return undefined;
  return { options, callback: callback as ResponseListener | undefined };
}

function isRoutingHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'host' || lower === originalHostHeader || lower === originalSchemeHeader;
}

/**
 * The app's headers without its `Host` (the target's is sent, decision 090), plus the two headers that
 * name the Vonage host and scheme. Both header shapes of `http.request` are kept: an object, or a flat
 * `[name, value, ...]` array.
 */
function withRoutingHeaders(headers: unknown, host: string, scheme: string): unknown {
  if (Array.isArray(headers)) {
    const flat: unknown[] = [];
    for (let index = 0; index + 1 < headers.length; index += 2) {
      if (!isRoutingHeader(String(headers[index]))) flat.push(headers[index], headers[index + 1]);
    }
    flat.push(originalHostHeader, host, originalSchemeHeader, scheme);
    return flat;
  }
  const object: Options = {};
  if (headers !== null && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) if (!isRoutingHeader(name)) object[name] = value;
  }
  object[originalHostHeader] = host;
  object[originalSchemeHeader] = scheme;
  return object;
}

// Options that address the real host or its connection; none applies to the target.
const addressOptions = [
  '_defaultAgent',
  'createConnection',
  'servername',
  'lookup',
  'host',
  'hostname',
  'port',
  'defaultPort',
  'socketPath',
] as const;

/** The request rewritten for the active route, or `undefined` when it stays as it is. */
function toRoutedRequest(
  args: readonly unknown[],
  moduleProtocol: 'http:' | 'https:',
): RoutedRequest | undefined {
  const route = activeRoute();
  if (route === undefined) return undefined;
  const split = splitArgs(args);
  if (split === undefined) return undefined;
  const { options, callback } = split;
  if (options.socketPath !== undefined && options.socketPath !== null) return undefined;
  const hostname = String(options.hostname ?? options.host ?? 'localhost');
  if (!isVonageHost(hostname)) return undefined;

  const protocol = typeof options.protocol === 'string' ? options.protocol : moduleProtocol;
  const agent = options.agent as { defaultPort?: unknown } | false | undefined;
  const port = options.port || options.defaultPort || (agent ? agent.defaultPort : undefined);
  const originalHost = toOriginalHost(protocol, hostname, port === undefined ? undefined : String(port));
  const path = typeof options.path === 'string' && options.path !== '' ? options.path : '/';

  const routed: Options = { ...options };
  for (const key of addressOptions) delete routed[key];
  // The app's agent speaks to Vonage (TLS, maybe a proxy); `false` (a one-shot agent) is kept.
  if (routed.agent !== false) delete routed.agent;
  routed.headers = withRoutingHeaders(options.headers, originalHost, protocol.replace(/:$/, ''));

  if (route.kind === 'handler') {
    return {
      protocol: 'http:',
      options: { ...routed, protocol: 'http:', socketPath: bridgeFor(route).socketPath, path },
      callback,
    };
  }
  const target = route.url;
  const targetProtocol = target.protocol === 'https:' ? 'https:' : 'http:';
  routed.protocol = targetProtocol;
  routed.hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (target.port !== '') routed.port = Number(target.port);
  routed.path = toRoutedPath(route, path);
  return { protocol: targetProtocol, options: routed, callback };
}

/**
 * Patches `request` and `get` of `node:http` and `node:https` (what axios, got, node-fetch v2 and the
 * Vonage SDKs call) so that a request to a Vonage host goes to the active route; every other request
 * reaches the original functions untouched. `get` is patched too because Node's `get` calls its
 * module's own `request`, not the exported one. Returns the undo.
 */
export function installHttpRouting(): () => void {
  const httpModule = http as unknown as RequestModule;
  const httpsModule = https as unknown as RequestModule;
  const original = {
    httpRequest: httpModule.request,
    httpGet: httpModule.get,
    httpsRequest: httpsModule.request,
    httpsGet: httpsModule.get,
  };
  const send = ({ protocol, options, callback }: RoutedRequest): ClientRequest => {
    const request = protocol === 'https:' ? original.httpsRequest : original.httpRequest;
    return callback === undefined ? request(options) : request(options, callback);
  };
  const patch = (
    moduleProtocol: 'http:' | 'https:',
    originalRequest: RequestFunction,
    originalGet: RequestFunction,
  ): RequestModule => ({
    request: function request(this: unknown, ...args: unknown[]): ClientRequest {
      const routed = toRoutedRequest(args, moduleProtocol);
      return routed === undefined ? originalRequest.apply(this, args) : send(routed);
    },
    get: function get(this: unknown, ...args: unknown[]): ClientRequest {
      const routed = toRoutedRequest(args, moduleProtocol);
      if (routed === undefined) return originalGet.apply(this, args);
      const request = send(routed);
      request.end();
      return request;
    },
  });
  const patchedHttp = patch('http:', original.httpRequest, original.httpGet);
  const patchedHttps = patch('https:', original.httpsRequest, original.httpsGet);
  Object.assign(httpModule, patchedHttp);
  Object.assign(httpsModule, patchedHttps);
  // `import { request } from 'node:https'` reads a snapshot of the exports until this re-syncs it.
  syncBuiltinESMExports();

  return () => {
    // Put back only what is still ours: an interceptor installed later (nock, msw) keeps its patch.
    if (httpModule.request === patchedHttp.request) httpModule.request = original.httpRequest;
    if (httpModule.get === patchedHttp.get) httpModule.get = original.httpGet;
    if (httpsModule.request === patchedHttps.request) httpsModule.request = original.httpsRequest;
    if (httpsModule.get === patchedHttps.get) httpsModule.get = original.httpsGet;
    syncBuiltinESMExports();
  };
}
