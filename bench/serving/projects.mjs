// Generated projects for the benchmark, made with the built CLI as a user would: which servers
// are registered, `mcc generate` of a sample project, and training its sample model.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { SYSTEM_PATH } from './processes.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(REPO, 'packages', 'cli', 'bin', 'run.js');
const PYTHON = '/usr/bin/python3'; // Debian's, with sklearn and friends

function run(command, args, { env, cwd, what }) {
  const result = spawnSync(command, args, { env, cwd, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0)
    throw new Error(
      `${what} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}${result.stdout}`,
    );
  return result.stdout;
}

/** Runs the built CLI with an isolated oclif data/config dir, so the machine's plugins do not count. */
export function cli(args, work) {
  if (!existsSync(join(REPO, 'packages', 'cli', 'dist')))
    throw new Error('the CLI is not built: run `npx -y pnpm@10.34.9 exec turbo run manifest` first');
  const env = {
    ...process.env,
    MCC_DATA_DIR: join(work, 'oclif', 'data'),
    MCC_CONFIG_DIR: join(work, 'oclif', 'config'),
    MCC_CACHE_DIR: join(work, 'oclif', 'cache'),
  };
  return run(process.execPath, [CLI, ...args], { env, cwd: work, what: `mcc ${args.join(' ')}` });
}

/** Ids of the registered servers, from `mcc list --json`. */
export function serverIds(work) {
  const { result } = JSON.parse(cli(['list', '--json'], work));
  return result.contributions.filter((c) => c.kind === 'server').map((c) => c.id);
}

/** Generates the sample project of `server` with `http` and returns its folder and model file name. */
export function generateSample({ server, http, work }) {
  const name = `bench-${server}-${http}`;
  cli(
    ['generate', name, '--yes', '--offline', '--server', server, '--http', http, '--output-dir', work],
    work,
  );
  const dir = join(work, name);
  const manifest = JSON.parse(readFileSync(join(dir, 'mcc.json'), 'utf8'));
  return { dir, modelFile: manifest.model.fileName };
}

/** Trains the project's sample model into <dir>/model, with the project's own script. */
export function trainSample(dir) {
  const env = { ...process.env, PATH: SYSTEM_PATH };
  run(PYTHON, [join('sample', 'train.py'), join(dir, 'model')], { env, cwd: dir, what: `training ${dir}` });
  return join(dir, 'model');
}

/** Trains the numeric-only sklearn model both mcc and the baseline serve (see train_numeric.py). */
export function trainNumeric(abaloneCsv, modelPath) {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'train_numeric.py');
  const env = { ...process.env, PATH: SYSTEM_PATH };
  run(PYTHON, [script, abaloneCsv, modelPath], { env, what: 'training the numeric sklearn model' });
}
