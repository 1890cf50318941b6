import { constants, promises as fsp } from 'node:fs';
import { join } from 'node:path';

/** An entry inside a model directory that cannot be read; `path` names it. */
export class UnreadableEntryError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'UnreadableEntryError';
  }
}

/** A short, user-facing reason for a failed file-system call. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'a broken link';
  if (code === 'ELOOP') return 'a link loop';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Total bytes of the files under `root` (links followed, each directory counted once), checking that
 * every file can be read: the whole tree is copied into the project, so a file mcc cannot read would
 * only fail later, half-way through writing it.
 */
export async function directorySize(root: string): Promise<number> {
  const visited = new Set<string>();
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    const self = await fsp.stat(dir);
    const id = `${self.dev}:${self.ino}`;
    if (visited.has(id)) return;
    visited.add(id);
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch (error) {
      throw new UnreadableEntryError(dir, fsReason(error));
    }
    for (const name of names.sort()) {
      const path = join(dir, name);
      try {
        const stat = await fsp.stat(path);
        if (stat.isDirectory()) {
          await walk(path);
        } else if (stat.isFile()) {
          await fsp.access(path, constants.R_OK);
          total += stat.size;
        }
      } catch (error) {
        if (error instanceof UnreadableEntryError) throw error;
        throw new UnreadableEntryError(path, fsReason(error));
      }
    }
  };
  await walk(root);
  return total;
}
