import { describe, expect, it } from 'vitest';
import { exampleOfChange, firstSource } from './payload-variants.js';

describe('exampleOfChange (issue 12)', () => {
  it('shows the new value of the first changed field, at any depth', () => {
    expect(
      exampleOfChange(
        { id: 1, timestamp: '2026-01-18T15:02:25.000Z' },
        { id: 1, timestamp: '2026-01-18T15:02:25Z' },
      ),
    ).toBe('2026-01-18T15:02:25Z');
    expect(exampleOfChange({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })).toBe('3');
  });

  it('names a field the form leaves out or adds, and says nothing when nothing changed', () => {
    expect(exampleOfChange({ 'api-key': 'k', to: '1' }, { to: '1' })).toBe('no api-key');
    expect(exampleOfChange({ to: '1' }, { to: '1', caller_name: 'Jane' })).toBe('caller_name: Jane');
    expect(exampleOfChange({ a: 1, b: 2 }, { b: 2, a: 1 })).toBeUndefined();
  });
});

describe('firstSource (issue 12)', () => {
  it('keeps the first of several sources, a semicolon inside parentheses included', () => {
    expect(firstSource('php test/SMS/requests/inbound.txt (2016; no api-key); a Flask app (2018)')).toBe(
      'php test/SMS/requests/inbound.txt (2016; no api-key)',
    );
    expect(firstSource('one source')).toBe('one source');
    expect(firstSource('x'.repeat(200))).toBe(`${'x'.repeat(120)}…`);
  });

  it('drops the details in parentheses of a long source rather than cutting inside a quote (issue 12)', () => {
    const source = `dotnet Vonage.Test/Data/Webhooks/ShouldDeserializedAnswered_GivenStartTimeIsNull.json (2024 capture: "uuid": "c8061992c89a65e3790bfa0aaca6f069"); real payloads`;
    expect(firstSource(source)).toBe(
      'dotnet Vonage.Test/Data/Webhooks/ShouldDeserializedAnswered_GivenStartTimeIsNull.json',
    );
    const words = `${'word '.repeat(30)}(detail)`;
    expect(firstSource(words)).toMatch(/^(word ){2,}.*word…$/);
    expect(firstSource(words).length).toBeLessThanOrEqual(121);
  });
});
