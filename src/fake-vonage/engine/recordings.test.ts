import { describe, expect, it } from 'vitest';
import { isVwsError } from '../../errors.js';
import { createFakeState } from '../account/state.js';
import {
  createRecordingAudio,
  createTranscript,
  fileUrl,
  maxRecordingAudioSeconds,
  storeFile,
  toJsonFile,
} from './recordings.js';

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// ISO/IEC 11172-3 and 13818-3 tables, written out independently of the code under test.
const MP3_BITRATES_KBPS = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_SAMPLE_RATES = { mpeg1: [44100, 48000, 32000], mpeg2: [22050, 24000, 16000] };

interface Mp3Frame {
  readonly version: 'mpeg1' | 'mpeg2';
  readonly bitrate: number;
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  readonly length: number;
  readonly samples: number;
  readonly payloadIsZero: boolean;
}

/** Parses one Layer III frame header at `offset`, or throws saying why it is not one. */
function parseMp3Frame(bytes: Uint8Array, offset: number): Mp3Frame {
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = bytes.subarray(offset, offset + 4);
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) throw new Error(`no frame sync at ${offset}`);
  const versionBits = (b1 >> 3) & 0b11;
  if (versionBits !== 0b11 && versionBits !== 0b10) throw new Error(`not MPEG-1/2 at ${offset}`);
  const version = versionBits === 0b11 ? 'mpeg1' : 'mpeg2';
  if (((b1 >> 1) & 0b11) !== 0b01) throw new Error(`not Layer III at ${offset}`);
  const bitrate = (MP3_BITRATES_KBPS[version][b2 >> 4] ?? 0) * 1000;
  const sampleRate = MP3_SAMPLE_RATES[version][(b2 >> 2) & 0b11] ?? 0;
  if (bitrate === 0 || sampleRate === 0) throw new Error(`bad bitrate or sample rate at ${offset}`);
  const padding = (b2 >> 1) & 1;
  const channels = b3 >> 6 === 0b11 ? 1 : 2;
  const samples = version === 'mpeg1' ? 1152 : 576;
  const length = Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  const payloadIsZero = bytes.subarray(offset + 4, offset + length).every((byte) => byte === 0);
  return { version, bitrate, sampleRate, channels, length, samples, payloadIsZero };
}

/** Walks a file frame by frame; throws unless each frame's length lands exactly on the next header. */
function walkMp3(bytes: Uint8Array): Mp3Frame[] {
  const frames: Mp3Frame[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const frame = parseMp3Frame(bytes, offset);
    frames.push(frame);
    offset += frame.length;
  }
  if (offset !== bytes.length)
    throw new Error(`the last frame runs ${offset - bytes.length} bytes past the end`);
  return frames;
}

/** The Ogg CRC-32 (polynomial 0x04C11DB7, MSB first, initial 0), bit by bit. */
function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    crc >>>= 0;
  }
  return crc;
}

interface OggPage {
  readonly headerType: number;
  readonly granule: number;
  readonly sequence: number;
  readonly packets: Uint8Array[];
}

/** Splits a file into pages, checking capture patterns and CRCs; packets do not span pages here. */
function walkOgg(bytes: Uint8Array): OggPage[] {
  const pages: OggPage[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    expect(ascii(bytes, offset, 4)).toBe('OggS');
    const view = viewOf(bytes.subarray(offset));
    const segments = bytes[offset + 26] ?? 0;
    const lacing = [...bytes.subarray(offset + 27, offset + 27 + segments)];
    const size = 27 + segments + lacing.reduce((sum, value) => sum + value, 0);
    const page = Uint8Array.from(bytes.subarray(offset, offset + size));
    const stored = viewOf(page).getUint32(22, true);
    viewOf(page).setUint32(22, 0, true);
    expect(oggCrc(page)).toBe(stored);
    const packets: Uint8Array[] = [];
    let start = offset + 27 + segments;
    let length = 0;
    for (const value of lacing) {
      length += value;
      if (value < 255) {
        packets.push(bytes.subarray(start, start + length));
        start += length;
        length = 0;
      }
    }
    expect(length).toBe(0);
    pages.push({
      headerType: bytes[offset + 5] ?? -1,
      granule: view.getUint32(6, true) + view.getUint32(10, true) * 2 ** 32,
      sequence: view.getUint32(18, true),
      packets,
    });
    offset += size;
  }
  return pages;
}

