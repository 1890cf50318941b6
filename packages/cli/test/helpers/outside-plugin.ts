import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Sandbox } from './cli.js';

/**
 * Building, packing and installing a plugin as its author and its users would, with nothing from
 * the registry: the workspace's built sdk, TypeScript and Node types stand in for `npm install`
 * (symlinked into the plugin's node_modules), and npm runs offline.
 */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const SDK_DIR = join(REPO, 'packages', 'sdk');
const require = createRequire(import.meta.url);
const TYPESCRIPT_DIR = dirname(require.resolve('typescript/package.json', { paths: [REPO] }));
const NODE_TYPES_DIR = dirname(require.resolve('@types/node/package.json', { paths: [REPO] }));
const OCLIF_BIN = join(dirname(require.resolve('oclif/package.json', { paths: [REPO] })), 'bin', 'run.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      // oclif's own CLI checks the registry for a newer oclif unless told not to.
      env: {
        ...process.env,
        OCLIF_SKIP_NEW_VERSION_CHECK: 'true',
        npm_config_update_notifier: 'false',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function mustRun(
  command: string,
  args: readonly string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
): Promise<Run> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} in ${cwd} exited ${result.code}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/** What `npm install` would give a plugin's folder, from the workspace: the sdk, TypeScript, Node types. */
export async function linkDevDependencies(dir: string): Promise<void> {
  await mkdir(join(dir, 'node_modules', '@mcc'), { recursive: true });
  await mkdir(join(dir, 'node_modules', '@types'), { recursive: true });
  await symlink(SDK_DIR, join(dir, 'node_modules', '@mcc', 'sdk'));
  await symlink(TYPESCRIPT_DIR, join(dir, 'node_modules', 'typescript'));
  await symlink(NODE_TYPES_DIR, join(dir, 'node_modules', '@types', 'node'));
}

/** Copies a plugin's sources (not its build output or node_modules) into `dest`, as a fresh clone. */
export async function copySources(src: string, dest: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  for (const entry of await readdir(src)) {
    if (['node_modules', 'dist', 'oclif.manifest.json'].includes(entry) || entry.endsWith('.tgz')) continue;
    await cp(join(src, entry), join(dest, entry), { recursive: true });
  }
}

/** `npm run build` of a plugin made by `mcc plugins new`: tsc, with the linked TypeScript. */
export async function buildPlugin(dir: string): Promise<void> {
  await mustRun(process.execPath, [join(TYPESCRIPT_DIR, 'bin', 'tsc'), '-p', '.'], dir);
}

/** The plugin's own tests (`node --test dist/test/`), which call the conformance kit. */
export function testPlugin(dir: string): Promise<Run> {
  return run(process.execPath, ['--test', 'dist/test/'], dir);
}

/** `oclif manifest` then `npm pack` (its prepack, which would do both, needs oclif installed). */
export async function packPlugin(dir: string, destination: string): Promise<string> {
  await mustRun(process.execPath, [OCLIF_BIN, 'manifest'], dir);
  await mkdir(destination, { recursive: true });
  const packed = await mustRun(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', destination],
    dir,
  );
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  return join(destination, filename);
}

/**
 * Environment for `mcc plugins install` that never reaches a registry: npm offline with an empty
 * cache of its own, the registry set to a closed loopback port, and peers left alone (npm would
 * otherwise fetch `@mcc/sdk`). The sdk the plugin imports is the workspace's, put where Node finds
 * it from the sandbox's data dir (its parent's node_modules), as a published sdk would be.
 */
export async function offlineInstallEnv(box: Sandbox): Promise<Record<string, string>> {
  await mkdir(join(box.root, 'node_modules', '@mcc'), { recursive: true });
  await symlink(SDK_DIR, join(box.root, 'node_modules', '@mcc', 'sdk')).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return {
    npm_config_offline: 'true',
    npm_config_cache: join(box.root, 'npm-cache'),
    npm_config_legacy_peer_deps: 'true',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    MCC_NPM_REGISTRY: 'http://127.0.0.1:9/',
  };
}
