import type { DeliveryErrorCode } from './delivery-error-codes.js';

// Transport failures in Vonage's terms: refused, reset, timed out, not HTTP, a TLS mismatch, or
// otherwise unreachable. Every message is one line: OpenSSL's multi-line internals never reach it.

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== 'UND_ERR_CONNECT' && code !== 'ERR_ASSERTION') return code;
  if (Array.isArray(errors) && errors.length > 0) return errorCodeOf(errors[0]);
  return cause === undefined ? undefined : errorCodeOf(cause);
}

/** The first line of a message, without OpenSSL's `C0A6…:error:0A00010B:SSL routines:fn:` prefix. */
function oneLine(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const openssl = /:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/i.exec(first);
  return (openssl?.[1] ?? first).trim();
}

/** The start of what a non-HTTP server sent (undici keeps it as `data`), quoted on one line. */
function excerptOf(error: unknown): string {
  const data = (error as { data?: unknown } | null)?.data;
  const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('latin1') : '';
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const cut = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
  return ` ${JSON.stringify(cut)}`;
}

function isParserError(error: unknown, code: string | undefined): boolean {
  if (code?.startsWith('HPE_')) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, cause } = error as { name?: unknown; cause?: unknown };
  return name === 'HTTPParserError' || (cause !== undefined && isParserError(cause, undefined));
}

function parserErrorOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const { name, cause } = error as { name?: unknown; cause?: unknown };
  return name === 'HTTPParserError' || cause === undefined ? error : parserErrorOf(cause);
}

/** Codes of a plain-HTTP server met with a TLS handshake (OpenSSL 1.1 and 3). */
const plainServerCodes = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_RECORD_LAYER_FAILURE',
  'ERR_SSL_HTTP_REQUEST',
]);

/** Certificate checks Node makes on an https:// URL. */
const certificateCodes =
  /^(?:DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|CERT_\w+|ERR_TLS_CERT_ALTNAME_INVALID)$/;

/** A TLS failure in one line, or `undefined` when the code is not about TLS. */
function classifyTls(
  code: string | undefined,
  detail: string,
  where: string,
): { code: DeliveryErrorCode; message: string } | undefined {
  if (code === undefined) return undefined;
  if (plainServerCodes.has(code)) {
    return {
      code: 'VWS_ERR_DELIVERY_NETWORK',
      message: `${where} failed: TLS mismatch: the URL says https but the server speaks plain HTTP (${code}): use http://, or serve TLS on that port.`,
    };
  }
  if (certificateCodes.test(code)) {
    return {
      code: 'VWS_ERR_DELIVERY_NETWORK',
      message: `${where} failed: the server's TLS certificate was not accepted (${code}: ${detail}): use a certificate the system trusts (Node reads extra ones from NODE_EXTRA_CA_CERTS), or plain http:// for a local receiver.`,
    };
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
    return {
      code: 'VWS_ERR_DELIVERY_NETWORK',
      message: `${where} failed: the TLS handshake did not complete (${code}: ${detail}): check that the port serves TLS with a protocol version and ciphers Node accepts, or use http:// if it serves plain HTTP.`,
    };
  }
  return undefined;
}

/** Bytes the server sent before the socket closed, when undici reports it. */
function bytesReadOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { socket, cause } = error as { socket?: { bytesRead?: unknown }; cause?: unknown };
  if (typeof socket?.bytesRead === 'number') return socket.bytesRead;
  return cause === undefined ? undefined : bytesReadOf(cause);
}

/** Maps a transport error to a failure code and a message that says what to check. */
export function classifyNetworkError(
  error: unknown,
  where: string,
  host: string,
): { code: DeliveryErrorCode; message: string } {
  const code = errorCodeOf(error);
  const detail = oneLine(error instanceof Error && error.message !== '' ? error.message : String(error));
  if (isParserError(error, code)) {
    return {
      code: 'VWS_ERR_DELIVERY_NETWORK',
      message: `${where} answered with something that is not HTTP${excerptOf(parserErrorOf(error))}: check that the port is the app's HTTP port (not a database, SSH or other service).`,
    };
  }
  const secure = /^\S+ https:/i.test(where);
  const tls = secure ? classifyTls(code, detail, where) : undefined;
  if (tls !== undefined) return tls;
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
        message:
          !secure && bytesReadOf(error) === 0
            ? `${where} closed the connection without sending a byte (${code}: ${detail}): Vonage counts this as not delivered. If the port serves TLS (https), use https://; otherwise check the server logs for a crash.`
            : `${where} closed the connection before a complete response (${code}: ${detail}): Vonage counts this as not delivered. Check the server logs for a crash.`,
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
