import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  renderApiTable,
  renderEventsPage,
  renderFixtureFiles,
  renderSchemaFiles,
} from '../src/generate/generated-files.js';

const root = join(import.meta.dirname, '..');
const fix = 'run "npm run generate" and commit the result';

function checkFolder(folder: string, expected: Map<string, string>) {
  for (const [path, content] of expected) {
    let actual: string | undefined;
    try {
      actual = readFileSync(join(root, path), 'utf8');
    } catch {
      actual = undefined;
    }
    expect(actual, `${path} is missing: ${fix}`).toBeDefined();
    expect(actual === content, `${path} is stale: ${fix}`).toBe(true);
  }
  const extra = readdirSync(join(root, folder)).filter((name) => !expected.has(`${folder}/${name}`));
  expect(extra, `files in ${folder}/ for no event: ${fix}`).toEqual([]);
}

describe('generated files', () => {
  it('has a current static fixture for every event and version', () => {
    checkFolder('fixtures', renderFixtureFiles());
  });

  it('ships a current JSON Schema for every event and version', () => {
    checkFolder('schemas', renderSchemaFiles());
  });

  // Issue 10 moved the README's event table to docs/events.md (decision 110); this check followed it.
  it('keeps docs/events.md in sync with the catalog', () => {
    const page = readFileSync(join(root, 'docs', 'events.md'), 'utf8');
    expect(page === renderEventsPage(), `docs/events.md is stale: ${fix}`).toBe(true);
  });

  it("keeps the README's table of the APIs in sync with the catalog", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme.includes(renderApiTable()), `README.md API table is stale: ${fix}`).toBe(true);
  });
});
