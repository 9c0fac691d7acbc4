import { describe, expect, it } from 'vitest';
import { toSmsParts } from '../fixtures/messages/pricing.js';
import { splitSmsText, toSmsEncoding } from './sms-segments.js';

describe('splitSmsText', () => {
  it.each([
    ['160 GSM-7', 'a'.repeat(160), 1],
    ['161 GSM-7', 'a'.repeat(161), 2],
    ['306 GSM-7', 'a'.repeat(306), 2],
    ['307 GSM-7', 'a'.repeat(307), 3],
    ['210 GSM-7 accented', 'é'.repeat(210), 2],
    ['70 UCS-2', 'ж'.repeat(70), 1],
    ['71 UCS-2', 'ж'.repeat(71), 2],
    ['134 UCS-2', 'ж'.repeat(134), 2],
    ['135 UCS-2', 'ж'.repeat(135), 3],
  ])('splits %s characters into the parts toSmsParts counts', (_label, text, parts) => {
    expect(splitSmsText(text)).toHaveLength(parts);
    expect(toSmsParts(text)).toBe(parts);
    expect(splitSmsText(text).join('')).toBe(text);
  });

  it('counts GSM extension characters as two septets and never cuts one', () => {
    expect(splitSmsText('€'.repeat(80))).toHaveLength(1);
    const parts = splitSmsText(`a${'€'.repeat(100)}`);
    // 153 septets hold the "a" and 76 euro signs (153 septets); the rest go to part two.
    expect(parts.map((part) => part.length)).toEqual([77, 24]);
  });

  it('never cuts a surrogate pair of a UCS-2 text', () => {
    const text = `a${'😊'.repeat(40)}`;
    const parts = splitSmsText(text);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(67);
    expect(parts[0]).toBe(`a${'😊'.repeat(33)}`);
  });
});

describe('toSmsEncoding', () => {
  it('tells GSM-7 texts from texts that need UCS-2', () => {
    expect(toSmsEncoding('Hello [world] {€}')).toBe('text');
    expect(toSmsEncoding('Grüße')).toBe('text');
    expect(toSmsEncoding('Zażółć')).toBe('unicode');
    expect(toSmsEncoding('ok 👍')).toBe('unicode');
  });
});
