import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listEvents } from '../fixtures/catalog.js';
import { apiFamilies, referencePages } from './reference-pages.js';

const referenceDir = join(import.meta.dirname, '../../docs/reference');

/** GitHub's heading anchors of a Markdown page (lower case, punctuation dropped, spaces to hyphens). */
function toAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*$/.exec(line);
    if (heading?.[1] === undefined) continue;
    const text = heading[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

describe('docs/reference pages of the catalog', () => {
  it('has a page for every section a catalog entry cites', () => {
    const sections = new Set(listEvents().map((entry) => entry.reference));
    for (const section of sections) expect(Object.keys(referencePages), section).toContain(section);
  });

  it('points every section and API family at a page and heading that exist', () => {
    const targets = [...Object.values(referencePages), ...apiFamilies.map((family) => family.page)];
    for (const target of targets) {
      const [page = '', anchor] = target.split('#');
      const markdown = readFileSync(join(referenceDir, page), 'utf8');
      if (anchor !== undefined) expect(toAnchors(markdown), target).toContain(anchor);
    }
  });

  it('names every event prefix of the catalog in one API family', () => {
    const prefixes = new Set(listEvents().map((entry) => entry.name.split('.')[0]));
    expect([...prefixes].sort()).toEqual(apiFamilies.map((family) => family.prefix).sort());
  });
});
