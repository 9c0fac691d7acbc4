import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { VwsError } from '../../errors.js';
import { cannotWriteReport } from './write-report.js';

/**
 * Checks, before anything is sent, that a report file (`--junit`) can be written: it creates the
 * file's folder (where the report will go) and checks that the path is not a folder and that the
 * file, or its folder when the file does not exist yet, is writable. It writes no file, so a run
 * that fails later leaves nothing but the folder. A failure is one line naming the fix (exit 2).
 */
export async function checkOutputPath(path: string, option = '--junit'): Promise<void> {
  let existing: Awaited<ReturnType<typeof stat>> | undefined;
  try {
    await mkdir(dirname(path), { recursive: true });
    existing = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (existing?.isDirectory() !== true)
      await access(existing === undefined ? dirname(path) : path, constants.W_OK);
  } catch (error) {
    throw cannotWriteReport(path, error, option);
  }
  if (existing?.isDirectory() === true) {
    throw new VwsError(
      'VWS_ERR_INVALID_OPTION',
      `Cannot write ${option} ${path}: it is a folder: give a file path, such as ${option} ${join(path, 'report.xml')}.`,
    );
  }
}
