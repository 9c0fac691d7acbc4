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

let agentClass: typeof UndiciAgent | undefined;

/**
 * undici's `Agent` class, loaded without the rest of undici, and only when a sender first delivers:
 * importing the library does not load undici (issue 13, docs/decisions/115).
 */
export function undiciAgent(): typeof UndiciAgent {
  agentClass ??= loadAgent();
  return agentClass;
}
