import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI, run as users run it. */
export const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A scratch folder with isolated oclif data/config/cache dirs (no machine plugins or config). */
export interface Sandbox {
  root: string;
  cwd: string;
  env: Record<string, string>;
}

export async function sandbox(): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'mcc-cli-'));
  const cwd = join(root, 'work');
  await mkdir(cwd);
  const env: Record<string, string> = {
    MCC_DATA_DIR: join(root, 'data'),
    MCC_CONFIG_DIR: join(root, 'config'),
    MCC_CACHE_DIR: join(root, 'cache'),
    OCLIF_DISABLE_LINKED_ESM_WARNING: '1',
    CI: 'true',
  };
  return { root, cwd, env };
}

/** Runs `mcc <args>` in the sandbox; stdin is closed, as in CI. */
export function mcc(
  box: Sandbox,
  args: readonly string[],
  extraEnv: Record<string, string> = {},
  cwd = box.cwd,
): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // The developer's own mcc and AWS settings must not leak into the tests.
    if (v !== undefined && !k.startsWith('MCC_') && !k.startsWith('AWS_')) env[k] = v;
  }
  Object.assign(env, box.env, extraEnv);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
  });
}

/** Parses the one JSON envelope `--json` must print, failing loudly if stdout holds anything else. */
export function envelope<T = unknown>(
  result: CliResult,
): {
  status: number;
  result: T;
  warnings: string[];
  error?: { code: string; message: string; suggestions: string[] };
} {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`stdout is not one JSON document:\n${result.stdout}\n--- stderr:\n${result.stderr}`);
  }
}

/** Every path under a folder, for "nothing was written" checks. */
export async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, prefix: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      out.push(prefix + e.name);
      if (e.isDirectory()) await walk(join(d, e.name), `${prefix}${e.name}/`);
    }
  }
  await walk(dir, '');
  return out.sort();
}

/**
 * Attaches plugins to the sandbox as linked plugins, the way `mcc plugins link` records them in
 * the data dir, without running npm.
 */
export async function linkPlugins(
  box: Sandbox,
  roots: readonly { name: string; root: string }[],
): Promise<void> {
  await mkdir(box.env.MCC_DATA_DIR!, { recursive: true });
  await writeFile(
    join(box.env.MCC_DATA_DIR!, 'package.json'),
    JSON.stringify({
      private: true,
      oclif: { schema: 1, plugins: roots.map((r) => ({ type: 'link', name: r.name, root: r.root })) },
    }),
  );
}

/** Writes a minimal ESM plugin folder with an mcc:register hook. */
export async function fixturePlugin(
  parent: string,
  name: string,
  hook: string,
  files: Record<string, string> = {},
): Promise<{ name: string; root: string }> {
  const root = join(parent, name.replace(/[@/]/g, '_'));
  await mkdir(join(root, 'hooks'), { recursive: true });
  await writeFile(
    join(root, 'package.json'),
    JSON.stringify({
      name,
      version: '9.9.9',
      type: 'module',
      // Built for the sdk this CLI carries (core refuses a plugin built for another major).
      peerDependencies: { '@mcc/sdk': '^0.1.0' },
      oclif: { hooks: { 'mcc:register': './hooks/register.js' } },
    }),
  );
  await writeFile(join(root, 'hooks', 'register.js'), hook);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return { name, root };
}
