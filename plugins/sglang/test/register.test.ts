import { readFile } from 'node:fs/promises';

import { createFakeRegistry } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import register from '../src/hooks/register.js';

describe('mcc:register hook', () => {
  it('adds one lazy server descriptor, sglang, that loads the branded GPU server', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    expect(fake.entries.map((e) => [e.point, e.descriptor.id])).toEqual([['server', 'sglang']]);
    const server = await fake.load('server', 'sglang');
    expect(server.kind).toBe('server');
    expect(server.id).toBe('sglang');
    expect(server.accelerator).toBe('gpu');
    expect(fake.entries[0]?.descriptor.summary).toBe(server.summary);
  });

  it('keeps the hook module tiny: its only static import is the sdk', async () => {
    const source = await readFile(new URL('../src/hooks/register.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['@mcc/sdk']);
  });
});
