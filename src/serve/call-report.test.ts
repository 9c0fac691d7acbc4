import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../fake-vonage/engine/conversation.js';
import { toCallReport, toCallSummary } from './call-report.js';

const webhook = (
  atMs: number,
  event: string,
  answer: Partial<Extract<TranscriptEntry, { kind: 'webhook' }>> = {},
): TranscriptEntry => ({
  atMs,
  leg: 'A',
  kind: 'webhook',
  event,
  delivery: 0,
  method: 'POST',
  url: 'http://127.0.0.1:3000/event',
  status: 204,
  outcome: 'accepted',
  ...answer,
});

const end = (atMs: number, leg = 'A'): TranscriptEntry => ({
  atMs,
  leg,
  kind: 'end',
  reason: 'the NCCO ran out',
  disconnectedBy: 'platform',
  duration: 12,
});

const noUrl = {
  url: null,
  status: null,
  outcome: 'not_sent',
  notSent: 'No URL for voice-event webhooks: set it.',
};

describe('toCallSummary', () => {
  it('says how the call ended, after how long, and that every webhook was accepted', () => {
    expect(
      toCallSummary([webhook(500, 'voice.answer.inbound'), webhook(900, 'voice.event.started'), end(12_500)]),
    ).toBe('Call ended: the NCCO ran out after 12 s; 2 webhooks, all accepted.');
    expect(toCallSummary([webhook(0, 'voice.answer.inbound'), end(1_250)])).toBe(
      'Call ended: the NCCO ran out after 1.3 s; 1 webhook, accepted.',
    );
  });

  it("reads the end of the call's own leg A, not of a connected leg", () => {
    expect(toCallSummary([webhook(0, 'voice.answer.inbound'), end(5_000, 'B'), end(9_000)])).toMatch(
      /after 9 s;/,
    );
  });

  it('names the first three webhooks not accepted and counts the rest', () => {
    const summary = toCallSummary([
      webhook(0, 'voice.answer.inbound', {
        method: 'GET',
        url: 'http://127.0.0.1:3000/bad',
        status: 200,
        outcome: 'ncco_invalid',
        nccoIssues: ['$[0].action: unknown'],
      }),
      webhook(100, 'voice.event.started', noUrl),
      webhook(200, 'voice.event.input.dtmf', {
        url: 'http://127.0.0.1:3000/menu',
        status: 500,
        outcome: 'rejected',
      }),
      webhook(300, 'voice.event.completed', {
        url: 'http://127.0.0.1:1/event',
        status: null,
        outcome: 'connection_refused',
      }),
      end(300),
    ]);
    expect(summary).toBe(
      'Call ended: the NCCO ran out after 0.3 s; 4 of 4 webhooks not accepted: ' +
        'voice.answer.inbound GET http://127.0.0.1:3000/bad → 200 with an invalid NCCO; ' +
        'voice.event.started not sent (no URL); ' +
        'voice.event.input.dtmf POST http://127.0.0.1:3000/menu → 500; and 1 more.',
    );
  });

  it('says the call has not ended when the transcript has no end yet', () => {
    expect(
      toCallSummary([webhook(1_000, 'voice.answer.inbound'), webhook(3_000, 'voice.event.started')]),
    ).toBe('Call not ended after 2 s; 2 webhooks, all accepted.');
  });
});

describe('toCallReport', () => {
  it('keeps the webhooks not accepted as failures, and ok only when there are none', () => {
    const refused = webhook(200, 'voice.event.input.dtmf', { status: 500, outcome: 'rejected' });
    const report = toCallReport(4, [webhook(0, 'voice.answer.inbound'), refused, end(300)]);
    expect(report).toMatchObject({ lifecycle: 4, ok: false, failures: [refused] });
    expect(report.text.split('\n')).toHaveLength(3);
    expect(toCallReport(0, [webhook(0, 'voice.answer.inbound'), end(300)])).toMatchObject({
      ok: true,
      failures: [],
    });
  });

  it('counts an accepted answer with NCCO issues as a failure', () => {
    const report = toCallReport(0, [webhook(0, 'voice.answer.inbound', { nccoIssues: ['$[0]: bad'] })]);
    expect(report.ok).toBe(false);
  });

  it('redacts Basic credentials in webhook URLs, in the data and the text', () => {
    const report = toCallReport(0, [
      webhook(0, 'voice.answer.inbound', { url: 'https://user:hunter2@app.example.com/answer' }),
    ]);
    expect(JSON.stringify(report)).not.toContain('hunter2');
    expect(report.text).toContain('app.example.com/answer');
  });
});

describe('toCallReport redaction (issue 9)', () => {
  it('redacts credentials in played URLs and action details, not only in webhook URLs', () => {
    const report = toCallReport(0, [
      {
        atMs: 0,
        leg: 'A',
        kind: 'said',
        via: 'stream',
        text: 'https://user:secret@media.example.com/hold.mp3',
      },
      {
        atMs: 0,
        leg: 'B',
        kind: 'action',
        action: 'connect',
        detail: 'websocket wss://bot:hunter2@ws.example.com/socket',
      },
    ]);
    expect(report.text).not.toContain('secret@');
    expect(report.text).not.toContain('hunter2');
    expect(report.text).toContain('https://user:[REDACTED]@media.example.com/hold.mp3');
  });

  it('redacts URLs an NCCO issue or an end reason quotes, and a SIP password', () => {
    const report = toCallReport(0, [
      {
        atMs: 0,
        leg: 'A',
        kind: 'webhook',
        event: 'voice.answer.inbound',
        delivery: 0,
        method: 'GET',
        url: 'http://127.0.0.1:3000/answer',
        status: 200,
        outcome: 'ncco_invalid',
        nccoIssues: ['$[0].eventUrl: got a string (write ["https://user:s3cret@rec.example.com/r"])'],
      },
      { atMs: 0, leg: 'B', kind: 'action', action: 'connect', detail: 'sip sip:alice:pw123@pbx.example.com' },
      {
        atMs: 1,
        leg: 'A',
        kind: 'end',
        reason: 'the answer URL answered an invalid NCCO (https://user:s3cret@rec.example.com/r)',
      },
    ]);
    const json = JSON.stringify(report);
    expect(json).not.toContain('s3cret');
    expect(json).not.toContain('pw123');
    expect(json).toContain('sip:alice:[REDACTED]@pbx.example.com');
  });
});
