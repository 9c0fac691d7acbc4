import { describe, expect, it } from 'vitest';
import { fakeVonageHosts, toVonageHost, toVonageUrl } from './hosts.js';
import { findRoute } from './routes.js';

describe('toVonageHost', () => {
  it('knows the REST, API, regional and sandbox hosts and nothing else', () => {
    expect(toVonageHost(new URL('https://rest.nexmo.com/sms/json'))).toBe('rest');
    expect(toVonageHost(new URL('https://API-EU.vonage.com/v1/messages'))).toBe('api');
    expect(toVonageHost(new URL('https://api-us-2.nexmo.com/v1/calls'))).toBe('api');
    expect(toVonageHost(new URL('https://messages-sandbox.nexmo.com/v1/messages'))).toBe('sandbox');
    expect(toVonageHost(new URL('https://api-eu.nexmo.com/v1/calls'))).toBeNull();
    expect(toVonageHost(new URL('https://example.com/v1/calls'))).toBeNull();
    expect(fakeVonageHosts).toHaveLength(18);
  });
});

describe('toVonageUrl', () => {
  it('rebuilds the URL the routing headers name, for Vonage hosts only', () => {
    const routed = new Headers({ 'x-vws-original-host': 'rest.nexmo.com' });
    expect(toVonageUrl('http://127.0.0.1:4010/sms/json?a=1', routed)?.href).toBe(
      'https://rest.nexmo.com/sms/json?a=1',
    );
    expect(toVonageUrl('https://api.nexmo.com/v1/calls', new Headers())?.href).toBe(
      'https://api.nexmo.com/v1/calls',
    );
    const other = new Headers({ 'x-vws-original-host': 'example.com' });
    expect(toVonageUrl('http://127.0.0.1:4010/sms/json', other)).toBeNull();
    expect(toVonageUrl('http://127.0.0.1:4010/sms/json', new Headers())).toBeNull();
  });
});

describe('findRoute', () => {
  it('matches paths with parameters, case-sensitively, ignoring one trailing slash', () => {
    expect(findRoute('api', 'PUT', '/v1/calls/abc/talk')).toMatchObject({
      kind: 'handler',
      api: 'voice',
      match: { params: { uuid: 'abc' } },
    });
    expect(findRoute('api', 'POST', '/v1/messages/')).toMatchObject({ kind: 'handler', api: 'messages' });
    expect(findRoute('api', 'POST', '/v1/Messages')).toEqual({ kind: 'not-found' });
    expect(findRoute('api', 'PUT', '/v1/calls//talk')).toEqual({ kind: 'not-found' });
  });

  it('serves each API on its hosts only', () => {
    expect(findRoute('rest', 'POST', '/sms/json')).toMatchObject({ kind: 'handler', api: 'sms' });
    expect(findRoute('api', 'POST', '/sms/json')).toEqual({ kind: 'not-found' });
    expect(findRoute('sandbox', 'POST', '/v1/messages')).toMatchObject({ kind: 'handler', api: 'messages' });
    expect(findRoute('sandbox', 'POST', '/v1/calls')).toEqual({ kind: 'not-found' });
  });

  it('lists the allowed methods of a known path', () => {
    expect(findRoute('api', 'PATCH', '/v2/verify/123')).toEqual({
      kind: 'method-not-allowed',
      api: 'verify',
      allowed: ['POST', 'DELETE'],
    });
  });
});
