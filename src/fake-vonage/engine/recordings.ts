import { VwsError } from '../../errors.js';
import { createRandomizer } from '../../internal/prng.js';
import { createUuidStream } from '../account/id-source.js';
import type { FakeState, StoredFile } from '../account/state.js';

/** The `format` values of the NCCO `record` action (reference ncco.md, `record` row). */
export const recordingFormats = ['mp3', 'wav', 'ogg'] as const;
/** One of {@link recordingFormats}. */
export type RecordingFormat = (typeof recordingFormats)[number];

/**
 * The longest audio {@link createRecordingAudio} writes, in seconds. A record action may last up to
 * 7200 s; the fake's files are silence that no test listens to, so they stop here to stay small
 * (at most about 5 MB, a 32-channel WAV). The record event's `size` still gives the real
 * recording's length (docs/decisions/107), so it can differ from this file's byte count.
 */
export const maxRecordingAudioSeconds = 10;

/** An audio or transcript file's bytes and content type, ready for {@link storeFile}. */
export interface FileContent {
  readonly contentType: string;
  readonly body: Uint8Array<ArrayBuffer>;
}

function invalidOption(message: string): VwsError {
  return new VwsError('VWS_ERR_INVALID_OPTION', message);
}

function checkSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw invalidOption(`Invalid recording length ${seconds}: give a number of seconds, 0 or more.`);
  }
  return seconds;
}

function checkChannels(channels: number): number {
  if (!Number.isInteger(channels) || channels < 1 || channels > 32) {
    throw invalidOption(
      `Invalid channel count ${channels}: the record action takes 1 to 32 channels (reference ncco.md).`,
    );
  }
  return channels;
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let index = 0; index < text.length; index++) bytes[offset + index] = text.charCodeAt(index);
}

// ---------------------------------------------------------------------------------------------
// WAV: RIFF/WAVE, PCM 16-bit little-endian, interleaved channels.

/**
 * 8 kHz, the telephone band: ❓ the rate of Vonage's WAV recordings is not documented (its MP3s
 * are 16 kHz); 8 kHz halves the size of a many-channel file.
 */
const WAV_SAMPLE_RATE = 8000;

