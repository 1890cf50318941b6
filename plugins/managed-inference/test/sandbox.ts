import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One recorded call of a stub: which command, from which directory, with which arguments. */
export interface Call {
  command: string;
  cwd: string;
  args: string[];
}

// Real tools the scripts rely on; everything else on PATH is a stub or absent.
const TOOLS = ['bash', 'dirname', 'sleep', 'cut', 'mkdir'];

function which(tool: string): string {
  const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
  if (!found.startsWith('/')) throw new Error(`${tool} not found on this machine`);
  return found;
}

// What each stub does besides recording its call; driven by STUB_* variables from the test.
const BEHAVIOUR: Record<string, string> = {
  engine: [
    'case "${1:-}" in',
    '  image) exit "${STUB_IMAGE_STATUS:-0}" ;;',
    '  inspect) echo "${STUB_RUNNING:-true}" ;;',
    '  run) echo 4f2a9c0d ;;',
    '  login) read -r password; printf "%s\\n" "$password" >>"$STUB_LOG.stdin" ;;',
    'esac',
    'exit "${STUB_ENGINE_STATUS:-0}"',
  ].join('\n'),
  curl: [
    'count=0',
    'if [[ -f "$STUB_LOG.curl" ]]; then read -r count <"$STUB_LOG.curl"; fi',
    'count=$((count + 1))',
    'echo "$count" >"$STUB_LOG.curl"',
    'if ((count > ${STUB_CURL_FAILS:-0})); then exit 0; fi',
    'exit 7',
  ].join('\n'),
  mcc: 'exit "${STUB_MCC_STATUS:-0}"',
  aws: 'echo "stub-ecr-password"',
};

function behaviourOf(command: string): string {
  if (command === 'docker' || command === 'podman') return BEHAVIOUR.engine!;
  return BEHAVIOUR[command.replace(/-.*$/, '')] ?? 'exit 0';
}

export interface Sandbox {
  bin: string;
  log: string;
  /** Environment for a script: only the sandbox on PATH. */
  env(extra?: Record<string, string>): Record<string, string>;
  calls(): Promise<Call[]>;
  stdinOfLogins(): Promise<string>;
}

/** A folder of stub commands that record their arguments, plus the few real tools scripts need. */
export async function sandbox(stubs: readonly string[]): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'mcc-mi-stubs-'));
  const bin = join(root, 'bin');
  await mkdir(bin);
  const bash = which('bash');
  for (const tool of TOOLS) await symlink(which(tool), join(bin, tool));
  for (const stub of stubs) {
    const path = join(bin, stub);
    // One write per call, so calls from the two ends of a pipe never interleave.
    const record =
      'line="${0##*/}"$\'\\t\'"$PWD"; for arg in "$@"; do line+=$\'\\t\'"$arg"; done; printf "%s\\n" "$line" >>"$STUB_LOG"';
    await writeFile(path, `#!${bash}\n${record}\n${behaviourOf(stub)}\n`);
    await chmod(path, 0o755);
  }
  const log = join(root, 'calls.log');
  await writeFile(log, '');
  return {
    bin,
    log,
    env: (extra = {}) => ({ PATH: bin, STUB_LOG: log, ...extra }),
    async calls() {
      const text = await readFile(log, 'utf8');
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => {
          const [command, cwd, ...args] = line.split('\t');
          return { command: command!, cwd: cwd!, args };
        });
    },
    async stdinOfLogins() {
      return readFile(`${log}.stdin`, 'utf8').catch(() => '');
    },
  };
}
