import { isMcError } from '@mcc/sdk';
import { describe, expect, it } from 'vitest';

import { sklearnServer } from '../src/server.js';
import { numpyFor } from '../src/versions.js';
import { projectInput } from './project-input.js';

const sklearnOptions = sklearnServer.options;
const spec = (key: string) => sklearnOptions.find((option) => option.key === key)!;
const sklearnContext = sklearnServer.context;

describe('options', () => {
  it('declares sklearn-version, then the shared workers and timeout, with defaults and bounds', () => {
    expect(sklearnOptions.map((option) => option.key)).toEqual(['sklearn-version', 'workers', 'timeout']);
    expect(spec('workers')).toMatchObject({ type: 'integer', min: 0, max: 256, default: 0 });
    // No spec default: unset, the timeout is the target's (async: 3600 s) or 60 s (see the context).
    expect(spec('timeout')).toMatchObject({ type: 'integer', min: 1, max: 3600 });
    expect(spec('timeout').default).toBeUndefined();
    expect(spec('sklearn-version')).toMatchObject({ type: 'string', default: '1.5.2' });
    for (const option of sklearnOptions) expect(option.description.length).toBeGreaterThan(10);
  });

  it('accepts release numbers only for sklearn-version', () => {
    const pattern = spec('sklearn-version').pattern!;
    for (const good of ['1.5', '1.5.2', '1.10.0']) expect(pattern.test(good)).toBe(true);
    for (const bad of ['1', '1.5.2rc1', 'latest', '1.5.2; rm -rf /', ' 1.5.2'])
      expect(pattern.test(bad)).toBe(false);
  });
});

describe('context', () => {
  it('resolves workers from the instance vCPUs when the option is 0', () => {
    const ctx = sklearnContext(projectInput({ http: 'flask', source: 'sample' }));
    expect(ctx).toMatchObject({
      http: 'flask',
      workers: 4,
      workersPerVcpu: true,
      timeoutSeconds: 60,
      sample: true,
    });
    expect(ctx.modelFileName).toBe('model.joblib');
    expect(ctx.framework).toBe('scikit-learn');
    expect(ctx.threadsPerWorker).toBe(1);
    expect(ctx.requirements).not.toContain('pandas==2.2.3');
  });

  it('takes an explicit worker count, timeout and version', () => {
    const input = projectInput({
      http: 'fastapi',
      source: 'local',
      options: { workers: 3, timeout: 120, 'sklearn-version': '1.3.2' },
    });
    const ctx = sklearnContext(input);
    expect(ctx).toMatchObject({ http: 'fastapi', workers: 3, workersPerVcpu: false, timeoutSeconds: 120 });
    expect(ctx.sklearnVersion).toBe('1.3.2');
    expect(ctx.requirements).toContain('scikit-learn==1.3.2');
    expect(ctx.requirements).toContain('numpy==1.26.4');
    expect(ctx.requirements).toContain('pandas==2.2.3');
    expect(ctx.modelFileName).toBe('model.pkl');
    expect(ctx.debianPackages).toContain('python3-uvicorn');
  });

  it('pairs numpy 2 only with scikit-learn releases that support it', () => {
    expect(numpyFor('1.4.1')).toMatch(/^1\./);
    expect(numpyFor('1.4.2')).toMatch(/^2\./);
    expect(numpyFor('1.6')).toMatch(/^2\./);
    expect(numpyFor('2.0.0')).toMatch(/^2\./);
  });

  it.each([
    ['an HTTP layer it lacks', { server: { http: 'django' } }, /django.*flask or fastapi/],
    ['a model fetched at runtime', { model: { delivery: 'runtime', source: 's3' } }, /s3/],
    ['a base image with a space', { server: { baseImage: 'python:3.12 slim' } }, /python:3\.12 slim/],
    ['a bad version', { server: { options: { 'sklearn-version': 'latest' } } }, /latest/],
  ])('refuses %s with a usage error naming the value', (_name, change, message) => {
    const base = projectInput({ http: 'flask', source: 'sample' });
    const input = {
      ...base,
      model: { ...base.model, ...('model' in change ? change.model : {}) },
      server: { ...base.server, ...('server' in change ? change.server : {}) },
    };
    try {
      sklearnContext(input as typeof base);
      expect.unreachable();
    } catch (error) {
      expect(isMcError(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });
});
