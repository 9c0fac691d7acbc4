import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { VwsError } from '../../errors.js';

/** The one-line error for a report file (`--junit`) that cannot be written, naming the fix. */
export function cannotWriteReport(path: string, error: unknown, option = '--junit'): VwsError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new VwsError(
    'VWS_ERR_INVALID_OPTION',
    `Cannot write ${option} ${path} (${reason}): give a path in a folder you can write to.`,
  );
}

/** Writes a report file (`--junit`), creating its folder; a failure is one line naming the fix. */
export async function writeReport(path: string, content: string, option = '--junit'): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  } catch (error) {
    throw cannotWriteReport(path, error, option);
  }
}
