// The streamed JSON report of `vws send` stays one valid document however the run ends (issue 11).
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../../../test/support/cli-io.js';
import { startJsonReport } from './report-streams.js';

function capture() {
  let text = '';
  const io = {
    stdout: { write: (chunk: string) => (text += chunk) },
    stderr: { write: () => true },
    env: {},
    now: () => 0,
    randomSeed: () => 1,
    readFile: async () => '',
  };
  return { io, text: () => text };
}

describe('startJsonReport (issue 11)', () => {
  it('closes the document with the error when a failure ends the run (issue 11)', () => {
    const { io, text } = capture();
    const report = startJsonReport(io, 7, 'sms.inbound.text');
    report.fail('a later payload could not be built');
    expect(JSON.parse(text())).toEqual({
      seed: 7,
      event: 'sms.inbound.text',
      tool: 'vonage-webhook-simulator',
      deliveries: [],
      error: 'a later payload could not be built',
    });
  });

  it('writes the same document as a whole report would be, key for key (issue 11)', async () => {
    const { stdout } = await runInProcess([
      'send',
      'sms.inbound',
      '--url',
      'http://127.0.0.1:9/x',
      '--json',
      '--seed',
      '3',
      '--timeout',
      '500',
    ]);
    const document = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['seed', 'event', 'tool', 'deliveries', 'summary', 'interrupted']);
    expect(JSON.stringify(document, null, 2)).toBe(stdout.trimEnd());
  });
});
