import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../fixtures/shared/json-schema.js';
import { actionShapes } from './actions/action-shapes.js';
import { payAction } from './actions/pay.js';
import { anyObject } from './engine/compound-fields.js';
import { createContext } from './engine/issues.js';
import { checkShape, type Shape, toShapeSchema } from './engine/shape.js';
import { nccoActions, nccoEndpointTypes, nccoSchema, validateNcco } from './index.js';

// "NCCO rules live once" (issue 10): the keys `validateNcco` knows and the properties `nccoSchema`
// declares are one set, for every action and every object inside one. Each side is read through its
// own face: the validator from what it says about a key it does not know ("known keys: ..."), the
// schema from the JSON it ships. So a key that only one of them learns, or a schema keyword that
// overwrites the derived properties, fails here.

/** A key far from every NCCO key, so the validator lists its known keys instead of a suggestion. */
const stranger = 'zzzzzzzzzzzzzzzzzzzzzzzz';

/** The keys the validator knows at `at`, read from its warning about `stranger` there. */
function validatorKeys(ncco: unknown, at: string): string[] {
  const warning = validateNcco(ncco).warnings.find((entry) => entry.path === `${at}.${stranger}`);
  const listed = /known keys: (.*)$/.exec(warning?.reason ?? '')?.[1];
  if (listed === undefined) throw new Error(`no "known keys" warning at ${at}: ${warning?.reason}`);
  return listed.split(', ');
}

/** Differences between the two key lists, as `<key>: validator only` / `<key>: schema only`. */
function differences(validator: readonly string[], schema: readonly string[]): string[] {
  return [
    ...validator.filter((key) => !schema.includes(key)).map((key) => `${key}: validator only`),
    ...schema.filter((key) => !validator.includes(key)).map((key) => `${key}: schema only`),
  ];
}

function propertiesOf(schema: JsonSchema): Readonly<Record<string, JsonSchema>> {
  return (schema.properties ?? {}) as Readonly<Record<string, JsonSchema>>;
}

function property(schema: JsonSchema, key: string): JsonSchema {
  const found = propertiesOf(schema)[key];
  if (found === undefined) throw new Error(`the schema has no property ${key}`);
  return found;
}

/** The `then` of the `allOf` branch whose `if` holds `key` = `value` (an action, an endpoint type). */
function branch(union: JsonSchema, key: string, value: string): JsonSchema {
  const branches = (union.allOf ?? []) as readonly JsonSchema[];
  const found = branches.find((entry) => {
    const condition = entry.if as JsonSchema | undefined;
    return condition !== undefined && property(condition, key).const === value;
  });
  if (found === undefined) throw new Error(`the schema has no branch for ${key} ${value}`);
  return found.then as JsonSchema;
}

const actionUnion = nccoSchema.items as JsonSchema;
const actionBranch = (name: string): JsonSchema => branch(actionUnion, 'action', name);
const endpointUnion = property(actionBranch('connect'), 'endpoint').items as JsonSchema;

interface NestedCase {
  readonly label: string;
  readonly ncco: unknown;
  readonly at: string;
  readonly schema: JsonSchema;
}

const connect = (endpoint: Record<string, unknown>): unknown => [{ action: 'connect', endpoint: [endpoint] }];

const nestedCases: readonly NestedCase[] = [
  {
    label: 'record transcription',
    ncco: [{ action: 'record', transcription: { [stranger]: true } }],
    at: '$[0].transcription',
    schema: property(actionBranch('record'), 'transcription'),
  },
  ...['advancedMachineDetection', 'advanced_machine_detection'].map((key) => ({
    label: `connect ${key}`,
    ncco: [{ action: 'connect', [key]: { [stranger]: true } }],
    at: `$[0].${key}`,
    schema: property(actionBranch('connect'), key),
  })),
  ...nccoEndpointTypes.map((type) => ({
    label: `connect endpoint ${type}`,
    ncco: connect({ type, [stranger]: true }),
    at: '$[0].endpoint[0]',
    schema: branch(endpointUnion, 'type', type),
  })),
  {
    label: 'phone endpoint onAnswer',
    ncco: connect({ type: 'phone', onAnswer: { [stranger]: true } }),
    at: '$[0].endpoint[0].onAnswer',
    schema: property(branch(endpointUnion, 'type', 'phone'), 'onAnswer'),
  },
  ...['dtmf', 'speech'].map((key) => ({
    label: `input ${key}`,
    ncco: [{ action: 'input', [key]: { [stranger]: true } }],
    at: `$[0].${key}`,
    schema: property(actionBranch('input'), key),
  })),
];

