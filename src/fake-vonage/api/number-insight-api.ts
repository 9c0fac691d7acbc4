import { hasScheme } from '../account/credentials.js';
import { toEuro8 } from '../account/numbers.js';
import type { ApiContext } from './api-context.js';
import { type ApiReply, reply } from './api-reply.js';
import { toFlatParams } from './read-request.js';

/** Price of one Advanced lookup in EUR (🟢 the Python SDK's recorded answer: `"request_price": "0.04000000"`). */
const ADVANCED_PRICE = 0.04;

// Number Insight answers errors with HTTP 200 and a numeric `status` plus `error_text` (🟢 python
// `number_insight/tests/data/advanced_async_insight_error.json`: status 4 "Invalid credentials";
// `basic_insight_error.json`: status 3 "Invalid request :: Not valid number format detected [ … ]").
// The "Missing parameter" wording is ours (❓).
function niError(status: number, text: string): ApiReply {
  return reply(200, { status, error_text: text });
}

function isCallback(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * `GET|POST /ni/advanced/async/json`: key and secret (parameters or Basic), `number`, `callback`,
 * optional `country`; answers `{ request_id, number, remaining_balance, request_price, status: 0 }`
 * and starts `number_insight.advanced_async`, whose result goes to `callback`.
 *
 * @see https://developer.vonage.com/en/api/number-insight#getNumberInsightAsync
 */
export function handleNumberInsightAsync(context: ApiContext): ApiReply {
  const params = toFlatParams(context.request);
  const authorization = context.request.headers.authorization;
  const auth = hasScheme(authorization, 'basic')
    ? context.auth.header(authorization, ['basic'])
    : context.auth.keySecret(params.api_key, params.api_secret);
  if (!auth.ok) return niError(4, 'Invalid credentials');
  const raw = params.number;
  if (raw === undefined || raw === '') return niError(3, 'Invalid request :: Missing parameter - number');
  const callback = params.callback;
  if (callback === undefined || callback === '')
    return niError(3, 'Invalid request :: Missing parameter - callback');
  if (!isCallback(callback)) return niError(3, `Invalid request :: Not valid callback URL [ ${callback} ]`);
  const country = params.country;
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
    return niError(3, `Invalid request :: Not valid country code [ ${country} ]`);
  }
  // spec-ni `number` pattern `^[0-9-+\(\)\s]*$`; what is left must be a plausible number.
  const digits = /^[0-9\-+()\s]*$/.test(raw) ? raw.replace(/\D/g, '') : '';
  if (digits.length < 7 || digits.length > 15) {
    return niError(3, `Invalid request :: Not valid number format detected [ ${raw} ]`);
  }
  const requestId = context.ids.uuid();
  context.state.balance -= ADVANCED_PRICE;
  const remainingBalance = toEuro8(context.state.balance);
  const requestPrice = toEuro8(ADVANCED_PRICE);
  return reply(
    200,
    {
      request_id: requestId,
      number: digits,
      remaining_balance: remainingBalance,
      request_price: requestPrice,
      status: 0,
    },
    {
      scenario: 'number_insight.advanced_async',
      params: { number: digits, requestId },
      routes: { 'number-insight': { url: callback, format: 'json' } },
      ...(auth.apiKey === undefined ? {} : { apiKey: auth.apiKey }),
    },
  );
}
