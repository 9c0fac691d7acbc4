import { VwsError } from '../../../errors.js';
import { findApplicationProblems, type VonageApplication } from '../../../fake-vonage/account/application.js';
import { isRecord } from '../../../internal/is-record.js';
import type { CliIo } from '../../shared/io.js';

/** Reads `--application <file>`: one application in the Applications API v2 shape, checked. */
export async function readApplication(io: CliIo, path: string): Promise<VonageApplication> {
  const shape = 'as GET /v2/applications/:id returns it';
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Cannot read --application ${path}: ${reason}. Give the path of your application's JSON, ${shape}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `Malformed JSON in --application ${path}: ${(error as Error).message}. Fix the file: it must hold one application object, ${shape}.`,
    );
  }
  if (!isRecord(parsed)) {
    throw new VwsError(
      'VWS_ERR_INVALID_JSON',
      `--application ${path} must hold one JSON object: an application ${shape}, e.g. {"name": "My app", "capabilities": {...}}.`,
    );
  }
  const problems = findApplicationProblems(parsed);
  if (parsed.id !== undefined && (typeof parsed.id !== 'string' || parsed.id === '')) {
    problems.push({ name: 'id', reason: 'must be the application id string.' });
  }
  if (problems.length > 0) {
    const list = problems.map((problem) => `${problem.name} ${problem.reason.replace(/\.$/, '')}`);
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Invalid application in --application ${path}: ${list.join('; ')}. Fix the file to the Applications API v2 shape.`,
    );
  }
  return parsed as VonageApplication;
}
