import type { HttpHandler } from 'msw';
import { createFakeVonage, type FakeVonage, type FakeVonageOptions } from '../fake-vonage/index.js';
import { createVonageHandlers } from './create-vonage-handlers.js';

/**
 * Options of {@link createVonageMock}: those of the fake Vonage (`createFakeVonage`), with
 * `timeScale` defaulting to 0 (webhooks as fast as possible, still in order) because tests want
 * them now, not after a call's real duration.
 */
export type VonageMockOptions = FakeVonageOptions;

/** A fake Vonage for msw; see {@link createVonageMock}. */
export interface VonageMock extends FakeVonage {
  /** msw handlers for every Vonage host: `setupServer(...mock.handlers)` or `server.use(...mock.handlers)`. */
  readonly handlers: readonly HttpHandler[];
}

/**
 * The fake Vonage REST API as msw handlers. Give `handlers` to msw's `setupServer`: the official
 * Vonage SDKs (and any HTTP client msw intercepts) then reach the fake instead of Vonage, get
 * Vonage's answers, and the webhooks that follow (delivery receipts per part, call answer and
 * events, message statuses) go to your app's real HTTP server, signed as configured. The sender
 * uses its own undici Agent, which msw does not intercept, so webhooks leave the process like
 * Vonage's do. `settled()` waits for them; `requests` and `deliveries` record both directions.
 *
 * @see https://developer.vonage.com/en/api
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createVonageMock } from 'vonage-webhook-simulator/msw';
 * const vonage = createVonageMock({
 *   apiKey: 'a1b2c3d4', apiSecret: 'Secret123', signatureSecret: 'signing-secret',
 *   webhooks: { smsDlrUrl: 'http://127.0.0.1:3000/webhooks/delivery-receipt' },
 * });
 * const server = setupServer(...vonage.handlers);
 * server.listen({ onUnhandledRequest: 'bypass' });
 * // ... your app sends an SMS with @vonage/server-sdk ...
 * await vonage.settled();
 * console.log(vonage.deliveries.map((delivery) => [delivery.event, delivery.result?.status]));
 * server.close();
 * await vonage.close();
 * ```
 */
export function createVonageMock(options: VonageMockOptions = {}): VonageMock {
  const fake = createFakeVonage({ ...options, timeScale: options.timeScale ?? 0 });
  const handlers = createVonageHandlers(fake);
  return {
    handlers,
    handle: (request) => fake.handle(request),
    get requests() {
      return fake.requests;
    },
    get deliveries() {
      return fake.deliveries;
    },
    get lifecycles() {
      return fake.lifecycles;
    },
    settled: (settledOptions) => fake.settled(settledOptions),
    advance: (ms) => fake.advance(ms),
    runUntilIdle: () => fake.runUntilIdle(),
    now: () => fake.now(),
    waitFor: (match, waitOptions) => fake.waitFor(match, waitOptions),
    scriptOutcome: (rule) => fake.scriptOutcome(rule),
    clearOutcomes: () => fake.clearOutcomes(),
    webhookRoutes: () => fake.webhookRoutes(),
    get outcomes() {
      return fake.outcomes;
    },
    pushInboundSms: (params) => fake.pushInboundSms(params),
    pushIncomingCall: (params) => fake.pushIncomingCall(params),
    pushInboundMessage: (channel, params) => fake.pushInboundMessage(channel, params),
    reset: () => fake.reset(),
    close: () => fake.close(),
  };
}
