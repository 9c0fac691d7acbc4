// End-user scripts as they are read: the roles, and the steps parseEndUserScript takes (its refusals:
// end-user-script-refusals.test.ts).
import { describe, expect, it } from 'vitest';
import { endUserRoles, parseEndUserScript } from './end-user-script.js';

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
});
