import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Why a template could not be written, in words naming the path at fault. */
export class OutputNotWritable extends Error {}

/**
 * The folders leading to `dir`, created one at a time from the nearest one that exists. Done by hand
 * rather than with `mkdir -p` semantics because Node's recursive mkdir spins forever under some
 * pseudo file systems (`/proc/1/x`), and because a file in the way must be named, not reported as EEXIST.
 */
function ensureFolder(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ;) {
    try {
      if (!statSync(at).isDirectory()) throw new OutputNotWritable(`${at} is a file, not a folder`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(at);
      const up = dirname(at);
      if (up === at) break;
      at = up;
    }
  }
  for (const folder of missing.reverse()) mkdirSync(folder);
}

/** Removes a temporary file if it was made; when its folder is not one, there is nothing to remove. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // ENOTDIR and the like: the temporary file was never written.
  }
}

/**
 * Writes `text` to `path` through a temporary file beside it, renamed over it: a reader (or a crash)
 * sees the old file or the new one, never half of one. An existing file is replaced. Failures are
 * an OutputNotWritable naming the path and the system's reason; no temporary file is left behind.
 */
export function writeAtomically(path: string, text: string): void {
  const dir = dirname(path);
  const temporary = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    ensureFolder(dir);
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    removeQuietly(temporary);
    if (error instanceof OutputNotWritable) throw error;
    throw new OutputNotWritable((error as Error).message);
  }
}
