import type { DeployOptions, ProjectInput, ProjectState, VerbContext } from '@mcc/sdk';
import { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from '@mcc/sdk/testing';

import type { AsyncState } from '../src/lifecycle/state.js';

export const ACCOUNT = '123456789012';
export const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/abalone@sha256:${'a'.repeat(64)}`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/mcc-abalone-async`;
export const OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 1800, imageUri: IMAGE };
export const BUCKET = `sagemaker-us-east-1-${ACCOUNT}`;

/** A ProjectInput as core would resolve it for a small sklearn project on the async target. */
export function projectInput(options: ProjectInput['target']['options'] = {}): ProjectInput {
  return {
    project: { name: 'abalone', imageName: 'abalone', version: '0.1.0' },
    generator: { name: '@mcc/cli', version: '0.1.0' },
    model: { source: 'sample', sample: true, delivery: 'train', format: 'joblib', fileName: 'model.joblib' },
    server: { id: 'sklearn', http: 'flask', baseImage: 'python:3.12-slim', options: {} },
    target: { id: 'async', options: { 'container-engine': 'auto', ...options } },
    instance: { instanceType: 'ml.m5.large', vcpu: 2, memoryGiB: 8, acceleratorCount: 0, catalogued: true },
    region: 'us-east-1',
  };
}

export interface Harness {
  aws: FakeAws;
  state: MemoryState;
  clock: FakeClock;
  progress: RecordedProgress;
  context: VerbContext;
  section(): AsyncState | undefined;
}

/** A deploy's world: a fake AWS answering a first deploy in an account without the role or bucket. */
export function harness(options: ProjectInput['target']['options'] = {}, state?: ProjectState): Harness {
  const aws = new FakeAws('us-east-1')
    .on('GetCallerIdentity', { Account: ACCOUNT })
    .on('GetRole', awsError('NoSuchEntityException', 'The role with name mcc-abalone-async cannot be found.'))
    .on('CreateRole', { Role: { Arn: ROLE_ARN } })
    .on('HeadBucket', awsError('NotFound', 'Not Found'))
    .on('DescribeEndpoint', { EndpointStatus: 'Creating' }, { EndpointStatus: 'InService' })
    .on(
      'PutScalingPolicy',
      { PolicyARN: 'arn:aws:autoscaling:policy/backlog' },
      { PolicyARN: 'arn:aws:autoscaling:policy/wake' },
    );
  const store = new MemoryState(state ?? { schema: 1, targets: {} });
  const clock = new FakeClock();
  const progress = new RecordedProgress();
  const context: VerbContext = {
    project: { dir: '/unused', input: projectInput(options) },
    aws,
    state: store,
    progress,
    clock,
    signal: new AbortController().signal,
  };
  return {
    aws,
    state: store,
    clock,
    progress,
    context,
    section: () => store.read().targets['async'] as AsyncState | undefined,
  };
}

/** The error a promise rejects with, for assertions on its code and message. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; suggestions?: string[] }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

export function thrown(work: () => unknown): Error & { code?: string } {
  try {
    work();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error');
}
