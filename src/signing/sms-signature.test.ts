import { SMS } from '@vonage/sms';
import { describe, expect, it } from 'vitest';
import {
  computeSmsSignature,
  type SmsSignatureMethod,
  signSmsParams,
  smsSignatureMethods,
  toSmsSignatureBase,
  verifySmsSignature,
} from './sms-signature.js';

// Pinned vectors from the reference signing.md#sms-signature (the PHP SDK's SignatureTest, recomputed there).
const vectorParams = {
  'message-timestamp': '2013-11-21 15:27:30',
  messageId: '020000001B0FE827',
  msisdn: '14843472194',
  text: 'Test again',
  timestamp: '1385047698',
  to: '13239877404',
  type: 'text',
};
const vectorSecret = 'my_secret_key_for_testing';
const vectors: Record<SmsSignatureMethod, string> = {
  md5hash: 'd2e7b1dc968737c5998ad624e02f90b7',
  md5: 'DDEBD46008C2D4E93CCE578A332A52D5',
  sha1: '27D0D05C2876C7CB1720DBCDBA4D492E1E55C09A',
  sha256: 'DDB8397C2B90AAC7F3882D306475C9A5058C92322EEF43C92B298B6E0FC0D330',
  sha512:
    'E0D3C650F8C9D1A5C174D10DDDBFB003E561F59B265616208B0487C5D819481CD3C311D59CF6165ECD1139622D5BA3A256C0D763AC4A9AD9144B5A426B94FE82',
};

// The SDK's AlgorithmTypes enum values (from @vonage/auth, which @vonage/sms re-uses).
type SdkAlgorithm = Parameters<SMS['verifySignature']>[3];
const sdkAlgorithm: Record<SmsSignatureMethod, SdkAlgorithm> = {
  md5hash: 'MD5HASH' as SdkAlgorithm,
  md5: 'MD5HMAC' as SdkAlgorithm,
  sha1: 'SHA1HMAC' as SdkAlgorithm,
  sha256: 'SHA256HMAC' as SdkAlgorithm,
  sha512: 'SHA512HMAC' as SdkAlgorithm,
};

describe('toSmsSignatureBase', () => {
  it('sorts keys byte-wise, drops sig, replaces & and = in values and starts with &', () => {
    expect(toSmsSignatureBase(vectorParams)).toBe(
      '&message-timestamp=2013-11-21 15:27:30&messageId=020000001B0FE827&msisdn=14843472194&text=Test again&timestamp=1385047698&to=13239877404&type=text',
    );
    expect(toSmsSignatureBase({ b: 'x=y&z', a: '1', sig: 'ignored' })).toBe('&a=1&b=x_y_z');
  });
});

describe('computeSmsSignature', () => {
  it.each(smsSignatureMethods)('matches the pinned vector for %s', (method) => {
    expect(computeSmsSignature(vectorParams, vectorSecret, method)).toBe(vectors[method]);
  });
});

describe('signSmsParams', () => {
  it.each(smsSignatureMethods)('makes signatures the official Node SDK accepts (%s)', (method) => {
    const signed = signSmsParams(
      {
        msisdn: '447700900001',
        to: '447700900000',
        text: 'Price: 5 & tax=1',
        type: 'text',
        'message-timestamp': '2025-01-01 10:00:00',
      },
      {
        secret: 'Secret-Value',
        method,
        timestamp: 1735725600,
        nonce: '6b7c1f40-1b2f-4a44-8c6e-2b3b5e2d7b61',
      },
    );
    expect(Object.keys(signed).slice(-3)).toEqual(['timestamp', 'nonce', 'sig']);
    const sms = new SMS({ apiKey: 'k', apiSecret: 's' });
    expect(sms.verifySignature(signed.sig, signed, 'Secret-Value', sdkAlgorithm[method])).toBe(true);
    expect(sms.verifySignature(signed.sig, signed, 'other-secret', sdkAlgorithm[method])).toBe(false);
  });

  it('replaces an existing sig instead of signing it', () => {
    const signed = signSmsParams(
      { a: '1', sig: 'old' },
      { secret: 's', method: 'md5hash', timestamp: 1, nonce: 'n' },
    );
    expect(signed.sig).toBe(computeSmsSignature({ a: '1', timestamp: '1', nonce: 'n' }, 's', 'md5hash'));
  });
});

describe('verifySmsSignature', () => {
  const now = 1735725600_000;
  const signed = signSmsParams(
    { msisdn: '1', text: 'hi' },
    { secret: 'sec', method: 'sha256', timestamp: now / 1000, nonce: 'n' },
  );

  it('accepts a fresh, correct signature in either case', () => {
    expect(verifySmsSignature(signed, { secret: 'sec', method: 'sha256', now })).toEqual({ valid: true });
    expect(
      verifySmsSignature(
        { ...signed, sig: signed.sig.toLowerCase() },
        { secret: 'sec', method: 'sha256', now },
      ).valid,
    ).toBe(true);
  });

  it('rejects a wrong secret, an edited value, a missing sig and a stale timestamp with the reason', () => {
    expect(verifySmsSignature(signed, { secret: 'nope', method: 'sha256', now })).toMatchObject({
      reason: 'bad-signature',
    });
    expect(
      verifySmsSignature({ ...signed, text: 'HI' }, { secret: 'sec', method: 'sha256', now }),
    ).toMatchObject({ reason: 'bad-signature' });
    const { sig: _sig, ...unsigned } = signed;
    expect(verifySmsSignature(unsigned, { secret: 'sec', method: 'sha256', now })).toMatchObject({
      reason: 'missing-signature',
    });
    expect(verifySmsSignature(signed, { secret: 'sec', method: 'sha256', now: now + 301_000 })).toMatchObject(
      { reason: 'stale' },
    );
    expect(
      verifySmsSignature(signed, { secret: 'sec', method: 'sha256', now: now + 301_000, maxAgeSeconds: 600 })
        .valid,
    ).toBe(true);
  });

  it('rejects a signature of another method and non-string values', () => {
    expect(verifySmsSignature(signed, { secret: 'sec', method: 'sha512', now })).toMatchObject({
      reason: 'bad-signature',
    });
    expect(
      verifySmsSignature({ ...signed, extra: 5 }, { secret: 'sec', method: 'sha256', now }),
    ).toMatchObject({ reason: 'malformed' });
  });
});
