import { Socket } from 'node:net';
import { VwsError } from '../errors.js';
import { isVonageHost } from '../fake-vonage/api/vonage-hosts.js';
import { activeRoute } from './route-state.js';

type Connect = (this: Socket, ...args: unknown[]) => Socket;

/** The host and TLS server name a `socket.connect(...)` call is for, in any of its argument shapes. */
function toConnectNames(args: readonly unknown[]): string[] {
  const first = args[0];
  // net.connect() and tls.connect() pass their normalized [options, callback] pair as one array.
  const options = Array.isArray(first) ? first[0] : first;
  if (options !== null && typeof options === 'object') {
    const { host, servername } = options as { host?: unknown; servername?: unknown };
    return [host, servername].filter((name): name is string => typeof name === 'string');
  }
  // connect(port, host?, callback?)
  if (typeof args[1] === 'string' && (typeof first === 'number' || /^\d+$/.test(String(first))))
    return [args[1]];
  return [];
}

/**
 * The last line of defence (decision 092): while a route is in force, a TCP or TLS connection to a
 * Vonage host is refused before any DNS look-up, so a request that bypassed the routing (an undici
 * `Agent` the app built itself, `http2.connect`, a WebSocket client) fails with a one-line error
 * instead of reaching the real Vonage. Returns the undo.
 */
export function installVonageSocketBlock(): () => void {
  const original = Socket.prototype.connect as unknown as Connect;
  const blocking: Connect = function connect(this: Socket, ...args: unknown[]): Socket {
    const blocked = activeRoute() === undefined ? undefined : toConnectNames(args).find(isVonageHost);
    if (blocked === undefined) return original.apply(this, args);
    const error = new VwsError(
      'VWS_ERR_VONAGE_HOST_BLOCKED',
      `Blocked a connection to the Vonage host ${blocked}: it bypassed the vonage-webhook-simulator routing (an undici Agent, http2 or WebSocket client the app built itself?); send Vonage requests through fetch, node:http/https or undici's global dispatcher so they reach the fake.`,
    );
    process.nextTick(() => this.destroy(error));
    return this;
  };
  Socket.prototype.connect = blocking as unknown as typeof Socket.prototype.connect;
  return () => {
    if ((Socket.prototype.connect as unknown) === blocking) {
      Socket.prototype.connect = original as unknown as typeof Socket.prototype.connect;
    }
  };
}
