import { describe, expect, it } from 'vitest';
import { TALK_COMMA_MS, TALK_WORD_MS, toSayingMs, toSpeakingMs } from './voice-timing.js';

describe('toSpeakingMs', () => {
  it('gives each word 0.4 s and each comma 0.3 s (reference run-time.md#tts-duration)', () => {
    expect(toSpeakingMs('Welcome to Acme')).toBe(3 * TALK_WORD_MS);
    expect(toSpeakingMs('Hello, world')).toBe(2 * TALK_WORD_MS + TALK_COMMA_MS);
  });

  it('counts SSML breaks by their time and ignores the markup', () => {
    expect(toSpeakingMs('<speak>Hi <break time="1.5s"/> there</speak>')).toBe(2 * TALK_WORD_MS + 1_500);
    expect(toSpeakingMs('<speak>Hi<break time="250ms"/></speak>')).toBe(TALK_WORD_MS + 250);
    expect(toSpeakingMs('<speak>Hi<break strength="strong"/></speak>')).toBe(TALK_WORD_MS + 500);
  });

  it('gives an empty text one word, so that a talk always takes some time', () => {
    expect(toSpeakingMs('')).toBe(TALK_WORD_MS);
  });
});

describe('toSayingMs', () => {
  it('gives each spoken word 0.35 s', () => {
    expect(toSayingMs('book a table')).toBe(3 * 350);
  });
});
