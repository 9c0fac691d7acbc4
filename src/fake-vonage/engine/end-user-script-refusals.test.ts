// End-user scripts parseEndUserScript refuses, each with its one-line VWS_ERR_INVALID_OPTION message.
import { describe, expect, it } from 'vitest';
import { isVwsError } from '../../errors.js';
import { type EndUserRole, type EndUserScript, parseEndUserScript } from './end-user-script.js';

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

describe('parseEndUserScript', () => {
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
