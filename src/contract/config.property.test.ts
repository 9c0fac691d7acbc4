// Property tests over vws.config.json (issue 11): any JSON value, hostile or not, gives a config or
// one VwsError line with a usage exit code (2), quickly, never another exception, and never changes
// Object.prototype.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prototypeUntouched } from '../../test/support/prototype-guard.js';
import { exitCodeByError, exitCodes, isVwsError } from '../errors.js';
import { parseContractConfig, parseContractConfigText } from './config.js';

/** Runs `parse`: the config, or checks the error is one line with exit code 2. */
function expectConfigOrUsageError(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(isVwsError(error)).toBe(true);
    if (!isVwsError(error)) return;
    expect(exitCodeByError[error.code]).toBe(exitCodes.usage);
    expect(error.message).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(error.message.length).toBeLessThan(600);
  }
  expect(prototypeUntouched()).toBe(true);
}

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'a\nb',
  'x'.repeat(5000),
);
const key = fc.oneof(fc.string({ maxLength: 12 }), hostileKey);
const leaf = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    'sms',
    'messages',
    'sms.inbound',
    'voice.answer',
    '/webhooks/x',
    'http://127.0.0.1:1',
    'a'.repeat(20_000),
  ),
);
// The forms of real traffic (issue 12): the two words, named forms real or not, anything else.
const forms = fc.oneof(
  fc.constantFrom('every', 'documented', 'any'),
  fc.dictionary(
    fc.constantFrom('timestamp', 'api-key', 'leg-id', 'nosuch', '__proto__', 'Bad Name'),
    fc.oneof(fc.constantFrom('seconds', 'without-key', 'hex32', 'nosuch'), leaf),
    { maxKeys: 3 },
  ),
);
const endpoint = fc.record(
  {
    path: fc.oneof(fc.constantFrom('/webhooks/inbound', '/x'), leaf),
    events: fc.oneof(
      fc.array(fc.oneof(fc.constantFrom('sms', 'messages.status', 'nosuch'), leaf), { maxLength: 5 }),
      leaf,
    ),
    method: fc.oneof(fc.constantFrom('GET', 'POST'), leaf),
    format: fc.oneof(fc.constantFrom('query', 'form', 'json'), leaf),
    webhookVersion: fc.oneof(fc.constantFrom('v1', 'v0.1'), leaf),
    verifiesSignature: fc.oneof(fc.boolean(), leaf),
    forms: fc.oneof(forms, leaf),
    defensive: fc.oneof(fc.boolean(), leaf),
  },
  { requiredKeys: [] },
);
const config = fc
  .tuple(
    fc.record(
      {
        endpoints: fc.oneof(fc.array(endpoint, { maxLength: 4 }), leaf),
        baseUrl: leaf,
        seed: fc.oneof(fc.integer(), leaf),
        signatureSecret: leaf,
        forms: fc.oneof(forms, leaf),
        defensive: fc.oneof(fc.boolean(), leaf),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(key, leaf, { maxKeys: 2 }),
  )
  .map(([known, extra]) => ({ ...known, ...extra }));

/** JSON text of a value nested `depth` deep, as arrays or as objects. */
const deep = (depth: number, open: string, close: string): string =>
  `${open.repeat(depth)}${close.repeat(depth)}`;

describe('vws.config.json, property tests (issue 11)', () => {
  it('gives a config or one usage line for any JSON value', () => {
    fc.assert(
      fc.property(fc.oneof(config, fc.jsonValue()), (value) => {
        expectConfigOrUsageError(() => parseContractConfig(value, 'vws.config.json'));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a config or one usage line for any text, hostile JSON included', () => {
    const hostileText = fc.oneof(
      fc.string({ maxLength: 60 }),
      config.map((value) => JSON.stringify(value)),
      fc.constantFrom(
        '{"__proto__":{"polluted":1},"endpoints":[{"path":"/x","events":["sms"]}]}',
        '{"endpoints":[{"path":"/x","events":["sms"],"__proto__":{"polluted":1}}]}',
        '{"constructor":{"prototype":{"polluted":1}},"endpoints":[]}',
        `{"endpoints":${deep(50_000, '[', ']')}}`,
        `{"endpoints":[{"path":"/x","events":["sms"],"name":${deep(50_000, '[', ']')}}]}`,
        deep(100_000, '{"a":', '}').replace(/}$/, '1}'),
        '{\n\n  "endpoints": [\n x\n]}',
        '',
        '\u0000',
      ),
    );
    fc.assert(
      fc.property(hostileText, fc.string({ maxLength: 10 }), (text, source) => {
        expectConfigOrUsageError(() => parseContractConfigText(text, `${source}.json`));
      }),
      { numRuns: 300 },
    );
  });

  it('checks a huge config quickly: long unknown names, many endpoints and events (issue 11)', () => {
    const started = Date.now();
    expect(() =>
      parseContractConfig({ endpoints: [{ path: '/x', events: ['a'.repeat(100_000)] }] }, 'vws.config.json'),
    ).toThrow(/no event is named "a{60}…"\. Run "vws list"/);
    const many = Array.from({ length: 100_000 }, () => 'messages');
    expect(
      parseContractConfig({ endpoints: [{ path: '/x', events: many }] }, 'vws.config.json').endpoints,
    ).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('names an unknown property in one line, new lines escaped (issue 11)', () => {
    expect(() =>
      parseContractConfig({ endpoints: [{ path: '/x', events: ['sms'] }], 'a\nb': 1 }, 'vws.config.json'),
    ).toThrow(/^Invalid config vws\.config\.json at \$: must NOT have additional properties "a\\nb"\. See/);
  });

  it('reports malformed JSON in one line, without the file text (issue 11)', () => {
    let message = '';
    try {
      parseContractConfigText('[1,\n2,\nx]', 'vws.config.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Malformed JSON in vws\.config\.json/);
    expect(message).not.toContain('\n');
  });

  it('refuses __proto__ and constructor keys without changing Object.prototype (issue 11)', () => {
    for (const text of [
      '{"__proto__":{"polluted":1},"endpoints":[{"path":"/x","events":["sms"]}]}',
      '{"endpoints":[{"path":"/x","events":["sms"],"constructor":{"prototype":{"polluted":1}}}]}',
    ]) {
      expect(() => parseContractConfigText(text, 'vws.config.json')).toThrow(
        /must NOT have additional properties/,
      );
      expect(prototypeUntouched()).toBe(true);
    }
  });
});
