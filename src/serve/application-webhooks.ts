import { toConventionalWebhooks } from '../fake-vonage/account/application.js';

/**
 * The webhook settings of an app served at `baseUrl`, on the paths Vonage's guides use.
 *
 * @deprecated Use `toConventionalWebhooks` (the same settings), or pass `webhookBaseUrl` to the fake.
 * @example
 * ```ts
 * import { toApplicationWebhooks } from 'vonage-webhook-simulator';
 * const webhooks = toApplicationWebhooks('http://127.0.0.1:3000');
 * console.log(webhooks.answerUrl); // http://127.0.0.1:3000/webhooks/answer
 * ```
 */
export const toApplicationWebhooks: typeof toConventionalWebhooks = toConventionalWebhooks;
