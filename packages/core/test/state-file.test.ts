import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { StateFile, loadProject } from '../src/index.js';

const dirs: string[] = [];
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcc-state-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pid that no process has: a child that already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('StateFile', () => {
  it('reads an empty state before any write, and writes atomically, readable by the owner only', () => {
    const dir = project();
    const state = new StateFile(dir);
    expect(state.read()).toEqual({ schema: 1, targets: {} });
    state.write({ schema: 1, targets: { t: { a: 1 } } });
    expect(new StateFile(dir).read()).toEqual({ schema: 1, targets: { t: { a: 1 } } });
    expect(statSync(join(dir, '.mcc', 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file rather than guess', () => {
    const dir = project();
    new StateFile(dir).write({ schema: 1, targets: {} });
    writeFileSync(join(dir, '.mcc', 'state.json'), '{"schema": 1, "targ');
    expect(() => new StateFile(dir).read()).toThrow(expect.objectContaining({ code: 'STATE_INVALID' }));
  });

  it('lets one verb at a time hold the project, naming the holder', () => {
    const dir = project();
    const first = new StateFile(dir);
    first.lock('deploy');
    const lock = JSON.parse(readFileSync(join(dir, '.mcc', 'lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, verb: 'deploy' });
    expect(() => new StateFile(dir).lock('deploy')).toThrow(
      expect.objectContaining({
        code: 'PROJECT_BUSY',
        message: expect.stringContaining(`pid ${process.pid}`),
      }),
    );
    first.unlock();
    const second = new StateFile(dir);
    second.lock('destroy');
    second.unlock();
  });

  it('takes over a lock left by a run that died', () => {
    const dir = project();
    new StateFile(dir).write({ schema: 1, targets: {} });
    writeFileSync(
      join(dir, '.mcc', 'lock'),
      JSON.stringify({ pid: deadPid(), verb: 'deploy', since: 'then' }),
    );
    const state = new StateFile(dir);
    state.lock('deploy');
    expect(JSON.parse(readFileSync(join(dir, '.mcc', 'lock'), 'utf8')).pid).toBe(process.pid);
    state.unlock();
  });
});

describe('loadProject', () => {
  it('says a folder without mcc.json is not a project, with exit code 2', () => {
    const dir = project();
    expect(() => loadProject(dir)).toThrow(
      expect.objectContaining({ code: 'PROJECT_NOT_FOUND', exitCode: 2 }),
    );
    writeFileSync(join(dir, 'a-file'), '');
    expect(() => loadProject(join(dir, 'a-file'))).toThrow(
      expect.objectContaining({ code: 'PROJECT_NOT_FOUND' }),
    );
  });

  it('names what is wrong with a damaged manifest', () => {
    const dir = project();
    writeFileSync(join(dir, 'mcc.json'), '{"mcc": {"schema": 9}, "project": {}, "settings": {}}');
    expect(() => loadProject(dir)).toThrow(
      expect.objectContaining({
        code: 'PROJECT_MANIFEST_INVALID',
        message: expect.stringContaining('schema is 9'),
      }),
    );
    writeFileSync(join(dir, 'mcc.json'), 'not json');
    expect(() => loadProject(dir)).toThrow(expect.objectContaining({ code: 'PROJECT_MANIFEST_INVALID' }));
  });

  it('reads the instance and its sizing back, and refuses figures the verbs cannot compute with', () => {
    const dir = project();
    const manifest = (instance: Record<string, unknown>) =>
      JSON.stringify({
        mcc: { generator: '@mcc/cli', version: '1.0.0', schema: 1 },
        project: { name: 'p', imageName: 'p', version: '0.1.0' },
        settings: {
          server: 'sklearn',
          target: 'managed-inference',
          region: 'us-east-1',
          baseImage: 'python:3.12',
        },
        options: { server: {}, target: {} },
        model: { source: 'sample', format: 'joblib', fileName: 'model.joblib', delivery: 'train' },
        instance,
      });
    const good = {
      instanceType: 'ml.m5.large',
      vcpu: 2,
      memoryGiB: 8,
      acceleratorCount: 0,
      catalogued: true,
      sizing: { sizer: 'cpu', hostMemoryBytes: 1_281_359_872 },
    };
    writeFileSync(join(dir, 'mcc.json'), manifest(good));
    expect(loadProject(dir).input.instance).toEqual(good);
    const gpu = {
      instanceType: 'ml.g6e.12xlarge',
      vcpu: 48,
      memoryGiB: 384,
      acceleratorCount: 4,
      catalogued: true,
      sizing: {
        sizer: 'gpu',
        acceleratorMemoryBytes: 80_000_000_000,
        tensorParallelDegree: 4,
        maxModelLen: 4096,
        concurrency: 4,
      },
    };
    writeFileSync(join(dir, 'mcc.json'), manifest(gpu));
    expect(loadProject(dir).input.instance).toEqual(gpu);
    for (const [bad, says] of [
      [
        { ...good, sizing: { sizer: 'cpu', hostMemoryBytes: '1 GiB' } },
        'instance.sizing needs a positive hostMemoryBytes',
      ],
      [
        {
          ...good,
          sizing: { sizer: 'gpu', acceleratorMemoryBytes: 1, tensorParallelDegree: 1, maxModelLen: 40.5 },
        },
        'instance.sizing.maxModelLen is 40.5',
      ],
      [
        { ...good, sizing: { sizer: 'gpu', acceleratorMemoryBytes: 1, concurrency: 0 } },
        'instance.sizing.concurrency is 0',
      ],
      [{ ...good, vcpu: 0 }, 'a positive vcpu count'],
      [{ ...good, memoryGiB: -8 }, 'instance.memoryGiB is -8'],
    ] as const) {
      writeFileSync(join(dir, 'mcc.json'), manifest(bad));
      expect(() => loadProject(dir)).toThrow(
        expect.objectContaining({ code: 'PROJECT_MANIFEST_INVALID', message: expect.stringContaining(says) }),
      );
    }
  });
});
