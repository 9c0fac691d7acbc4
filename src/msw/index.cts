// The `require` condition of `vonage-webhook-simulator/msw`: loads msw's `http` (which checks that msw
// is installed), then the ESM entry with require(esm) (Node 20.19+ and 22.12+), as index.ts does for
// `import`. msw-http.js is an entry of its own in the bundle, so both share one copy of it.
import missing = require('./missing-msw.js');

import mswHttp = require('./msw-http.js');

// msw's own CommonJS build, as a CommonJS app's `require('msw/node')` loads it; `msw/core/http` where
// msw has it (2.3+), else the package entry (msw-http.ts).
// Its types are msw's CommonJS declarations, the same API as the ESM ones mswHttp names.
type MswHttp = Parameters<typeof mswHttp.useMswHttp>[0];
function loadHttp(): MswHttp {
  try {
    return (require('msw/core/http') as { http: unknown }).http as MswHttp;
  } catch (error) {
    if (!mswHttp.isMissingCoreHttp(error)) throw error;
    return (require('msw') as { http: unknown }).http as MswHttp;
  }
}

try {
  mswHttp.useMswHttp(loadHttp());
} catch (error) {
  if (!missing.isMissingMsw(error)) throw error;
  throw new Error(missing.missingMswMessage);
}

import entry = require('./msw-entry.js');

export = entry;
