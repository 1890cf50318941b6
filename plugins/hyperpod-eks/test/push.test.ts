import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { PlannedCall, VerbContext } from '@mcc/sdk';
import { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from '@mcc/sdk/testing';

import { destroy } from '../src/lifecycle/destroy.js';
import { REPOSITORY_KEY, push } from '../src/lifecycle/image.js';
import { planDeploy } from '../src/lifecycle/plan.js';
import { projectInput } from './fixtures.js';

// A stand-in engine on PATH that records its arguments and the stdin of login, as docker would get them.
const FAKE_ENGINE = `#!/bin/sh
printf 'argv:%s\\n' "$*" >> "$FAKE_LOG"
if [ "$1" = login ]; then printf 'stdin:%s\\n' "$(cat)" >> "$FAKE_LOG"; fi
if [ "$1" = image ] && [ -n "$FAKE_NO_IMAGE" ]; then exit 1; fi
if [ "$1" = push ]; then echo "0.1.0: digest: sha256:${'b'.repeat(64)} size: 2048"; fi
exit 0
`;
const TOKEN = Buffer.from('AWS:ecr-password').toString('base64');
const REGISTRY = '210987654321.dkr.ecr.us-west-2.amazonaws.com';
const DIGEST = `sha256:${'b'.repeat(64)}`;

let bin: string;
let log: string;
const saved = { ...process.env };

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'mcc-hp-engine-'));
  log = join(bin, 'log');
  process.env.PATH = `${bin}:/usr/bin:/bin`;
  process.env.FAKE_LOG = log;
  delete process.env.MCC_CONTAINER_ENGINE;
});

afterEach(() => {
  process.env = { ...saved };
  rmSync(bin, { recursive: true, force: true });
});

function installEngine(name: string): void {
  writeFileSync(join(bin, name), FAKE_ENGINE);
  chmodSync(join(bin, name), 0o755);
}

function context(aws: FakeAws, state = new MemoryState(), options = {}): VerbContext {
  return {
    project: { dir: bin, input: projectInput({ options }) },
    aws,
    state,
    progress: new RecordedProgress(),
    clock: new FakeClock(),
    signal: new AbortController().signal,
  };
}

function ecr(): FakeAws {
  return new FakeAws('us-west-2')
    .on('GetCallerIdentity', { Account: '210987654321' })
    .on(
      'DescribeRepositories',
      awsError('RepositoryNotFoundException', "The repository with name 'llama' does not exist"),
    )
    .on('GetAuthorizationToken', {
      authorizationData: [{ authorizationToken: TOKEN, proxyEndpoint: `https://${REGISTRY}` }],
    });
}

/** The image the InferenceEndpointConfig a deploy applies would run. */
function deployedImage(plan: PlannedCall[]): unknown {
  const apply = plan.find(
    (call) =>
      call.kind === 'kube' &&
      (call.body as { kind?: string } | undefined)?.kind === 'InferenceEndpointConfig',
  );
  if (apply?.kind !== 'kube') throw new Error('the plan applies no InferenceEndpointConfig');
  return (apply.body as { spec: { worker: { image: string } } }).spec.worker.image;
}

