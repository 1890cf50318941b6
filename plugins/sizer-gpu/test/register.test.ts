import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFakeRegistry } from '@mcc/sdk/testing';
import register from '../src/hooks/register.js';

describe('the mcc:register hook', () => {
  it('adds the GPU sizer, lazily, with the summary the sizer declares', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    expect(fake.entries.map((e) => [e.point, e.descriptor.id])).toEqual([['sizer', 'gpu']]);
    const sizer = await fake.load('sizer', 'gpu');
    expect(sizer).toMatchObject({ kind: 'sizer', id: 'gpu', accelerator: 'gpu' });
    expect(fake.entries[0]?.descriptor.summary).toBe(sizer.summary);
  });

  it('keeps the hook module tiny: it imports the sdk only', () => {
    const text = readFileSync(new URL('../src/hooks/register.ts', import.meta.url), 'utf8');
    expect([...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])).toEqual(['@mcc/sdk']);
  });

  it('is declared in package.json where the build puts it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      oclif: { hooks: Record<string, string> };
    };
    expect(pkg.oclif.hooks['mcc:register']).toBe('./dist/hooks/register.js');
  });
});
