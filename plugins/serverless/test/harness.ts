/** A deploy's world for the lifecycle tests: a fake AWS answering a first deploy, state, clock, progress. */
import type { DeployOptions, ProjectState, VerbContext } from '@mcc/sdk';
import { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from '@mcc/sdk/testing';

import type { ServerlessState } from '../src/lifecycle/state.js';
import { projectInput } from './fixtures.js';
import type { Overrides } from './fixtures.js';

export const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/abalone@sha256:' + 'a'.repeat(64);
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/mcc-abalone-serverless';
export const OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 1800, imageUri: IMAGE };

export interface Harness {
  aws: FakeAws;
  state: MemoryState;
  clock: FakeClock;
  progress: RecordedProgress;
  context: VerbContext;
  section(): ServerlessState | undefined;
}

export function harness(
  state: ProjectState = { schema: 1, targets: {} },
  overrides: Overrides = {},
): Harness {
  const aws = new FakeAws('us-east-1')
    .on('GetCallerIdentity', { Account: '123456789012' })
    .on(
      'GetRole',
      awsError('NoSuchEntityException', 'The role with name mcc-abalone-serverless cannot be found.'),
    )
    .on('CreateRole', { Role: { Arn: ROLE_ARN } })
    .on('DescribeEndpoint', { EndpointStatus: 'Creating' }, { EndpointStatus: 'InService' });
  const store = new MemoryState(state);
  const clock = new FakeClock();
  const progress = new RecordedProgress();
  const context: VerbContext = {
    project: { dir: '/unused', input: projectInput(overrides) },
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
    section: () => store.read().targets['serverless'] as ServerlessState | undefined,
  };
}

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
