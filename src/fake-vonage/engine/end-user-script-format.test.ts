// End-user steps written back as text (formatEndUserStep, with seeded round-trip properties), and
// isEndUserScript.
import { base, Faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import {
  type EndUserRole,
  type EndUserStep,
  endUserRoles,
  formatEndUserStep,
  isEndUserScript,
  parseEndUserScript,
} from './end-user-script.js';

/** One step of each kind, with the role that may take it. */
const oneOfEachKind: readonly (readonly [EndUserStep, EndUserRole, string])[] = [
  [{ kind: 'press', digits: '12#' }, 'caller', 'press 12#'],
  [{ kind: 'say', text: 'yes please' }, 'caller', 'say "yes please"'],
  [{ kind: 'say', text: 'yes', confidence: 0.6 }, 'caller', 'say "yes" 0.6'],
  [{ kind: 'wait', ms: 3000 }, 'caller', 'wait 3s'],
  [{ kind: 'wait', ms: 1500 }, 'caller', 'wait 1500ms'],
  [{ kind: 'silence' }, 'caller', 'silence'],
  [{ kind: 'hang_up' }, 'caller', 'hang up'],
  [{ kind: 'answer' }, 'callee', 'answer'],
  [{ kind: 'busy' }, 'callee', 'busy'],
  [{ kind: 'no_answer' }, 'callee', 'no answer'],
  [{ kind: 'voicemail' }, 'callee', 'voicemail'],
  [{ kind: 'reject' }, 'callee', 'reject'],
  [{ kind: 'fail' }, 'callee', 'fail'],
  [{ kind: 'read' }, 'chat', 'read'],
  [{ kind: 'reply', text: 'STOP' }, 'chat', 'reply "STOP"'],
  [{ kind: 'tap', id: 'brazil' }, 'chat', 'tap "brazil"'],
  [{ kind: 'ignore' }, 'chat', 'ignore'],
  [{ kind: 'enter', code: '1234' }, 'verify', 'enter 1234'],
  [{ kind: 'never' }, 'verify', 'never'],
];

describe('formatEndUserStep', () => {
  it('writes the canonical text of each step kind', () => {
    for (const [step, , text] of oneOfEachKind) {
      expect(formatEndUserStep(step)).toBe(text);
    }
  });

  it('writes waits in seconds when whole and in milliseconds otherwise', () => {
    expect(formatEndUserStep({ kind: 'wait', ms: 60_000 })).toBe('wait 60s');
    expect(formatEndUserStep({ kind: 'wait', ms: 7_200_000 })).toBe('wait 7200s');
    expect(formatEndUserStep({ kind: 'wait', ms: 1 })).toBe('wait 1ms');
    expect(formatEndUserStep({ kind: 'wait', ms: 2500 })).toBe('wait 2500ms');
  });

  it('escapes quotes, backslashes, new lines and tabs so the text stays on one line', () => {
    expect(formatEndUserStep({ kind: 'say', text: 'she said "hi"\\\n\r\tok' })).toBe(
      'say "she said \\"hi\\"\\\\\\n\\r\\tok"',
    );
    expect(formatEndUserStep({ kind: 'reply', text: 'a;\nb' })).not.toMatch(/[\r\n]/);
  });

  it('reads back as the same step when parsed for its role', () => {
    for (const [step, role] of oneOfEachKind) {
      expect(parseEndUserScript(formatEndUserStep(step), role)).toEqual([step]);
    }
  });

  it('reads back as the same step for any generated step (seeded property)', () => {
    for (const seed of [1, 2, 3, 42, 2024]) {
      const faker = new Faker({ locale: [base], seed });
      for (let run = 0; run < 300; run++) {
        const [step, role] = generateStep(faker);
        const text = formatEndUserStep(step);
        expect(parseEndUserScript(text, role), `seed ${seed}, run ${run}: ${text}`).toEqual([step]);
      }
    }
  });

  it('reads back as the same steps when generated steps are joined into one script (seeded property)', () => {
    for (const seed of [7, 8, 9]) {
      const faker = new Faker({ locale: [base], seed });
      for (let run = 0; run < 50; run++) {
        const steps = Array.from({ length: faker.number.int({ min: 1, max: 8 }) }, () =>
          generateCallerStep(faker),
        );
        const separator = faker.helpers.arrayElement(['; ', ';', '\n', '\r\n', ' ;\n ']);
        const script = steps.map(formatEndUserStep).join(separator);
        expect(parseEndUserScript(script, 'caller'), `seed ${seed}, run ${run}: ${script}`).toEqual(steps);
        expect(parseEndUserScript(steps.map(formatEndUserStep), 'caller')).toEqual(steps);
      }
    }
  });
});

describe('isEndUserScript', () => {
  it('accepts a string or a list of strings', () => {
    expect(isEndUserScript('press 1')).toBe(true);
    expect(isEndUserScript('')).toBe(true);
    expect(isEndUserScript([])).toBe(true);
    expect(isEndUserScript(['answer', 'press 1; hang up'])).toBe(true);
  });

  it('accepts the shape without reading the steps', () => {
    expect(isEndUserScript('dance')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of [1, null, undefined, { press: 1 }, ['press 1', 2], [null], true]) {
      expect(isEndUserScript(value), JSON.stringify(value)).toBe(false);
    }
  });
});

// Characters that stress quoting and splitting: quotes, escapes, separators, whitespace, non-ASCII.
const textChars = ['a', 'Z', '0', ' ', '"', "'", '\\', ';', '\n', '\r', '\t', '#', 'é', '日', '😀', 'n', 't'];

function generateText(faker: Faker): string {
  const text = Array.from({ length: faker.number.int({ min: 1, max: 16 }) }, () =>
    faker.helpers.arrayElement(textChars),
  ).join('');
  // Words must have something in them besides whitespace.
  return text.trim() === '' ? `${text}x` : text;
}

function generateWaitMs(faker: Faker): number {
  return faker.datatype.boolean()
    ? faker.number.int({ min: 1, max: 7200 }) * 1000
    : faker.number.int({ min: 1, max: 7_200_000 });
}

function generateCallerStep(faker: Faker): EndUserStep {
  switch (faker.helpers.arrayElement(['press', 'say', 'wait', 'silence'] as const)) {
    case 'press':
      return { kind: 'press', digits: faker.string.fromCharacters('0123456789*#', { min: 1, max: 20 }) };
    case 'say': {
      const text = generateText(faker);
      if (faker.datatype.boolean()) return { kind: 'say', text };
      const confidence = faker.helpers.arrayElement([0, 1, 1e-7, faker.number.float({ min: 0, max: 1 })]);
      return { kind: 'say', text, confidence };
    }
    case 'wait':
      return { kind: 'wait', ms: generateWaitMs(faker) };
    default:
      return { kind: 'silence' };
  }
}

function generateStep(faker: Faker): readonly [EndUserStep, EndUserRole] {
  const role = faker.helpers.arrayElement(endUserRoles);
  switch (role) {
    case 'caller':
      return [
        faker.datatype.boolean({ probability: 0.1 }) ? { kind: 'hang_up' } : generateCallerStep(faker),
        role,
      ];
    case 'callee':
      return [
        {
          kind: faker.helpers.arrayElement([
            'answer',
            'busy',
            'no_answer',
            'voicemail',
            'reject',
            'fail',
          ] as const),
        },
        role,
      ];
    case 'chat':
      switch (faker.helpers.arrayElement(['read', 'reply', 'tap', 'wait', 'ignore'] as const)) {
        case 'reply':
          return [{ kind: 'reply', text: generateText(faker) }, role];
        case 'tap':
          return [{ kind: 'tap', id: generateText(faker) }, role];
        case 'wait':
          return [{ kind: 'wait', ms: generateWaitMs(faker) }, role];
        case 'read':
          return [{ kind: 'read' }, role];
        default:
          return [{ kind: 'ignore' }, role];
      }
    default:
      switch (faker.helpers.arrayElement(['enter', 'never', 'wait'] as const)) {
        case 'enter':
          return [{ kind: 'enter', code: faker.string.alphanumeric({ length: { min: 4, max: 10 } }) }, role];
        case 'wait':
          return [{ kind: 'wait', ms: generateWaitMs(faker) }, role];
        default:
          return [{ kind: 'never' }, role];
      }
  }
}
