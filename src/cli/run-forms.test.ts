// The CLI in-process (runInProcess): `--forms` on show, request and send, and `vws show --forms list`
// (issue 12, docs/decisions/112-forms-of-real-traffic.md).
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/support/cli-io.js';
import { oneLine } from '../../test/support/expect-one-line.js';
import { listForms } from '../fixtures/forms.js';
import { generate } from '../fixtures/generate.js';
import { parseForms, parseShowForms } from './shared/forms-option.js';

const withMillis = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const withoutMillis = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const refDate = '2025-06-01T10:00:00.123Z';

function timestampOf(stdout: string): string {
  return (JSON.parse(stdout) as { timestamp: string }).timestamp;
}

describe('vws show --forms (issue 12)', () => {
  it('prints a Messages timestamp without milliseconds with --forms timestamp=seconds (issue 12)', async () => {
    const base = ['show', 'messages.status.read', '--seed', '7', '--ref-date', refDate];
    const documented = await runInProcess(base);
    const seconds = await runInProcess([...base, '--forms', 'timestamp=seconds']);
    expect(documented.code).toBe(0);
    expect(seconds.code).toBe(0);
    expect(timestampOf(documented.stdout)).toMatch(withMillis);
    expect(timestampOf(seconds.stdout)).toMatch(withoutMillis);
    expect(JSON.parse(seconds.stdout)).toEqual(
      generate('messages.status.read', { seed: 7, refDate, forms: { timestamp: 'seconds' } }),
    );
    // The rerun hint gives the forms back; the documented run's hint is unchanged.
    expect(seconds.stderr).toContain(`--forms timestamp=seconds)`);
    expect(documented.stderr).not.toContain('--forms');
  });

  it("keeps today's payload with --forms documented (issue 12)", async () => {
    const base = ['show', 'sms.inbound', '--seed', '5', '--ref-date', refDate];
    const plain = await runInProcess(base);
    const documented = await runInProcess([...base, '--forms', 'documented']);
    expect(documented.code).toBe(0);
    expect(documented.stdout).toBe(plain.stdout);
  });

  it("draws each payload's forms from its seed with --forms any: two seeds give both timestamps (issue 12)", async () => {
    const seen = new Map<string, number>();
    for (let seed = 1; seed <= 12; seed += 1) {
      const { code, stdout, stderr } = await runInProcess([
        'show',
        'messages.status.read',
        '--seed',
        String(seed),
        '--ref-date',
        refDate,
        '--forms',
        'any',
      ]);
      expect(code).toBe(0);
      expect(stderr).toContain('--forms any)');
      expect(JSON.parse(stdout)).toEqual(generate('messages.status.read', { seed, refDate, forms: 'any' }));
      seen.set(withMillis.test(timestampOf(stdout)) ? 'milliseconds' : 'seconds', seed);
    }
    // Two seeds, two forms; and the same seed draws the same form again.
    expect([...seen.keys()].sort()).toEqual(['milliseconds', 'seconds']);
    const again = await runInProcess([
      'show',
      'messages.status.read',
      '--seed',
      String(seen.get('seconds')),
      '--ref-date',
      refDate,
      '--forms',
      'any',
    ]);
    expect(timestampOf(again.stdout)).toMatch(withoutMillis);
  });

  it('merges repeated and comma-separated group=form pairs (issue 12)', async () => {
    const comma = await runInProcess([
      'show',
      'sms.inbound',
      '--seed',
      '3',
      '--forms',
      'api-key=without-key,message-id=long-hex',
    ]);
    const repeated = await runInProcess([
      'show',
      'sms.inbound',
      '--seed',
      '3',
      '--forms',
      'api-key=without-key',
      '--forms',
      'message-id=long-hex',
    ]);
    expect(comma.code).toBe(0);
    expect(repeated.stdout).toBe(comma.stdout);
    const payload = JSON.parse(comma.stdout) as Record<string, unknown>;
    expect(payload).not.toHaveProperty('api-key');
    expect(payload.messageId).not.toMatch(/^[0-9A-F]{2}000000/);
  });
});