function createWav(seconds: number, channels: number): Uint8Array<ArrayBuffer> {
  const frames = Math.round(seconds * WAV_SAMPLE_RATE);
  const blockAlign = channels * 2;
  const dataSize = frames * blockAlign;
  const bytes = new Uint8Array(44 + dataSize);
  const view = new DataView(bytes.buffer);
  writeAscii(bytes, 0, 'RIFF');
  view.setUint32(4, 36 + dataSize, true);
  writeAscii(bytes, 8, 'WAVE');
  writeAscii(bytes, 12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // WAVE_FORMAT_PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, WAV_SAMPLE_RATE, true);
  view.setUint32(28, WAV_SAMPLE_RATE * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 16, true);
  writeAscii(bytes, 36, 'data');
  view.setUint32(40, dataSize, true);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// MP3: MPEG-2 Layer III, 16 kHz, 32 kbps CBR, as Vonage records (ndp-rec: "16 kHz, 16-bit, 32 kbps").

const RECORDED_SAMPLE_RATE = 16000; // Vonage records at 16 kHz (ndp-rec); the MP3s and the OpusHead say so
const MP3_SAMPLES_PER_FRAME = 576; // MPEG-2 (LSF) Layer III: one granule of 576 samples
// Frame length = 72 × bitrate / sample rate (+ 1 with padding) for MPEG-2 Layer III: 144 bytes, no padding.
const MP3_FRAME_BYTES = (72 * 32000) / RECORDED_SAMPLE_RATE;

/**
 * The 4-byte frame header (ISO/IEC 13818-3): sync 0xFFE, version MPEG-2 (`10`), Layer III (`01`),
 * no CRC; bitrate index 4 (32 kbps in the MPEG-2 table), sample rate index 2 (16 kHz), no padding;
 * channel mode mono (`11`) or stereo (`00`), "original" set. The side information and main data
 * after it stay zero: `part2_3_length` 0 means no Huffman data, which decodes as silence.
 */
const mp3Header = (channels: 1 | 2): readonly number[] => [0xff, 0xf3, 0x48, channels === 1 ? 0xc4 : 0x04];

function createMp3(seconds: number, channels: 1 | 2): Uint8Array<ArrayBuffer> {
  // At least two frames: decoders confirm a first header by the one after it (mpg123 refuses a
  // one-frame file), and an MP3 file of no frame is not an MP3 file.
  const frames = Math.max(2, Math.ceil((seconds * RECORDED_SAMPLE_RATE) / MP3_SAMPLES_PER_FRAME));
  const bytes = new Uint8Array(frames * MP3_FRAME_BYTES);
  const header = mp3Header(channels);
  for (let frame = 0; frame < frames; frame++) bytes.set(header, frame * MP3_FRAME_BYTES);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Ogg/Opus (RFC 7845 container, RFC 6716 packets).

const OPUS_PRE_SKIP = 312; // libopus's encoder delay at 48 kHz, what opusenc writes
const OPUS_PACKET_SAMPLES = 960; // 20 ms at 48 kHz
const OPUS_PACKETS_PER_PAGE = 50; // one second per page
const OGG_SERIAL = 0x76777331; // "vws1": one logical stream; any fixed value keeps the bytes deterministic
/**
 * A 20 ms CELT-only fullband frame (TOC config 31, code 0) whose payload `FF FE` range-decodes the
 * silence flag first: the silent frame WebRTC stacks send. TOC `F8` is mono, `FC` stereo.
 */
const OPUS_SILENCE_PAYLOAD = [0xff, 0xfe] as const;

/** The identification header, channel mapping family 0: one stream, mono or stereo (RFC 7845 §5.1). */
function createOpusHead(channels: 1 | 2): Uint8Array {
  const bytes = new Uint8Array(19);
  const view = new DataView(bytes.buffer);
  writeAscii(bytes, 0, 'OpusHead');
  bytes[8] = 1; // version
  bytes[9] = channels;
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, RECORDED_SAMPLE_RATE, true); // the input rate, informational
  view.setInt16(16, 0, true); // output gain
  bytes[18] = 0; // mapping family
  return bytes;
}

function createOpusTags(): Uint8Array {
  const vendor = 'vonage-webhook-simulator';
  const bytes = new Uint8Array(8 + 4 + vendor.length + 4);
  const view = new DataView(bytes.buffer);
  writeAscii(bytes, 0, 'OpusTags');
  view.setUint32(8, vendor.length, true);
  writeAscii(bytes, 12, vendor);
  view.setUint32(12 + vendor.length, 0, true); // no user comments
  return bytes;
}

const OGG_CRC_TABLE = (() => {
  // CRC-32 with polynomial 0x04C11DB7, MSB first, no reflection, initial value 0 (RFC 3533 §6).
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let remainder = index << 24;
    for (let bit = 0; bit < 8; bit++) {
      remainder = remainder & 0x80000000 ? (remainder << 1) ^ 0x04c11db7 : remainder << 1;
    }
    table[index] = remainder >>> 0;
  }
  return table;
})();

function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ (OGG_CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  return crc;
}

const OGG_BOS = 0x02;
const OGG_EOS = 0x04;

function createOggPage(
  headerType: number,
  granule: number,
  sequence: number,
  packets: readonly Uint8Array[],
): Uint8Array {
  const lacing: number[] = [];
  for (const packet of packets) {
    for (let left = packet.length; ; left -= 255) {
      lacing.push(Math.min(left, 255));
      if (left < 255) break;
    }
  }
  const bodySize = packets.reduce((sum, packet) => sum + packet.length, 0);
  const page = new Uint8Array(27 + lacing.length + bodySize);
  const view = new DataView(page.buffer);
  writeAscii(page, 0, 'OggS');
  page[4] = 0;
  page[5] = headerType;
  view.setUint32(6, granule % 0x100000000, true);
  view.setUint32(10, Math.floor(granule / 0x100000000), true);
  view.setUint32(14, OGG_SERIAL, true);
  view.setUint32(18, sequence, true);
  page[26] = lacing.length;
  page.set(lacing, 27);
  let offset = 27 + lacing.length;
  for (const packet of packets) {
    page.set(packet, offset);
    offset += packet.length;
  }
  view.setUint32(22, oggCrc(page), true);
  return page;
}

function createOggOpus(seconds: number, channels: 1 | 2): Uint8Array<ArrayBuffer> {
  const samples = Math.round(seconds * 48000);
  const packetCount = Math.ceil((OPUS_PRE_SKIP + samples) / OPUS_PACKET_SAMPLES);
  const packet = Uint8Array.of(channels === 1 ? 0xf8 : 0xfc, ...OPUS_SILENCE_PAYLOAD);
  const pages = [
    createOggPage(OGG_BOS, 0, 0, [createOpusHead(channels)]),
    createOggPage(0, 0, 1, [createOpusTags()]),
  ];
  for (let first = 0; first < packetCount; first += OPUS_PACKETS_PER_PAGE) {
    const count = Math.min(OPUS_PACKETS_PER_PAGE, packetCount - first);
    const last = first + count === packetCount;
    // The last page's granule position trims the final packet to the exact length (RFC 7845 §4.5).
    const granule = last ? OPUS_PRE_SKIP + samples : (first + count) * OPUS_PACKET_SAMPLES;
    pages.push(createOggPage(last ? OGG_EOS : 0, granule, pages.length, Array(count).fill(packet)));
  }
  const bytes = new Uint8Array(pages.reduce((sum, page) => sum + page.length, 0));
  let offset = 0;
  for (const page of pages) {
    bytes.set(page, offset);
    offset += page.length;
  }
  return bytes;
}

/**
 * A valid audio file of silence, as the fake serves a recording: `mp3` (MPEG-2 Layer III, 16 kHz,
 * 32 kbps CBR, `audio/mpeg`), `wav` (PCM 16-bit, 8 kHz, `audio/wav`) or `ogg` (Ogg/Opus,
 * `audio/ogg`), with `channels` channels (1 to 32, default 1), `seconds` long but at most
 * {@link maxRecordingAudioSeconds}. Same options, same bytes.
 *
 * Above two channels every format is written as WAV: an MP3 holds at most two, and an Ogg/Opus
 * file of more needs channel mapping family 255, which common decoders (opusfile) refuse. Vonage
 * itself defaults to `wav` above two channels (ndp-rec; ❓ what it does when `mp3` or `ogg` is asked
 * for explicitly).
 *
 * @throws {VwsError} `VWS_ERR_INVALID_OPTION` for a negative or non-finite `seconds` or a channel
 *   count other than an integer from 1 to 32.
 * @see https://developer.vonage.com/en/voice/voice-api/guides/recording
 * @example
 * ```ts
 * const { contentType, body } = createRecordingAudio({ format: 'mp3', seconds: 5 });
 * // contentType 'audio/mpeg', body.length 20016 (139 frames of 144 bytes)
 * ```
 */
export function createRecordingAudio(options: {
  format: RecordingFormat;
  seconds: number;
  channels?: number;
}): FileContent {
  const seconds = Math.min(checkSeconds(options.seconds), maxRecordingAudioSeconds);
  const channels = checkChannels(options.channels ?? 1);
  if (channels === 1 || channels === 2) {
    if (options.format === 'mp3') return { contentType: 'audio/mpeg', body: createMp3(seconds, channels) };
    if (options.format === 'ogg') return { contentType: 'audio/ogg', body: createOggOpus(seconds, channels) };
  }
  return { contentType: 'audio/wav', body: createWav(seconds, channels) };
}

// ---------------------------------------------------------------------------------------------
// Transcripts.

const DIGIT_NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** What was said, as the transcript's `raw_sentence` spells it: lower case, digits one by one. */
const toRawWord = (word: string): string =>
  /^\d+$/.test(word)
    ? [...word].map((digit) => DIGIT_NAMES[Number(digit)] ?? digit).join(' ')
    : word.toLowerCase();

/** The words of a sentence without the punctuation around them (`Is 2212.` → `Is`, `2212`). */
const toWords = (sentence: string): string[] =>
  sentence
    .split(/\s+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');

function hashText(text: string): number {
  // FNV-1a, 32 bits: folds the ids into the seed so that two recordings' transcripts differ.
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash;
}

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** The longest a word takes at a speaking pace (about 100 words a minute). */
const MAX_WORD_STEP_MS = 600;

/**
 * The transcript file of a recording (the JSON at the transcription event's `transcription_url`),
 * in the shape of Vonage's sample (dotnet `TranscriptionSample.json`, `TranscriptionModels.cs`):
 * `ver` `"2.1.0"`, `request_id`, and per channel `transcript[]` segments (`sentence`,
 * `raw_sentence`, `duration` and `timestamp` in ms, `words[]` with `word`, `start_time`,
 * `end_time` in ms and `confidence`) and the channel's `duration`.
 *
 * `words` is split into sentences at `.`, `!` and `?`; sentence *n* goes to channel *n* mod
 * `channels`, and the sentences share the recording's `seconds` in order, each word at most
 * 600 ms. `raw_sentence` is the sentence in lower case without punctuation, digits spelled one by
 * one (the sample: `Is 2212.` / `is two two one two`); a segment's words share one confidence, as in
 * the sample. With `sentiment`, each segment gets a `sentiment` score from −1 to 1 (❓ the key's name:
 * Vonage documents the score, not where it goes). A channel's `duration` is whole seconds (❓ the
 * sample's `1` for words up to 2.76 s does not settle the unit). The ids and `seed` only seed the
 * numbers and `request_id`: Vonage's file does not repeat them. Same options, same transcript.
 *
 * @throws {VwsError} `VWS_ERR_INVALID_OPTION` as {@link createRecordingAudio}.
 * @see https://developer.vonage.com/en/voice/voice-api/guides/recording
 * @example
 * ```ts
 * const transcript = createTranscript({
 *   recordingUuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
 *   conversationUuid: 'CON-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
 *   words: 'Is 2212.',
 *   seconds: 3,
 * });
 * // transcript.ver === '2.1.0'; first segment's raw_sentence 'is two two one two'
 * ```
 */
export function createTranscript(options: {
  recordingUuid: string;
  conversationUuid: string;
  words: string;
  seconds: number;
  channels?: number;
  sentiment?: boolean;
  seed?: number;
}): Record<string, unknown> {
  const seconds = checkSeconds(options.seconds);
  const channelCount = checkChannels(options.channels ?? 1);
  const mixed = hashText(`${options.seed ?? 0}|${options.recordingUuid}|${options.conversationUuid}`);
  const randomizer = createRandomizer();
  randomizer.seed([options.seed ?? 0, mixed]);
  const sentences = (options.words.match(/[^.!?]+[.!?]*/g) ?? [])
    .map((sentence) => sentence.trim())
    .map((sentence) => ({ sentence, words: toWords(sentence) }))
    .filter((entry) => entry.words.length > 0);
  const wordCount = sentences.reduce((sum, entry) => sum + entry.words.length, 0);
  const totalMs = Math.round(seconds * 1000);
  // Each sentence gets a window of the timeline in proportion to its words, its words centred in it.
  const slot = wordCount === 0 ? 0 : totalMs / wordCount;
  const step = Math.min(slot, MAX_WORD_STEP_MS);
  const channels = Array.from({ length: channelCount }, () => [] as Record<string, unknown>[]);
  let windowStart = 0;
  sentences.forEach((entry, index) => {
    const window = slot * entry.words.length;
    const lead = (window - step * entry.words.length) / 2;
    const confidence = round(0.5 + randomizer.next() * 0.49, 6);
    const words = entry.words.map((word, position) => {
      const start = windowStart + lead + position * step;
      return {
        word,
        start_time: Math.round(start),
        end_time: Math.round(start + step * (0.6 + randomizer.next() * 0.3)),
        confidence,
      };
    });
    windowStart += window;
    const first = words[0]?.start_time ?? 0;
    const last = words.at(-1)?.end_time ?? first;
    channels[index % channelCount]?.push({
      sentence: entry.sentence,
      raw_sentence: entry.words.map(toRawWord).join(' '),
      duration: last - first,
      timestamp: first,
      words,
      ...(options.sentiment === true ? { sentiment: round(randomizer.next() * 2 - 1, 4) } : {}),
    });
  });
  return {
    ver: '2.1.0',
    request_id: createUuidStream(options.seed ?? 0, mixed)(),
    channels: channels.map((transcript) => ({ transcript, duration: Math.round(seconds) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Files.

/**
 * A JSON value as a file's bytes (UTF-8) with content type `application/json`: a transcript as the
 * fake stores it.
 *
 * @example
 * ```ts
 * const file = toJsonFile({ ver: '2.1.0', channels: [] });
 * // file.contentType === 'application/json'
 * ```
 */
export function toJsonFile(value: unknown): FileContent {
  return { contentType: 'application/json', body: new TextEncoder().encode(JSON.stringify(value)) };
}

/**
 * Keeps a file for `GET /v1/files/:id` (replacing one of the same id). Give it an `applicationId`
 * to serve it to that application's JWT only, as Vonage serves a recording to the application that
 * made it.
 *
 * @see https://developer.vonage.com/en/voice/voice-api/guides/recording
 * @example
 * ```ts
 * import { createFakeState } from '../account/state.js';
 * const state = createFakeState({
 *   balance: 10,
 *   applications: [],
 *   defaultApplicationId: 'app-1',
 *   account: { smsInboundUrl: null, smsDlrUrl: null },
 * });
 * storeFile(state, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', createRecordingAudio({ format: 'mp3', seconds: 2 }));
 * ```
 */
export function storeFile(state: FakeState, id: string, file: StoredFile): void {
  state.files.set(id, file);
  // A long-running serve keeps the newest files only (Vonage keeps recordings 30 days).
  for (const oldest of state.files.keys()) {
    if (state.files.size <= MAX_STORED_FILES) break;
    state.files.delete(oldest);
  }
}

/** Recordings and transcripts the fake keeps at most; the oldest go first. */
export const MAX_STORED_FILES = 1_000;

/**
 * The URL a stored file is downloaded from, as the record event's `recording_url` writes it
 * (`https://api.nexmo.com/v1/files/<uuid>`, reference voice.md#action-results-and-other-events).
 *
 * @example
 * ```ts
 * fileUrl('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
 * // 'https://api.nexmo.com/v1/files/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
 * ```
 */
export function fileUrl(id: string): string {
  return `https://api.nexmo.com/v1/files/${id}`;
}
