// validateNcco on hostile NCCOs (issue 11): action names, endpoint types and keys that are names of
// Object.prototype's members are unknown like any other name, and NCCOs nested far past anything
// Vonage takes are judged, never thrown on; a property test feeds it random JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateNcco } from './validate-ncco.js';

const prototypeNames = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

/** An NCCO parsed from JSON text, so `__proto__` is an own key as it is in a parsed answer. */
const parsed = (value: unknown, name: string): unknown =>
  JSON.parse(JSON.stringify(value).replaceAll('"NAME"', JSON.stringify(name)));

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = wrap(value);
  return value;
}

describe('validateNcco with names of Object.prototype members (issue 11)', () => {
  for (const name of prototypeNames) {
    it(`reports the action "${name}" as an unknown action, without throwing (issue 11)`, () => {
      const result = validateNcco(parsed([{ action: 'NAME' }], name));
      expect(result.valid).toBe(false);
      expect(result.issues).toEqual([
        { path: '$[0].action', reason: expect.stringMatching(/^action must be one of "record", .*, got /) },
      ]);
    });

    it(`reports the endpoint type "${name}" as an unknown type, without throwing (issue 11)`, () => {
      const result = validateNcco(parsed([{ action: 'connect', endpoint: [{ type: 'NAME' }] }], name));
      expect(result.issues).toEqual([
        {
          path: '$[0].endpoint[0].type',
          reason: expect.stringMatching(/^type must be one of "phone", .*, got /),
        },
      ]);
    });

    it(`warns about a key "${name}" in an action and an endpoint as an unknown key (issue 11)`, () => {
      const ncco = parsed(
        [
          { action: 'talk', text: 'Hi', NAME: 1 },
          { action: 'connect', endpoint: [{ type: 'phone', number: '447700900000', NAME: 1 }] },
        ],
        name,
      );
      const result = validateNcco(ncco);
      expect(result.valid).toBe(true);
      expect(result.warnings.map((warning) => warning.reason)).toEqual([
        expect.stringMatching(new RegExp(`^${name} is not an option here and Vonage ignores it`)),
        expect.stringMatching(new RegExp(`^${name} is not an option here and Vonage ignores it`)),
      ]);
    });
  }
});

describe('validateNcco with deeply nested NCCOs (issue 11)', () => {
  const deepArray = nested(20_000, 'Hi', (inner) => [inner]);
  const deepObject = nested(20_000, 'Hi', (inner) => ({ a: inner }));
  const cases: Readonly<Record<string, unknown>> = {
    'a talk text': [{ action: 'talk', text: deepArray }],
    'a talk text object': [{ action: 'talk', text: deepObject }],
    'the action name': [{ action: deepObject }],
    'an input type list (asynchronous)': [
      { action: 'input', mode: 'asynchronous', type: [deepObject], eventUrl: ['https://example.com/e'] },
    ],
    'an endpoint number': [{ action: 'connect', endpoint: [{ type: 'phone', number: deepObject }] }],
    'an unknown key': [{ action: 'talk', text: 'Hi', extra: deepObject }],
    'the NCCO itself': deepArray,
    'an element': [deepObject],
  };
  for (const [where, ncco] of Object.entries(cases)) {
    it(`returns issues for 20,000 levels in ${where}, never throwing (issue 11)`, () => {
      for (const strict of [false, true]) {
        const result = validateNcco(ncco, { strict });
        expect(result.issues.length + result.warnings.length).toBeGreaterThan(0);
      }
    });
  }

  it('names a value that cannot be written as JSON (too deep, or containing itself) by its kind (issue 11)', () => {
    const types: unknown[] = ['speech'];
    types.push(types);
    const cyclic = validateNcco([
      { action: 'input', mode: 'asynchronous', type: types, eventUrl: ['https://example.com/e'] },
    ]);
    expect(cyclic.issues.map((issue) => issue.reason)).toContain(
      'type must be ["dtmf"] when mode is "asynchronous" (DTMF only), got an array',
    );
    const twice = validateNcco([
      { action: 'input', type: [deepObject, deepObject], eventUrl: ['https://example.com/e'] },
    ]);
    expect(twice.issues.map((issue) => issue.reason)).toContain('type lists an object twice');
  });
});

describe('validateNcco property tests (issue 11)', () => {
  const name = fc.constantFrom('talk', 'connect', 'input', 'record', 'stream', 'transfer', ...prototypeNames);
  const key = fc.oneof(
    fc.constantFrom('action', 'type', 'text', 'endpoint', 'number', 'eventUrl', 'mode', ...prototypeNames),
    fc.string({ maxLength: 6 }),
  );
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(name, fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null)),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    ),
  })).value;
  const action = fc
    .dictionary(key, json, { maxKeys: 6 })
    .map((fields) => ({ action: fields.type ?? 'talk', ...fields }));
  const ncco = fc.oneof(json, fc.array(fc.oneof(action, json), { maxLength: 5 }));

  it('returns a result for any JSON value, never throwing, never changing Object.prototype (issue 11)', () => {
    fc.assert(
      fc.property(ncco, fc.boolean(), fc.boolean(), (value, strict, allowPay) => {
        // Through JSON text, as an answer arrives: `__proto__` keys become own keys.
        const result = validateNcco(JSON.parse(JSON.stringify(value)), { strict, allowPay });
        expect(typeof result.valid).toBe('boolean');
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
