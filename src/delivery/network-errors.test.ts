import { describe, expect, it } from 'vitest';
import { classifyNetworkError, timeoutMessage } from './network-errors.js';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('classifyNetworkError', () => {
  it('maps error codes to delivery failure codes', () => {
    const code = (error: unknown) => classifyNetworkError(error, 'POST http://h/x', 'h').code;
    expect(code(withCode('ECONNREFUSED'))).toBe('VWS_ERR_DELIVERY_CONNECTION_REFUSED');
    expect(code(withCode('ECONNRESET'))).toBe('VWS_ERR_DELIVERY_CONNECTION_RESET');
    expect(code(withCode('UND_ERR_SOCKET', 'other side closed'))).toBe('VWS_ERR_DELIVERY_CONNECTION_RESET');
    expect(code(withCode('UND_ERR_HEADERS_TIMEOUT'))).toBe('VWS_ERR_DELIVERY_TIMEOUT');
    expect(code(withCode('ENOTFOUND'))).toBe('VWS_ERR_DELIVERY_NETWORK');
    expect(code('weird')).toBe('VWS_ERR_DELIVERY_NETWORK');
  });

  it('finds the code inside an AggregateError or a cause', () => {
    const aggregate = Object.assign(new AggregateError([withCode('ECONNREFUSED')], 'all failed'), {});
    expect(classifyNetworkError(aggregate, 'w', 'h').code).toBe('VWS_ERR_DELIVERY_CONNECTION_REFUSED');
    const wrapped = new Error('fetch failed', { cause: withCode('ECONNRESET') });
    expect(classifyNetworkError(wrapped, 'w', 'h').code).toBe('VWS_ERR_DELIVERY_CONNECTION_RESET');
  });

  it('names the host in a refused connection', () => {
    expect(classifyNetworkError(withCode('ECONNREFUSED'), 'POST x', '127.0.0.1:9').message).toContain(
      '127.0.0.1:9',
    );
  });
});

describe('classifyNetworkError: not HTTP and TLS (issue 11)', () => {
  const openssl =
    'C0A65BE5E37F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n';

  it('names an HPE_ parser code as a reply that is not HTTP (issue 11)', () => {
    const { code, message } = classifyNetworkError(withCode('HPE_INVALID_CONSTANT'), 'POST http://h/x', 'h');
    expect(code).toBe('VWS_ERR_DELIVERY_NETWORK');
    expect(message).toMatch(/not HTTP: check that the port is the app's HTTP port/);
  });

  it('keeps OpenSSL internals out of every TLS message, on https only (issue 11)', () => {
    for (const tlsCode of [
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'ERR_SSL_PACKET_LENGTH_TOO_LONG',
      'EPROTO',
      'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
    ]) {
      const error = new Error('fetch failed', { cause: withCode(tlsCode, openssl) });
      const { message } = classifyNetworkError(error, 'POST https://h/x', 'h');
      expect(message).not.toMatch(/SSL routines|ssl3_|\n/);
      expect(message).toMatch(/TLS/);
    }
    expect(
      classifyNetworkError(withCode('ERR_SSL_WRONG_VERSION_NUMBER', openssl), 'POST https://h/x', 'h')
        .message,
    ).toMatch(/TLS mismatch: the URL says https but the server speaks plain HTTP .*use http:\/\//);
  });

  it('keeps any unknown error to one line (issue 11)', () => {
    const { message } = classifyNetworkError(withCode('EWEIRD', 'first\nsecond'), 'POST http://h/x', 'h');
    expect(message).not.toContain('\n');
  });
});

describe('timeoutMessage', () => {
  it('says which phase timed out, after how long, and which option to raise', () => {
    expect(timeoutMessage('GET x', 'connect', 1000)).toMatch(/1000 ms .*connectMs/);
    expect(timeoutMessage('GET x', 'response', 5000)).toMatch(/5000 ms .*responseMs/);
  });
});
