import { base, Faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { isVwsError } from '../../errors.js';
import {
  type EndUserRole,
  type EndUserScript,
  type EndUserStep,
  endUserRoles,
  formatEndUserStep,
  isEndUserScript,
  parseEndUserScript,
} from './end-user-script.js';

const callerSteps = 'Caller steps: press, say, wait, silence, hang up.';
const calleeSteps =
  'Callee steps: answer, busy, no answer, voicemail, reject or fail first, then press, say, wait, silence, hang up.';
const chatSteps = 'Chat steps: read, reply, tap, wait, ignore.';
const verifySteps = 'Verify steps: enter, never, wait.';

/** The message of the error `run` throws, after checking it is a one-line `VWS_ERR_INVALID_OPTION`. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isVwsError(error) && error.code).toBe('VWS_ERR_INVALID_OPTION');
    const { message } = error as Error;
    expect(message).not.toMatch(/[\r\n]/);
    return message;
  }
  throw new Error('expected a VWS_ERR_INVALID_OPTION error, got none');
}

const parseError = (script: unknown, role: EndUserRole = 'caller') =>
  messageOf(() => parseEndUserScript(script as EndUserScript, role));

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

describe('endUserRoles', () => {
  it('lists the four people a script can play, in order', () => {
    expect(endUserRoles).toEqual(['caller', 'callee', 'chat', 'verify']);
  });
});

describe('parseEndUserScript', () => {
  it('reads every caller step when the role is caller', () => {
    expect(parseEndUserScript('press 12#; say "yes please"; wait 3s; silence; hang up', 'caller')).toEqual([
      { kind: 'press', digits: '12#' },
      { kind: 'say', text: 'yes please' },
      { kind: 'wait', ms: 3000 },
      { kind: 'silence' },
      { kind: 'hang_up' },
    ]);
  });

  it('reads keys 0-9, * and # up to 20 of them when the step is press', () => {
    expect(parseEndUserScript('press 0123456789*#; press 11111111111111111111', 'caller')).toEqual([
      { kind: 'press', digits: '0123456789*#' },
      { kind: 'press', digits: '11111111111111111111' },
    ]);
  });

  it('reads each callee pickup when it is the first step', () => {
    const pickups = [
      ['answer', 'answer'],
      ['busy', 'busy'],
      ['no answer', 'no_answer'],
      ['no-answer', 'no_answer'],
      ['voicemail', 'voicemail'],
      ['reject', 'reject'],
      ['fail', 'fail'],
    ] as const;
    for (const [text, kind] of pickups) {
      expect(parseEndUserScript(text, 'callee'), text).toEqual([{ kind }]);
    }
  });

  it('lets caller steps follow answer or voicemail, or stand alone when the callee answers by default', () => {
    expect(parseEndUserScript('answer; press 1; say "hi"; wait 1s; silence; hang up', 'callee')).toEqual([
      { kind: 'answer' },
      { kind: 'press', digits: '1' },
      { kind: 'say', text: 'hi' },
      { kind: 'wait', ms: 1000 },
      { kind: 'silence' },
      { kind: 'hang_up' },
    ]);
    expect(parseEndUserScript('voicemail; wait 10s', 'callee')).toEqual([
      { kind: 'voicemail' },
      { kind: 'wait', ms: 10_000 },
    ]);
    expect(parseEndUserScript('press 2', 'callee')).toEqual([{ kind: 'press', digits: '2' }]);
  });

  it('reads every chat step when the role is chat', () => {
    expect(parseEndUserScript('read; wait 10s; reply "STOP"; tap "brazil"; ignore', 'chat')).toEqual([
      { kind: 'read' },
      { kind: 'wait', ms: 10_000 },
      { kind: 'reply', text: 'STOP' },
      { kind: 'tap', id: 'brazil' },
      { kind: 'ignore' },
    ]);
  });

  it('reads every verify step when the role is verify', () => {
    expect(parseEndUserScript('wait 5s; enter 1234', 'verify')).toEqual([
      { kind: 'wait', ms: 5000 },
      { kind: 'enter', code: '1234' },
    ]);
    expect(parseEndUserScript('enter AbC123xyZ0', 'verify')).toEqual([{ kind: 'enter', code: 'AbC123xyZ0' }]);
    expect(parseEndUserScript('never', 'verify')).toEqual([{ kind: 'never' }]);
  });

  it('reads verbs in any case and ignores whitespace around steps', () => {
    expect(parseEndUserScript('  PRESS 1 ;\tSay "Yes"  ;  Hang Up  ', 'caller')).toEqual([
      { kind: 'press', digits: '1' },
      { kind: 'say', text: 'Yes' },
      { kind: 'hang_up' },
    ]);
    expect(parseEndUserScript('No Answer', 'callee')).toEqual([{ kind: 'no_answer' }]);
  });

  it('reads hang up written as hangup or hang-up, and no answer as no-answer', () => {
    for (const text of ['hang up', 'hangup', 'hang-up', 'HANG  UP']) {
      expect(parseEndUserScript(text, 'caller'), text).toEqual([{ kind: 'hang_up' }]);
    }
    expect(parseEndUserScript('no-answer', 'callee')).toEqual([{ kind: 'no_answer' }]);
  });

  it('returns no steps when the script is empty', () => {
    expect(parseEndUserScript('', 'caller')).toEqual([]);
    expect(parseEndUserScript([], 'chat')).toEqual([]);
    expect(parseEndUserScript(' ; \n ', 'verify')).toEqual([]);
  });

  it('skips empty steps when semicolons or new lines repeat or trail', () => {
    expect(parseEndUserScript('press 1;; \n;press 2;', 'caller')).toEqual([
      { kind: 'press', digits: '1' },
      { kind: 'press', digits: '2' },
    ]);
    expect(parseEndUserScript(['', 'press 1;', ' '], 'caller')).toEqual([{ kind: 'press', digits: '1' }]);
  });

  it('splits at semicolons and at new lines when they are outside quotes', () => {
    expect(parseEndUserScript('press 1\npress 2\r\npress 3\rpress 4;press 5', 'caller')).toEqual(
      ['1', '2', '3', '4', '5'].map((digits) => ({ kind: 'press', digits })),
    );
  });

  it('keeps semicolons and new lines inside quotes as text', () => {
    expect(parseEndUserScript('say "one; two"; say \'three\nfour\'; press 1', 'caller')).toEqual([
      { kind: 'say', text: 'one; two' },
      { kind: 'say', text: 'three\nfour' },
      { kind: 'press', digits: '1' },
    ]);
    expect(parseEndUserScript('reply "a \\" ; b"; read', 'chat')).toEqual([
      { kind: 'reply', text: 'a " ; b' },
      { kind: 'read' },
    ]);
  });

  it('splits each list item when a list item holds several steps', () => {
    expect(parseEndUserScript(['answer', 'press 1; press 2', 'hang up'], 'callee')).toEqual([
      { kind: 'answer' },
      { kind: 'press', digits: '1' },
      { kind: 'press', digits: '2' },
      { kind: 'hang_up' },
    ]);
  });

  it('reads quoted text in double or single quotes with backslash escapes', () => {
    const said = (script: string) => parseEndUserScript(script, 'caller')[0];
    expect(said('say "she said \\"hi\\""')).toEqual({ kind: 'say', text: 'she said "hi"' });
    expect(said("say 'it\\'s'")).toEqual({ kind: 'say', text: "it's" });
    expect(said('say \'say "cheese"\'')).toEqual({ kind: 'say', text: 'say "cheese"' });
    expect(said('say "it\'s"')).toEqual({ kind: 'say', text: "it's" });
    expect(said('say "a\\\\b"')).toEqual({ kind: 'say', text: 'a\\b' });
    expect(said('say "line\\nnext\\ttab"')).toEqual({ kind: 'say', text: 'line\nnext\ttab' });
    expect(said('say "  padded  "')).toEqual({ kind: 'say', text: '  padded  ' });
    expect(said('say"tight"')).toEqual({ kind: 'say', text: 'tight' });
  });

  it('takes the rest of the step as the text when the text is not quoted', () => {
    expect(parseEndUserScript('say yes please', 'caller')).toEqual([{ kind: 'say', text: 'yes please' }]);
    expect(parseEndUserScript("say I'm here; press 1", 'caller')).toEqual([
      { kind: 'say', text: "I'm here" },
      { kind: 'press', digits: '1' },
    ]);
    expect(parseEndUserScript('reply STOP now; tap brazil', 'chat')).toEqual([
      { kind: 'reply', text: 'STOP now' },
      { kind: 'tap', id: 'brazil' },
    ]);
  });

  it('reads a confidence from 0 to 1 when one follows the quoted words', () => {
    for (const [text, confidence] of [
      ['0', 0],
      ['1', 1],
      ['0.6', 0.6],
      ['.5', 0.5],
      ['1.0', 1],
      ['1e-7', 1e-7],
    ] as const) {
      expect(parseEndUserScript(`say "yes" ${text}`, 'caller'), text).toEqual([
        { kind: 'say', text: 'yes', confidence },
      ]);
    }
  });

  it('reads a wait in ms, s, m or h as whole milliseconds', () => {
    const waited = (text: string) => parseEndUserScript(`wait ${text}`, 'caller')[0];
    expect(waited('3s')).toEqual({ kind: 'wait', ms: 3000 });
    expect(waited('500ms')).toEqual({ kind: 'wait', ms: 500 });
    expect(waited('2.5s')).toEqual({ kind: 'wait', ms: 2500 });
    expect(waited('2.3s')).toEqual({ kind: 'wait', ms: 2300 });
    expect(waited('1m')).toEqual({ kind: 'wait', ms: 60_000 });
    expect(waited('2h')).toEqual({ kind: 'wait', ms: 7_200_000 });
    expect(waited('1ms')).toEqual({ kind: 'wait', ms: 1 });
    expect(waited('10 S')).toEqual({ kind: 'wait', ms: 10_000 });
  });

  it('refuses a wait without a unit, under 1ms, over 2h or of a fraction of a millisecond', () => {
    for (const text of [
      'wait 3',
      'wait',
      'wait 0s',
      'wait 0.5ms',
      'wait 2.5ms',
      'wait 121m',
      'wait -1s',
      'wait 3 days',
    ]) {
      expect(parseError(text), text).toBe(
        `Invalid caller step ${JSON.stringify(text)}: wait takes a time from 1ms to 2h with a unit (ms, s, m or h), e.g. "wait 3s", "wait 500ms" or "wait 1m". ${callerSteps}`,
      );
    }
  });

  it('names the keys press takes when press has anything else', () => {
    expect(parseError('press x')).toBe(
      `Invalid caller step "press x": press takes keys 0-9, * and # (up to 20), e.g. "press 12#". ${callerSteps}`,
    );
    for (const text of ['press', 'press 1 2', 'press 111111111111111111111', 'press "1"']) {
      expect(parseError(text), text).toContain('press takes keys 0-9, * and # (up to 20)');
    }
  });

  it('refuses a say with no words, an unclosed quote, or something other than a confidence after the words', () => {
    const usage =
      'say takes the words, best in quotes, and an optional confidence from 0 to 1, e.g. "say \\"yes please\\"" or "say \\"yes\\" 0.6".';
    expect(parseError('say')).toBe(`Invalid caller step "say": ${usage} ${callerSteps}`);
    expect(parseError('say ""')).toBe(`Invalid caller step "say \\"\\"": ${usage} ${callerSteps}`);
    expect(parseError("say '  '")).toBe(`Invalid caller step "say '  '": ${usage} ${callerSteps}`);
    expect(parseError('say "yes')).toBe(
      `Invalid caller step "say \\"yes": the closing quote is missing; ${usage} ${callerSteps}`,
    );
    expect(parseError('say "yes" please')).toBe(
      `Invalid caller step "say \\"yes\\" please": ${usage} ${callerSteps}`,
    );
    for (const confidence of ['1.5', '-0.1', 'high', '0.6 0.7', 'NaN', 'Infinity']) {
      expect(parseError(`say "yes" ${confidence}`), confidence).toContain(usage);
    }
  });

  it('escapes a new line inside an unclosed quote so the message stays on one line', () => {
    expect(parseError('say "one\ntwo')).toBe(
      `Invalid caller step "say \\"one\\ntwo": the closing quote is missing; say takes the words, best in quotes, and an optional confidence from 0 to 1, e.g. "say \\"yes please\\"" or "say \\"yes\\" 0.6". ${callerSteps}`,
    );
  });

  it('refuses a reply or tap with no text or with text after the quotes', () => {
    expect(parseError('reply ""', 'chat')).toBe(
      `Invalid chat step "reply \\"\\"": reply takes the text, best in quotes, e.g. "reply \\"STOP\\"". ${chatSteps}`,
    );
    expect(parseError('reply "STOP" now', 'chat')).toContain('reply takes the text, best in quotes');
    expect(parseError('tap', 'chat')).toBe(
      `Invalid chat step "tap": tap takes the id of the suggestion or button, best in quotes, e.g. "tap \\"brazil\\"". ${chatSteps}`,
    );
    expect(parseError("tap 'brazil' 2", 'chat')).toContain('tap takes the id of the suggestion or button');
  });

  it('refuses a code that is not 4 to 10 letters or digits when the step is enter', () => {
    for (const text of ['enter', 'enter 123', 'enter 12345678901', 'enter 12-34', 'enter 1234 5678']) {
      expect(parseError(text, 'verify'), text).toBe(
        `Invalid verify step ${JSON.stringify(text)}: enter takes a code of 4 to 10 letters or digits, e.g. "enter 1234". ${verifySteps}`,
      );
    }
  });

  it('refuses anything after a step that takes nothing', () => {
    expect(parseError('silence 3s')).toBe(
      `Invalid caller step "silence 3s": silence takes nothing after it, e.g. "silence". ${callerSteps}`,
    );
    expect(parseError('hang up now')).toBe(
      `Invalid caller step "hang up now": hang up takes nothing after it, e.g. "hang up". ${callerSteps}`,
    );
    expect(parseError('no answer 30s', 'callee')).toBe(
      `Invalid callee step "no answer 30s": no answer takes nothing after it, e.g. "no answer". ${calleeSteps}`,
    );
    expect(parseError('read it', 'chat')).toContain('read takes nothing after it, e.g. "read".');
    expect(parseError('never ever', 'verify')).toContain('never takes nothing after it, e.g. "never".');
  });

  it('suggests the closest verb when the verb is unknown', () => {
    expect(parseError('prss 1')).toBe(
      `Invalid caller step "prss 1": "prss" is not a caller step. Did you mean "press"? ${callerSteps}`,
    );
    expect(parseError('press1')).toBe(
      `Invalid caller step "press1": "press1" is not a caller step. Did you mean "press"? ${callerSteps}`,
    );
    expect(parseError('Hang', 'callee')).toBe(
      `Invalid callee step "Hang": "hang" is not a callee step. Did you mean "hang up"? ${calleeSteps}`,
    );
    expect(parseError('raed', 'chat')).toBe(
      `Invalid chat step "raed": "raed" is not a chat step. Did you mean "read"? ${chatSteps}`,
    );
    expect(parseError('entr 1234', 'verify')).toBe(
      `Invalid verify step "entr 1234": "entr" is not a verify step. Did you mean "enter"? ${verifySteps}`,
    );
  });

  it('lists the valid steps without a guess when no verb is close', () => {
    expect(parseError('dance')).toBe(
      `Invalid caller step "dance": "dance" is not a caller step. ${callerSteps}`,
    );
  });

  it('says which role a verb belongs to when the step is for another role', () => {
    expect(parseError('answer')).toBe(
      `Invalid caller step "answer": answer is a callee step, not a caller step. ${callerSteps}`,
    );
    expect(parseError('press 1', 'chat')).toBe(
      `Invalid chat step "press 1": press is a caller or callee step, not a chat step. ${chatSteps}`,
    );
    expect(parseError('enter 1234', 'chat')).toContain('enter is a verify step, not a chat step.');
    expect(parseError('reply "hi"', 'verify')).toContain('reply is a chat step, not a verify step.');
  });

  it('asks for a verb first when a step starts with a quote', () => {
    expect(parseError('"press 1"')).toBe(
      `Invalid caller step "\\"press 1\\"": a step starts with what the person does, not a quote, e.g. "press 1; say \\"yes\\"". ${callerSteps}`,
    );
  });

  it('refuses a step after hang up', () => {
    expect(parseError('press 1; hang up; press 1')).toBe(
      'Caller step "press 1" comes after "hang up": nothing happens after the caller hangs up; remove it.',
    );
    expect(parseError(['answer', 'hangup', 'say "bye"'], 'callee')).toBe(
      'Callee step "say \\"bye\\"" comes after "hang up": nothing happens after the callee hangs up; remove it.',
    );
  });

  it('refuses a step after a callee pickup that ends the call', () => {
    for (const [text, verb] of [
      ['busy', 'busy'],
      ['no-answer', 'no answer'],
      ['reject', 'reject'],
      ['fail', 'fail'],
    ] as const) {
      expect(parseError(`${text}; press 1`, 'callee'), text).toBe(
        `Callee step "press 1" comes after "${verb}": the call ends there without being answered; remove it, or start with "answer" instead.`,
      );
    }
  });

  it('refuses a step after ignore or never', () => {
    expect(parseError('read; ignore; reply "hi"', 'chat')).toBe(
      'Chat step "reply \\"hi\\"" comes after "ignore": nothing happens after the recipient ignores the message; remove it.',
    );
    expect(parseError('never; enter 1234', 'verify')).toBe(
      'Verify step "enter 1234" comes after "never": nothing happens after the user never enters a code; remove it.',
    );
  });

  it('refuses a callee pickup when it is not the first step', () => {
    for (const script of ['press 1; busy', 'answer; answer', 'wait 2s; voicemail']) {
      const step = script.split('; ')[1] ?? '';
      expect(parseError(script, 'callee'), script).toBe(
        `Invalid callee step "${step}": answer, busy, no answer, voicemail, reject and fail say how the callee picks up, so only the first step can be one; move it to the start. ${calleeSteps}`,
      );
    }
  });

  it('refuses a script that is neither a string nor a list of strings', () => {
    for (const script of [1, null, undefined, { press: 1 }, ['press 1', 2]]) {
      expect(parseError(script), JSON.stringify(script)).toBe(
        'Invalid caller script: give steps as a string ("press 1; say \\"yes\\"") or a list of strings.',
      );
    }
    expect(parseError(7, 'chat')).toBe(
      'Invalid chat script: give steps as a string ("read; reply \\"STOP\\"") or a list of strings.',
    );
    expect(parseError(7, 'callee')).toContain(
      'Invalid callee script: give steps as a string ("answer; press 1")',
    );
    expect(parseError(7, 'verify')).toContain(
      'Invalid verify script: give steps as a string ("wait 5s; enter 1234")',
    );
  });

  it('refuses a role it does not know', () => {
    expect(parseError('press 1', 'agent' as EndUserRole)).toBe(
      'Unknown end-user role "agent": use caller, callee, chat or verify.',
    );
  });
});

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
