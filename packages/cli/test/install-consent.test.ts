import { spawnSync } from 'node:child_process';
import { access, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { BIN, fixturePlugin, mcc, sandbox } from './helpers/cli.js';
import type { Sandbox } from './helpers/cli.js';
import { offlineInstallEnv, run } from './helpers/outside-plugin.js';

/**
 * The confirmation before installing a package outside the @mcc scope, through the built CLI and
 * @oclif/plugin-plugins' real `plugins:preinstall` hook: refused without a terminal outside CI,
 * skipped by --yes, MCC_YES=1 or CI, answered on a real terminal (util-linux `script` gives the
 * CLI a pty), never asked for @mcc packages. A refusal leaves the data dir without the plugin.
 */
const HOOK = `export default function ({ registry }) { registry.add('sizer', { id: 'consent-fixture', summary: 'x', load: async () => ({}) }); }`;

async function packed(parent: string, name: string): Promise<string> {
  const plugin = await fixturePlugin(parent, name, HOOK);
  const out = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', parent],
    plugin.root,
  );
  if (out.code !== 0) throw new Error(out.stderr);
  return join(parent, (JSON.parse(out.stdout) as [{ filename: string }])[0].filename);
}

/** oclif wraps error messages to the terminal's width, behind ` ›   `; read them as one line. */
const flat = (text: string): string => text.replace(/\s*\n\s*(›\s*)?/g, ' ');

const installedPlugins = async (box: Sandbox): Promise<string[]> => {
  try {
    const data = JSON.parse(await readFile(join(box.env.MCC_DATA_DIR!, 'package.json'), 'utf8'));
    return (data.oclif?.plugins ?? []).map((p: { name: string }) => p.name);
  } catch {
    return [];
  }
};

describe('installing a plugin outside the @mcc scope asks first', () => {
  let outside: string;
  let ours: string;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcc-consent-'));
    outside = await packed(dir, '@acme/mcc-plugin-consent');
    ours = await packed(dir, '@mcc/plugin-consent-fixture');
  });

  async function box(ci: boolean): Promise<{ box: Sandbox; env: Record<string, string> }> {
    const b = await sandbox();
    if (!ci) b.env.CI = '';
    return { box: b, env: await offlineInstallEnv(b) };
  }

  it('refuses without a terminal outside CI, naming the package and --yes, and installs nothing', async () => {
    const { box: b, env } = await box(false);
    const res = await mcc(b, ['plugins', 'install', `file:${outside}`], env);
    expect(res.exitCode).toBe(1);
    expect(flat(res.stderr)).toMatch(
      /@acme\/mcc-plugin-consent \(file:\S+\.tgz\) is not an @mcc package, and there is no terminal/,
    );
    expect(res.stderr).toMatch(/--yes/);
    expect(res.stderr).toMatch(/PLUGIN_INSTALL_UNCONFIRMED/);
    expect(await installedPlugins(b)).toEqual([]);
    await expect(access(join(b.env.MCC_DATA_DIR!, 'node_modules', '@acme'))).rejects.toThrow();
  });

  it.each([
    ['--yes', ['--yes'], {}],
    ['-y after the tarball', ['-y'], {}],
    ['MCC_YES=1', [], { MCC_YES: '1' }],
  ])('installs with %s', async (_label, flags, extra) => {
    const { box: b, env } = await box(false);
    const res = await mcc(
      b,
      [
        'plugins',
        'install',
        ...(flags[0] === '-y' ? [`file:${outside}`, ...flags] : [...flags, `file:${outside}`]),
      ],
      {
        ...env,
        ...extra,
      },
    );
    expect(res.exitCode, res.stderr).toBe(0);
    expect(await installedPlugins(b)).toEqual(['@acme/mcc-plugin-consent']);
  });

  it('never asks for an @mcc package, even without a terminal or CI', async () => {
    const { box: b, env } = await box(false);
    const res = await mcc(b, ['plugins', 'install', `file:${ours}`], env);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stderr).not.toMatch(/not an @mcc package/);
    expect(await installedPlugins(b)).toEqual(['@mcc/plugin-consent-fixture']);
  });

  it.each([
    ['n', 1, []],
    ['y', 0, ['@acme/mcc-plugin-consent']],
  ])('asks on a terminal; answering %s', async (answer, exitCode, plugins) => {
    const { box: b, env } = await box(false);
    const command = [process.execPath, BIN, 'plugins', 'install', `file:${outside}`]
      .map((word) => `'${word.replaceAll("'", `'\\''`)}'`)
      .join(' ');
    const childEnv: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('MCC_')) childEnv[k] = v;
    // `script` runs the CLI on a pseudo-terminal and passes our stdin to it: a person typing.
    const res = spawnSync('script', ['-qec', command, '/dev/null'], {
      input: `${answer}\n`,
      encoding: 'utf8',
      env: { ...childEnv, ...b.env, ...env },
      cwd: b.cwd,
      timeout: 60_000,
    });
    expect(res.stdout).toMatch(
      /@acme\/mcc-plugin-consent .*is not an @mcc package\. Its code will run inside mcc, with your AWS credentials\. Install it\? \[y\/N\]/s,
    );
    expect(res.status).toBe(exitCode);
    if (exitCode === 1) expect(flat(res.stdout)).toMatch(/not confirmed; nothing was installed/);
    expect(await installedPlugins(b)).toEqual(plugins);
  });
});
