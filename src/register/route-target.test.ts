import { describe, expect, it } from 'vitest';
import { isVwsError } from '../errors.js';
import { readFakeVonageUrl, toOriginalHost, toRoute, toRoutedPath, toUrlRoute } from './route-target.js';

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('readFakeVonageUrl', () => {
  it('reads the base URL and its path from VWS_FAKE_VONAGE_URL', () => {
    const route = readFakeVonageUrl({ VWS_FAKE_VONAGE_URL: ' http://127.0.0.1:4010/fake/ ' });
    expect(route.url.href).toBe('http://127.0.0.1:4010/fake/');
    expect(route.basePath).toBe('/fake');
  });

  it('throws a one-line usage error naming the variable and the fix when it is unset or empty', () => {
    for (const env of [{}, { VWS_FAKE_VONAGE_URL: '  ' }]) {
      const error = errorOf(() => readFakeVonageUrl(env));
      expect(isVwsError(error) && error.code).toBe('VWS_ERR_USAGE');
      expect((error as Error).message).toMatch(
        /VWS_FAKE_VONAGE_URL is not set.*vws serve.*=http:\/\/127\.0\.0\.1:4010/,
      );
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('rejects a value that is not an http(s) URL, a Vonage host, or a URL with a query', () => {
    for (const [value, pattern] of [
      ['not a url', /is not a URL/],
      ['ftp://127.0.0.1/', /not an http: or https: URL/],
      ['https://rest.nexmo.com', /points at Vonage's own host rest\.nexmo\.com/],
      ['http://127.0.0.1:4010/?x=1', /has a query/],
    ] as const) {
      const error = errorOf(() => readFakeVonageUrl({ VWS_FAKE_VONAGE_URL: value }));
      expect(isVwsError(error) && error.code, value).toBe('VWS_ERR_INVALID_OPTION');
      expect((error as Error).message, value).toMatch(pattern);
    }
  });
});

describe('toRoute', () => {
  it('keeps a handler and parses a URL', () => {
    const handler = () => new Response();
    expect(toRoute(handler)).toEqual({ kind: 'handler', handler });
    expect(toRoute(new URL('http://localhost:1/'))).toMatchObject({ kind: 'url', basePath: '' });
  });

  it('rejects a target of another type', () => {
    const error = errorOf(() => toRoute(42 as unknown as string));
    expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
  });
});

describe('toRoutedPath', () => {
  it('puts the original path and query under the base path', () => {
    expect(toRoutedPath(toUrlRoute('http://h/', 't'), '/sms/json?a=1')).toBe('/sms/json?a=1');
    expect(toRoutedPath(toUrlRoute('http://h/base/', 't'), '/v1/calls')).toBe('/base/v1/calls');
    expect(toRoutedPath(toUrlRoute('http://h/base', 't'), 'x')).toBe('/base/x');
  });
});

describe('toOriginalHost', () => {
  it('keeps a port only when it is not the scheme default', () => {
    expect(toOriginalHost('https:', 'rest.nexmo.com', 443)).toBe('rest.nexmo.com');
    expect(toOriginalHost('https:', 'rest.nexmo.com', '8443')).toBe('rest.nexmo.com:8443');
    expect(toOriginalHost('http:', 'api.nexmo.com', undefined)).toBe('api.nexmo.com');
  });
});
