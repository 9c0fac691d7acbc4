import type { Agent, Dispatcher } from 'undici';
import { toPlan } from './delivery-plan.js';
import { deliverOne } from './run-delivery.js';
import { startSendMany } from './send-many/send-many.js';
import { toSenderContext } from './sender-context.js';
import type { Sender, SenderOptions } from './sender-types.js';
import { undiciAgent } from './undici-agent.js';

/**
 * Creates a sender that delivers webhook requests through undici's own dispatcher (not the global
 * `fetch`, so msw and other global interceptors do not see them) and judges each answer as Vonage
 * does: 200–205 delivered, 3xx a failure (never followed), Vonage's timeouts per webhook kind, NCCO
 * validation where Vonage reads one, and on request Vonage's retries and fallback answer URL.
 *
 * @see https://developer.vonage.com/getting-started/concepts/webhooks
 * @example
 * ```ts
 * import { createSender, generate, toRequestParts } from 'vonage-webhook-simulator';
 * const sender = createSender();
 * const request = toRequestParts(
 *   { name: 'voice.answer', payload: generate('voice.answer') },
 *   { url: 'http://127.0.0.1:3000/webhooks/answer' },
 * );
 * const result = await sender.deliver(request, undefined, { event: 'voice.answer' });
 * console.log(result.outcome, result.ncco);
 * for await (const each of sender.sendMany([request, request], { event: 'voice.answer', concurrency: 2 })) {
 *   console.log(each.index, each.outcome);
 * }
 * await sender.close();
 * ```
 */
export function createSender(options: SenderOptions = {}): Sender {
  let ownAgent: InstanceType<typeof Agent> | undefined;
  const dispatcher = (): Dispatcher => {
    if (options.dispatcher !== undefined) return options.dispatcher;
    // Keep-alive is undici's default; set here because the benchmark and the connect timing rely on it.
    ownAgent ??= new (undiciAgent())({ keepAliveTimeout: 4000, pipelining: 1 });
    return ownAgent;
  };
  const context = toSenderContext(options, dispatcher);

  return {
    deliver(request, target, deliverOptions = {}) {
      try {
        return deliverOne(context, request, toPlan(context, target, deliverOptions), 0);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    sendMany(items, manyOptions = {}) {
      return startSendMany(items, manyOptions, {
        plan: (target, deliverOptions) => toPlan(context, target, deliverOptions),
        deliver: (input, thePlan, index, once) => deliverOne(context, input, thePlan, index, once),
        now: context.now,
        sleep: context.sleep,
      });
    },
    async close(closeOptions = {}) {
      const agent = ownAgent;
      ownAgent = undefined;
      // `destroy` aborts requests in flight at once; `close` lets them finish.
      if (closeOptions.abort === true) await agent?.destroy();
      else await agent?.close();
    },
  };
}
