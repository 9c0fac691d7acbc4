import { describe, expect, it } from 'vitest';
import { BodyCollector, readWebBody } from './body-collector.js';

describe('BodyCollector', () => {
  it('cuts text on a character boundary', () => {
    const collector = new BodyCollector(100);
    collector.push(Buffer.from('ab€€', 'utf8'));
    // 'ab' is 2 bytes, each '€' 3 bytes: 5 bytes end inside the second '€'
    expect(collector.text(6)).toEqual({ text: 'ab€', truncated: true });
    expect(collector.text(8)).toEqual({ text: 'ab€€', truncated: false });
  });

  it('stops keeping chunks past its limit and says the body was longer', () => {
    const collector = new BodyCollector(4);
    collector.push(Buffer.from('abcd'));
    collector.push(Buffer.from('efgh'));
    expect(collector.text(100)).toEqual({ text: 'abcd', truncated: true });
  });
});

describe('readWebBody', () => {
  it('reads a stream up to the limit and cancels the rest', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('0123456789'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const collector = new BodyCollector(25);
    await readWebBody(stream, collector, 25);
    expect(cancelled).toBe(true);
    expect(collector.truncated).toBe(true);
    expect(collector.text(25).text).toBe('0123456789012345678901234');
  });
});
