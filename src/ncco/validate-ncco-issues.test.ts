// validateNcco on single NCCOs: every issue in order, warnings (unknown and legacy keys, clamped and
// SDK-only values, cross-action rules), strict mode, options; and formatNccoIssues.
import { describe, expect, it } from 'vitest';
import { hook, ours, phone } from '../../test/support/ncco-corpus.js';
import { formatNccoIssues, validateNcco } from './validate-ncco.js';

describe('validateNcco', () => {
  it('returns every issue of an NCCO in document order (actions, then their keys), not only the first', () => {
    const result = validateNcco([
      { action: 'talk' },
      { action: 'record', eventUrl: 'https://example.com/r', format: 'flac' },
      { action: 'connect', endpoint: [{ type: 'websocket', uri: 'http://x' }] },
    ]);
    expect(result.issues.map((issue) => issue.path)).toEqual([
      '$[0].text',
      '$[1].eventUrl',
      '$[1].format',
      '$[2].endpoint[0].uri',
    ]);
  });

  it('warns about an unknown key with the closest known key, and keeps the NCCO valid', () => {
    const result = validateNcco([{ action: 'record', eventURL: [hook] }]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      {
        path: '$[0].eventURL',
        reason: 'eventURL is not an option here and Vonage ignores it; did you mean "eventUrl"?',
      },
    ]);
  });

  it('reports warnings as issues in strict mode', () => {
    const result = validateNcco([{ action: 'talk', text: 'Hi', eventUrl: [hook] }], { strict: true });
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      { path: '$[0].eventUrl', reason: expect.stringContaining('Vonage ignores it') },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('warns about legacy keys with what replaced them', () => {
    const result = validateNcco([
      { action: 'talk', text: 'Hi', voiceName: 'Kimberly' },
      { action: 'input', type: ['dtmf'], maxDigits: 4 },
    ]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$[0].voiceName', reason: expect.stringContaining('with language and style') },
      { path: '$[1].maxDigits', reason: expect.stringContaining('belongs inside dtmf') },
    ]);
  });

  it('warns when a wait timeout is outside 0.1-7200, which Vonage clamps', () => {
    const result = validateNcco([{ action: 'wait', timeout: 9000 }]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$[0].timeout', reason: expect.stringContaining('clamps it to 7200') },
    ]);
  });

  it('warns about values only an official SDK accepts: string level, + in a number, looser ranges', () => {
    const result = validateNcco([
      { action: 'talk', text: 'Hi', level: '0.5' },
      { action: 'connect', from: '+447700900000', endpoint: [phone] },
      { action: 'input', type: ['dtmf', 'speech'], dtmf: { maxDigits: 22 }, speech: { startTimeout: 30 } },
    ]);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((warning) => warning.path)).toEqual([
      '$[0].level',
      '$[1].from',
      '$[2].dtmf.maxDigits',
      '$[2].speech.startTimeout',
    ]);
    expect(ours([{ action: 'talk', text: 'Hi', level: '0.5' }])).toBe(true);
  });

  it('warns about the other spellings of ringbackTone and advanced machine detection', () => {
    const result = validateNcco([
      {
        action: 'connect',
        ringbackTone: ['https://example.com/ring.mp3'],
        advancedMachineDetection: { behavior: 'continue' },
        advanced_machine_detection: { behavior: 'continue' },
        endpoint: [phone],
      },
    ]);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((warning) => warning.path)).toEqual([
      '$[0].ringbackTone',
      '$[0].advanced_machine_detection',
    ]);
  });

  it('rejects a level string that is not a number from -1 to 1', () => {
    const result = validateNcco([{ action: 'talk', text: 'Hi', level: 'loud' }]);
    expect(result.issues).toEqual([
      { path: '$[0].level', reason: 'level must be a number from -1 to 1, got a string' },
    ]);
    expect(ours([{ action: 'talk', text: 'Hi', level: 'loud' }])).toBe(false);
  });

  it('warns when a bargeIn is followed by another action before its input', () => {
    const result = validateNcco([
      { action: 'talk', text: 'Press 1', bargeIn: true },
      { action: 'record' },
      { action: 'input', type: ['dtmf'] },
    ]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$[0].bargeIn', reason: expect.stringContaining('the record at $[1]') },
    ]);
  });

  it('warns when input settings are given for a type it does not collect', () => {
    const result = validateNcco([{ action: 'input', type: ['speech'], dtmf: { maxDigits: 2 } }]);
    expect(result.warnings).toEqual([
      { path: '$[0].dtmf', reason: expect.stringContaining('type does not include "dtmf"') },
    ]);
  });

  it('accepts transfer with the Java SDK spelling conversationId, with a warning', () => {
    const result = validateNcco([{ action: 'transfer', conversationId: 'CON-1' }]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toEqual([
      { path: '$[0].conversationId', reason: expect.stringContaining('conversation_id') },
    ]);
  });

  it('accepts both spellings of advanced machine detection', () => {
    const snake = validateNcco([
      {
        action: 'connect',
        advanced_machine_detection: { behavior: 'hangup', mode: 'detect' },
        endpoint: [phone],
      },
    ]);
    expect(snake).toEqual({ valid: true, issues: [], warnings: [] });
  });

  it('checks a pay action when allowPay is set', () => {
    const pay = [{ action: 'pay', amount: -1, currency: 'usd', eventUrl: [hook] }];
    expect(validateNcco(pay, { allowPay: true }).issues).toEqual([
      { path: '$[0].amount', reason: 'amount must be a number of at least 0.01, got -1' },
    ]);
    expect(validateNcco([{ action: 'pay', amount: 5 }], { allowPay: true }).valid).toBe(true);
  });

  it('ignores keys whose value is undefined, as JSON.stringify would drop them', () => {
    expect(validateNcco([{ action: 'talk', text: 'Hi', bargeIn: undefined }]).valid).toBe(true);
  });
});

describe('formatNccoIssues', () => {
  it('prints one indented line per issue with its path', () => {
    const result = validateNcco([{ action: 'talk' }, { action: 'stream' }]);
    expect(formatNccoIssues(result.issues)).toBe(
      '  $[0].text: text is required: a string of up to 1500 characters (SSML tags not counted)\n' +
        '  $[1].streamUrl: streamUrl is required: an array of one URL',
    );
  });
});
