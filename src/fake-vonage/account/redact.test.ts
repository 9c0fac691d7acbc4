import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RequestParts } from '../../delivery/to-request.js';
import {
  isSecretName,
  redactedMarker,
  redactHeaderPairs,
  redactHeaders,
} from '../../internal/redact-headers.js';
import type { RecordedRequest } from '../types.js';
import { redactBody, redactRecordedRequest, redactRequestParts, redactText, redactUrl } from './redact.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const pkcs1 = '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n';

describe('isSecretName', () => {
  it('matches api_secret in any case and spelling, and the other credential names', () => {
    for (const name of ['api_secret', 'API_SECRET', 'Api_Secret', 'apiSecret', 'api-secret', 'secret']) {
      expect(isSecretName(name), name).toBe(true);
    }
    expect(isSecretName('signature_secret')).toBe(true);
    expect(isSecretName('private_key')).toBe(true);
    for (const name of ['api_key', 'sig', 'public_key', 'secretary', 'text']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe('redactHeaders', () => {
  it('keeps the scheme of Authorization and Proxy-Authorization and every other header as is', () => {
    expect(
      redactHeaders({
        authorization: 'Basic YTFiMmMzZDQ6U2VjcmV0MTIz',
        'Proxy-Authorization': 'bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
        'content-type': 'application/json',
        'user-agent': 'vonage-node-sdk/3.27.0',
      }),
    ).toEqual({
      authorization: 'Basic [REDACTED]',
      'Proxy-Authorization': 'bearer [REDACTED]',
      'content-type': 'application/json',
      'user-agent': 'vonage-node-sdk/3.27.0',
    });
  });

  it('redacts a value with no scheme, cookies and headers named like a secret whole', () => {
    expect(
      redactHeaders({
        authorization: 'YTFiMmMzZDQ6U2VjcmV0MTIz',
        cookie: 'sid=1',
        'x-api-secret': 'no',
        'api-secret': 's',
        'x-api-key': 'a1b2c3d4',
        'x-auth-token': 't',
        'content-type': 'application/json',
      }),
    ).toEqual({
      authorization: redactedMarker,
      cookie: redactedMarker,
      // Any header named like a credential, one rule for serve and listen's records (issue 12).
      'x-api-secret': redactedMarker,
      'api-secret': redactedMarker,
      'x-api-key': redactedMarker,
      'x-auth-token': redactedMarker,
      'content-type': 'application/json',
    });
  });

  it('redacts the webhook JWT in a list of header pairs', () => {
    expect(
      redactHeaderPairs([
        ['Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln'],
        ['content-type', 'application/json'],
      ]),
    ).toEqual([
      ['Authorization', 'Bearer [REDACTED]'],
      ['content-type', 'application/json'],
    ]);
  });
});

describe('redactBody', () => {
  it('redacts api_secret in a form body and keeps every other byte', () => {
    const body = 'api_key=a1b2c3d4&api_secret=Secret%2B123&from=Acme+Inc&to=447700900123&text=Hi%21';
    expect(redactBody(body, 'application/x-www-form-urlencoded; charset=UTF-8')).toBe(
      'api_key=a1b2c3d4&api_secret=[REDACTED]&from=Acme+Inc&to=447700900123&text=Hi%21',
    );
  });

  it('matches form names after decoding them, and keeps empty values', () => {
    expect(redactBody('API%5FSECRET=s&Api_Secret=t&api_secret=&x', 'application/x-www-form-urlencoded')).toBe(
      'API%5FSECRET=[REDACTED]&Api_Secret=[REDACTED]&api_secret=&x',
    );
  });

  it('redacts secret keys in JSON at any depth without re-serialising', () => {
    const body =
      '{ "api_key" : "a1b2c3d4",\n  "API_SECRET":"Se\\"cret", "n": 1.50, "nested": {"apiSecret": 123, "list": [{"secret": {"a": [1, "}"]}}]},\n  "text": "api_secret" }';
    expect(redactBody(body, 'application/json')).toBe(
      '{ "api_key" : "a1b2c3d4",\n  "API_SECRET":"[REDACTED]", "n": 1.50, "nested": {"apiSecret": "[REDACTED]", "list": [{"secret": "[REDACTED]"}]},\n  "text": "api_secret" }',
    );
  });

  it('reads a key written with escapes as JSON.parse does, and keeps null and empty secrets', () => {
    expect(
      redactBody('{"api\\u005fsecret":"s","secret":null,"private_key":""}', 'application/vnd.api+json'),
    ).toBe('{"api\\u005fsecret":"[REDACTED]","secret":null,"private_key":""}');
  });

  it('reads a body without a content type as JSON when it starts like JSON, else as a form', () => {
    expect(redactBody('{"api_secret":"s"}', undefined)).toBe('{"api_secret":"[REDACTED]"}');
    expect(redactBody('api_secret=s', 'text/plain')).toBe('api_secret=[REDACTED]');
    expect(redactBody(null, 'application/json')).toBeNull();
  });

  it('redacts the private key of an Applications API answer and any PEM private key in any field', () => {
    const answer = JSON.stringify({
      id: 'app-1',
      keys: {
        public_key: '-----BEGIN PUBLIC KEY-----\nMFww\n-----END PUBLIC KEY-----\n',
        private_key: privateKey,
      },
      note: `see ${pkcs1}`,
    });
    const redacted = redactBody(answer, 'application/json') ?? '';
    expect(redacted).not.toContain('PRIVATE KEY');
    expect(JSON.parse(redacted)).toEqual({
      id: 'app-1',
      keys: {
        public_key: '-----BEGIN PUBLIC KEY-----\nMFww\n-----END PUBLIC KEY-----\n',
        private_key: redactedMarker,
      },
      note: `see ${redactedMarker}\n`,
    });
    const form = new URLSearchParams({ name: 'app', key: privateKey }).toString();
    expect(redactBody(form, 'application/x-www-form-urlencoded')).toBe(`name=app&key=${redactedMarker}`);
  });

  it('changes nothing more when run again on its own output', () => {
    const form = redactBody('api_secret=s&x=1', 'application/x-www-form-urlencoded');
    const json = redactBody('{"api_secret":"s","keys":{"private_key":"k"}}', 'application/json');
    expect(redactBody(form, 'application/x-www-form-urlencoded')).toBe(form);
    expect(redactBody(json, 'application/json')).toBe(json);
    const headers = redactHeaders({ authorization: 'Bearer a.b.c' });
    expect(redactHeaders(headers)).toEqual(headers);
  });

  it('keeps a body with no secret byte-identical', () => {
    const body = '{"from":"Acme","to":"447700900123","text":"Hi","message_type":"text","channel":"sms"}';
    expect(redactBody(body, 'application/json')).toBe(body);
    expect(redactBody('a=1&b=%20&c', 'application/x-www-form-urlencoded')).toBe('a=1&b=%20&c');
  });
});

describe('redactUrl', () => {
  it('redacts api_secret in the query and keeps path, other parameters and fragment', () => {
    expect(redactUrl('https://rest.nexmo.com/sms/json?api_key=k&API_SECRET=s&to=44#x')).toBe(
      'https://rest.nexmo.com/sms/json?api_key=k&API_SECRET=[REDACTED]&to=44#x',
    );
    expect(redactUrl('https://api.nexmo.com/v1/calls')).toBe('https://api.nexmo.com/v1/calls');
  });

  it('redacts the password of user info', () => {
    expect(redactUrl('https://user:pa55@127.0.0.1:3000/webhooks?x=1')).toBe(
      'https://user:[REDACTED]@127.0.0.1:3000/webhooks?x=1',
    );
  });
});

describe('redactText', () => {
  it('replaces PEM private keys, also one cut short, and nothing else', () => {
    expect(redactText(`a ${pkcs1}b`)).toBe(`a ${redactedMarker}\nb`);
    expect(redactText('x -----BEGIN EC PRIVATE KEY-----\nMHcC')).toBe(`x ${redactedMarker}`);
    expect(redactText('no key here')).toBe('no key here');
  });
});

describe('redactRecordedRequest', () => {
  it('redacts headers, URL, body and the answer body of a recorded call', () => {
    const recorded: RecordedRequest = {
      method: 'POST',
      url: 'https://rest.nexmo.com/sms/json?api_secret=q',
      headers: { authorization: 'Basic YTpi', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'api_key=a&api_secret=b',
      api: 'sms',
      response: {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ keys: { private_key: privateKey } }),
      },
      lifecycle: 0,
    };
    expect(redactRecordedRequest(recorded)).toEqual({
      ...recorded,
      url: 'https://rest.nexmo.com/sms/json?api_secret=[REDACTED]',
      headers: { authorization: 'Basic [REDACTED]', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'api_key=a&api_secret=[REDACTED]',
      response: { ...recorded.response, body: '{"keys":{"private_key":"[REDACTED]"}}' },
    });
  });
});

describe('redactRequestParts', () => {
  it('redacts the JWT of a signed webhook and keeps its body', () => {
    const parts: RequestParts = {
      method: 'POST',
      url: 'http://127.0.0.1:3000/webhooks/status',
      headers: [
        ['content-type', 'application/json'],
        ['authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2ln'],
      ],
      body: '{"status":"delivered"}',
      format: 'json',
      signingMode: 'valid',
      signed: true,
    };
    expect(redactRequestParts(parts)).toEqual({
      ...parts,
      headers: [
        ['content-type', 'application/json'],
        ['authorization', 'Bearer [REDACTED]'],
      ],
    });
  });
});
