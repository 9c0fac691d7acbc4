import type { Server } from 'node:http';
import { VwsError } from '../errors.js';

/** The usage error for a port or host the server cannot listen on, else the error as it came. */
function toListenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  if (error.code === 'EADDRINUSE') {
    return new VwsError(
      'VWS_ERR_USAGE',
      `Port ${port} on ${host} is in use: stop what holds it or pick another with --port, e.g. --port ${port + 1}.`,
    );
  }
  if (error.code === 'EACCES') {
    return new VwsError(
      'VWS_ERR_USAGE',
      `Port ${port} on ${host} needs privileges: use a port above 1023, e.g. --port 4010.`,
    );
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new VwsError(
      'VWS_ERR_USAGE',
      `Cannot listen on ${host}: it is not an address of this machine; use --host 127.0.0.1.`,
    );
  }
  return error;
}

/** Starts `server` on `port` and `host`; on failure calls `onFail` and rejects with what to do about it. */
export function startListening(
  server: Server,
  port: number,
  host: string,
  onFail: () => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      onFail();
      reject(toListenError(error, port, host));
    });
    server.listen(port, host, () => resolve());
  });
}
