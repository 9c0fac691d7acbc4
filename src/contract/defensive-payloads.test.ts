import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { listEvents } from '../fixtures/catalog.js';
import { generate } from '../fixtures/generate.js';
import { closeSchema } from '../fixtures/shared/close-schema.js';
import { getSchema } from '../schemas/index.js';
import { UNKNOWN_FIELD, withoutOptionalFields, withUnknownField } from './defensive-payloads.js';

const ajv = new Ajv({ strict: false, allErrors: true });
const generateAny = generate as (name: string, options: object) => unknown;

/** Every wire shape of the catalog: each event in its default shape and in each other version. */
const shapes = listEvents().flatMap((entry) => [
  { event: entry.name as string, version: undefined as string | undefined },
  ...entry.versions
    .filter((version) => version !== entry.defaultVersion)
    .map((version) => ({ event: entry.name as string, version })),
]);

/** Counts the properties of a value at every depth. */
function countProperties(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + countProperties(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce<number>((sum, item) => sum + 1 + countProperties(item), 0);
}

describe('withoutOptionalFields (issue 12)', () => {
  it('removes optional properties at every depth, objects inside arrays too, and keeps required ones', () => {
    const schema = {
      type: 'object',
      required: ['keep', 'list'],
      properties: {
        keep: { type: 'object', required: ['a'], properties: { a: {}, b: {} } },
        list: { type: 'array', items: { type: 'object', required: ['x'], properties: { x: {}, y: {} } } },
        drop: {},
      },
    };
    const payload = { keep: { a: 1, b: 2 }, list: [{ x: 1, y: 2 }, { x: 3 }], drop: 'gone', extra: true };
    expect(withoutOptionalFields(payload, schema)).toEqual({ keep: { a: 1 }, list: [{ x: 1 }, { x: 3 }] });
    expect(payload.keep).toEqual({ a: 1, b: 2 });
  });

  it('keeps what the anyOf branch the value matches requires, and nullable values as they are', () => {
    const schema = {
      type: 'object',
      required: ['to', 'carrier'],
      properties: {
        to: {
          anyOf: [
            { type: 'object', required: ['type', 'number'], properties: { type: { const: 'sms' } } },
            { type: 'object', required: ['type', 'id'], properties: { type: { const: 'messenger' } } },
          ],
        },
        carrier: { anyOf: [{ type: 'object', required: [] }, { type: 'null' }] },
      },
    };
    expect(
      withoutOptionalFields({ to: { type: 'messenger', id: '1', number: '2' }, carrier: null }, schema),
    ).toEqual({ to: { type: 'messenger', id: '1' }, carrier: null });
  });

  it('leaves every payload of the catalog valid against its schema, with fewer fields than before', () => {
    let reduced = 0;
    for (const { event, version } of shapes) {
      const options = version === undefined ? {} : { version };
      const payload = generateAny(event, { seed: 7, refDate: '2025-06-02T09:30:00.000Z', ...options });
      const { $id: _id, ...schema } = getSchema(event, options);
      const stripped = withoutOptionalFields(payload, schema);
      const validate = ajv.compile(closeSchema(schema) as Record<string, unknown>);
      expect(validate(stripped), `${event} ${version ?? ''}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      if (countProperties(stripped) < countProperties(payload)) reduced += 1;
    }
    expect(shapes.length).toBeGreaterThan(100);
    // 109 of 265 shapes have optional fields under seed 7; a stripper that removed nothing fails here.
    expect(reduced).toBeGreaterThan(shapes.length / 3);
  });
});

describe('withUnknownField (issue 12)', () => {
  it('adds one string field at the top level, last, and leaves the payload valid against its open schema', () => {
    const payload = generateAny('messages.status.read.whatsapp', { seed: 1 }) as Record<string, unknown>;
    const added = withUnknownField(payload) as Record<string, unknown>;
    expect(Object.keys(added)).toEqual([...Object.keys(payload), UNKNOWN_FIELD]);
    expect(typeof added[UNKNOWN_FIELD]).toBe('string');
    const { $id: _id, ...schema } = getSchema('messages.status.read.whatsapp');
    expect(ajv.validate(schema, added)).toBe(true);
    expect(payload).not.toHaveProperty(UNKNOWN_FIELD);
  });
});