describe('mcc push for hyperpod-eks', () => {
  it('creates the repository named after the image, logs in on stdin, pushes, and deploy uses the digest', async () => {
    installEngine('docker');
    const aws = ecr();
    const state = new MemoryState();
    const result = await push(context(aws, state));

    expect(aws.operations()).toEqual([
      'GetCallerIdentity',
      'DescribeRepositories',
      'CreateRepository',
      'GetAuthorizationToken',
    ]);
    expect(aws.input('GetCallerIdentity')).toEqual({});
    expect(aws.input('DescribeRepositories')).toEqual({ repositoryNames: ['llama'] });
    expect(aws.input('CreateRepository')).toEqual({
      repositoryName: 'llama',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'AES256' },
      imageTagMutability: 'MUTABLE',
      tags: [
        { Key: 'mcc:project', Value: 'llama' },
        { Key: 'mcc:managed-by', Value: 'mcc' },
      ],
    });
    expect(aws.input('GetAuthorizationToken')).toEqual({});

    const remote = `${REGISTRY}/llama:0.1.0`;
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toEqual([
      'argv:image inspect llama:0.1.0',
      `argv:login --username AWS --password-stdin https://${REGISTRY}`,
      'stdin:ecr-password',
      `argv:tag llama:0.1.0 ${remote}`,
      `argv:push ${remote}`,
    ]);
    expect(lines.filter((line) => line.startsWith('argv:')).join('\n')).not.toContain('ecr-password');

    const uri = `${REGISTRY}/llama@${DIGEST}`;
    expect(result).toEqual({ imageUri: uri, tag: remote, region: 'us-west-2' });
    expect(state.read().image).toEqual({ uri, pushedAt: '2026-01-01T00:00:00.000Z', by: 'push' });
    expect(state.read().targets[REPOSITORY_KEY]).toEqual({ name: 'llama', createdByMcc: true });

    // What mcc deploy applies: the pushed image by digest, not the local name.
    const project = { dir: bin, input: projectInput() };
    expect(deployedImage(planDeploy(project, state, {}))).toBe(uri);
  });

  it('uses the container-engine option: podman, even with docker on PATH', async () => {
    installEngine('podman');
    writeFileSync(join(bin, 'docker'), '#!/bin/sh\nexit 9\n'); // would fail every step
    chmodSync(join(bin, 'docker'), 0o755);
    const podman = { 'container-engine': 'podman' };
    await expect(push(context(ecr(), new MemoryState(), podman))).resolves.toMatchObject({
      imageUri: `${REGISTRY}/llama@${DIGEST}`,
    });
    // auto prefers docker, which here has no image.
    await expect(push(context(ecr()))).rejects.toMatchObject({ code: 'IMAGE_NOT_BUILT' });
  });

  it('keeps an existing repository, which destroy then leaves alone', async () => {
    installEngine('docker');
    const aws = ecr().on('DescribeRepositories', { repositories: [{ repositoryName: 'llama' }] });
    const state = new MemoryState();
    await push(context(aws, state));
    expect(aws.operations()).not.toContain('CreateRepository');
    expect(state.read().targets[REPOSITORY_KEY]).toBeUndefined();
    const after = new FakeAws('us-west-2');
    expect(await destroy(context(after, state))).toEqual({
      region: 'us-west-2',
      deleted: [],
      alreadyGone: [],
    });
    expect(after.operations()).toEqual([]);
    expect(state.read().image).toBeDefined();
  });

  it('destroy deletes the repository it created unless images are kept, and notes one already gone', async () => {
    installEngine('docker');
    const state = new MemoryState();
    await push(context(ecr(), state));

    const kept = new FakeAws('us-west-2');
    const keptState = new MemoryState(state.read());
    await destroy(context(kept, keptState), { keepImages: true });
    expect(kept.operations()).toEqual([]);
    expect(keptState.read().targets[REPOSITORY_KEY]).toBeDefined();

    const aws = new FakeAws('us-west-2');
    const result = await destroy(context(aws, state));
    expect(aws.operations()).toEqual(['DeleteRepository']);
    expect(aws.input('DeleteRepository')).toEqual({ repositoryName: 'llama', force: true });
    expect(result.deleted).toEqual([{ kind: 'ECR repository (with its images)', name: 'llama' }]);
    expect(state.read().targets[REPOSITORY_KEY]).toBeUndefined();
    expect(state.read().image).toBeUndefined();

    const again = new MemoryState({
      schema: 1,
      targets: { [REPOSITORY_KEY]: { name: 'llama', createdByMcc: true } },
    });
    const missing = new FakeAws('us-west-2').on(
      'DeleteRepository',
      awsError('RepositoryNotFoundException', "The repository with name 'llama' does not exist"),
    );
    expect((await destroy(context(missing, again))).alreadyGone).toEqual([
      { kind: 'ECR repository (with its images)', name: 'llama' },
    ]);
  });

  it('asks for do/build before any AWS call when the image is missing', async () => {
    installEngine('docker');
    process.env.FAKE_NO_IMAGE = '1';
    const aws = ecr();
    await expect(push(context(aws))).rejects.toMatchObject({ code: 'IMAGE_NOT_BUILT' });
    expect(aws.calls).toEqual([]);
  });
});
