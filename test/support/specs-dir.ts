import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `../shared/vonage-specs` beside the repository: present in CI, absent in a user's fresh clone. */
export const specsDir = fileURLToPath(new URL('../../../shared/vonage-specs/', import.meta.url));
export const hasSpecs = existsSync(specsDir);
