import { describe, expect, it } from 'vitest';
import { createSender } from './create-sender.js';
import type { DeliveryResult } from './delivery-result.js';
import type { FetchHandler } from './handler-attempt.js';
import { toJsonReport, toJunitXml, toReportEntry } from './report.js';

const request = (path: string) => ({
  method: 'POST',
  url: `http://app.test${path}?q=1`,
  headers: [],
  body: '{}',
});

async function results(handler: FetchHandler, paths: string[]): Promise<DeliveryResult[]> {
  const sender = createSender();
  const list: DeliveryResult[] = [];
  for (const [index, path] of paths.entries()) {
    const result = await sender.deliver(request(path), handler, { event: 'messages.status.read' });
    list.push({ ...result, index });
  }
  return list;
}

const nasty = 'a < b & "c" \'d\' > e \u0001\u0000 \uD800 ]]> tab\there';

describe('toReportEntry', () => {
  it('keeps the outcome, message, attempts and response excerpt as plain JSON', async () => {
    const [failed] = await results(() => new Response('busy', { status: 503 }), ['/x']);
    if (failed === undefined) throw new Error('no result');
    const entry = toReportEntry(failed);
    expect(entry).toMatchObject({
      event: 'messages.status.read.whatsapp',
      method: 'POST',
      outcome: 'rejected',
      code: 'VWS_ERR_DELIVERY_STATUS',
      status: 503,
      responseExcerpt: 'busy',
    });
    expect(entry.message).toContain('503');
    expect(entry.attempts).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(entry))).toEqual(entry);
  });
});

describe('toJsonReport', () => {
  it('lists every delivery with the summary', async () => {
    const list = await results(() => new Response(null), ['/a', '/b']);
    const report = toJsonReport(list);
    expect(report.tool).toBe('vonage-webhook-simulator');
    expect(report.summary).toBeNull();
    expect(report.deliveries.map((d) => d.outcome)).toEqual(['accepted', 'accepted']);
  });
});

describe('toJunitXml', () => {
  it('writes one testcase per delivery and a failure that starts with the code', async () => {
    const handler: FetchHandler = (r) => new Response(null, { status: r.url.includes('/bad') ? 500 : 200 });
    const xml = toJunitXml(await results(handler, ['/ok', '/bad', '/ok']), { suiteName: 'webhooks' });
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<testsuite name="webhooks" tests="3" failures="1" errors="0"');
    expect(xml).toMatch(
      /<failure message="VWS_ERR_DELIVERY_STATUS: POST http:\/\/app\.test\/bad\?… \(in-process handler\) answered 500/,
    );
    expect(xml).toContain('type="VWS_ERR_DELIVERY_STATUS"');
    expect(xml).toContain('name="#1 POST http://app.test/bad"');
  });

  it('escapes markup and replaces characters XML cannot hold', async () => {
    const xml = toJunitXml(await results(() => new Response(nasty, { status: 400 }), ['/x']));
    expect(xml).toContain(
      'a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt; e \uFFFD\uFFFD \uFFFD ]]&gt; tab\there',
    );
    expect(xml.includes('\u0000') || xml.includes('\u0001')).toBe(false);
    expect(xml).not.toContain(']]>');
    // nothing but tags opens with "<"
    expect(xml.replace(/<\/?[a-z?][^<>]*>/g, '')).not.toContain('<');
  });

  it('keeps line breaks in attributes as character references', () => {
    const entry = {
      index: 0,
      event: 'messages.status.read',
      method: 'POST',
      url: 'http://app.test/x',
      ok: false,
      outcome: 'rejected' as const,
      code: 'VWS_ERR_DELIVERY_STATUS' as const,
      status: 500,
      message: 'line one\nline two',
      durationMs: 1,
      attempts: [],
      responseHeaders: null,
      responseExcerpt: null,
      nccoIssues: [],
    };
    expect(toJunitXml([entry])).toContain('message="VWS_ERR_DELIVERY_STATUS: line one&#10;line two"');
  });

  it('marks an item that was not sent as an error', async () => {
    const sender = createSender();
    const run = sender.sendMany([
      () => {
        throw new Error('no payload');
      },
    ]);
    const list: DeliveryResult[] = [];
    for await (const result of run) list.push(result);
    const xml = toJunitXml(list);
    expect(xml).toContain('errors="1"');
    expect(xml).toContain('<error message="VWS_ERR_INVALID_OPTION: Item 0 could not be built: no payload"');
  });

  it('adds a timestamp only when given', async () => {
    const list = await results(() => new Response(null), ['/a']);
    expect(toJunitXml(list)).not.toContain('timestamp=');
    expect(toJunitXml(list, { timestamp: new Date('2025-01-02T03:04:05Z') })).toContain(
      'timestamp="2025-01-02T03:04:05"',
    );
  });
});
