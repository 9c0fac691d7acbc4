import { describe, expect, it } from 'vitest';
import { type EventName, generate, generateParts, getEvent, listEvents } from 'vonage-webhook-simulator';
import { toSchemaKey } from 'vonage-webhook-simulator/advanced';
import { type OfficialMapping, officialMappings } from './support/official/index.js';
import { OfficialSpecs } from './support/official-specs.js';
import { closedValidator, ownValidator } from './support/own-schemas.js';
import { hasSpecs } from './support/specs-dir.js';

// 25 fixed seeds spread over the range, plus 5 fresh ones per run (logged, reproducible with
// VWS_TEST_SEEDS=1,2,3).
const fixedSeeds = Array.from({ length: 25 }, (_, index) => index * 104_729 + 1);
const randomSeeds = process.env.VWS_TEST_SEEDS
  ? process.env.VWS_TEST_SEEDS.split(',').map(Number)
  : Array.from({ length: 5 }, () => Math.floor(Math.random() * 2 ** 31));
console.info(
  `fidelity: random seeds ${randomSeeds.join(',')} (rerun with VWS_TEST_SEEDS=${randomSeeds.join(',')})`,
);
const seeds = [...fixedSeeds, ...randomSeeds];
const refDates = ['2026-01-15T12:00:00.000Z', '2024-02-29T23:59:59.999Z', '2019-07-01T00:00:00.000Z'];

interface Shape {
  readonly name: EventName;
  readonly version: string | undefined;
  readonly key: string;
}

// Every event in its default shape, and every other wire shape (version) it has.
const shapes: Shape[] = listEvents().flatMap((entry) => [
  { name: entry.name, version: undefined, key: entry.name },
  ...entry.versions.map((version) => ({ name: entry.name, version, key: toSchemaKey(entry.name, version) })),
]);

function payloadsOf({ name, version }: Shape): { seed: number; payload: unknown }[] {
  return seeds.flatMap((seed, index) => {
    const refDate = refDates[index % refDates.length] ?? '2026-01-15T12:00:00.000Z';
    if (version !== undefined) {
      return [
        { seed, payload: generate(name as 'sms.inbound', { seed, refDate, version } as never) as unknown },
      ];
    }
    const options = { seed, refDate };
    const parts = getEvent(name).webhook === 'sms-inbound' ? generateParts(name, options) : [];
    return [generate(name, options), ...parts].map((payload) => ({ seed, payload }));
  });
}

function describeErrors(errors: unknown): string {
  return JSON.stringify(errors, null, 1).slice(0, 2000);
}

const mappingByEvent = new Map<string, OfficialMapping>();
for (const mapping of officialMappings) {
  for (const event of mapping.events) mappingByEvent.set(event, mapping);
}
const specs = hasSpecs ? new OfficialSpecs() : undefined;
if (!hasSpecs) {
  console.warn(
    "NOTICE: ../shared/vonage-specs is absent, so the checks against Vonage's official OpenAPI schemas are skipped; the project's own schemas still run.",
  );
}

describe('fidelity', () => {
  it.each(shapes.map((shape) => [shape.key, shape] as const))(
    '%s matches its own schema, closed to unknown fields, under every seed',
    (_key, shape) => {
      const validate = closedValidator(shape.name, shape.version);
      const open = ownValidator(shape.name, shape.version);
      for (const { seed, payload } of payloadsOf(shape)) {
        if (!validate(payload)) {
          expect.fail(`seed ${seed}: ${describeErrors(validate.errors)}\n${JSON.stringify(payload)}`);
        }
        expect(open(payload)).toBe(true);
      }
    },
  );

  it.each(shapes.map((shape) => shape.key))(
    '%s has an official-schema mapping or a recorded reason for none',
    (key) => {
      const mapping = mappingByEvent.get(key);
      expect(mapping, `add ${key} to test/support/official/`).toBeDefined();
      if (mapping?.file === null) expect(mapping.reason.length).toBeGreaterThan(20);
    },
  );

  const officiallyDefined = shapes.filter((shape) => {
    const mapping = mappingByEvent.get(shape.key);
    return mapping !== undefined && mapping.file !== null;
  });
  it.skipIf(!hasSpecs).each(officiallyDefined.map((shape) => [shape.key, shape] as const))(
    "%s matches Vonage's official schema under every seed",
    (key, shape) => {
      const mapping = mappingByEvent.get(key);
      if (mapping === undefined || mapping.file === null || specs === undefined)
        throw new Error(`no mapping for ${key}`);
      const file = mapping.file;
      const pointers = typeof mapping.pointer === 'string' ? [mapping.pointer] : mapping.pointer;
      const validators = pointers.map((pointer) => ({ pointer, validate: specs.validator(file, pointer) }));
      for (const { seed, payload } of payloadsOf(shape)) {
        const checked = { ...(payload as Record<string, unknown>) };
        for (const field of Object.keys(mapping.omit ?? {})) delete checked[field];
        for (const { pointer, validate } of validators) {
          if (!validate(checked)) {
            expect.fail(
              `seed ${seed} vs ${file}${pointer}: ${describeErrors(validate.errors)}\n${JSON.stringify(payload)}`,
            );
          }
        }
      }
    },
  );
});
