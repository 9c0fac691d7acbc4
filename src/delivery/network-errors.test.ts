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

describe('timeoutMessage', () => {
  it('says which phase timed out, after how long, and which option to raise', () => {
    expect(timeoutMessage('GET x', 'connect', 1000)).toMatch(/1000 ms .*connectMs/);
    expect(timeoutMessage('GET x', 'response', 5000)).toMatch(/5000 ms .*responseMs/);
  });
});
