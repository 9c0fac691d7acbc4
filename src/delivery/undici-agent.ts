import { createRequire } from 'node:module';
import type { Agent as UndiciAgent } from 'undici';

const require = createRequire(import.meta.url);

// undici's package entry builds fetch, WebSocket, caches and more: about 60 ms on this machine,
// most of a one-shot `vws send`. The sender needs only the Agent, whose module loads in a third of
// that. The deep path has been stable across undici 6 and 7; if a release moves it, the package
// entry is the fallback (docs/decisions/009-cli-start-up.md).
function loadAgent(): typeof UndiciAgent {
  try {
    return require('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;
  } catch {
    return (require('undici') as { Agent: typeof UndiciAgent }).Agent;
  }
}

/** undici's `Agent` class, loaded without the rest of undici. */
export const Agent: typeof UndiciAgent = loadAgent();
