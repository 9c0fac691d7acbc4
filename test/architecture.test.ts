// Imports run one way (issue 10, decision 110): the import graph of `src/` has no cycle, and every
// room imports only the rooms below it. A room is a top-level folder of `src/` or a file beside them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/**
 * The rooms from the ground up. A room may import rooms of a lower rank, and files of its own room;
 * rooms of one rank do not import each other. Decision 110 draws the same map.
 */
const ranks: Readonly<Record<string, number>> = {
  internal: 0,
  'errors.ts': 0,
  signing: 1,
  fixtures: 1,
  schemas: 2,
  ncco: 2,
  delivery: 3,
  scenarios: 3,
  'fake-vonage': 4,
  listen: 4,
  contract: 4,
  artillery: 4,
  register: 5,
  serve: 6,
  msw: 7,
  generate: 7,
  cli: 8,
  'index.ts': 9,
  'advanced.ts': 9,
};

/**
 * The package's entry points (the targets of `exports` and the bin). No file of `src/` imports one,
 * but the two root entries (`index.ts`, `advanced.ts`), which re-export the runtime-neutral entries.
 * Each stands in its room and follows its rank, but for the runtime-neutral entries of `./fixtures`,
 * which also gather the lifecycle scenarios (runtime-neutral too) above them.
 */
const entries: ReadonlyMap<string, readonly string[]> = new Map([
  ['src/index.ts', []],
  ['src/advanced.ts', []],
  ['src/fixtures/index.ts', ['scenarios']],
  ['src/fixtures/advanced.ts', ['scenarios']],
  ['src/msw/index.ts', []],
  ['src/register/register.ts', []],
  ['src/artillery/index.ts', []],
  ['src/cli/main.ts', []],
]);

function listSources(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...listSources(path));
    else if (/\.(ts|cts|mts)$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name)) files.push(path);
  }
  return files;
}

const importPattern =
  /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every relative import of a file (value, type-only and dynamic), as repository paths of `.ts` files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const found: string[] = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    if (specifier === undefined || !specifier.startsWith('.')) continue;
    const target = resolve(dirname(file), specifier).replace(/\.(c|m)?js$/, '.$1ts');
    found.push(relative(root, target));
  }
  return found;
}

function roomOf(path: string): string {
  const inside = relative('src', path);
  const first = inside.split('/')[0] ?? inside;
  return first;
}

const files = listSources(src).map((file) => relative(root, file));
const graph = new Map(files.map((file) => [file, importsOf(join(root, file))]));

type ImportGraph = ReadonlyMap<string, readonly string[]>;

function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (state.get(file) === undefined) visit(file);
  return cycles;
}

/** Imports that run the wrong way: into an entry point, or from a room to one of its rank or above. */
function findWrongWay(graph: ImportGraph): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const allowed = entries.get(file) ?? [];
    for (const target of targets) {
      const from = roomOf(file);
      const to = roomOf(target);
      if (entries.has(target) && !(entries.has(file) && ranks[from] === ranks['index.ts'])) {
        wrong.push(`${file} -> ${target} (an entry point)`);
        continue;
      }
      if (from === to || allowed.includes(to)) continue;
      const fromRank = ranks[from] ?? -1;
      const toRank = ranks[to] ?? Number.POSITIVE_INFINITY;
      if (toRank >= fromRank) wrong.push(`${file} -> ${target} (${from} ${fromRank} -> ${to} ${toRank})`);
    }
  }
  return wrong;
}

describe('the import graph of src/ (issue 10)', () => {
  it('reads every source file and the imports between them', () => {
    expect(files.length).toBeGreaterThan(100);
    const edges = [...graph.values()].reduce((sum, targets) => sum + targets.length, 0);
    expect(edges).toBeGreaterThan(files.length);
  });

  it('resolves every relative import to a source file', () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => !graph.has(target)).map((target) => `${file} -> ${target}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no cycle, type-only imports included', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('gives every room a rank', () => {
    const rooms = new Set(files.map(roomOf));
    expect([...rooms].filter((room) => ranks[room] === undefined)).toEqual([]);
  });

  it('has no wrong-way import: a room imports only rooms below it, and only the root entries import an entry point', () => {
    expect(findWrongWay(graph)).toEqual([]);
  });

  it('finds a cycle, an upward import and an import of an entry point when there are some', () => {
    const probe = new Map(graph);
    probe.set('src/internal/probe.ts', ['src/cli/run.ts', 'src/internal/probe-b.ts']);
    probe.set('src/internal/probe-b.ts', ['src/internal/probe.ts', 'src/index.ts']);
    probe.set('src/register/register.ts', [
      ...(graph.get('src/register/register.ts') ?? []),
      'src/cli/run.ts',
    ]);
    probe.set('src/fixtures/index.ts', [
      ...(graph.get('src/fixtures/index.ts') ?? []),
      'src/delivery/retry.ts',
    ]);
    expect(findCycles(probe).map((cycle) => cycle.join(' -> '))).toContain(
      'src/internal/probe.ts -> src/internal/probe-b.ts -> src/internal/probe.ts',
    );
    expect(
      findWrongWay(probe)
        .filter((line) => !findWrongWay(graph).includes(line))
        .sort(),
    ).toEqual([
      'src/fixtures/index.ts -> src/delivery/retry.ts (fixtures 1 -> delivery 3)',
      'src/internal/probe-b.ts -> src/index.ts (an entry point)',
      'src/internal/probe.ts -> src/cli/run.ts (internal 0 -> cli 8)',
      'src/register/register.ts -> src/cli/run.ts (register 5 -> cli 8)',
    ]);
  });
});
