// validateNcco and nccoSchema over the shared corpus of valid and invalid NCCOs
// (test/support/ncco-corpus.ts), and nccoSchema against the 2021 official schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ours, validCorpus } from '../../test/support/ncco-corpus.js';
import { invalidCorpus } from '../../test/support/ncco-invalid-corpus.js';
import { hasSpecs, specsDir } from '../../test/support/specs-dir.js';
import type { NccoValidationResult } from './engine/issues.js';
import { nccoSchema } from './ncco-schema.js';
import { validateNcco } from './validate-ncco.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const oldSchemaActions = new Set(['connect', 'conversation', 'input', 'record', 'stream', 'talk']);

/**
 * Valid current NCCOs the 2021 official schema rejects, with the reason (decision 060). Every other
 * valid NCCO that uses only the six actions it knows must pass it.
 */
const officialDifferences: Readonly<Record<string, string>> = {
  'record in ogg without end conditions, then a conversation (monitoring)': 'format enum lacks ogg',
  'conversation, attendee of a moderated conference': 'musicOnHoldUrl is a string there, an array now',
  'connect to SIP by user and domain': 'its sip endpoint requires uri',
  'connect to an app user (no from)': 'endpoint oneOf lacks app',
  'connect to a VBC extension': 'endpoint oneOf lacks vbc',
};

function issuesOf(result: NccoValidationResult): readonly { path: string; reason: string }[] {
  return result.issues;
}

describe('validateNcco', () => {
  it.each(validCorpus)('accepts the valid NCCO $name without warnings, as does nccoSchema', ({ ncco }) => {
    const result = validateNcco(ncco);
    expect(issuesOf(result)).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(ours(ncco), JSON.stringify(ours.errors)).toBe(true);
  });

  it.each(invalidCorpus)('rejects $name at $path', ({ ncco, path, reason, schema }) => {
    const result = validateNcco(ncco);
    expect(result.valid).toBe(false);
    expect(result.issues).toContainEqual({ path, reason: expect.stringContaining(reason) });
    // Where JSON Schema can hold the rule, nccoSchema rejects too; where it cannot, it accepts.
    expect(ours(ncco)).toBe(!schema);
  });

  it('has a corpus of at least 25 valid and 30 invalid NCCOs', () => {
    expect(validCorpus.length).toBeGreaterThanOrEqual(25);
    expect(invalidCorpus.length).toBeGreaterThanOrEqual(30);
  });
});

describe('nccoSchema', () => {
  it('compiles under Ajv strict mode as a draft-07 schema', () => {
    expect(nccoSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() => new Ajv({ strict: true }).compile(nccoSchema)).not.toThrow();
  });

  it.skipIf(!hasSpecs)(
    'agrees with the 2021 official ncco-schema.json on valid NCCOs of the actions it knows, except the listed differences',
    () => {
      const official = JSON.parse(readFileSync(join(specsDir, 'ncco-schema.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      // A draft-04 file: Ajv 8 reads it as draft-07 once the $schema line is dropped (no draft-04-only keyword is used).
      const { $schema: _draft04, ...schema } = official;
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      const checked = validCorpus.filter(({ ncco }) =>
        ncco.every((action) => oldSchemaActions.has((action as { action: string }).action)),
      );
      expect(checked.length).toBeGreaterThanOrEqual(20);
      const verdicts = Object.fromEntries(checked.map(({ name, ncco }) => [name, validate(ncco)]));
      const rejected = Object.keys(verdicts).filter((name) => verdicts[name] === false);
      console.log(
        `NOTICE: 2021 ncco-schema.json: ${checked.length - rejected.length} of ${checked.length} valid NCCOs pass`,
      );
      expect(rejected.sort()).toEqual(Object.keys(officialDifferences).sort());
    },
  );
});
