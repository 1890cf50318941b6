import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFakeRegistry } from '@mcc/sdk/testing';
import register from '../src/hooks/register.js';

describe('the mcc:register hook', () => {
  it('adds the local, sample and s3 model sources, lazily', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    expect(fake.entries.map((e) => [e.point, e.descriptor.id])).toEqual([
      ['model-source', 'local'],
      ['model-source', 'sample'],
      ['model-source', 's3'],
    ]);
    const local = await fake.load('model-source', 'local');
    expect(local).toMatchObject({ kind: 'model-source', id: 'local', needsLocation: true });
    const sample = await fake.load('model-source', 'sample');
    expect(sample).toMatchObject({ kind: 'model-source', id: 'sample', needsLocation: false });
    const s3 = await fake.load('model-source', 's3');
    expect(s3).toMatchObject({ kind: 'model-source', id: 's3', needsLocation: true });
  });

  it('lists each source with the summary the source itself declares', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    for (const { descriptor } of fake.entries) {
      const source = await fake.load('model-source', descriptor.id);
      expect(descriptor.summary).toBe(source.summary);
    }
  });

  it('keeps the hook module tiny: it imports the sdk only, and the sources through load()', () => {
    const text = readFileSync(new URL('../src/hooks/register.ts', import.meta.url), 'utf8');
    const staticImports = [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(staticImports).toEqual(['@mcc/sdk']);
  });

  it('is declared in package.json where the build puts it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      oclif: { hooks: Record<string, string> };
    };
    expect(pkg.oclif.hooks['mcc:register']).toBe('./dist/hooks/register.js');
  });
});
