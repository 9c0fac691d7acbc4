import { createCredentialCheck } from './account/credentials.js';
import { handleRequest } from './api/request-handling.js';
import { toFakeVonageConfig } from './fake-vonage-config.js';
import { pushInboundMessage, pushInboundSms, pushIncomingCall } from './lifecycles/inbound-pushes.js';
import { closeRunner, createLifecycleRunner, resetRunner } from './lifecycles/lifecycle-runner.js';
import { settle, toRecordedDeliveries, waitForDelivery } from './lifecycles/settling.js';
import { toWebhookRoutes } from './lifecycles/webhook-routing.js';
import type { FakeVonage, FakeVonageOptions } from './types.js';

// The wiring of the fake: its settings (fake-vonage-config), the runner that owns its clock, timers
// and records (lifecycle-runner), request handling, webhook routing and delivery, each in its module.

/**
 * Creates a fake of the Vonage REST APIs, framework-free: `handle(request)` takes the standard
 * fetch `Request` an app sends to a Vonage host and answers as Vonage does (its checks, error bodies
 * and statuses, realistic success answers), then delivers the webhooks that follow (the lifecycle
 * of `src/scenarios`) to the URLs in the request or the application's webhooks, signed as
 * configured, at `atMs × timeScale`. Everything it receives and sends is recorded.
 *
 * Serves: SMS `POST /sms/json` and `POST /account/settings` (rest.nexmo.com), Messages
 * `POST /v1/messages` and `/v0.1/messages` (also the sandbox), Voice `/v1/calls` with call control,
 * Number Insight `/ni/advanced/async/json`, Verify v2 `/v2/verify` and code checks, and the
 * Applications API `/v2/applications`, on api.nexmo.com and the regional hosts. Webhooks go where
 * the account and its applications say (`application`, `webhooks`, `webhookBaseUrl`, or by API),
 * unless the request names a URL (docs/decisions/105).
 *
 * @see https://developer.vonage.com/en/api
 * @example
 * ```ts
 * import { createFakeVonage } from 'vonage-webhook-simulator';
 * const vonage = createFakeVonage({
 *   apiKey: 'a1b2c3d4', apiSecret: 'secret', signatureSecret: 'signing-secret', timeScale: 0,
 *   webhooks: { smsDlrUrl: 'http://127.0.0.1:3000/track-dlr' },
 * });
 * const response = await vonage.handle(new Request('https://rest.nexmo.com/sms/json', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ api_key: 'a1b2c3d4', api_secret: 'secret', from: 'AcmeInc', to: '447700900123', text: 'Hi' }),
 * }));
 * await vonage.settled();
 * console.log(response?.status, vonage.deliveries.map((delivery) => delivery.result?.status));
 * await vonage.close();
 * ```
 */
export function createFakeVonage(options: FakeVonageOptions = {}): FakeVonage {
  const config = toFakeVonageConfig(options);
  const runner = createLifecycleRunner(config);
  const auth = createCredentialCheck(
    config.credentials,
    // Applications created through the fake's Applications API are the account's too.
    (applicationId) => runner.generation.state.applications.has(applicationId),
  );
  const { clock, outcomes } = runner;
  return {
    handle: (request) => handleRequest(runner, auth, request),
    get requests() {
      return runner.requests;
    },
    get deliveries() {
      return toRecordedDeliveries(runner.deliveries);
    },
    get lifecycles() {
      return runner.lifecycles;
    },
    settled: (settledOptions) => settle(runner, settledOptions),
    // The delivery found matches `match`, so it is one of the deliveries its name types.
    waitFor: (match, waitOptions) => waitForDelivery(runner, match, waitOptions) as never,
    advance: (ms) => clock.advance(ms),
    runUntilIdle: () => clock.runUntilIdle(),
    now: () => clock.now(),
    webhookRoutes: () => toWebhookRoutes(runner.generation.state, config.smsWebhookFormat),
    scriptOutcome(rule) {
      outcomes.add(rule);
    },
    clearOutcomes() {
      outcomes.clear();
    },
    get outcomes() {
      return outcomes.rules();
    },
    pushInboundSms: (params) => pushInboundSms(runner, params),
    pushIncomingCall: (params) => pushIncomingCall(runner, params),
    pushInboundMessage: (channel, params) => pushInboundMessage(runner, channel, params),
    reset() {
      resetRunner(runner);
    },
    close: () => closeRunner(runner),
  };
}
