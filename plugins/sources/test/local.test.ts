import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  promises as fsp,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isMcError, type McError } from '@mcc/sdk';
import { localSource } from '../src/local.js';
import { expandPath } from '../src/expand-path.js';

let root: string;
const isRoot = process.getuid?.() === 0;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mcc-local-source-'));
  writeFileSync(join(root, 'model.joblib'), Buffer.alloc(1234, 1));
  writeFileSync(join(root, 'empty.pkl'), '');
  mkdirSync(join(root, 'saved_model/variables'), { recursive: true });
  writeFileSync(join(root, 'saved_model/saved_model.pb'), Buffer.alloc(100, 1));
  writeFileSync(join(root, 'saved_model/variables/variables.index'), Buffer.alloc(20, 1));
  writeFileSync(join(root, 'saved_model/variables/variables.data-00000-of-00001'), Buffer.alloc(3000, 1));
  mkdirSync(join(root, 'empty-dir/sub'), { recursive: true });
  writeFileSync(join(root, 'empty-dir/sub/zero'), '');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const resolve = (location: string | undefined, cwd = root) =>
  localSource.resolve({ location, cwd, offline: true });

async function failure(location: string | undefined, cwd = root): Promise<McError> {
  const error: unknown = await resolve(location, cwd).catch((e: unknown) => e);
  if (!isMcError(error)) throw new Error(`expected an McError, got ${String(error)}`);
  return error;
}

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: mocked`), { code });

describe('the local model source', () => {
  it('needs a location', () => {
    expect(localSource).toMatchObject({ kind: 'model-source', id: 'local', needsLocation: true });
    expect(localSource.locationHint).toMatch(/path/i);
  });

  it('resolves a file by absolute path', async () => {
    const file = join(root, 'model.joblib');
    await expect(resolve(file, '/')).resolves.toEqual({
      source: 'local',
      location: file,
      isDirectory: false,
      sizeBytes: 1234,
      sample: false,
      delivery: 'copy',
    });
  });

  it('resolves a relative path against cwd', async () => {
    await expect(resolve('model.joblib')).resolves.toMatchObject({ location: join(root, 'model.joblib') });
    await expect(resolve('./saved_model/../model.joblib')).resolves.toMatchObject({
      location: join(root, 'model.joblib'),
    });
    const cwd = join(root, 'saved_model');
    await expect(resolve('../model.joblib', cwd)).resolves.toMatchObject({ sizeBytes: 1234 });
  });

  it('expands ~ to the home directory', async () => {
    const file = join(root, 'model.joblib');
    // e.g. ~/../tmp/mcc-local-source-x/model.joblib: the path is taken from home whatever cwd is.
    const typed = `~/${relative(homedir(), file)}`;
    await expect(resolve(typed, '/')).resolves.toMatchObject({ location: file, sizeBytes: 1234 });
  });

  it('resolves a directory with the total size of its files, recursively', async () => {
    await expect(resolve('saved_model')).resolves.toEqual({
      source: 'local',
      location: join(root, 'saved_model'),
      isDirectory: true,
      sizeBytes: 3120,
      sample: false,
      delivery: 'copy',
    });
  });

  it('follows links inside a directory, counting a looped directory once', async () => {
    const dir = join(root, 'linked');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.bin'), Buffer.alloc(10, 1));
    symlinkSync(join(root, 'model.joblib'), join(dir, 'model.joblib'));
    symlinkSync(dir, join(dir, 'loop'));
    await expect(resolve(dir)).resolves.toMatchObject({ isDirectory: true, sizeBytes: 10 + 1234 });
  });

  describe('a missing model', () => {
    it('is MODEL_NOT_FOUND (exit 2), naming the path as typed and as resolved', async () => {
      const error = await failure('models/nope.joblib');
      expect(error.code).toBe('MODEL_NOT_FOUND');
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain('"models/nope.joblib"');
      expect(error.message).toContain(join(root, 'models/nope.joblib'));
      expect(error.suggestions.join(' ')).toContain(`Relative paths are taken from ${root}`);
      expect(error.suggestions.join(' ')).toContain('sample model');
    });

    it('names an absolute path once', async () => {
      const missing = join(root, 'nope.joblib');
      const error = await failure(missing, '/');
      expect(error.code).toBe('MODEL_NOT_FOUND');
      expect(error.message).toContain(`Model "${missing}" was not found`);
      expect(error.suggestions.join(' ')).not.toContain('Relative paths');
    });

    it('counts a path through a file as missing', async () => {
      expect((await failure('model.joblib/inner')).code).toBe('MODEL_NOT_FOUND');
    });

    it('names the expanded home path', async () => {
      const error = await failure('~/surely-not-here-mcc/model.pkl', '/');
      expect(error.message).toContain('"~/surely-not-here-mcc/model.pkl"');
      expect(error.message).toContain(join(homedir(), 'surely-not-here-mcc/model.pkl'));
    });
  });

  it('refuses no location at all with a usage error', async () => {
    for (const location of [undefined, '']) {
      const error = await failure(location);
      expect(error).toMatchObject({ code: 'MODEL_LOCATION_REQUIRED', exitCode: 2 });
      expect(error.suggestions.join(' ')).toContain('--model');
    }
  });

  describe('an empty model', () => {
    it('is MODEL_EMPTY for a 0-byte file', async () => {
      const error = await failure('empty.pkl');
      expect(error).toMatchObject({ code: 'MODEL_EMPTY', exitCode: 2 });
      expect(error.message).toContain('"empty.pkl"');
      expect(error.message).toContain(join(root, 'empty.pkl'));
      expect(error.message).toContain('0 bytes');
    });

    it('is MODEL_EMPTY for a directory holding no data', async () => {
      const error = await failure('empty-dir');
      expect(error).toMatchObject({ code: 'MODEL_EMPTY', exitCode: 2 });
      expect(error.message).toContain('directory without any data');
    });
  });

  describe('an unreadable model', () => {
    it('is MODEL_UNREADABLE when the file cannot be opened', async () => {
      vi.spyOn(fsp, 'open').mockRejectedValueOnce(errno('EACCES'));
      const error = await failure('model.joblib');
      expect(error).toMatchObject({ code: 'MODEL_UNREADABLE', exitCode: 1 });
      expect(error.message).toContain('"model.joblib"');
      expect(error.message).toContain(join(root, 'model.joblib'));
      expect(error.message).toContain('permission denied');
    });

    it('is MODEL_UNREADABLE when the path cannot be examined', async () => {
      vi.spyOn(fsp, 'stat').mockRejectedValueOnce(errno('EACCES'));
      expect(await failure('model.joblib')).toMatchObject({ code: 'MODEL_UNREADABLE' });
    });

    it('names the entry of a directory that cannot be read', async () => {
      vi.spyOn(fsp, 'access').mockRejectedValueOnce(errno('EPERM'));
      const error = await failure('saved_model');
      expect(error.code).toBe('MODEL_UNREADABLE');
      expect(error.message).toContain(
        `${join(root, 'saved_model', 'saved_model.pb')} inside it is permission denied`,
      );
    });

    it('names a broken link inside a directory', async () => {
      const dir = join(root, 'broken');
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.bin'), 'x');
      symlinkSync(join(root, 'gone'), join(dir, 'weights.bin'));
      const error = await failure('broken');
      expect(error.code).toBe('MODEL_UNREADABLE');
      expect(error.message).toContain(`${join(dir, 'weights.bin')} inside it is a broken link`);
    });

    it('is MODEL_UNREADABLE for a file without read permission (real chmod)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mcc-unreadable-'));
      chmodSync(dir, 0o755);
      const file = join(dir, 'secret.joblib');
      writeFileSync(file, 'x');
      chmodSync(file, 0o000);
      try {
        if (!isRoot) {
          expect(await failure(file)).toMatchObject({ code: 'MODEL_UNREADABLE', exitCode: 1 });
          return;
        }
        // Root reads anything: check as an unprivileged user, against the built module.
        const built = new URL('../dist/local.js', import.meta.url).href;
        const script = `const { localSource } = await import(${JSON.stringify(built)});
          try { await localSource.resolve({ location: ${JSON.stringify(file)}, cwd: '/', offline: true }); console.log('{}'); }
          catch (e) { console.log(JSON.stringify({ code: e.code, exitCode: e.exitCode, message: e.message })); }`;
        const run = spawnSync(
          'setpriv',
          [
            '--reuid=65534',
            '--regid=65534',
            '--clear-groups',
            process.execPath,
            '--input-type=module',
            '-e',
            script,
          ],
          { encoding: 'utf8' },
        );
        expect(run.status, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({
          code: 'MODEL_UNREADABLE',
          exitCode: 1,
          message: expect.stringContaining('secret.joblib'),
        });
      } finally {
        chmodSync(file, 0o600);
      }
    });

    it.skipIf(process.platform === 'win32')(
      'is MODEL_UNREADABLE for something neither file nor directory',
      async () => {
        const error = await failure('/dev/null', '/');
        expect(error.code).toBe('MODEL_UNREADABLE');
        expect(error.message).toContain('neither a file nor a directory');
      },
    );
  });
});

describe('expandPath', () => {
  const home = '/home/ada';
  it.each([
    ['~', '/home/ada'],
    ['~/m.pkl', '/home/ada/m.pkl'],
    ['~/a/../m.pkl', '/home/ada/m.pkl'],
    ['m.pkl', '/srv/p/m.pkl'],
    ['./x/../m.pkl', '/srv/p/m.pkl'],
    ['/abs/m.pkl', '/abs/m.pkl'],
    ['~bob/m.pkl', '/srv/p/~bob/m.pkl'],
  ])('%s → %s', (typed, expected) => {
    expect(expandPath(typed, '/srv/p', home)).toBe(expected);
  });
});
