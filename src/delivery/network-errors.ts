import type { DeliveryErrorCode } from './delivery-error-codes.js';

// Transport failures in Vonage's terms: refused, reset, timed out, or otherwise unreachable.

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== 'UND_ERR_CONNECT' && code !== 'ERR_ASSERTION') return code;
  if (Array.isArray(errors) && errors.length > 0) return errorCodeOf(errors[0]);
  return cause === undefined ? undefined : errorCodeOf(cause);
}

/** Maps a transport error to a failure code and a message that says what to check. */
export function classifyNetworkError(
  error: unknown,
  where: string,
  host: string,
): { code: DeliveryErrorCode; message: string } {
  const code = errorCodeOf(error);
  const detail = error instanceof Error && error.message !== '' ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return {
        code: 'VWS_ERR_DELIVERY_CONNECTION_REFUSED',
        message: `${where} refused the connection (ECONNREFUSED): is the server listening on ${host}?`,
      };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return {
        code: 'VWS_ERR_DELIVERY_CONNECTION_RESET',
        message: `${where} closed the connection before a complete response (${code}: ${detail}): Vonage counts this as not delivered. Check the server logs for a crash.`,
      };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return {
        code: 'VWS_ERR_DELIVERY_TIMEOUT',
        message: `${where} timed out (${code}): answer faster, or raise the timeout.`,
      };
    default:
      return {
        code: 'VWS_ERR_DELIVERY_NETWORK',
        message: `${where} could not be reached (${code ?? 'error'}: ${detail}): check the host name and network.`,
      };
  }
}

/** The message of a timeout: which phase, how long, and what to change. */
export function timeoutMessage(where: string, phase: 'connect' | 'response', ms: number): string {
  return phase === 'connect'
    ? `${where} did not accept the connection within ${ms} ms (the connect timeout): check that the host is reachable, or raise timeout.connectMs (CLI: --timeout).`
    : `${where} did not answer within ${ms} ms (the response timeout): answer sooner (do slow work after responding), or raise timeout.responseMs (CLI: --timeout).`;
}
