import { createHash, createHmac } from 'node:crypto';
import { verifySignature } from '@vonage/jwt';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signWebhookJwt, toPayloadHash, verifyWebhookJwt } from './jwt.js';

const body = '{"message_uuid":"aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab","status":"delivered"}';
const iat = 1735725600;
const now = iat * 1000;
const options = {
  secret: 'Signature-Secret-0123456789abcdef',
  apiKey: 'a1b2c3d4',
  iat,
  jti: '2f3c1a0e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
};

function decode(token: string): { header: unknown; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>,
  };
}

describe('signWebhookJwt', () => {
  it("writes an HS256 token with Vonage's claims in Vonage's order", () => {
    const token = signWebhookJwt(body, { ...options, applicationId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab' });
    const { header, claims } = decode(token);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(claims)).toEqual(['iat', 'jti', 'iss', 'payload_hash', 'api_key', 'application_id']);
    expect(claims).toMatchObject({
      iat,
      iss: 'Vonage',
      api_key: 'a1b2c3d4',
      payload_hash: toPayloadHash(body),
    });
  });

  it('leaves out application_id when there is no application', () => {
    expect(decode(signWebhookJwt(body, options)).claims).not.toHaveProperty('application_id');
  });

  it('is accepted by the official @vonage/jwt verifySignature, and rejected with another secret', () => {
    const token = signWebhookJwt(body, options);
    expect(verifySignature(token, options.secret)).toBe(true);
    expect(verifySignature(token, 'another-secret-0123456789abcdef')).toBe(false);
  });

  describe('without iat and jti', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('issues the token now, with a random UUID as its id (issue 13)', () => {
      vi.useFakeTimers({ now: now + 999 });
      const minimal = { secret: options.secret, apiKey: options.apiKey };
      const first = decode(signWebhookJwt(body, minimal)).claims;
      const second = decode(signWebhookJwt(body, minimal)).claims;
      expect(first.iat).toBe(iat);
      expect(first.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(second.jti).not.toBe(first.jti);
    });

    it('makes a token verifyWebhookJwt accepts at once (issue 13)', () => {
      const token = signWebhookJwt(body, { secret: options.secret, apiKey: options.apiKey });
      expect(verifyWebhookJwt(token, { secret: options.secret, body })).toMatchObject({ valid: true });
    });
  });

  it('hashes the exact bytes: the hash of a GET is that of an empty body', () => {
    expect(toPayloadHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toPayloadHash(new TextEncoder().encode(body))).toBe(toPayloadHash(body));
  });
});

describe('verifyWebhookJwt', () => {
  const token = signWebhookJwt(body, options);

  it('accepts a fresh token over the same body, with or without the Bearer prefix', () => {
    expect(verifyWebhookJwt(token, { secret: options.secret, body, now })).toMatchObject({ valid: true });
    expect(verifyWebhookJwt(`Bearer ${token}`, { secret: options.secret, body, now }).valid).toBe(true);
  });

  it('rejects a wrong secret, an edited body, a stale or future iat, alg none and garbage', () => {
    const check = (
      value: string | undefined,
      overrides: Partial<Parameters<typeof verifyWebhookJwt>[1]> = {},
    ) => verifyWebhookJwt(value, { secret: options.secret, body, now, ...overrides });
    expect(check(token, { secret: 'wrong' })).toMatchObject({ valid: false, reason: 'bad-signature' });
    expect(check(token, { body: body.replace('delivered', 'read') })).toMatchObject({
      reason: 'payload-mismatch',
    });
    expect(check(token, { now: now + 301_000 })).toMatchObject({ reason: 'stale' });
    expect(check(token, { now: now - 61_000 })).toMatchObject({ reason: 'stale' });
    const [, claims = ''] = token.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${claims}.`;
    expect(check(none)).toMatchObject({ reason: 'bad-algorithm' });
    expect(check('not-a-token')).toMatchObject({ reason: 'malformed' });
    expect(check(undefined)).toMatchObject({ reason: 'missing-signature' });
  });
});

// The token as signWebhookJwt wrote it before its header, claim template and key were cached: a
// claims object through JSON.stringify, a fresh Hash and a fresh Hmac from the secret string.
function referenceToken(
  body: string,
  o: { secret: string; apiKey: string; applicationId?: string; iat: number; jti: string },
): string {
  const claims = {
    iat: o.iat,
    jti: o.jti,
    iss: 'Vonage',
    payload_hash: createHash('sha256').update(body).digest('hex'),
    api_key: o.apiKey,
    ...(o.applicationId === undefined ? {} : { application_id: o.applicationId }),
  };
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const unsigned = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${unsigned}.${createHmac('sha256', o.secret).update(unsigned).digest('base64url')}`;
}

describe('signWebhookJwt from cached parts (issue 14)', () => {
  it('writes the same bytes as a claims object through JSON.stringify, for any claims and secrets', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.record(
          {
            secret: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
            apiKey: fc.string({ unit: 'grapheme', maxLength: 12 }),
            applicationId: fc.string({ unit: 'grapheme', maxLength: 40 }),
            iat: fc.oneof(fc.integer(), fc.double()),
            jti: fc.string({ unit: 'grapheme', maxLength: 40 }),
          },
          { requiredKeys: ['secret', 'apiKey', 'iat', 'jti'] },
        ),
        (payload, claims) => {
          expect(signWebhookJwt(payload, claims)).toBe(referenceToken(payload, claims));
          // Twice: the second token comes from the cached key and template.
          expect(signWebhookJwt(payload, claims)).toBe(referenceToken(payload, claims));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hashes bytes and text alike, and signs with several secrets in turn', () => {
    const bytes = new TextEncoder().encode(body);
    for (const secret of ['first-secret', 'second-secret', 'first-secret']) {
      const token = signWebhookJwt(bytes, { ...options, secret });
      expect(token).toBe(referenceToken(body, { ...options, secret }));
      expect(verifySignature(token, secret)).toBe(true);
    }
  });
});
