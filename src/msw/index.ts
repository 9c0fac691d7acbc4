// `vonage-webhook-simulator/msw`: the fake Vonage as msw handlers. The only folder that imports msw
// (an optional peer dependency); the root entry never loads it.

export type {
  InboundMessageParams,
  InboundSmsParams,
  IncomingCallParams,
} from '../fake-vonage/lifecycles/push-overrides.js';
export { createVonageHandlers } from './create-vonage-handlers.js';
export { createVonageMock, type VonageMock, type VonageMockOptions } from './create-vonage-mock.js';