/** Every object schema with its own keys in `schema` (not the `action`/`type` unions themselves). */
function listKeyedObjects(schema: unknown, found = new Set<unknown>()): Set<unknown> {
  if (schema === null || typeof schema !== 'object') return found;
  const node = schema as JsonSchema;
  const keys = Object.keys(propertiesOf(node));
  const isUnion = keys.length === 1 && (keys[0] === 'action' || keys[0] === 'type') && 'allOf' in node;
  if (node.type === 'object' && keys.length > 0 && !isUnion) found.add(node);
  for (const value of Object.values(node)) listKeyedObjects(value, found);
  return found;
}

describe('each NCCO action: validator keys and schema properties', () => {
  it.each(nccoActions)('%s: the validator knows exactly the keys the schema declares', (name) => {
    const validator = validatorKeys([{ action: name, [stranger]: true }], '$[0]');
    const schema = Object.keys(propertiesOf(actionBranch(name)));
    expect(validator.length).toBeGreaterThan(0);
    expect(differences(validator, schema)).toEqual([]);
  });

  it.each(nccoActions)('%s: every key the schema requires, the validator requires', (name) => {
    const required = validateNcco([{ action: name }])
      .issues.filter((issue) => / is required: /.test(issue.reason))
      .map((issue) => issue.path.replace('$[0].', ''));
    expect(required).toEqual(expect.arrayContaining(actionBranch(name).required as string[]));
  });

  it.each(nestedCases)('$label: the validator knows exactly the keys the schema declares', (entry) => {
    const validator = validatorKeys(entry.ncco, entry.at);
    expect(validator.length).toBeGreaterThan(0);
    expect(differences(validator, Object.keys(propertiesOf(entry.schema)))).toEqual([]);
  });

  it('compares every object of the schema that has keys of its own', () => {
    const compared = new Set<unknown>([
      ...nccoActions.map(actionBranch),
      ...nestedCases.map((entry) => entry.schema),
    ]);
    expect(compared).toEqual(listKeyedObjects(nccoSchema));
  });
});

/** The keys `checkShape` knows, from its warning about `stranger`. */
function shapeKeys(shape: Shape): string[] {
  const ctx = createContext(false);
  checkShape({ [stranger]: true }, '$', shape, ctx);
  const listed = /known keys: (.*)$/.exec(ctx.warnings[0]?.reason ?? '')?.[1];
  return listed === undefined ? [] : listed.split(', ');
}

describe('the agreement check itself', () => {
  it('reports a key only the validator knows and a key only the schema declares', () => {
    const validator = validatorKeys([{ action: 'talk', [stranger]: true }], '$[0]');
    const { bargeIn: _dropped, ...rest } = propertiesOf(actionBranch('talk'));
    const doctored = [...Object.keys(rest), 'voice'];
    expect(differences(validator, doctored)).toEqual(['bargeIn: validator only', 'voice: schema only']);
  });

  it('derives the same keys for the validator and the schema from every shape, pay included', () => {
    for (const shape of [...Object.values(actionShapes), payAction]) {
      expect(differences(shapeKeys(shape), Object.keys(propertiesOf(toShapeSchema(shape))))).toEqual([]);
    }
  });

  it('catches a shape whose rule overwrites the derived properties', () => {
    const mismatched: Shape = {
      fields: { payload: anyObject('an object'), note: anyObject('an object') },
      rules: [{ check: () => {}, schema: { properties: { payload: { type: 'object' } } } }],
    };
    expect(differences(shapeKeys(mismatched), Object.keys(propertiesOf(toShapeSchema(mismatched))))).toEqual([
      'note: validator only',
    ]);
  });
});
