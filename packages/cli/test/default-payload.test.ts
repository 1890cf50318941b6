import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { defaultPayload } from '../src/default-payload.js';

/** A project folder holding these files under tests/payloads/. */
async function project(files: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mcc-payload-'));
  await mkdir(join(dir, 'tests', 'payloads'), { recursive: true });
  for (const file of files) await writeFile(join(dir, 'tests', 'payloads', file), '{}');
  return dir;
}

describe('the payload mcc invoke sends by default', () => {
  it('is the sample rows as CSV for a predictive project, whatever else it ships', async () => {
    const dir = await project(['abalone.json', 'abalone.npy', 'abalone.csv']);
    expect(defaultPayload(dir)).toBe(join(dir, 'tests', 'payloads', 'abalone.csv'));
  });

  it('is the one request an LLM or Triton project ships', async () => {
    for (const file of ['chat.json', 'generate.json', 'abalone.json']) {
      const dir = await project([file, 'README.md']);
      expect(defaultPayload(dir), file).toBe(join(dir, 'tests', 'payloads', file));
    }
  });

  it('prefers CSV, then JSON, then npy, and is undefined when nothing fits', async () => {
    const mixed = await project(['rows.npy', 'b.json', 'a.json']);
    expect(defaultPayload(mixed)).toBe(join(mixed, 'tests', 'payloads', 'a.json'));
    expect(defaultPayload(await project(['notes.txt']))).toBeUndefined();
    expect(defaultPayload(await mkdtemp(join(tmpdir(), 'mcc-payload-')))).toBeUndefined();
  });
});
