import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { McError } from '@mcc/sdk';
import type { ProjectState, StateStore } from '@mcc/sdk';

/** Where a project keeps what mcc created for it (git-ignored by the generated .gitignore). */
export const STATE_DIR = '.mcc';
export const STATE_FILE = 'state.json';
const LOCK_FILE = 'lock';

function emptyState(): ProjectState {
  return { schema: 1, targets: {} };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `.mcc/state.json`, written atomically (a temporary file renamed over it), and `.mcc/lock`, which
 * makes a second verb on the same project refuse rather than race the first: two deploys at once
 * would both create resources and each record only its own.
 */
export class StateFile implements StateStore {
  private readonly dir: string;
  private readonly path: string;
  private readonly lockPath: string;
  private locked = false;

  constructor(projectDir: string) {
    this.dir = join(projectDir, STATE_DIR);
    this.path = join(this.dir, STATE_FILE);
    this.lockPath = join(this.dir, LOCK_FILE);
  }

  read(): ProjectState {
    let raw: string;
    try {
      raw = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
      throw error;
    }
    try {
      const parsed = JSON.parse(raw) as ProjectState;
      if (parsed.schema !== 1 || typeof parsed.targets !== 'object' || parsed.targets === null)
        throw new Error('unknown shape');
      return parsed;
    } catch (error) {
      throw new McError(
        `${this.path} is damaged (${(error as Error).message}); mcc will not guess what it created.`,
        {
          code: 'STATE_INVALID',
          suggestions: [
            'Restore it from a backup, or look the resources up in the AWS console (`mcc status` names them) and delete the file once they are gone.',
          ],
        },
      );
    }
  }

  write(state: ProjectState): void {
    mkdirSync(this.dir, { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  /** Takes the project's lock for `verb`; throws naming the holder when another run has it. */
  lock(verb: string): void {
    mkdirSync(this.dir, { recursive: true });
    for (let tries = 0; tries < 2; tries++) {
      try {
        const fd = openSync(this.lockPath, 'wx', 0o600);
        writeFileSync(fd, JSON.stringify({ pid: process.pid, verb, since: new Date().toISOString() }));
        closeSync(fd);
        this.locked = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = this.holder();
        if (holder && alive(holder.pid)) {
          throw new McError(
            `Another mcc ${holder.verb} (pid ${holder.pid}, since ${holder.since}) is working on this project.`,
            {
              code: 'PROJECT_BUSY',
              suggestions: ['Wait for it to finish (or stop it), then run this again.'],
            },
          );
        }
        rmSync(this.lockPath, { force: true }); // left by a run that died: take it over
      }
    }
    throw new McError(`Could not take the lock ${this.lockPath}.`, { code: 'PROJECT_BUSY' });
  }

  unlock(): void {
    if (this.locked) rmSync(this.lockPath, { force: true });
    this.locked = false;
  }

  private holder(): { pid: number; verb: string; since: string } | undefined {
    try {
      return JSON.parse(readFileSync(this.lockPath, 'utf8')) as { pid: number; verb: string; since: string };
    } catch {
      return undefined;
    }
  }
}
