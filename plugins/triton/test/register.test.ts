import { readFile } from 'node:fs/promises';

import { createFakeRegistry } from '@mcc/sdk/testing';
import { describe, expect, it, vi } from 'vitest';

const evaluated = vi.hoisted(() => ({ server: 0 }));

// Counts evaluations of the server module, to prove the hook defers it to load().
vi.mock('../src/server.js', async (importOriginal) => {
  evaluated.server += 1;
  return importOriginal();
});

describe('mcc:register hook', () => {
  it('adds a lazy triton server descriptor and loads the server only on demand', async () => {
    const { default: hook } = await import('../src/hooks/register.js');
    const fake = createFakeRegistry();
    await hook({ registry: fake.registry });
    expect(fake.entries.map((entry) => [entry.point, entry.descriptor.id])).toEqual([['server', 'triton']]);
    expect(evaluated.server).toBe(0);
    const server = await fake.load('server', 'triton');
    expect(evaluated.server).toBe(1);
    expect(server.kind).toBe('server');
    expect(fake.entries[0]!.descriptor.summary).toBe(server.summary);
  });

  it('compiles to a hook whose only import of the server is dynamic', async () => {
    const built = await readFile(new URL('../dist/hooks/register.js', import.meta.url), 'utf8');
    expect(built).toContain("import('../server.js')");
    expect(built).not.toMatch(/^import .*server\.js/m);
  });
});
