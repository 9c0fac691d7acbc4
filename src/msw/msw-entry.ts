// What `vonage-webhook-simulator/msw` exports, loaded by index.ts (import) and index.cts (require)
// once they have checked that msw is installed.

export type {
  InboundMessageParams,
  InboundSmsParams,
  IncomingCallParams,
} from '../fake-vonage/lifecycles/push-overrides.js';
export { createVonageHandlers } from './create-vonage-handlers.js';
export { createVonageMock, type VonageMock, type VonageMockOptions } from './create-vonage-mock.js';