describe('createRecordingAudio', () => {
  it('writes a RIFF/WAVE PCM 16-bit file whose data is seconds × rate × 2 × channels bytes of silence', () => {
    for (const channels of [1, 2, 3, 32]) {
      for (const seconds of [0, 1, 2.5, 7]) {
        const { contentType, body } = createRecordingAudio({ format: 'wav', seconds, channels });
        expect(contentType).toBe('audio/wav');
        const view = viewOf(body);
        expect(ascii(body, 0, 4)).toBe('RIFF');
        expect(view.getUint32(4, true)).toBe(body.length - 8);
        expect(ascii(body, 8, 4)).toBe('WAVE');
        expect(ascii(body, 12, 4)).toBe('fmt ');
        expect(view.getUint32(16, true)).toBe(16);
        expect(view.getUint16(20, true)).toBe(1);
        expect(view.getUint16(22, true)).toBe(channels);
        const rate = view.getUint32(24, true);
        expect([8000, 16000]).toContain(rate);
        expect(view.getUint32(28, true)).toBe(rate * 2 * channels);
        expect(view.getUint16(32, true)).toBe(2 * channels);
        expect(view.getUint16(34, true)).toBe(16);
        expect(ascii(body, 36, 4)).toBe('data');
        const dataSize = view.getUint32(40, true);
        expect(dataSize).toBe(seconds * rate * 2 * channels);
        expect(body.length).toBe(44 + dataSize);
        expect(body.subarray(44).every((byte) => byte === 0)).toBe(true);
      }
    }
  });

  it('writes MPEG-2 Layer III 16 kHz 32 kbps frames that chain header to header through the whole file', () => {
    for (const channels of [1, 2]) {
      for (const seconds of [0.5, 1, 5, 9.99]) {
        const { contentType, body } = createRecordingAudio({ format: 'mp3', seconds, channels });
        expect(contentType).toBe('audio/mpeg');
        const frames = walkMp3(body);
        for (const frame of frames) {
          expect(frame).toMatchObject({ version: 'mpeg2', bitrate: 32000, sampleRate: 16000, channels });
          expect(frame.length).toBe(144);
          expect(frame.payloadIsZero).toBe(true);
        }
        const duration = frames.reduce((sum, frame) => sum + frame.samples / frame.sampleRate, 0);
        expect(Math.abs(duration - seconds)).toBeLessThan(576 / 16000);
        expect(duration).toBeGreaterThanOrEqual(seconds);
      }
    }
  });

  it('writes an MP3 of two frames for a recording of no length, as decoders confirm a header by the next', () => {
    const frames = walkMp3(createRecordingAudio({ format: 'mp3', seconds: 0 }).body);
    expect(frames).toHaveLength(2);
  });

  it('writes an Ogg/Opus file of pages with valid CRCs, an OpusHead, OpusTags and silent 20 ms packets', () => {
    for (const channels of [1, 2]) {
      for (const seconds of [0, 0.5, 3, 4.321]) {
        const { contentType, body } = createRecordingAudio({ format: 'ogg', seconds, channels });
        expect(contentType).toBe('audio/ogg');
        const pages = walkOgg(body);
        expect(pages.map((page) => page.sequence)).toEqual(pages.map((_, index) => index));
        const [head, tags, ...audio] = pages;
        expect(head?.headerType).toBe(0x02);
        expect(head?.packets).toHaveLength(1);
        const opusHead = head?.packets[0] ?? new Uint8Array();
        expect(ascii(opusHead, 0, 8)).toBe('OpusHead');
        expect(opusHead.length).toBe(19);
        expect(opusHead[8]).toBe(1);
        expect(opusHead[9]).toBe(channels);
        expect(opusHead[18]).toBe(0);
        const preSkip = viewOf(opusHead).getUint16(10, true);
        expect(ascii(tags?.packets[0] ?? new Uint8Array(), 0, 8)).toBe('OpusTags');
        expect(tags?.granule).toBe(0);
        expect(audio.length).toBeGreaterThan(0);
        const packets = audio.flatMap((page) => page.packets);
        // TOC config 31 (CELT FB 20 ms), stereo flag as the channels, code 0: 960 samples each.
        for (const packet of packets) expect([...packet]).toEqual([channels === 1 ? 0xf8 : 0xfc, 0xff, 0xfe]);
        const last = audio.at(-1);
        expect(last?.headerType).toBe(0x04);
        expect(audio.slice(0, -1).every((page) => page.headerType === 0)).toBe(true);
        // The final granule position minus the pre-skip is the playback length (RFC 7845 §4.5).
        expect(last?.granule).toBe(preSkip + Math.round(seconds * 48000));
        expect(packets.length * 960).toBeGreaterThanOrEqual(last?.granule ?? 0);
        expect((packets.length - 1) * 960).toBeLessThan(last?.granule ?? 0);
      }
    }
  });

  it('writes WAV for more than two channels whatever the format, as no MP3 holds them', () => {
    for (const format of ['mp3', 'ogg', 'wav'] as const) {
      const { contentType, body } = createRecordingAudio({ format, seconds: 1, channels: 3 });
      expect(contentType).toBe('audio/wav');
      expect(viewOf(body).getUint16(22, true)).toBe(3);
    }
  });

  it('stops at maxRecordingAudioSeconds of audio', () => {
    const long = createRecordingAudio({ format: 'wav', seconds: 3600 });
    const capped = createRecordingAudio({ format: 'wav', seconds: maxRecordingAudioSeconds });
    expect(Buffer.from(long.body).equals(Buffer.from(capped.body))).toBe(true);
    const frames = walkMp3(createRecordingAudio({ format: 'mp3', seconds: 7200 }).body);
    expect(Math.abs((frames.length * 576) / 16000 - maxRecordingAudioSeconds)).toBeLessThan(576 / 16000);
  });

  it('writes the same bytes for the same options', () => {
    for (const format of ['mp3', 'wav', 'ogg'] as const) {
      const first = createRecordingAudio({ format, seconds: 2, channels: 2 });
      const second = createRecordingAudio({ format, seconds: 2, channels: 2 });
      expect(second.contentType).toBe(first.contentType);
      expect(Buffer.from(second.body).equals(Buffer.from(first.body))).toBe(true);
    }
  });

  it('refuses a negative or non-finite length and a channel count outside 1..32', () => {
    const bad = [
      { seconds: -1 },
      { seconds: Number.NaN },
      { seconds: Number.POSITIVE_INFINITY },
      { seconds: 1, channels: 0 },
      { seconds: 1, channels: 33 },
      { seconds: 1, channels: 1.5 },
    ];
    for (const options of bad) {
      let caught: unknown;
      try {
        createRecordingAudio({ format: 'mp3', ...options });
      } catch (error) {
        caught = error;
      }
      expect(isVwsError(caught) && caught.code).toBe('VWS_ERR_INVALID_OPTION');
    }
  });
});

