// Deeply nested JSON bodies to every API route of the fake (issue 11): each is answered as that API
// answers a malformed request (a body that does not parse), never with a stack overflow, through
// createFakeVonage().handle (what msw uses) and through the HTTP server `vws serve` runs.
import { afterEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  API_SECRET,
  appJwt,
  basic,
  call,
  closeFakeVonageApps,
  fake,
  sendsNormalSms,
} from './support/fake-vonage-app.js';
import { closeServers, serve } from './support/fake-vonage-server.js';

afterEach(async () => {
  await closeFakeVonageApps();
  await closeServers();
});

const DEPTH = 20_000;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const credentials = `"api_key":"${API_KEY}","api_secret":"${API_SECRET}"`;

/** The bodies tried on each route: deep at the top, and deep values beside valid-looking fields. */
const deepBodies: Readonly<Record<string, string>> = {
  'a deep array': deepArray(DEPTH),
  'a deep object': deepObject(DEPTH),
  'deep fields': `{${credentials},"to":${deepObject(DEPTH)},"text":${deepArray(DEPTH)},"ncco":${deepObject(DEPTH)}}`,
};

interface ApiRoute {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the API names the reason in its answer (the problem+json APIs do, the older ones do not). */
  readonly saysWhy: boolean;
}

const bearer = { authorization: `Bearer ${appJwt()}` };
const apiRoutes: readonly ApiRoute[] = [
  { name: 'SMS', method: 'POST', url: 'https://rest.nexmo.com/sms/json', headers: {}, saysWhy: false },
  {
    name: 'Voice create call',
    method: 'POST',
    url: 'https://api.nexmo.com/v1/calls',
    headers: bearer,
    saysWhy: true,
  },
  {
    name: 'Messages',
    method: 'POST',
    url: 'https://api.nexmo.com/v1/messages',
    headers: { authorization: basic },
    saysWhy: true,
  },
  {
    name: 'Messages v0.1',
    method: 'POST',
    url: 'https://api.nexmo.com/v0.1/messages',
    headers: { authorization: basic },
    saysWhy: true,
  },
  {
    name: 'Verify',
    method: 'POST',
    url: 'https://api.nexmo.com/v2/verify',
    headers: { authorization: basic },
    saysWhy: true,
  },
  {
    name: 'Number Insight',
    method: 'POST',
    url: 'https://api.nexmo.com/ni/advanced/async/json',
    headers: {},
    saysWhy: false,
  },
  {
    name: 'Applications',
    method: 'POST',
    url: 'https://api.nexmo.com/v2/applications',
    headers: { authorization: basic },
    saysWhy: true,
  },
  {
    name: 'Account',
    method: 'POST',
    url: 'https://rest.nexmo.com/account/settings',
    headers: {},
    saysWhy: false,
  },
];

function toRequest(route: ApiRoute, body: string): Request {
  return new Request(route.url, {
    method: route.method,
    headers: { 'content-type': 'application/json', ...route.headers },
    body,
  });
}

/** An answer with what differs between two malformed requests (trace ids, the parse message) left out. */
function comparable(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const {
    instance: _instance,
    detail: _detail,
    invalid_parameters: _invalid,
    ...rest
  } = body as Record<string, unknown>;
  return rest;
}

describe('deeply nested JSON bodies (issue 11)', () => {
  for (const route of apiRoutes) {
    it(`${route.name} answers a ${DEPTH}-deep body as it answers a malformed one, then goes on (issue 11)`, async () => {
      const vonage = fake();
      const malformed = await call(vonage, toRequest(route, '{"api_key": '));
      expect(malformed.status).toBeLessThan(500);
      for (const [label, body] of Object.entries(deepBodies)) {
        const answer = await call(vonage, toRequest(route, body));
        expect({ label, status: answer.status, body: comparable(answer.body) }).toEqual({
          label,
          status: malformed.status,
          body: comparable(malformed.body),
        });
        if (route.saysWhy) expect(JSON.stringify(answer.body)).toContain('nested more than 64 levels deep');
      }
      await sendsNormalSms(vonage);
    });
  }

  it('takes a body nested 64 levels deep and refuses one nested 65 (issue 11)', async () => {
    const vonage = fake();
    const nested = (depth: number) =>
      `{${credentials},"to":"447700900123","text":"Hi","from":${'['.repeat(depth - 1)}"Acme"${']'.repeat(depth - 1)}}`;
    const sms = apiRoutes[0] as ApiRoute;
    // 64 levels: the SMS API reads the array as text (it flattens every parameter to a string).
    expect((await call(vonage, toRequest(sms, nested(64)))).body).toMatchObject({
      messages: [{ status: '0' }],
    });
    expect((await call(vonage, toRequest(sms, nested(65)))).body).toEqual({
      'message-count': '1',
      messages: [{ status: '2', 'error-text': 'Missing api_key' }],
    });
  });

  it('vws serve answers a 20,000-deep body on /sms/json with the SMS API status 2, not a 500 (issue 11)', async () => {
    const server = await serve({ host: '127.0.0.1' });
    const response = await fetch(`${server.url}/sms/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deepObject(DEPTH),
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      'message-count': '1',
      messages: [{ status: '2', 'error-text': 'Missing api_key' }],
    });
  });

  it('vws serve refuses a deep body on its own /_vws routes with one 400, and goes on (issue 11)', async () => {
    const server = await serve({ host: '127.0.0.1' });
    const bodies: Readonly<Record<string, string>> = {
      '/_vws/inbound/sms': `{"text":${deepObject(DEPTH)}}`,
      '/_vws/inbound/call': `{"from":${deepObject(DEPTH)}}`,
      '/_vws/inbound/message': `{"channel":"sms","text":${deepObject(DEPTH)}}`,
      '/_vws/outcomes': `{"to":${deepObject(DEPTH)}}`,
    };
    for (const [path, body] of Object.entries(bodies)) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      expect({ path, status: response.status, body: await response.json() }).toEqual({
        path,
        status: 400,
        body: {
          error: {
            code: 'VWS_ERR_INVALID_JSON',
            message: expect.stringContaining('more than 64 levels deep'),
          },
        },
      });
    }
    const requests = await fetch(`${server.url}/_vws/requests`, { signal: AbortSignal.timeout(10_000) });
    expect(requests.status).toBe(200);
  });
});
