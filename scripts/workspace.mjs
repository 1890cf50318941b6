// Shared by the quick-start scripts: run pnpm (pinned, fetched by npx when absent) and the build.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // pnpm@x.y.z

/** Runs a command in the repo root with inherited stdio; exits with its status on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    process.stderr.write(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status ?? 1);
  }
  return result;
}

function pnpmOnPath() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && `pnpm@${probe.stdout.trim()}` === pinned;
}

/** pnpm with the repo's pinned version: the one on PATH if it matches, else through npx. */
export function pnpm(args) {
  return pnpmOnPath() ? run('pnpm', args) : run('npx', ['--yes', pinned, ...args]);
}

/** Install (frozen lockfile) and build every package with its oclif manifest; turbo caches both. */
export function installAndBuild() {
  pnpm(['install', '--frozen-lockfile', '--reporter=silent']);
  pnpm(['exec', 'turbo', 'run', 'manifest', '--output-logs=errors-only']);
}
