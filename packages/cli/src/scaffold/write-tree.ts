import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { usageError } from '@mcc/sdk';

import type { ScaffoldFile } from './scaffold-files.js';

/**
 * Writes a project so that it is there whole or not at all: into a hidden folder beside the target,
 * then renamed into place (one rename on the same file system). A target folder that exists and
 * holds anything is refused, so nothing of the user's is overwritten or mixed in.
 */
export function writeTree(target: string, files: readonly ScaffoldFile[]): void {
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw usageError(
      'PLUGIN_DIR_NOT_EMPTY',
      `${target} already exists and is not empty; nothing was written.`,
      ['Pass --dir <a new or empty folder>, or move the folder away.'],
    );
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.mcc-new-`));
  try {
    // mkdtemp makes it private (0700); the project gets the permissions any new folder gets.
    chmodSync(staging, 0o777 & ~process.umask());
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      chmodSync(path, file.mode);
    }
    if (existsSync(target)) rmdirSync(target);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
