// Issue 12, forms of real traffic (docs/decisions/112-forms-of-real-traffic.md): the `forms` option of
// generate and generateParts, listForms, and every form of every event against its closed schema.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type EventName,
  eventNames,
  generate,
  generateParts,
  getEvent,
  isVwsError,
  listEvents,
  listForms,
} from 'vonage-webhook-simulator';
import { FIXTURE_REF_DATE, FIXTURE_SEED } from '../src/generate/generated-files.js';
import { closedValidator } from './support/own-schemas.js';

const loose = generate as (name: string, options?: Record<string, unknown>) => Record<string, unknown>;
const looseParts = generateParts as (name: string, options?: Record<string, unknown>) => unknown[];
const withGroups = eventNames.filter((name) => listForms(name).length > 0);
const everyForm = eventNames.flatMap((name) =>
  listForms(name).flatMap((group) =>
    group.forms.map((form) => ({ name, group: group.group, form: form.name })),
  ),
);

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isVwsError(error)) return `${error.code} ${error.message}`;
    throw error;
  }
  throw new Error('expected a VwsError');
}

describe('forms option (issue 12)', () => {
  it("'documented' is the payload as before, byte for byte, for every event (the committed fixtures)", () => {
    const differing: string[] = [];
    for (const name of eventNames) {
      const committed = readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8');
      const options = { seed: FIXTURE_SEED, refDate: FIXTURE_REF_DATE };
      const documented = `${JSON.stringify(loose(name, { ...options, forms: 'documented' }), null, 2)}\n`;
      if (documented !== committed) differing.push(name);
      expect(JSON.stringify(loose(name, { ...options, forms: {} })), name).toBe(
        JSON.stringify(loose(name, options)),
      );
    }
    expect(differing).toEqual([]);
  });

  it('every form of every event is deterministic: same seed and forms give the same bytes', () => {
    for (const { name, group, form } of everyForm) {
      const options = { seed: 7, refDate: '2025-03-04T05:06:07.891Z', forms: { [group]: form } };
      expect(JSON.stringify(loose(name, options)), `${name} ${group}=${form}`).toBe(
        JSON.stringify(loose(name, options)),
      );
    }
    for (const name of withGroups) {
      expect(JSON.stringify(loose(name, { seed: 9, forms: 'any' }))).toBe(
        JSON.stringify(loose(name, { seed: 9, forms: 'any' })),
      );
    }
  });

  it("'any' draws each group's form by the seed: every form appears, each exactly as its named form", () => {
    for (const name of withGroups) {
      const groups = listForms(name);
      const combos = groups.reduce<Record<string, string>[]>(
        (partial, group) =>
          partial.flatMap((combo) => group.forms.map((form) => ({ ...combo, [group.group]: form.name }))),
        [{}],
      );
      const seen = new Set<string>();
      for (let seed = 0; seed < 40; seed++) {
        const drawn = JSON.stringify(loose(name, { seed, forms: 'any' }));
        // Forms that coincide on this payload (no username to drop) all match.
        const matching = combos.filter(
          (named) => JSON.stringify(loose(name, { seed, forms: named })) === drawn,
        );
        expect(
          matching.length,
          `${name} seed ${seed}: 'any' is no combination of named forms`,
        ).toBeGreaterThan(0);
        for (const [group, form] of matching.flatMap((combo) => Object.entries(combo)))
          seen.add(`${group}=${form}`);
      }
      const every = groups.flatMap((group) => group.forms.map((form) => `${group.group}=${form.name}`));
      expect([...seen].sort(), name).toEqual(every.sort());
    }
  });

  it('applies forms after the build and before the overrides, to every part', () => {
    const name = 'messages.status.read.whatsapp';
    const seconds = loose(name, { seed: 3, forms: { timestamp: 'seconds' } });
    expect(seconds.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect({ ...seconds, timestamp: undefined }).toEqual({
      ...loose(name, { seed: 3 }),
      timestamp: undefined,
    });
    const overridden = loose(name, {
      seed: 3,
      forms: { timestamp: 'seconds' },
      overrides: { timestamp: 'x' },
    });
    expect(overridden.timestamp).toBe('x');
    const parts = looseParts('messages.inbound.sms.text', { seed: 3, forms: { timestamp: 'seconds' } });
    expect(parts.map((part) => (part as { timestamp: string }).timestamp.endsWith('.000Z'))).toEqual([false]);
  });

  it('refuses a wrong group, form or value in one line that lists the forms of the event', () => {
    expect(errorOf(() => loose('messages.status.read.whatsapp', { forms: { nope: 'x' } }))).toBe(
      'VWS_ERR_INVALID_OPTION messages.status.read.whatsapp has no form group "nope": its groups are timestamp (milliseconds, seconds).',
    );
    expect(errorOf(() => loose('messages.status.read', { forms: { timestamp: 'nanos' } }))).toBe(
      'VWS_ERR_INVALID_OPTION messages.status.read.whatsapp has no form "nanos" in group "timestamp": its groups are timestamp (milliseconds, seconds).',
    );
    expect(errorOf(() => loose('rtc.member.joined', { forms: { timestamp: 'seconds' } }))).toBe(
      'VWS_ERR_INVALID_OPTION rtc.member.joined has no form group "timestamp": rtc.member.joined has no form groups.',
    );
    expect(errorOf(() => loose('messages.status.read', { forms: 'every' }))).toMatch(
      /^VWS_ERR_INVALID_OPTION Invalid forms "every": use "documented", "any" or an object/,
    );
    expect(errorOf(() => looseParts('messages.status.read', { forms: ['seconds'] }))).toMatch(
      /Invalid forms an array/,
    );
    for (const message of [errorOf(() => loose('messages.status.read', { forms: 42 }))]) {
      expect(message).not.toContain('\n');
    }
  });

  it('applies forms to the default shape only: a named form with another version is refused', () => {
    expect(
      errorOf(() => loose('messages.status.read', { version: 'v0.1', forms: { timestamp: 'seconds' } })),
    ).toBe(
      'VWS_ERR_INVALID_OPTION Forms apply to the default shape of messages.status.read.whatsapp only: drop the forms or the version "v0.1".',
    );
    const legacy = JSON.stringify(loose('messages.status.read', { version: 'v0.1', seed: 2 }));
    expect(JSON.stringify(loose('messages.status.read', { version: 'v0.1', seed: 2, forms: 'any' }))).toBe(
      legacy,
    );
    expect(
      JSON.stringify(
        loose('messages.status.read', { version: 'v1', seed: 2, forms: { timestamp: 'seconds' } }),
      ),
    ).toBe(JSON.stringify(loose('messages.status.read', { seed: 2, forms: { timestamp: 'seconds' } })));
  });

  it('listForms lists groups with forms, descriptions and sources; the catalog entry carries them', () => {
    expect(listForms('messages.status.read')).toBe(listForms('messages.status.read.whatsapp'));
    expect(listForms('rtc.member.joined')).toEqual([]);
    expect(errorOf(() => listForms('messages.stat'))).toMatch(
      /^VWS_ERR_UNKNOWN_EVENT Unknown event "messages.stat"/,
    );
    for (const name of withGroups) {
      for (const group of listForms(name)) {
        expect(
          group.forms.map((form) => form.name),
          name,
        ).toContain(group.documented);
        for (const form of group.forms) {
          expect(form.source.length, `${name} ${group.group}=${form.name} has a source`).toBeGreaterThan(20);
          expect(form.description.length).toBeGreaterThan(10);
        }
      }
      expect(getEvent(name).forms).toBe(listForms(name));
    }
    expect(listEvents().every((entry) => entry.forms === listForms(entry.name))).toBe(true);
  });

  it('every form of every event matches its closed schema under several seeds', () => {
    for (const { name, group, form } of everyForm) {
      const validate = closedValidator(name as EventName);
      for (const seed of [1, 2, 3, 11, 20200101]) {
        const options = { seed, refDate: '2025-03-04T05:06:07.891Z', forms: { [group]: form } };
        const payloads =
          getEvent(name).webhook === 'sms-inbound'
            ? [loose(name, options), ...looseParts(name, options)]
            : [loose(name, options)];
        for (const payload of payloads) {
          if (!validate(payload)) {
            expect.fail(
              `${name} ${group}=${form} seed ${seed}: ${JSON.stringify(validate.errors).slice(0, 800)}`,
            );
          }
        }
      }
    }
    expect(everyForm.length).toBeGreaterThan(eventNames.length);
  });
});
