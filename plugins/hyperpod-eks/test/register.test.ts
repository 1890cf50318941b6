import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { createFakeRegistry } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import register from '../src/hooks/register.js';

describe('mcc:register hook', () => {
  it('adds one lazy target descriptor, hyperpod-eks', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    expect(fake.entries).toHaveLength(1);
    const [entry] = fake.entries;
    expect(entry?.point).toBe('target');
    expect(entry?.descriptor.id).toBe('hyperpod-eks');
    expect(entry?.descriptor.summary).toMatch(/HyperPod/);
  });

  it('loads a branded Target with its options, templates folder and the verbs it implements', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    const target = await fake.load('target', 'hyperpod-eks');
    expect(target.kind).toBe('target');
    expect(target.id).toBe('hyperpod-eks');
    expect(target.accelerators).toEqual(['cpu', 'gpu']);
    expect(target.options.map((o) => o.key)).toEqual(
      expect.arrayContaining([
        'cluster-name',
        'namespace',
        'replicas',
        'min-replicas',
        'max-replicas',
        'container-engine',
      ]),
    );
    // The image kit's folder (do/build, do/run, do/push), then the target's own.
    const folders = [target.templatesDir].flat();
    expect(folders).toHaveLength(2);
    for (const folder of folders) expect(statSync(fileURLToPath(folder)).isDirectory()).toBe(true);
    const lifecycle = await target.lifecycle!();
    expect(Object.keys(lifecycle).sort()).toEqual([
      'build',
      'deploy',
      'destroy',
      'doctor',
      'invoke',
      'invokeLocal',
      'logs',
      'planDeploy',
      'push',
      'run',
      'status',
    ]);
  });

  it('keeps the hook module tiny: its only static import is the sdk', async () => {
    const source = await readFile(new URL('../src/hooks/register.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['@mcc/sdk']);
  });

  it('is the hook package.json declares', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      oclif: { hooks: Record<string, string> };
    };
    expect(pkg.oclif.hooks['mcc:register']).toBe('./dist/hooks/register.js');
  });
});
