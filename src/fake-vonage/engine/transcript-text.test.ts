import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from './conversation.js';
import { toTranscriptText } from './transcript-text.js';

describe('toTranscriptText', () => {
  it('prints one line an entry with the time from the first entry and the leg', () => {
    const transcript: TranscriptEntry[] = [
      { atMs: 1_000, leg: 'A', kind: 'said', via: 'talk', text: 'Hello' },
      { atMs: 2_500, leg: 'A', kind: 'did', step: 'press 1' },
      {
        atMs: 2_500,
        leg: 'A',
        kind: 'webhook',
        event: 'voice.event.input.dtmf',
        delivery: 3,
        method: 'POST',
        url: 'http://127.0.0.1:3000/menu',
        status: 200,
        outcome: 'accepted',
        ncco: ['talk'],
      },
      {
        atMs: 4_000,
        leg: 'A',
        kind: 'end',
        reason: 'the NCCO ran out',
        disconnectedBy: 'platform',
        duration: 3,
        price: '0.00036000',
      },
    ];
    expect(toTranscriptText(transcript).split('\n')).toEqual([
      '   0.0s  A  Vonage says: "Hello"',
      '   1.5s  A  person: press 1',
      '   1.5s  A  webhook voice.event.input.dtmf POST http://127.0.0.1:3000/menu -> 200 accepted NCCO [talk]',
      '   3.0s  A  ended: the NCCO ran out (disconnected_by platform), 3 s, price 0.00036000',
    ]);
  });

  it('leaves out a status line that the next webhook line reports, and keeps one that none reports', () => {
    const webhook = (event: string): TranscriptEntry => ({
      atMs: 0,
      leg: 'B',
      kind: 'webhook',
      event,
      delivery: 0,
      method: 'POST',
      url: null,
      status: null,
      outcome: 'not_sent',
      notSent: 'No URL for voice-event webhooks',
    });
    const text = toTranscriptText([
      { atMs: 0, leg: 'B', kind: 'status', status: 'busy' },
      webhook('voice.event.busy'),
      { atMs: 0, leg: 'B', kind: 'status', status: 'machine', detail: 'beep_start' },
    ]);
    expect(text).toBe(
      [
        '   0.0s  B  webhook voice.event.busy POST (no URL) -> not sent: No URL for voice-event webhooks',
        '   0.0s  B  status machine (beep_start)',
      ].join('\n'),
    );
  });
});
