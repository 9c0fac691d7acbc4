// Writes the generated files: fixtures/*.json, schemas/*.schema.json, docs/events.md and the README's
// table of the APIs.
// Run with `npm run generate` (it builds first). Stale files are removed.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  renderEventsPage,
  renderFixtureFiles,
  renderSchemaFiles,
  replaceApiTable,
} from '../dist/generate/generated-files.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function sync(folder, files) {
  await mkdir(join(root, folder), { recursive: true });
  for (const name of await readdir(join(root, folder))) {
    if (!files.has(`${folder}/${name}`)) await rm(join(root, folder, name));
  }
  for (const [path, content] of files) await writeFile(join(root, path), content);
  return files.size;
}

const fixtures = await sync('fixtures', renderFixtureFiles());
const schemas = await sync(
  'schemas',
  renderSchemaFiles(),
  (name) => !name.endsWith('.schema.json') || name.startsWith('vws.'),
);
const readmePath = join(root, 'README.md');
await writeFile(readmePath, replaceApiTable(await readFile(readmePath, 'utf8')));
await writeFile(join(root, 'docs', 'events.md'), renderEventsPage());
console.log(
  `wrote ${fixtures} fixtures, ${schemas} schemas, docs/events.md and the README's table of the APIs`,
);
