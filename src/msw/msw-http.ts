// msw's `http` handler factory, loaded by the entry that checked msw is installed (index.ts with
// import(), index.cts with require()) and read by the handlers. msw's `msw/core/http` (msw 2.3+)
// loads in about two thirds of the time of the package entry, which also builds GraphQL and
// WebSocket support this package never uses (issue 13, docs/decisions/115); msw 2.0 to 2.2 have
// only the package entry.
import type { http as MswHttp } from 'msw';
import { VwsError } from '../errors.js';

let loaded: typeof MswHttp | undefined;

/** Records msw's `http`, loaded by one of the entries. */
export function useMswHttp(http: typeof MswHttp): void {
  loaded = http;
}

/** msw's `http`, as loaded by the entry. */
export function mswHttp(): typeof MswHttp {
  if (loaded === undefined) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      "msw's http is not loaded: import createVonageHandlers from 'vonage-webhook-simulator/msw'.",
    );
  }
  return loaded;
}

/** Whether `error` says that msw has no `./core/http` subpath (msw before 2.3). */
export function isMissingCoreHttp(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
}
