import { mkdtemp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { writeProjectAtomically } from '../src/project/write-project.js';

const files = [
  { path: 'README.md', content: 'hello\n', mode: 0o644 },
  { path: 'do/build', content: '#!/bin/sh\n', mode: 0o755 },
];

describe('writeProjectAtomically', () => {
  it('writes every file with its mode and copies the model, leaving no staging folder', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'mcc-write-'));
    const model = join(parent, 'm.pkl');
    await writeFile(model, 'bytes');
    await writeProjectAtomically(join(parent, 'p'), files, [{ from: model, to: 'model/model.pkl' }], {
      force: false,
    });
    expect((await stat(join(parent, 'p', 'do', 'build'))).mode & 0o777).toBe(0o755);
    expect(await readFile(join(parent, 'p', 'model', 'model.pkl'), 'utf8')).toBe('bytes');
    expect((await readdir(parent)).sort()).toEqual(['m.pkl', 'p']);
  });

  it('refuses a non-empty folder without force and leaves it untouched', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'mcc-write-'));
    await mkdir(join(parent, 'p'));
    await writeFile(join(parent, 'p', 'mine.txt'), 'keep');
    await expect(
      writeProjectAtomically(join(parent, 'p'), files, [], { force: false }),
    ).rejects.toMatchObject({ code: 'PROJECT_EXISTS' });
    expect(await readdir(join(parent, 'p'))).toEqual(['mine.txt']);
    expect(await readdir(parent)).toEqual(['p']);
  });

  it('replaces with force, and restores the old folder if writing fails', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'mcc-write-'));
    await mkdir(join(parent, 'p'));
    await writeFile(join(parent, 'p', 'old.txt'), 'old');
    await expect(
      writeProjectAtomically(
        join(parent, 'p'),
        files,
        [{ from: join(parent, 'missing-model'), to: 'model/x' }],
        { force: true },
      ),
    ).rejects.toThrow();
    expect(await readdir(join(parent, 'p'))).toEqual(['old.txt']);
    expect(await readdir(parent)).toEqual(['p']);
    await writeProjectAtomically(join(parent, 'p'), files, [], { force: true });
    expect((await readdir(join(parent, 'p'))).sort()).toEqual(['README.md', 'do']);
    expect(await readdir(parent)).toEqual(['p']);
  });

  it('removes an output folder it created when writing fails', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'mcc-write-'));
    await expect(
      writeProjectAtomically(
        join(parent, 'out', 'p'),
        files,
        [{ from: join(parent, 'nope'), to: 'model/x' }],
        { force: false },
      ),
    ).rejects.toThrow();
    expect(await readdir(parent)).toEqual([]);
  });
});

describe('output folder problems', () => {
  it('names a file standing where a folder should be, and writes nothing', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'mcc-write-'));
    await writeFile(join(parent, 'plain-file'), 'x');
    await expect(
      writeProjectAtomically(join(parent, 'plain-file', 'deeper', 'p'), files, [], { force: false }),
    ).rejects.toMatchObject({
      code: 'OUTPUT_NOT_A_DIRECTORY',
      exitCode: 2,
      message: expect.stringContaining(`${join(parent, 'plain-file')} is a file`),
    });
    expect(await readdir(parent)).toEqual(['plain-file']);
  });

  it.runIf(process.platform === 'linux')(
    'fails fast where folders cannot be created (recursive mkdir would spin under /proc)',
    async () => {
      await expect(
        writeProjectAtomically('/proc/mcc-nope/deeper/p', files, [], { force: false }),
      ).rejects.toMatchObject({
        code: 'OUTPUT_DIR_UNUSABLE',
        message: expect.stringContaining('/proc/mcc-nope'),
      });
    },
  );

  it('removes the folders it created when the staging folder cannot be made', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'mcc-write-'));
    await writeProjectAtomically(join(parent, 'a', 'b', 'p'), files, [], { force: false });
    expect(await readdir(join(parent, 'a', 'b'))).toEqual(['p']);
  });
});
