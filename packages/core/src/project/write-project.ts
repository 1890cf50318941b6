import { mkdirSync, writeFileSync } from 'node:fs';
import { cp, lstat, mkdir, mkdtemp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { McError, usageError } from '@mcc/sdk';
import type { RenderedFile } from '@mcc/sdk/render';

/** A file or directory copied into the project as it is (a user's model). */
export interface CopiedPath {
  from: string;
  /** POSIX path relative to the project root. */
  to: string;
}

export interface WriteOptions {
  force: boolean;
}

/** True when `dir` exists and has entries. */
export async function isNonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    // A file where a folder should be: ensureDirectory reports it in words.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw error;
  }
}

/** True when something (even a dangling link) is at `path`. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `dir` and its missing parents one level at a time, returning those it created (outermost
 * first). Not `mkdir({recursive: true})`: on some file systems (e.g. under /proc) it retries an
 * ENOENT forever. A file in the way, or a folder that cannot be created, is an error naming it.
 */
async function ensureDirectory(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    try {
      if ((await stat(current)).isDirectory()) break;
      throw usageError(
        'OUTPUT_NOT_A_DIRECTORY',
        `${current} is a file, so the project cannot be written in ${dir}.`,
        ['Choose another --output-dir.'],
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      missing.unshift(current);
      if (dirname(current) === current) break;
    }
  }
  const created: string[] = [];
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      await removeCreated(created);
      throw new McError(
        `Cannot create the folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
        {
          code: 'OUTPUT_DIR_UNUSABLE',
          suggestions: ['Choose an --output-dir you can write to.'],
        },
      );
    }
    created.push(folder);
  }
  return created;
}

/** Removes folders this run created, innermost first, only while they are empty. */
async function removeCreated(created: readonly string[]): Promise<void> {
  for (const folder of [...created].reverse()) await rmdir(folder).catch(() => undefined);
}

/**
 * Writes a project so that it appears whole or not at all: everything goes into a temporary
 * sibling folder, which is renamed into place at the end. With `force`, an existing folder is moved
 * aside first and restored if anything fails, then removed. Interrupting (Ctrl-C) mid-way leaves no
 * temporary folder behind.
 */
export async function writeProjectAtomically(
  projectDir: string,
  files: readonly RenderedFile[],
  copies: readonly CopiedPath[],
  options: WriteOptions,
): Promise<void> {
  if (!options.force && (await isNonEmptyDir(projectDir))) {
    throw new McError(`${projectDir} already exists and is not empty.`, {
      code: 'PROJECT_EXISTS',
      exitCode: 2,
      suggestions: ['Choose another NAME or --output-dir, or pass --force to replace it.'],
    });
  }
  const parent = dirname(projectDir);
  const createdDirs = await ensureDirectory(parent);
  let staging: string;
  try {
    staging = await mkdtemp(join(parent, `.${basename(projectDir)}.mcc-tmp-`));
  } catch (error) {
    await removeCreated(createdDirs);
    throw new McError(
      `Cannot write in ${parent}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      {
        code: 'OUTPUT_DIR_UNUSABLE',
        suggestions: ['Choose an --output-dir you can write to.'],
      },
    );
  }
  let backup: string | undefined;
  const cleanupOnSignal = (): void => {
    void rm(staging, { recursive: true, force: true }).finally(() => process.exit(130));
  };
  process.once('SIGINT', cleanupOnSignal);
  try {
    // Synchronous writes: a project is a few dozen small files, and the thread pool's round trips
    // cost more than the writes (measured on `mcc generate`).
    for (const file of files) {
      mkdirSync(dirname(join(staging, file.path)), { recursive: true });
      writeFileSync(join(staging, file.path), file.content, { mode: file.mode });
    }
    for (const copy of copies) {
      await mkdir(dirname(join(staging, copy.to)), { recursive: true });
      await cp(copy.from, join(staging, copy.to), { recursive: true, errorOnExist: true, force: false });
    }
    if (await pathExists(projectDir)) {
      backup = `${staging}-previous`;
      await rename(projectDir, backup);
    }
    await rename(staging, projectDir);
    if (backup) await rm(backup, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (backup && !(await pathExists(projectDir))) await rename(backup, projectDir);
    await removeCreated(createdDirs);
    throw error;
  } finally {
    process.removeListener('SIGINT', cleanupOnSignal);
  }
}
