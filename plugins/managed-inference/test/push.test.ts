import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { VerbContext } from '@mcc/sdk';
import { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from '@mcc/sdk/testing';

import { destroy } from '../src/lifecycle/destroy.js';
import { push } from '../src/lifecycle/push.js';
import { REPOSITORY_KEY } from '../src/lifecycle/repository.js';
import { projectInput } from './fixtures.js';

// A stand-in docker on PATH that records its arguments and stdin, as the real one would get them.
const FAKE_DOCKER = `#!/bin/sh
log="$FAKE_LOG"
printf 'argv:%s\\n' "$*" >> "$log"
if [ "$1" = login ]; then printf 'stdin:%s\\n' "$(cat)" >> "$log"; fi
if [ "$1" = image ] && [ -n "$FAKE_NO_IMAGE" ]; then exit 1; fi
if [ "$1" = push ]; then
  [ -n "$FAKE_PUSH_FAILS" ] && { echo "denied: not authorized" >&2; exit 1; }
  echo "0.1.0: digest: sha256:${'a'.repeat(64)} size: 1234"
fi
exit 0
`;
const TOKEN = Buffer.from('AWS:s3cret-password').toString('base64');

let bin: string;
let log: string;
const saved = { ...process.env };

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'mcc-fake-docker-'));
  log = join(bin, 'log');
  writeFileSync(join(bin, 'docker'), FAKE_DOCKER);
  chmodSync(join(bin, 'docker'), 0o755);
  process.env.PATH = `${bin}:/usr/bin:/bin`;
  process.env.FAKE_LOG = log;
  delete process.env.MCC_CONTAINER_ENGINE;
});

afterEach(() => {
  process.env = { ...saved };
  rmSync(bin, { recursive: true, force: true });
});

function context(aws: FakeAws, state = new MemoryState()): VerbContext {
  return {
    project: { dir: bin, input: projectInput() },
    aws,
    state,
    progress: new RecordedProgress(),
    clock: new FakeClock(),
    signal: new AbortController().signal,
  };
}

function ecr(): FakeAws {
  return new FakeAws()
    .on('GetCallerIdentity', { Account: '123456789012' })
    .on(
      'DescribeRepositories',
      awsError('RepositoryNotFoundException', 'The repository with name abalone does not exist'),
    )
    .on('GetAuthorizationToken', {
      authorizationData: [
        { authorizationToken: TOKEN, proxyEndpoint: 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com' },
      ],
    });
}

describe('mcc push', () => {
  it('creates the repository, logs in with the token on stdin only, pushes, and records the digest', async () => {
    const aws = ecr();
    const state = new MemoryState();
    const result = await push(context(aws, state));
    expect(aws.operations()).toEqual([
      'GetCallerIdentity',
      'DescribeRepositories',
      'CreateRepository',
      'GetAuthorizationToken',
    ]);
    expect(aws.input('CreateRepository')).toEqual({
      repositoryName: 'abalone',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'AES256' },
      imageTagMutability: 'MUTABLE',
      tags: [
        { Key: 'mcc:project', Value: 'abalone' },
        { Key: 'mcc:managed-by', Value: 'mcc' },
      ],
    });
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const remote = '123456789012.dkr.ecr.us-east-1.amazonaws.com/abalone:0.1.0';
    expect(lines).toEqual([
      'argv:image inspect abalone:0.1.0',
      'argv:login --username AWS --password-stdin https://123456789012.dkr.ecr.us-east-1.amazonaws.com',
      'stdin:s3cret-password',
      `argv:tag abalone:0.1.0 ${remote}`,
      `argv:push ${remote}`,
    ]);
    expect(lines.filter((line) => line.startsWith('argv:')).join('\n')).not.toContain('s3cret');
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(result).toEqual({
      imageUri: `123456789012.dkr.ecr.us-east-1.amazonaws.com/abalone@${digest}`,
      tag: remote,
      region: 'us-east-1',
    });
    expect(state.read().image).toMatchObject({ uri: result.imageUri, by: 'push' });
  });

  it('keeps an existing repository, and destroy leaves it alone', async () => {
    const aws = ecr().on('DescribeRepositories', { repositories: [{ repositoryName: 'abalone' }] });
    const state = new MemoryState();
    await push(context(aws, state));
    expect(aws.operations()).not.toContain('CreateRepository');
    expect(state.read().targets[REPOSITORY_KEY]).toBeUndefined();
    const gone = new FakeAws();
    await destroy(context(gone, state));
    expect(gone.operations()).toEqual([]);
  });

  it('records the repository it created, which destroy deletes with its images unless kept', async () => {
    const state = new MemoryState();
    await push(context(ecr(), state));
    expect(state.read().targets[REPOSITORY_KEY]).toEqual({ name: 'abalone', createdByMcc: true });

    const kept = new FakeAws();
    const keptState = new MemoryState(state.read());
    await destroy(context(kept, keptState), { keepImages: true });
    expect(kept.operations()).toEqual([]);
    expect(keptState.read().image).toBeDefined();

    const aws = new FakeAws();
    const result = await destroy(context(aws, state));
    expect(aws.operations()).toEqual(['DeleteRepository']);
    expect(aws.input('DeleteRepository')).toEqual({ repositoryName: 'abalone', force: true });
    expect(result.deleted).toEqual([{ kind: 'ECR repository (with its images)', name: 'abalone' }]);
    expect(state.read().targets[REPOSITORY_KEY]).toBeUndefined();
    expect(state.read().image).toBeUndefined();

    // Deleted by hand meanwhile: noted, not an error.
    const again = new MemoryState({
      schema: 1,
      targets: { [REPOSITORY_KEY]: { name: 'abalone', createdByMcc: true } },
    });
    const missing = new FakeAws().on(
      'DeleteRepository',
      awsError('RepositoryNotFoundException', "The repository with name 'abalone' does not exist"),
    );
    expect((await destroy(context(missing, again))).alreadyGone).toEqual([
      { kind: 'ECR repository (with its images)', name: 'abalone' },
    ]);
  });

  it('asks for do/build when the image is missing, before any AWS call', async () => {
    process.env.FAKE_NO_IMAGE = '1';
    const aws = ecr();
    await expect(push(context(aws))).rejects.toMatchObject({ code: 'IMAGE_NOT_BUILT' });
    expect(aws.calls).toEqual([]);
  });

  it('fails naming the push, and records nothing, when the engine refuses', async () => {
    process.env.FAKE_PUSH_FAILS = '1';
    const state = new MemoryState();
    await expect(push(context(ecr(), state))).rejects.toMatchObject({ code: 'PUSH_FAILED' });
    expect(state.read().image).toBeUndefined();
  });

  it('names docker and podman when neither is installed', async () => {
    process.env.PATH = '/nonexistent';
    await expect(push(context(ecr()))).rejects.toMatchObject({
      code: 'CONTAINER_ENGINE_MISSING',
      message: expect.stringContaining('docker nor podman'),
    });
  });
});
