import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { envelope, mcc, sandbox, tree } from './helpers/cli.js';
import type { Sandbox } from './helpers/cli.js';
import { buildPlugin, linkDevDependencies, SDK_DIR, testPlugin } from './helpers/outside-plugin.js';

/**
 * `mcc plugins new` through the built CLI: for each kind, the project it writes builds with tsc
 * against the built sdk and its own tests (the conformance kit and the register hook) pass as
 * written. Bad input is refused with a usage error and nothing on disk.
 */
const KINDS = ['server', 'target', 'model-source', 'sizer'] as const;

interface NewResult {
  dir: string;
  packageName: string;
  kind: string;
  id: string;
  sdkRange: string;
  files: string[];
}

describe('mcc plugins new', () => {
  let box: Sandbox;
  let sdkMajor: number;
  const made: Record<string, NewResult> = {};

  beforeAll(async () => {
    box = await sandbox();
    sdkMajor = Number(
      JSON.parse(await readFile(join(SDK_DIR, 'package.json'), 'utf8')).version.split('.')[0],
    );
    await Promise.all(
      KINDS.map(async (kind) => {
        const run = await mcc(box, [
          'plugins',
          'new',
          '--kind',
          kind,
          '--name',
          `@acme/mcc-plugin-my-${kind}`,
          '--json',
        ]);
        if (run.exitCode !== 0) throw new Error(run.stdout + run.stderr);
        made[kind] = envelope<NewResult>(run).result;
      }),
    );
  });

  it('is listed beside @oclif/plugin-plugins commands under `mcc plugins`', async () => {
    const help = await mcc(box, ['plugins', '--help']);
    expect(help.stdout).toMatch(/plugins new\s+Write a new mcc plugin project/);
    expect(help.stdout).toMatch(/plugins install/);
  });

  it.each(KINDS)(
    'writes a %s plugin that declares the sdk major as a peer and registers lazily',
    async (kind) => {
      const result = made[kind]!;
      expect(result).toMatchObject({ kind, id: `my-${kind}`, packageName: `@acme/mcc-plugin-my-${kind}` });
      expect(result.dir).toBe(join(box.cwd, `mcc-plugin-my-${kind}`));
      const pjson = JSON.parse(await readFile(join(result.dir, 'package.json'), 'utf8'));
      expect(pjson.type).toBe('module');
      expect(pjson.peerDependencies['@mcc/sdk']).toBe(result.sdkRange);
      expect(result.sdkRange).toMatch(
        sdkMajor === 0 ? /^\^0\.\d+\.0$/ : new RegExp(`^\\^${sdkMajor}\\.0\\.0$`),
      );
      expect(pjson.oclif.hooks['mcc:register']).toBe('./dist/src/hooks/register.js');
      expect(pjson.files).toContain('oclif.manifest.json');
      expect(pjson.keywords).toEqual(expect.arrayContaining(['oclif-plugin', 'mcc-plugin']));
      const hook = await readFile(join(result.dir, 'src/hooks/register.ts'), 'utf8');
      expect(hook).toContain(`load: async () => (await import('../${kind}.js'))`);
      expect(result.files).toEqual(
        expect.arrayContaining([
          'README.md',
          'tsconfig.json',
          '.gitignore',
          `src/${kind}.ts`,
          'test/conformance.test.ts',
        ]),
      );
      const text = (await Promise.all(result.files.map((f) => readFile(join(result.dir, f), 'utf8')))).join(
        '\n',
      );
      expect(text).not.toMatch(/__[A-Z]+__/);
    },
  );

  it('writes a server with a Dockerfile on ARG BASE_IMAGE and an executable code/serve template', async () => {
    const dir = made.server!.dir;
    expect(await readFile(join(dir, 'templates/Dockerfile.ejs'), 'utf8')).toMatch(
      /^ARG BASE_IMAGE=<%- sh\(server\.baseImage\) %>\nFROM \$\{BASE_IMAGE\}/m,
    );
    const { statSync } = await import('node:fs');
    expect(statSync(join(dir, 'templates/code/serve.ejs')).mode & 0o111).not.toBe(0);
  });

  it('each kind builds and passes its own tests (the conformance kit) out of the box', async () => {
    const runs = await Promise.all(
      KINDS.map(async (kind) => {
        const dir = made[kind]!.dir;
        await linkDevDependencies(dir);
        await buildPlugin(dir);
        return { kind, run: await testPlugin(dir) };
      }),
    );
    for (const { kind, run } of runs) {
      expect(run.code, `${kind}:\n${run.stdout}\n${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/# pass 2\b/);
      expect(run.stdout).toMatch(/# fail 0\b/);
    }
  }, 60_000);

  it.each([
    [
      ['--kind', 'server', '--name', 'Not A Name'],
      'PLUGIN_NAME_INVALID',
      /"Not A Name" is not a package name/,
    ],
    [
      ['--kind', 'server', '--name', '@mcc/plugin-mine'],
      'PLUGIN_NAME_INVALID',
      /@mcc scope, which is mcc's own/,
    ],
    [['--kind', 'server', '--name', '@acme/mcc-plugin-x', '--id', 'Bad_Id'], 'PLUGIN_ID_INVALID', /"Bad_Id"/],
    [
      ['--kind', 'exporter', '--name', '@acme/mcc-plugin-x'],
      'PLUGIN_KIND_INVALID',
      /no plugin kind "exporter"; mcc has server, target, model-source or sizer/,
    ],
  ])('refuses %j with %s, exit 2, writing nothing', async (args, code, message) => {
    const fresh = await sandbox();
    const run = await mcc(fresh, ['plugins', 'new', ...args, '--json']);
    expect(run.exitCode).toBe(2);
    const env = envelope(run);
    expect(env.error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await readdir(fresh.cwd)).toEqual([]);
  });

  it('refuses a non-empty folder, leaving it as it was and no staging folder behind', async () => {
    const fresh = await sandbox();
    const dir = join(fresh.cwd, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const run = await mcc(fresh, [
      'plugins',
      'new',
      '--kind',
      'sizer',
      '--name',
      '@acme/mcc-plugin-s',
      '--dir',
      'taken',
    ]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /PLUGIN_DIR_NOT_EMPTY.*taken already exists and is not empty; nothing was written/,
    );
    expect(await tree(fresh.cwd)).toEqual(['taken', 'taken/notes.txt']);
  });

  it('writes into an existing empty folder', async () => {
    const fresh = await sandbox();
    await mkdir(join(fresh.cwd, 'empty'));
    const run = await mcc(fresh, [
      'plugins',
      'new',
      '--kind',
      'sizer',
      '--name',
      'mcc-plugin-cheap',
      '--dir',
      'empty',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Wrote mcc-plugin-cheap \(sizer "cheap", @mcc\/sdk \^/);
    expect(await readdir(fresh.cwd)).toEqual(['empty']);
    expect(await readFile(join(fresh.cwd, 'empty', 'src', 'sizer.ts'), 'utf8')).toContain("id: 'cheap'");
  });
});
