import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as root from 'vonage-webhook-simulator';
import * as advanced from 'vonage-webhook-simulator/advanced';
import * as fixtures from 'vonage-webhook-simulator/fixtures';
import * as fixturesAdvanced from 'vonage-webhook-simulator/fixtures/advanced';
import * as msw from 'vonage-webhook-simulator/msw';

// A change to the public API shows up here as a snapshot diff: review it, then update the snapshot
// (npx vitest run test/public-api.test.ts -u) in the same commit.

const entries = {
  'vonage-webhook-simulator': '../src/index.ts',
  'vonage-webhook-simulator/advanced': '../src/advanced.ts',
  'vonage-webhook-simulator/fixtures': '../src/fixtures/index.ts',
  'vonage-webhook-simulator/fixtures/advanced': '../src/fixtures/advanced.ts',
  'vonage-webhook-simulator/msw': '../src/msw/index.ts',
} as const;

const paths = Object.values(entries).map((path) => fileURLToPath(new URL(path, import.meta.url)));
const program = ts.createProgram(paths, {
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

/** The names an entry exports as types only (interfaces and type aliases), read by the compiler. */
function exportedTypes(entry: keyof typeof entries): string[] {
  const source = program.getSourceFile(fileURLToPath(new URL(entries[entry], import.meta.url)));
  const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (module === undefined) throw new Error(`cannot read ${entry}`);
  return checker
    .getExportsOfModule(module)
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Type) !== 0 && (target.flags & ts.SymbolFlags.Value) === 0;
    })
    .map((symbol) => symbol.name)
    .sort();
}

describe('public API', () => {
  it('exports these names from vonage-webhook-simulator', () => {
    expect(Object.keys(root).sort()).toMatchSnapshot();
  });

  it('exports these names from vonage-webhook-simulator/fixtures', () => {
    expect(Object.keys(fixtures).sort()).toMatchSnapshot();
  });

  it('exports these names from vonage-webhook-simulator/msw', () => {
    expect(Object.keys(msw).sort()).toMatchSnapshot();
  });

  it('exports everything of ./fixtures from the root too', () => {
    expect(Object.keys(root)).toEqual(expect.arrayContaining(Object.keys(fixtures)));
  });

  // Issue 10: the root keeps what users call; the building blocks moved to ./advanced, none removed.
  it('exports at most 60 values from the root entry (issue 10)', () => {
    expect(Object.keys(root).length).toBeLessThanOrEqual(60);
  });

  it('exports these names from vonage-webhook-simulator/advanced, none of them also from the root', () => {
    expect(Object.keys(advanced).sort()).toMatchSnapshot();
    expect(Object.keys(advanced).filter((name) => name in root)).toEqual([]);
  });

  it('exports the runtime-neutral building blocks from ./fixtures/advanced, and all of them from ./advanced', () => {
    expect(Object.keys(fixturesAdvanced).sort()).toMatchSnapshot();
    expect(Object.keys(advanced)).toEqual(expect.arrayContaining(Object.keys(fixturesAdvanced)));
    expect(Object.keys(fixturesAdvanced).filter((name) => name in fixtures)).toEqual([]);
  });

  it.each(Object.keys(entries))('exports these types from %s', (entry) => {
    const types = exportedTypes(entry as keyof typeof entries);
    expect(types.length).toBeGreaterThan(0);
    expect(types).toMatchSnapshot();
  });
});
