// `vonage-webhook-simulator/msw`: the fake Vonage as msw handlers. The only folder that imports msw
// (an optional peer dependency); the root entry never loads it.
//
// msw is checked before the modules that import it are loaded: a static import of a missing package
// fails while Node links the modules, before any code here runs, with ERR_MODULE_NOT_FOUND and a
// stack. Loading them with import() lets this entry say in one line how to install msw instead.
// CommonJS (`require`, which cannot load a module with top-level await) gets index.cts.
import { isMissingMsw, missingMswMessage } from './missing-msw.js';
import { isMissingCoreHttp, useMswHttp } from './msw-http.js';

try {
  const { http } = await import('msw/core/http').catch((error: unknown) => {
    if (isMissingCoreHttp(error)) return import('msw');
    throw error;
  });
  useMswHttp(http);
} catch (error) {
  if (!isMissingMsw(error)) throw error;
  throw new Error(missingMswMessage);
}

const entry = await import('./msw-entry.js');

export type {
  InboundMessageParams,
  InboundSmsParams,
  IncomingCallParams,
  VonageMock,
  VonageMockOptions,
} from './msw-entry.js';

/** msw handlers answering every request to a Vonage host with a fake's `handle(request)`. */
export const createVonageHandlers: typeof entry.createVonageHandlers = entry.createVonageHandlers;
/** The fake Vonage REST API as msw handlers for `setupServer`, with `settled()`, `requests` and `deliveries`. */
export const createVonageMock: typeof entry.createVonageMock = entry.createVonageMock;
