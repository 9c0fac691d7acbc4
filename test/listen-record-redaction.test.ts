// What `vws listen --record` writes (issue 12, decision 112): personal data replaced, the same value
// by the same replacement, shaped like the original; and drift found against the closed schema.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { listEvents } from '../src/fixtures/catalog.js';
import { generate } from '../src/fixtures/generate.js';
import { findDrift } from '../src/listen/drift.js';
import { openRecorder } from '../src/listen/record.js';
import { createPersonalDataRedactor } from '../src/listen/redact-personal-data.js';
import { runInProcess } from './support/cli-io.js';

describe('personal data in a record (issue 12)', () => {
  it('replaces numbers, names, texts, media URLs and emails deterministically, shaped like the original', () => {
    const redactor = createPersonalDataRedactor();
    const first = redactor.redact({
      from: '447911123456',
      to: { type: 'phone', number: '+14155550987' },
      text: 'Hello there',
      image: { url: 'https://api.nexmo.com/v3/media/abc.jpg', caption: 'me' },
      profile: { name: 'Jo' },
      contact: { first_name: 'Jo', last_name: 'Smith', email: 'jo@example.org' },
      nested: { anything: '33612345678' },
      timestamp: '1385047698',
    }) as Record<string, Record<string, unknown>>;
    expect(first.from).toBe('447700900001');
    expect(first.to).toEqual({ type: 'phone', number: '+12015550102' });
    expect(first.text).toBe('[text 1: 11 chars]');
    expect(first.image).toEqual({ url: 'https://media.example.invalid/1.jpg', caption: '[text 2: 2 chars]' });
    expect(first.profile?.name).toBe('Name 1');
    expect(first.contact).toEqual({
      first_name: 'Name 1',
      last_name: 'Name 2',
      email: 'person1@example.invalid',
    });
    expect(first.nested?.anything).toMatch(/^\d{11}$/);
    expect(first.timestamp).toBe('1385047698');
    // The same value, the same replacement: a conversation stays readable.
    expect(redactor.redact({ msisdn: '447911123456', caller_name: 'Jo' }) as Record<string, unknown>).toEqual(
      {
        msisdn: '447700900001',
        caller_name: 'Name 1',
      },
    );
  });

  it('leaves no number, name, text or API key of any catalog event in its record (issue 12)', () => {
    const personal = new Set([
      'msisdn',
      'to',
      'from',
      'number',
      'text',
      'keyword',
      'caption',
      'first_name',
      'last_name',
      'caller_name',
      'name',
      'national_format_number',
      'international_format_number',
      'email',
      'url',
      'transcript',
      'from_user',
      'address',
      'api-key',
      'api_key',
    ]);
    const leaks: string[] = [];
    for (const entry of listEvents()) {
      for (const seed of [1, 2]) {
        const payload = generate(entry.name as 'sms.inbound', { seed });
        const out = JSON.stringify(createPersonalDataRedactor().redact(payload));
        const visit = (value: unknown, key: string): void => {
          if (Array.isArray(value)) {
            for (const item of value) visit(item, key);
            return;
          }
          if (value !== null && typeof value === 'object') {
            for (const [child, item] of Object.entries(value)) visit(item, child);
            return;
          }
          if (typeof value !== 'string' || value.length < 2) return;
          const phone = /^\+?\d{7,15}$/.test(value) && !/timestamp|_id$|^id$/.test(key);
          const uuidLike = /^(MEM|USR|CON|NAM|knocker)[-:]/.test(value);
          if ((personal.has(key) && !uuidLike) || phone) {
            if (out.includes(JSON.stringify(value))) leaks.push(`${entry.name} ${key}=${value}`);
          }
        };
        visit(payload, '');
      }
    }
    expect(leaks).toEqual([]);
  });

  it('finds drift: unknown fields, new enum values, other types and formats', () => {
    const payload = {
      ...generate('messages.status.read.whatsapp', { seed: 3 }),
      status: 'read_twice',
      timestamp: '15/01/2026',
      extra: { nested: 1 },
    };
    const kinds = findDrift(payload, 'messages.status.read.whatsapp').items.map(
      (item) => `${item.kind} ${item.path}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining(['unknown-field $.extra', 'new-enum-value $.status', 'format $.timestamp']),
    );
    expect(
      findDrift({ ...generate('sms.inbound.text', { seed: 3 }), msisdn: 447911123456 }, 'sms.inbound.text')
        .items,
    ).toEqual([{ path: '$.msisdn', kind: 'type', expected: 'string', seen: 'number' }]);
  });

  it('redacts an SMS sig and any signature field in the recorded payload, and says so (issue 12)', () => {
    const recorder = openRecorder(mkdtempSync(`${tmpdir()}/vws-sig-`));
    const file = recorder.write(recorder.next(), {
      receivedAt: '2026-03-01T08:00:00.000Z',
      method: 'POST',
      path: '/webhooks/inbound-sms',
      headers: { 'content-type': 'application/json' },
      event: 'sms.inbound.text',
      signature: { scheme: 'sms-signature', valid: true, detail: 'ok' },
      schema: { valid: true, exact: true, errors: [] },
      payload: {
        ...generate('sms.inbound.text', { seed: 4 }),
        sig: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
        nested: { signature: 'c2lnbmF0dXJl', Signature: 12345678 },
      },
      status: 200,
      drift: [],
      unknownFields: [],
    });
    const record = JSON.parse(readFileSync(file, 'utf8')) as {
      note: string;
      payload: Record<string, unknown> & { nested: Record<string, unknown> };
    };
    expect(record.payload.sig).toBe('[REDACTED]');
    expect(record.payload.nested).toEqual({ signature: '[REDACTED]', Signature: '[REDACTED]' });
    expect(record.note).toContain('`sig`');
    expect(readFileSync(file, 'utf8')).not.toContain('1a2b3c4d5e6f');
  });

  it('keeps ids (*_id) and gives 13 to 15 digit numbers the 447700900 prefix, as the help says (issue 12)', async () => {
    const redactor = createPersonalDataRedactor();
    const out = redactor.redact({
      from: '4479111234567',
      to: '+447911123456789',
      waba_id: '104817782385471',
      referral: { source_id: '120213485732610', source_type: 'ad' },
      conversation: { id: '2384723847234' },
      messageId: '44791112345',
    }) as Record<string, unknown>;
    expect(out).toMatchObject({
      from: '4477009000001',
      to: '+447700900000002',
      waba_id: '104817782385471',
      referral: { source_id: '120213485732610', source_type: 'ad' },
      conversation: { id: '2384723847234' },
      messageId: '44791112345',
    });
    const help = await runInProcess(['listen', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('447700900xxx, longer ones 447700900 and more digits');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('ids (*_id) are kept');
  });
});
