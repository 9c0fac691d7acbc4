import { splitSmsText } from '../../scenarios/sms-segments.js';
import type { PlannedScenario } from '../../scenarios/types.js';
import { computeSmsSignature } from '../../signing/sms-signature.js';
import { type AuthResult, hasScheme } from '../account/credentials.js';
import { toDestination, toEuro8, toMsisdn } from '../account/numbers.js';
import type { WebhookRoute } from '../lifecycles/lifecycle-start.js';
import type { ApiContext } from './api-context.js';
import { type ApiReply, reply } from './api-reply.js';
import { toFlatParams } from './read-request.js';

// The SMS API answers every request with HTTP 200 and puts the outcome in `messages[].status`
// (✅ spec-sms: responses "200" oneOf SMS | Error, example "Missing to param"; x-errors list the codes).
// "Missing from param", "Missing api_key" and "Bad Credentials" are seen in client test fixtures
// (🟢/🟡); the others follow the same wording (❓, docs/decisions/086-fake-vonage-error-shapes.md).
function smsError(status: string, text: string): ApiReply {
  return reply(200, { 'message-count': '1', messages: [{ status, 'error-text': text }] });
}

const MAX_CALLBACK_LENGTH = 100;

function isCallbackUrl(value: string): boolean {
  if (value.length > MAX_CALLBACK_LENGTH) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The `status-report-req` flag: any of 0, false, no turns delivery receipts off (default on). */
function wantsReceipt(value: string | undefined): boolean {
  return value === undefined || !['0', 'false', 'no'].includes(value.toLowerCase());
}

function authenticate(context: ApiContext, params: Record<string, string>): AuthResult | ApiReply {
  const authorization = context.request.headers.authorization;
  // The Node SDK (`@vonage/sms` 1.x) sends Basic auth with a JSON body; older clients send the
  // pair as parameters (🟢 node `packages/sms/lib/sms.ts` authType BASIC; spec-sms NewMessage).
  if (hasScheme(authorization, 'basic')) {
    const result = context.auth.header(authorization, ['basic']);
    return result.ok ? result : smsError('4', 'Bad Credentials');
  }
  const apiKey = params.api_key;
  if (apiKey === undefined || apiKey === '') return smsError('2', 'Missing api_key');
  if (params.sig !== undefined) {
    if (params.api_secret !== undefined) return smsError('32', 'Signature And API Secret Disallowed');
    const { secret, method } = context.smsSigning;
    if (!context.auth.knowsKey(apiKey)) return smsError('4', 'Bad Credentials');
    if (secret !== undefined) {
      const expected = computeSmsSignature(params, secret, method);
      if (expected.toLowerCase() !== params.sig.toLowerCase()) return smsError('14', 'Invalid Signature');
    }
    return { ok: true, apiKey };
  }
  if (params.api_secret === undefined || params.api_secret === '') return smsError('2', 'Missing api_secret');
  const result = context.auth.keySecret(apiKey, params.api_secret);
  return result.ok ? result : smsError('4', 'Bad Credentials');
}

/**
 * `POST /sms/json` (and `GET` with query parameters): checks the request as the SMS API does and
 * answers `message-count` and one entry per part, each with its `message-id`, price, the balance left
 * and the estimated network; the lifecycle `sms.send` follows with the delivery receipts.
 *
 * @see https://developer.vonage.com/en/api/sms
 */
export function handleSmsSend(context: ApiContext): ApiReply {
  const params = toFlatParams(context.request);
  const auth = authenticate(context, params);
  if ('status' in auth) return auth;
  if (!auth.ok) return smsError('4', 'Bad Credentials');
  const from = params.from;
  if (from === undefined || from.trim() === '') return smsError('2', 'Missing from param');
  if (params.to === undefined || params.to === '') return smsError('2', 'Missing to param');
  const to = toMsisdn(params.to);
  if (to === null) return smsError('3', 'Invalid to param');
  const type = params.type ?? 'text';
  if (!['text', 'unicode', 'binary'].includes(type)) return smsError('3', 'Invalid type param');
  const text = params.text ?? '';
  if (type === 'binary') {
    if (params.body === undefined || params.body === '') return smsError('2', 'Missing body param');
    if (params.udh === undefined || params.udh === '') return smsError('2', 'Missing udh param');
    // 140 octets of UDH and body together (✅ spec-msg x-errors 1090, the same SMSC limit).
    if ((params.body.length + params.udh.length) / 2 > 140) return smsError('12', 'Message too long');
  } else if (text === '') {
    return smsError('2', 'Missing text param');
  }
  const callback = params.callback;
  if (callback !== undefined && !isCallbackUrl(callback)) return smsError('23', 'Invalid Callback Url');

  const destination = toDestination(to, context.ids.faker);
  const parts = type === 'binary' ? 1 : splitSmsText(text).length;
  const messageIds = Array.from({ length: parts }, () => context.ids.smsMessageId());
  const clientRef = params['client-ref'];
  const accountRef = params['account-ref'];
  // The receipts carry the recipient network and the price per part; the answer takes them from the
  // generated receipts so both agree (the lifecycle draws the carrier), else from its own draw.
  const toBody = (scenario: PlannedScenario | null): unknown => {
    const receipt = scenario?.webhooks[0]?.payload;
    const price = typeof receipt?.price === 'string' ? receipt.price : destination.smsPrice;
    const network =
      typeof receipt?.['network-code'] === 'string' ? receipt['network-code'] : destination.network;
    const messages = messageIds.map((messageId) => {
      context.state.balance -= Number(price);
      return {
        to,
        'message-id': messageId,
        status: '0',
        'remaining-balance': toEuro8(context.state.balance),
        'message-price': price,
        network,
        ...(clientRef === undefined ? {} : { 'client-ref': clientRef }),
        ...(accountRef === undefined ? {} : { 'account-ref': accountRef }),
      };
    });
    return { 'message-count': String(parts), messages };
  };
  const route: WebhookRoute | undefined = !wantsReceipt(params['status-report-req'])
    ? { skip: 'The request set status-report-req to 0, so Vonage sends no delivery receipt.' }
    : callback === undefined
      ? undefined
      : { url: callback };
  return reply(200, null, {
    scenario: 'sms.send',
    params: {
      to,
      from: from.startsWith('+') ? from.slice(1) : from,
      // A binary message has no text; its one part is its one id.
      ...(type === 'binary' ? {} : { text }),
      messageIds,
      ...(auth.apiKey === undefined ? {} : { apiKey: auth.apiKey }),
      ...(clientRef === undefined ? {} : { clientRef }),
    },
    routes: route === undefined ? {} : { 'sms-delivery-receipt': route },
    ...(auth.apiKey === undefined ? {} : { apiKey: auth.apiKey }),
    toBody,
  });
}
