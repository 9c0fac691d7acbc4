// `npm start` needs the build (the bin loads dist/cli/bundle/): builds once on a fresh clone, where
// `npm install` no longer builds (the package has no `prepare` script, so installing its tarball
// makes npm 11 warn about none; docs/decisions/114). `npm test` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = ['dist/cli/bundle/main.js', 'dist/bundle/index.js'].every((file) => existsSync(root + file));
if (!built) {
  process.stderr.write('vonage-webhook-simulator: building first (npm run build)\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
