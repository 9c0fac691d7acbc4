import { createRequire } from 'node:module';
import type { Ajv, Options } from 'ajv';

const require = createRequire(import.meta.url);
let AjvClass: typeof Ajv | undefined;

/**
 * A new Ajv instance, with ajv (about 60 modules) loaded on the first call rather than when the
 * library is imported: most imports never validate (issue 13, docs/decisions/115).
 */
export function createAjv(options: Options): Ajv {
  AjvClass ??= (require('ajv') as { Ajv: typeof Ajv }).Ajv;
  return new AjvClass(options);
}
