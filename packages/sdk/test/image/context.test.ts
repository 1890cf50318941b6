import { describe, expect, it } from 'vitest';

import { imageNames, imageTag, localRun, s3FolderUri } from '../../src/image/context.js';
import { containerEngineOf } from '../../src/image/engine-option.js';
import { dnsSuffixOf, registryHost } from '../../src/image/registry.js';
import type { ProjectInput } from '../../src/project.js';

function input(model: Partial<ProjectInput['model']>, acceleratorCount: number): ProjectInput {
  return {
    model: { source: 'local', sample: false, delivery: 'build', ...model },
    instance: { acceleratorCount },
  } as unknown as ProjectInput;
}

describe('the image kit context', () => {
  it('names the local image after the project and tags its version as Docker and ECR accept', () => {
    expect(imageNames('abalone', '0.1.0')).toEqual({
      repository: 'abalone',
      tag: '0.1.0',
      local: 'abalone:0.1.0',
      latest: 'abalone:latest',
      platform: 'linux/amd64',
    });
    expect(imageTag('1.0.0+build.5')).toBe('1.0.0-build.5');
    expect(imageTag('.hidden')).toBe('hidden');
    expect(imageTag('+++')).toBe('latest');
  });

  it('runs a baked-in CPU model briefly, with nothing from the environment', () => {
    expect(localRun(input({}, 0), 'a-local')).toEqual({
      container: 'a-local',
      port: 8080,
      gpu: false,
      passEnv: [],
      timeoutSeconds: 120,
      invocationPath: 'invocations',
    });
  });

  it('gives a runtime Hub model on a GPU the token by name and a longer wait', () => {
    const run = localRun(
      input({ source: 'huggingface', delivery: 'runtime', location: 'o/m' }, 2),
      'b',
      'v1/x',
    );
    expect(run).toMatchObject({ gpu: true, passEnv: ['HF_TOKEN', 'HF_ENDPOINT'], timeoutSeconds: 600 });
    expect(run.invocationPath).toBe('v1/x');
    expect(run.modelUri).toBeUndefined();
  });

  it('syncs an S3 model from its prefix as a folder', () => {
    const run = localRun(
      input({ source: 's3', delivery: 'runtime', location: 's3://models/team/m' }, 0),
      'c',
    );
    expect(run.modelUri).toBe('s3://models/team/m/');
    expect(run.passEnv).toEqual([]);
    expect(s3FolderUri('s3://models')).toBe('s3://models/');
    expect(s3FolderUri('s3://models//a/')).toBe('s3://models/a/');
    expect(s3FolderUri('https://example.com/m')).toBeUndefined();
  });

  it('reads the container-engine option, auto when unset, refusing an unknown engine', () => {
    expect(containerEngineOf({})).toBe('auto');
    expect(containerEngineOf({ 'container-engine': 'podman' })).toBe('podman');
    expect(() => containerEngineOf({ 'container-engine': 'nerdctl' })).toThrow(
      'Option container-engine must be auto, docker or podman, got "nerdctl".',
    );
  });

  it('knows the ECR registry host of every partition', () => {
    expect(registryHost('123456789012', 'us-east-1')).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com');
    expect(registryHost('123456789012', 'cn-north-1')).toBe(
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn',
    );
    expect(dnsSuffixOf('us-gov-west-1')).toBe('amazonaws.com');
  });
});