describe('vws show --forms list (issue 12)', () => {
  it('prints each group, its forms with the documented one marked, descriptions and sources (issue 12)', async () => {
    const { code, stdout, stderr } = await runInProcess(['show', 'messages.status.read', '--forms', 'list']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const [group] = listForms('messages.status.read');
    expect(group?.group).toBe('timestamp');
    expect(stdout).toContain(`timestamp: ${group?.description}`);
    expect(stdout).toMatch(/^ {2}milliseconds \(documented\) {2}ISO-8601 UTC with milliseconds/m);
    expect(stdout).toMatch(/^ {2}seconds {2,}ISO-8601 UTC without milliseconds/m);
    for (const form of group?.forms ?? []) expect(stdout).toContain(`source: ${form.source}`);
    expect(stdout).toContain('--forms timestamp=seconds');
    // A list, not a payload.
    expect(stdout).not.toContain('message_uuid');
  });

  it('prints listForms as JSON with --json (issue 12)', async () => {
    const { code, stdout } = await runInProcess(['show', 'sms.inbound', '--forms', 'list', '--json']);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as unknown[];
    expect(listed).toEqual(JSON.parse(JSON.stringify(listForms('sms.inbound'))));
    expect(listed.length).toBeGreaterThan(0);
  });

  it('says an event without groups has one form of every field, exit 0 (issue 12)', async () => {
    const text = await runInProcess(['show', 'rtc.member.joined', '--forms', 'list']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      'rtc.member.joined has one form of every field: real traffic sends it as documented, so --forms has nothing to choose.\n',
    );
    const json = await runInProcess(['show', 'rtc.member.joined', '--forms', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it.each([
    [['--seed', '3'], '--seed'],
    [['--set', 'status=failed'], '--set'],
    [['--parts', '3'], '--parts'],
  ])('refuses %j with --forms list in one line (issue 12)', async (flags, flag) => {
    const { code, stdout, stderr } = await runInProcess([
      'show',
      'messages.status.read',
      '--forms',
      'list',
      ...flags,
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toContain(`--forms list prints the event's forms, not a payload: drop ${flag}`);
  });

  it('refuses --json without --forms list (issue 12)', async () => {
    const { code, stderr } = await runInProcess(['show', 'sms.inbound', '--json']);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain('--json applies to --forms list');
  });
});

describe('bad --forms values (issue 12)', () => {
  it.each(['timestamp', '=x', 'a=b=c', 'timestamp=', 'timestamp=seconds,', ''])(
    'refuses the malformed %j in one line naming the syntax, exit 2 (issue 12)',
    async (value) => {
      const { code, stdout, stderr } = await runInProcess(['show', 'messages.status.read', '--forms', value]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      oneLine(stderr);
      expect(stderr).toContain('group=form[,group=form...], e.g. --forms timestamp=seconds');
    },
  );

  it.each([
    ['timestamp=hours', 'has no form "hours" in group "timestamp"'],
    ['tz=seconds', 'has no form group "tz"'],
  ])("refuses the unknown %s with the event's groups and forms, exit 2 (issue 12)", async (value, says) => {
    const { code, stdout, stderr } = await runInProcess(['show', 'messages.status.read', '--forms', value]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toContain(says);
    expect(stderr).toContain('timestamp (milliseconds, seconds)');
  });

  it('refuses two forms of one group, and any or documented beside named forms (issue 12)', () => {
    expect(() => parseForms('timestamp=seconds', { timestamp: 'milliseconds' })).toThrow(
      'names two forms of timestamp (milliseconds and seconds)',
    );
    expect(() => parseForms('timestamp=seconds', 'any')).toThrow('--forms any stands alone');
    expect(() => parseForms('documented', { timestamp: 'seconds' })).toThrow(
      '--forms documented stands alone',
    );
    expect(parseForms('timestamp=seconds', { timestamp: 'seconds' })).toEqual({ timestamp: 'seconds' });
  });

  it('takes list on show only (issue 12)', async () => {
    expect(parseShowForms('list')).toBe('list');
    expect(() => parseForms('list')).toThrow('use documented, any, or group=form');
    const { code, stderr } = await runInProcess(['request', 'messages.status.read', '--forms', 'list']);
    expect(code).toBe(2);
    oneLine(stderr);
  });
});

describe('request and send pass --forms through (issue 12)', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('prints a request whose body has a timestamp without milliseconds (issue 12)', async () => {
    const { code, stdout } = await runInProcess([
      'request',
      'messages.status.read',
      '--seed',
      '7',
      '--ref-date',
      refDate,
      '--forms',
      'timestamp=seconds',
      '--json',
    ]);
    expect(code).toBe(0);
    const { body } = JSON.parse(stdout) as { body: string };
    expect(timestampOf(body)).toMatch(withoutMillis);
    expect(JSON.parse(body)).toEqual(
      generate('messages.status.read', { seed: 7, refDate, forms: { timestamp: 'seconds' } }),
    );
  });

  it("sends --count N --forms any with each payload's forms drawn from its own seed (issue 12)", async () => {
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        bodies.push(body);
        response.writeHead(200).end();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const count = 8;
    const { code } = await runInProcess([
      'send',
      'messages.status.read',
      '--url',
      `http://127.0.0.1:${port}/status`,
      '--seed',
      '1',
      '--ref-date',
      refDate,
      '--count',
      String(count),
      '--concurrency',
      '1',
      '--forms',
      'any',
    ]);
    expect(code).toBe(0);
    expect(bodies).toHaveLength(count);
    const expected = Array.from({ length: count }, (_, index) =>
      generate('messages.status.read', { seed: 1 + index, refDate, forms: 'any' }),
    );
    expect(bodies.map((body) => JSON.parse(body))).toEqual(expected);
    const forms = new Set(bodies.map((body) => (withMillis.test(timestampOf(body)) ? 'ms' : 's')));
    expect(forms).toEqual(new Set(['ms', 's']));
  });
});
