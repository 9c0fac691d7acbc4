import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { specsDir } from './specs-dir.js';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * Validators compiled from Vonage's official OpenAPI 3.0 files. Each file is added whole to Ajv
 * under its own id, so `$ref`s inside it resolve; a schema is then addressed by a JSON pointer into
 * the document (a webhook's request body, or one branch of a `oneOf`). Ajv understands the OpenAPI
 * `nullable` keyword; other OpenAPI keywords (`example`, `x-*`, `discriminator`) are ignored.
 */
export class OfficialSpecs {
  readonly #ajv: Ajv;
  readonly #loaded = new Set<string>();
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.#ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, validateSchema: false });
    addFormats(this.#ajv);
  }

  #ensure(file: string): void {
    if (this.#loaded.has(file)) return;
    const document = parse(readFileSync(join(specsDir, file), 'utf8')) as Record<string, unknown>;
    this.#ajv.addSchema(document, `spec:${file}`);
    this.#loaded.add(file);
  }

  /** The validator for the schema at `pointer` (a JSON pointer, `/x-webhooks/...`) in `file`. */
  validator(file: string, pointer: string): ValidateFunction {
    const key = `${file}#${pointer}`;
    let validate = this.#compiled.get(key);
    if (validate === undefined) {
      this.#ensure(file);
      validate = this.#ajv.compile({ $ref: `spec:${file}#${pointer}` });
      this.#compiled.set(key, validate);
    }
    return validate;
  }
}

/** Escapes one JSON-pointer segment (`/` and `~`), for keys like `application/json`. */
export function pointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** JSON pointer to the JSON request-body schema of a webhook under `x-webhooks`. */
export function xWebhookBody(webhook: string, expression = '{$request.body#/callback}'): string {
  return `/x-webhooks/${pointerSegment(webhook)}/${pointerSegment(expression)}/post/requestBody/content/application~1json/schema`;
}

/** JSON pointer to a schema under `components.schemas`. */
export function componentSchema(name: string): string {
  return `/components/schemas/${pointerSegment(name)}`;
}
