import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

/**
 * The absolute path a user meant: `~` and `~/…` are the home directory (a shell would have expanded
 * them, but config files and prompts do not go through one); relative paths are taken from `cwd`.
 * `~user` is left alone: it names another user's home, which mcc has no business guessing.
 */
export function expandPath(typed: string, cwd: string, home: string = homedir()): string {
  if (typed === '~') return home;
  if (typed.startsWith('~/') || typed.startsWith('~\\')) return resolve(home, typed.slice(2));
  return isAbsolute(typed) ? resolve(typed) : resolve(cwd, typed);
}