const ids = {
  recordingUuid: '2e7855d6-b952-45ac-bd92-c0a99103095f',
  conversationUuid: 'CON-181f3e7e-c343-44b4-8439-29a2dd415cb4',
};

interface Segment {
  sentence: string;
  raw_sentence: string;
  duration: number;
  timestamp: number;
  words: { word: string; start_time: number; end_time: number; confidence: number }[];
  sentiment?: number;
}

const channelsOf = (transcript: Record<string, unknown>) =>
  transcript.channels as { transcript: Segment[]; duration: number }[];

describe('createTranscript', () => {
  it('has the keys of Vonage sample TranscriptionSample.json, in its order', () => {
    const transcript = createTranscript({ ...ids, words: 'Is 2212.', seconds: 3 });
    expect(Object.keys(transcript)).toEqual(['ver', 'request_id', 'channels']);
    expect(transcript.ver).toBe('2.1.0');
    expect(transcript.request_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const [channel] = channelsOf(transcript);
    expect(Object.keys(channel ?? {})).toEqual(['transcript', 'duration']);
    expect(channel?.duration).toBe(3);
    const [segment] = channel?.transcript ?? [];
    expect(Object.keys(segment ?? {})).toEqual([
      'sentence',
      'raw_sentence',
      'duration',
      'timestamp',
      'words',
    ]);
    expect(segment?.sentence).toBe('Is 2212.');
    expect(segment?.raw_sentence).toBe('is two two one two');
    expect(segment?.words.map((word) => word.word)).toEqual(['Is', '2212']);
    for (const word of segment?.words ?? []) {
      expect(Object.keys(word)).toEqual(['word', 'start_time', 'end_time', 'confidence']);
      expect(Number.isInteger(word.start_time) && Number.isInteger(word.end_time)).toBe(true);
    }
  });

  it('times words in ms inside the recording, each segment from its first word to its last', () => {
    const words = 'Hello, this is Vonage. Please leave a message after the tone! Thanks?';
    for (const seconds of [2, 12, 300]) {
      const transcript = createTranscript({ ...ids, words, seconds, seed: 7 });
      const segments = channelsOf(transcript).flatMap((channel) => channel.transcript);
      expect(segments.map((segment) => segment.sentence)).toEqual([
        'Hello, this is Vonage.',
        'Please leave a message after the tone!',
        'Thanks?',
      ]);
      let previousEnd = 0;
      for (const segment of segments) {
        const first = segment.words[0];
        const last = segment.words.at(-1);
        expect(segment.timestamp).toBe(first?.start_time);
        expect(segment.duration).toBe((last?.end_time ?? 0) - (first?.start_time ?? 0));
        for (const word of segment.words) {
          expect(word.start_time).toBeGreaterThanOrEqual(previousEnd);
          expect(word.end_time).toBeGreaterThan(word.start_time);
          expect(word.end_time).toBeLessThanOrEqual(seconds * 1000);
          expect(word.end_time - word.start_time).toBeLessThanOrEqual(600);
          expect(word.confidence).toBeGreaterThanOrEqual(0.5);
          expect(word.confidence).toBeLessThan(1);
          previousEnd = word.end_time;
        }
        expect(new Set(segment.words.map((word) => word.confidence)).size).toBe(1);
      }
    }
  });

  it('deals sentences to the channels in turn', () => {
    const transcript = createTranscript({ ...ids, words: 'One. Two. Three.', seconds: 6, channels: 2 });
    const channels = channelsOf(transcript);
    expect(channels).toHaveLength(2);
    expect(channels[0]?.transcript.map((segment) => segment.sentence)).toEqual(['One.', 'Three.']);
    expect(channels[1]?.transcript.map((segment) => segment.sentence)).toEqual(['Two.']);
  });

  it('adds a sentiment from -1 to 1 to each segment when asked, and none otherwise', () => {
    const words = 'I love it. I hate it. Fine. Whatever. Great!';
    const plain = channelsOf(createTranscript({ ...ids, words, seconds: 10 }))[0]?.transcript ?? [];
    expect(plain.every((segment) => !('sentiment' in segment))).toBe(true);
    const scored = channelsOf(createTranscript({ ...ids, words, seconds: 10, sentiment: true }))[0]
      ?.transcript;
    expect(scored).toHaveLength(5);
    for (const segment of scored ?? []) {
      expect(segment.sentiment).toBeGreaterThanOrEqual(-1);
      expect(segment.sentiment).toBeLessThanOrEqual(1);
    }
  });

  it('is the same for the same options and differs with the seed or the recording', () => {
    const options = { ...ids, words: 'Call me back tomorrow.', seconds: 4, sentiment: true, seed: 42 };
    expect(createTranscript(options)).toEqual(createTranscript(options));
    expect(createTranscript({ ...options, seed: 43 }).request_id).not.toBe(
      createTranscript(options).request_id,
    );
    expect(
      createTranscript({ ...options, recordingUuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }).request_id,
    ).not.toBe(createTranscript(options).request_id);
  });

  it('has empty transcripts when nothing was said', () => {
    const transcript = createTranscript({ ...ids, words: '  ... ', seconds: 5, channels: 2 });
    expect(channelsOf(transcript)).toEqual([
      { transcript: [], duration: 5 },
      { transcript: [], duration: 5 },
    ]);
  });
});

describe('storeFile', () => {
  it('keeps a file in the state under its id, replacing one of the same id', () => {
    const state = createFakeState({
      balance: 10,
      applications: [],
      defaultApplicationId: 'app-1',
      account: { smsInboundUrl: null, smsDlrUrl: null },
    });
    const first = createRecordingAudio({ format: 'mp3', seconds: 1 });
    storeFile(state, 'file-1', first);
    expect(state.files.get('file-1')).toBe(first);
    const second = { ...toJsonFile({ ver: '2.1.0' }), applicationId: 'app-1' };
    storeFile(state, 'file-1', second);
    expect(state.files.get('file-1')).toBe(second);
    expect(state.files.size).toBe(1);
  });
});

describe('toJsonFile', () => {
  it('encodes a value as UTF-8 JSON bytes', () => {
    const file = toJsonFile({ sentence: 'Grüß dich' });
    expect(file.contentType).toBe('application/json');
    expect(JSON.parse(new TextDecoder().decode(file.body))).toEqual({ sentence: 'Grüß dich' });
  });
});

describe('fileUrl', () => {
  it('is the recording_url form of the record event', () => {
    expect(fileUrl('87b8851a-dbfa-4142-bc01-82a7854ac4fd')).toBe(
      'https://api.nexmo.com/v1/files/87b8851a-dbfa-4142-bc01-82a7854ac4fd',
    );
  });
});
