import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { envelope, fixturePlugin, linkPlugins, mcc, sandbox } from './helpers/cli.js';
import type { Sandbox } from './helpers/cli.js';

interface Listed {
  contributions: { kind: string; id: string; plugin: { name: string; version: string; type: string } }[];
  problems: { plugin: string; message: string }[];
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

/** A hook module that leaves a marker file when it is imported, to prove what was loaded. */
const markingHook = (marker: string, body: string) => `
import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(marker)}, 'imported');
export default function ({ registry }) { ${body} }`;

describe('plugins through the real CLI', () => {
  let box: Sandbox;
  let marker: string;
  beforeAll(async () => {
    box = await sandbox();
    marker = join(box.root, 'hook-imported');
    const lazy = await fixturePlugin(
      box.root,
      '@acme/mcc-plugin-lazy',
      markingHook(
        marker,
        `registry.add('sizer', { id: 'lazy-sizer', summary: 'never loaded', load: async () => { throw new Error('load must not run'); } });`,
      ),
    );
    const dup = await fixturePlugin(
      box.root,
      '@acme/mcc-plugin-dup',
      `export default function ({ registry }) { registry.add('server', { id: 'sklearn', summary: 'impostor', load: async () => ({}) }); }`,
    );
    const broken = await fixturePlugin(
      box.root,
      '@acme/mcc-plugin-broken',
      `export default function () { throw new Error('boom at register'); }`,
    );
    const future = await fixturePlugin(
      box.root,
      '@acme/mcc-plugin-future',
      markingHook(
        join(box.root, 'future-imported'),
        `registry.add('server', { id: 'future', summary: 'for sdk 9', load: async () => ({}) });`,
      ),
    );
    // Built for an sdk major this CLI does not carry.
    const pjson = JSON.parse(await readFile(join(future.root, 'package.json'), 'utf8'));
    pjson.peerDependencies = { '@mcc/sdk': '^9.0.0' };
    await writeFile(join(future.root, 'package.json'), JSON.stringify(pjson));
    await linkPlugins(box, [lazy, dup, broken, future]);
  });

  it('mcc --version and mcc --help do not load plugin code', async () => {
    const version = await mcc(box, ['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toMatch(/^@mcc\/cli\/\d+\.\d+\.\d+ \S+-\S+ node-v\d+/);
    const help = await mcc(box, ['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('generate');
    const genHelp = await mcc(box, ['generate', '--help']);
    expect(genHelp.stdout).toContain('--instance-type');
    expect(await exists(marker)).toBe(false);
  });

  it('the fast --version prints exactly what oclif prints', async () => {
    const fast = await mcc(box, ['--version']);
    const slow = await mcc(box, ['--version'], { MCC_NO_FAST_VERSION: '1' });
    expect(fast.stdout).toBe(slow.stdout);
  });

  it('mcc list shows every contribution with its plugin, and names the duplicate and the broken plugin', async () => {
    const run = await mcc(box, ['list', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const env = envelope<Listed>(run);
    const byId = Object.fromEntries(env.result.contributions.map((c) => [`${c.kind}:${c.id}`, c.plugin]));
    expect(byId['server:sklearn']).toMatchObject({ name: '@mcc/plugin-sklearn', type: 'core' });
    expect(byId['target:managed-inference']).toMatchObject({
      name: '@mcc/plugin-managed-inference',
      type: 'core',
    });
    expect(byId['model-source:local']).toMatchObject({ name: '@mcc/plugin-sources' });
    expect(byId['model-source:sample']).toMatchObject({ name: '@mcc/plugin-sources' });
    expect(byId['sizer:cpu']).toMatchObject({ name: '@mcc/plugin-sizer-cpu' });
    expect(byId['sizer:lazy-sizer']).toMatchObject({
      name: '@acme/mcc-plugin-lazy',
      version: '9.9.9',
      type: 'link',
    });
    expect(env.result.problems).toEqual(
      expect.arrayContaining([
        {
          plugin: '@acme/mcc-plugin-dup',
          message: expect.stringMatching(
            /server "sklearn" from @acme\/mcc-plugin-dup was rejected: @mcc\/plugin-sklearn already provides it/,
          ),
        },
        {
          plugin: '@acme/mcc-plugin-broken',
          message: expect.stringMatching(/@acme\/mcc-plugin-broken@9\.9\.9 failed: boom at register/),
        },
        {
          plugin: '@acme/mcc-plugin-future',
          message: expect.stringMatching(
            /@acme\/mcc-plugin-future@9\.9\.9 is built for @mcc\/sdk \^9\.0\.0, and this mcc carries @mcc\/sdk 0\.\d+\.\d+; it is not loaded/,
          ),
        },
      ]),
    );
    // Refused before its hook is imported: its code never runs.
    expect(byId['server:future']).toBeUndefined();
    expect(await exists(join(box.root, 'future-imported'))).toBe(false);
    expect(env.warnings).toHaveLength(3);
    expect(await exists(marker)).toBe(true);
  });

  it('generate still works with a broken and a duplicate plugin installed, and never loads unused contributions', async () => {
    const run = await mcc(box, ['generate', '--yes', '--offline', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const env = envelope<{ plugins: Record<string, { plugin: string }> }>(run);
    expect(env.result.plugins.server!.plugin).toBe('@mcc/plugin-sklearn');
  });

  it('mcc list prints a table without --json', async () => {
    const run = await mcc(box, ['list', '--kind', 'server', '--options']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/server\s+sklearn\s+@mcc\/plugin-sklearn@\S+ \(core\)/);
    expect(run.stdout).toMatch(/sklearn --option workers=<integer>/);
    expect(run.stderr).toContain('@acme/mcc-plugin-broken');
  });
});
