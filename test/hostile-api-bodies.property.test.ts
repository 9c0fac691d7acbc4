// A property test over the fake's entry point (issue 11): random and adversarial bodies (any depth,
// keys such as __proto__ and constructor, broken JSON, any content type) to a few API routes through
// createFakeVonage().handle, which msw and `vws serve` call too. Every request gets an answer below
// 500, no prototype changes, and the fake still answers a normal request afterwards.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  API_SECRET,
  appJwt,
  basic,
  closeFakeVonageApps,
  fake,
  sendsNormalSms,
} from './support/fake-vonage-app.js';

afterEach(closeFakeVonageApps);

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

function expectPrototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  const probe = {} as Record<string, unknown>;
  expect([probe.polluted, probe.api_key, probe.to, probe.text]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
}

const routes = [
  { method: 'POST', url: 'https://rest.nexmo.com/sms/json', headers: {} },
  { method: 'POST', url: 'https://api.nexmo.com/v1/calls', headers: { authorization: `Bearer ${appJwt()}` } },
  { method: 'POST', url: 'https://api.nexmo.com/v1/messages', headers: { authorization: basic } },
  { method: 'POST', url: 'https://api.nexmo.com/v2/verify', headers: { authorization: basic } },
  { method: 'POST', url: 'https://api.nexmo.com/v2/applications', headers: { authorization: basic } },
  { method: 'POST', url: 'https://rest.nexmo.com/account/settings', headers: {} },
  { method: 'POST', url: 'https://api.nexmo.com/ni/advanced/async/json', headers: {} },
] as const;

const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'polluted'),
  fc.constantFrom(
    'api_key',
    'api_secret',
    'to',
    'from',
    'text',
    'ncco',
    'channel',
    'message_type',
    'workflow',
  ),
  fc.string({ maxLength: 6 }),
);
const scalar = fc.oneof(
  fc.constantFrom(API_KEY, API_SECRET, '447700900123', 'sms', 'talk', 'text', 'whatsapp'),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
// JSON text written by hand, so a `__proto__` key is sent as text, as an attacker would send it.
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar.map((value) => JSON.stringify(value)),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(key, tie('value')), { maxLength: 5 })
      .map((entries) => `{${entries.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`),
  ),
})).value;
// The value wrapped in up to 30,000 arrays or objects, cut short, or left as it is.
const body = fc.oneof(
  jsonText,
  fc
    .tuple(jsonText, fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('[', '{"__proto__":', '{"to":'))
    .map(
      ([inner, depth, open]) => `${open.repeat(depth)}${inner}${(open === '[' ? ']' : '}').repeat(depth)}`,
    ),
  fc.tuple(jsonText, fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
  fc.string({ maxLength: 40 }),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
);

describe('the fake API under adversarial bodies (issue 11)', () => {
  it('answers every body below 500 and keeps Object.prototype and its normal answers (issue 11)', async () => {
    const vonage = fake();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, contentType, async (route, text, type) => {
        const headers: Record<string, string> = { ...route.headers };
        if (type !== '') headers['content-type'] = type;
        const response = await vonage.handle(
          new Request(route.url, { method: route.method, headers, body: text }),
        );
        expect(response?.status).toBeLessThan(500);
        await response?.text();
        expectPrototypeUntouched();
      }),
      { numRuns: 200 },
    );
    await sendsNormalSms(vonage);
  });
});
