// The `require` condition of `vonage-webhook-simulator/msw`: checks that msw is installed, then loads
// the ESM entry with require(esm) (Node 20.19+ and 22.12+), as index.ts does for `import`.
import missing = require('./missing-msw.js');

try {
  require.resolve('msw');
} catch (error) {
  if (!missing.isMissingMsw(error)) throw error;
  throw new Error(missing.missingMswMessage);
}

import entry = require('./msw-entry.js');

export = entry;
