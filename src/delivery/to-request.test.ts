import { SMS } from '@vonage/sms';
import { describe, expect, it } from 'vitest';
import { generate } from '../fixtures/generate.js';
import { toPayloadHash, verifyWebhookJwt } from '../signing/jwt.js';
import { negativeSigningModes } from '../signing/signing-modes.js';
import { verifySmsSignature } from '../signing/sms-signature.js';
import { toRequest, toRequestParts } from './to-request.js';

const now = () => Date.parse('2025-06-01T10:00:00.000Z');
let counter = 0;
const createId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
const secret = 'Signature-Secret-0123456789';
const base = { now, createId };
const inbound = { name: 'sms.inbound.text', payload: generate('sms.inbound.text', { seed: 3 }) };
const status = {
  name: 'messages.status.delivered.whatsapp',
  payload: generate('messages.status.delivered.whatsapp', { seed: 3 }),
};

function header(parts: ReturnType<typeof toRequestParts>, name: string): string | undefined {
  return parts.headers.find(([key]) => key === name)?.[1];
}

describe('toRequestParts', () => {
  it('sends SMS API webhooks as POST JSON by default, with the captured User-Agent and compact JSON', () => {
    const parts = toRequestParts(inbound, { ...base, url: 'http://127.0.0.1:3000/inbound' });
    expect(parts.method).toBe('POST');
    expect(header(parts, 'content-type')).toBe('application/json');
    expect(header(parts, 'user-agent')).toBe('Apache-HttpAsyncClient/4.1 (Java/1.8.0_66)');
    expect(parts.body).toBe(JSON.stringify(inbound.payload));
    expect(parts.signed).toBe(false);
  });

  it('puts GET parameters in the query string with spaces as + and : as %3A, and no body', () => {
    const receipt = { name: 'sms.delivery_receipt', payload: generate('sms.delivery_receipt', { seed: 1 }) };
    const parts = toRequestParts(receipt, { ...base, url: 'http://127.0.0.1:3000/dlr?x=1', format: 'query' });
    expect(parts.method).toBe('GET');
    expect(parts.body).toBeNull();
    expect(header(parts, 'content-type')).toBeUndefined();
    expect(header(parts, 'user-agent')).toBe('Vonage/MessagingHUB/v1.0');
    expect(parts.url).toContain('?x=1&msisdn=');
    expect(parts.url).toMatch(/message-timestamp=\d{4}-\d\d-\d\d\+\d\d%3A\d\d%3A\d\d/);
  });

  it('sends form bodies with charset=UTF-8', () => {
    const parts = toRequestParts(inbound, { ...base, url: 'http://127.0.0.1/x', format: 'form' });
    expect(header(parts, 'content-type')).toBe('application/x-www-form-urlencoded; charset=UTF-8');
    expect(Object.fromEntries(new URLSearchParams(parts.body ?? ''))).toEqual(inbound.payload);
  });

  it.each(['md5hash', 'md5', 'sha1', 'sha256', 'sha512'] as const)(
    'signs SMS webhooks in every format so the official SDK accepts them (%s)',
    (method) => {
      for (const format of ['json', 'query', 'form'] as const) {
        const parts = toRequestParts(inbound, {
          ...base,
          url: 'http://127.0.0.1/x',
          format,
          signatureSecret: secret,
          signatureMethod: method,
        });
        const params =
          format === 'json'
            ? (JSON.parse(parts.body ?? '{}') as Record<string, string>)
            : Object.fromEntries(
                format === 'query' ? new URL(parts.url).searchParams : new URLSearchParams(parts.body ?? ''),
              );
        expect(params.timestamp).toBe(String(now() / 1000));
        const algorithm = {
          md5hash: 'MD5HASH',
          md5: 'MD5HMAC',
          sha1: 'SHA1HMAC',
          sha256: 'SHA256HMAC',
          sha512: 'SHA512HMAC',
        }[method];
        expect(
          new SMS({ apiKey: 'k', apiSecret: 's' }).verifySignature(
            params.sig ?? '',
            params,
            secret,
            algorithm as never,
          ),
        ).toBe(true);
        expect(verifySmsSignature(params, { secret, method, now: now() })).toEqual({ valid: true });
      }
    },
  );

  it('signs JWT webhooks over the exact body bytes with the api_key and application_id claims', () => {
    const parts = toRequestParts(status, {
      ...base,
      url: 'http://127.0.0.1/s',
      signatureSecret: secret,
      apiKey: 'a1b2c3d4',
      applicationId: 'app-1',
    });
    const token = header(parts, 'authorization') ?? '';
    const result = verifyWebhookJwt(token, { secret, body: parts.body ?? '', now: now() });
    expect(result).toMatchObject({
      valid: true,
      claims: { api_key: 'a1b2c3d4', application_id: 'app-1', iss: 'Vonage' },
    });
    expect(parts.body).toBe(JSON.stringify(status.payload));
  });

  it('hashes an empty body for a JWT-signed GET', () => {
    const answer = { name: 'voice.answer', payload: generate('voice.answer', { seed: 2 }) };
    const parts = toRequestParts(answer, {
      ...base,
      url: 'http://127.0.0.1/answer',
      signatureSecret: secret,
      apiKey: 'k1',
    });
    expect(parts.method).toBe('GET');
    const result = verifyWebhookJwt(header(parts, 'authorization'), { secret, body: '', now: now() });
    expect(result.valid && result.claims.payload_hash).toBe(toPayloadHash(''));
  });

  it.each(negativeSigningModes.filter((mode) => mode !== 'alg-none'))(
    'breaks the SMS signature in mode %s so verification fails',
    (mode) => {
      const parts = toRequestParts(inbound, {
        ...base,
        url: 'http://127.0.0.1/x',
        signatureSecret: secret,
        signatureMethod: 'sha256',
        signingMode: mode,
      });
      const params = JSON.parse(parts.body ?? '{}') as Record<string, string>;
      expect(verifySmsSignature(params, { secret, method: 'sha256', now: now() }).valid).toBe(false);
    },
  );

  it.each(negativeSigningModes)('breaks the JWT in mode %s so verification fails', (mode) => {
    const parts = toRequestParts(status, {
      ...base,
      url: 'http://127.0.0.1/s',
      signatureSecret: secret,
      apiKey: 'k1',
      signingMode: mode,
    });
    const result = verifyWebhookJwt(header(parts, 'authorization'), {
      secret,
      body: parts.body ?? '',
      now: now(),
    });
    expect(result.valid).toBe(false);
    if (mode === 'tampered-body') expect(result).toMatchObject({ reason: 'payload-mismatch' });
    if (mode === 'stale') expect(result).toMatchObject({ reason: 'stale' });
    if (mode === 'alg-none') expect(result).toMatchObject({ reason: 'bad-algorithm' });
  });

  it('rejects bad input with a VwsError that names the fix', () => {
    expect(() => toRequestParts(inbound, { url: 'not a url' })).toThrow(
      /Invalid URL "not a url": use an absolute http\(s\) URL/,
    );
    expect(() => toRequestParts(inbound, { url: 'ftp://x/y' })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => toRequestParts(status, { url: 'http://x/', format: 'query' })).toThrow(
      /Vonage does not send messages\.status\.delivered\.whatsapp as query: use json/,
    );
    expect(() => toRequestParts(status, { url: 'http://x/', signatureSecret: secret })).toThrow(
      /needs the API key/,
    );
    expect(() => toRequestParts(inbound, { url: 'http://x/', signingMode: 'stale' })).toThrow(
      /needs a signature secret/,
    );
    expect(() =>
      toRequestParts(inbound, { url: 'http://x/', signatureSecret: secret, signingMode: 'alg-none' }),
    ).toThrow(/applies to JWT-signed webhooks/);
    expect(() =>
      toRequestParts(inbound, {
        url: 'http://x/',
        signatureSecret: secret,
        signatureMethod: 'sha3' as never,
      }),
    ).toThrow(/Unknown signature method "sha3"/);
  });
});

describe('toRequest', () => {
  it('returns a fetch Request with the same method, URL, headers and body', async () => {
    const request = toRequest(inbound, {
      ...base,
      url: 'http://127.0.0.1:3000/inbound',
      signatureSecret: secret,
    });
    expect(request.method).toBe('POST');
    expect(request.headers.get('content-type')).toBe('application/json');
    const body = JSON.parse(await request.text()) as Record<string, string>;
    expect(body.sig).toMatch(/^[0-9a-f]{32}$/);
  });
});
