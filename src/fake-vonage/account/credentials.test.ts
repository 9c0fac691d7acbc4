import { describe, expect, it } from 'vitest';
import {
  createCredentialCheck,
  hasScheme,
  toAcceptedCredentials,
  toJwtApplicationId,
} from './credentials.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: unknown, header: unknown = { alg: 'RS256', typ: 'JWT' }) =>
  `${part(header)}.${part(claims)}.c2ln`;
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

describe('toJwtApplicationId', () => {
  it('reads application_id from a well-formed token without checking its signature', () => {
    expect(toJwtApplicationId(jwt({ application_id: 'app-1', exp: 1 }))).toBe('app-1');
  });

  it('returns null for tokens that are not three JSON parts with an alg and the claim', () => {
    expect(toJwtApplicationId('a.b')).toBeNull();
    expect(toJwtApplicationId(jwt({ sub: 'x' }))).toBeNull();
    expect(toJwtApplicationId(jwt({ application_id: 'app-1' }, { typ: 'JWT' }))).toBeNull();
    expect(toJwtApplicationId(`${part({ alg: 'HS256' })}.not json!.x`)).toBeNull();
  });

  it('returns null for an unsecured token: alg none in any case, an empty or blank alg, or no signature', () => {
    const claims = { application_id: 'app-1' };
    expect(toJwtApplicationId(jwt(claims, { alg: 'none', typ: 'JWT' }))).toBeNull();
    expect(toJwtApplicationId(jwt(claims, { alg: 'None' }))).toBeNull();
    expect(toJwtApplicationId(jwt(claims, { alg: 'NONE' }))).toBeNull();
    expect(toJwtApplicationId(jwt(claims, { alg: '' }))).toBeNull();
    expect(toJwtApplicationId(jwt(claims, { alg: ' ' }))).toBeNull();
    expect(toJwtApplicationId(jwt(claims, { alg: null }))).toBeNull();
    expect(toJwtApplicationId(`${part({ alg: 'RS256' })}.${part(claims)}.`)).toBeNull();
    expect(toJwtApplicationId(`${part({ alg: 'RS256' })}.${part(claims)}`)).toBeNull();
    expect(toJwtApplicationId(`${part({ alg: 'RS256' })}.${part(claims)}.not base64url!`)).toBeNull();
  });
});

describe('createCredentialCheck', () => {
  it('accepts any non-empty pair and any application when none is configured', () => {
    const check = createCredentialCheck(toAcceptedCredentials({}));
    expect(check.keySecret('k', 's')).toEqual({ ok: true, apiKey: 'k' });
    expect(check.keySecret('k', '')).toEqual({ ok: false, reason: 'missing' });
    expect(check.header(`Bearer ${jwt({ application_id: 'any' })}`, ['jwt'])).toEqual({
      ok: true,
      applicationId: 'any',
    });
    expect(check.knowsKey('whatever')).toBe(true);
  });

  it('accepts only the configured pairs and applications', () => {
    const check = createCredentialCheck(
      toAcceptedCredentials({
        apiKey: 'a1b2c3d4',
        apiSecret: 'secret',
        applicationId: 'app-1',
        credentials: [{ apiKey: 'other', apiSecret: 'pass' }, { applicationId: 'app-2' }],
      }),
    );
    expect(check.header(basic('a1b2c3d4', 'secret'), ['basic', 'jwt'])).toEqual({
      ok: true,
      apiKey: 'a1b2c3d4',
    });
    expect(check.header(basic('other', 'pass'), ['basic'])).toEqual({ ok: true, apiKey: 'other' });
    expect(check.header(basic('a1b2c3d4', 'wrong'), ['basic'])).toEqual({ ok: false, reason: 'invalid' });
    expect(check.header(`Bearer ${jwt({ application_id: 'app-2' })}`, ['jwt'])).toMatchObject({ ok: true });
    expect(check.header(`Bearer ${jwt({ application_id: 'app-3' })}`, ['jwt'])).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(check.knowsKey('nope')).toBe(false);
  });

  it('refuses a Bearer token with alg none even when its application is the accepted one', () => {
    const check = createCredentialCheck(toAcceptedCredentials({ applicationId: 'app-1' }));
    const claims = { application_id: 'app-1' };
    expect(check.header(`Bearer ${jwt(claims)}`, ['jwt'])).toEqual({ ok: true, applicationId: 'app-1' });
    for (const token of [
      jwt(claims, { alg: 'none', typ: 'JWT' }),
      jwt(claims, { alg: '' }),
      `${part({ alg: 'none' })}.${part(claims)}.`,
      `${part({ alg: 'RS256' })}.${part(claims)}.`,
    ]) {
      expect(check.header(`Bearer ${token}`, ['basic', 'jwt'])).toEqual({ ok: false, reason: 'invalid' });
    }
    const open = createCredentialCheck(toAcceptedCredentials({}));
    expect(open.header(`Bearer ${jwt(claims, { alg: 'none' })}`, ['jwt'])).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses a scheme the API does not take and a missing header', () => {
    const check = createCredentialCheck(toAcceptedCredentials({}));
    expect(check.header(basic('k', 's'), ['jwt'])).toEqual({ ok: false, reason: 'invalid' });
    expect(check.header(undefined, ['jwt'])).toEqual({ ok: false, reason: 'missing' });
    expect(hasScheme('basic abc', 'basic')).toBe(true);
    expect(hasScheme('Bearer abc', 'basic')).toBe(false);
  });
});
