/**
 * Times the fake gives what Vonage does not publish (docs/decisions/107; reference
 * run-time.md#tts-duration): speech at about 150 words a minute, and the person's pace.
 */

/** Milliseconds a text-to-speech word takes (≈ 150 words a minute). */
export const TALK_WORD_MS = 400;
/** Extra pause for a comma. */
export const TALK_COMMA_MS = 300;
/** One play of a `stream` file: its length is unknown offline. */
export const STREAM_LOOP_MS = 5_000;
/** How long after a prompt ends the person starts to answer. */
export const REACTION_MS = 1_000;
/** How long into a barge-in prompt the person cuts in. */
export const BARGE_IN_AFTER_MS = 1_000;
/** Between two keys of one `press`. */
export const KEY_GAP_MS = 250;
/** One spoken word of a `say`. */
export const SAY_WORD_MS = 350;

/** Milliseconds of an SSML `time` value (`500ms`, `1s`, `1.5s`). */
function breakMs(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$/i.exec(value);
  if (match === null) return 0;
  const amount = Number(match[1]);
  return match[2]?.toLowerCase() === 's' ? amount * 1000 : amount;
}

/**
 * How long Vonage speaks `text` once: each word, each comma, and each SSML `<break time="…"/>`
 * (strength-only breaks count 500 ms).
 */
export function toSpeakingMs(text: string): number {
  let pauses = 0;
  const spoken = text.replace(/<break\b([^>]*)\/?>/gi, (_whole, attributes: string) => {
    const time = /time\s*=\s*["']([^"']+)["']/i.exec(attributes)?.[1];
    pauses += time === undefined ? 500 : breakMs(time);
    return ' ';
  });
  const plain = spoken.replace(/<[^>]+>/g, ' ');
  const words = plain.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  const commas = (plain.match(/,/g) ?? []).length;
  return Math.max(1, words) * TALK_WORD_MS + commas * TALK_COMMA_MS + pauses;
}

/** Milliseconds a person takes to say `text`. */
export function toSayingMs(text: string): number {
  return Math.max(1, text.split(/\s+/).filter((word) => word !== '').length) * SAY_WORD_MS;
}
