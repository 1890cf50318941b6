/** A deploy's world for the lifecycle tests: a fake AWS answering a first deploy, state, clock, progress. */
import type { DeployOptions, ProjectState, VerbContext } from '@mcc/sdk';
import { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from '@mcc/sdk/testing';

import type { DeploymentState } from '../src/lifecycle/state.js';
import { projectInput } from './fixtures.js';

export const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/abalone:0.1.0';
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/mcc-abalone-sagemaker';
// IAM returns trust policies URL-encoded.
export const SAGEMAKER_TRUST = encodeURIComponent(
  JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  }),
);
export const OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 1800, imageUri: IMAGE };

export interface Harness {
  aws: FakeAws;
  state: MemoryState;
  clock: FakeClock;
  progress: RecordedProgress;
  context: VerbContext;
  deployment(): DeploymentState | undefined;
}

export function harness(
  state: ProjectState = { schema: 1, targets: {} },
  signal = new AbortController().signal,
): Harness {
  const aws = new FakeAws('us-east-1')
    .on('GetCallerIdentity', { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/me' })
    .on(
      'GetRole',
      awsError('NoSuchEntityException', 'The role with name mcc-abalone-sagemaker cannot be found.'),
    )
    .on('CreateRole', { Role: { Arn: ROLE_ARN } })
    .on('DescribeEndpoint', { EndpointStatus: 'Creating' }, { EndpointStatus: 'InService' })
    .on(
      'DescribeInferenceComponent',
      { InferenceComponentStatus: 'Creating' },
      { InferenceComponentStatus: 'InService' },
    )
    // Every alarm asked about exists and is OK unless a test says otherwise.
    .on('DescribeAlarms', (call) => ({
      MetricAlarms: (call.input.AlarmNames as string[]).map((AlarmName) => ({ AlarmName, StateValue: 'OK' })),
    }));
  const store = new MemoryState(state);
  const clock = new FakeClock();
  const progress = new RecordedProgress();
  const context: VerbContext = {
    project: { dir: '/unused', input: projectInput({ project: { name: 'abalone', imageName: 'abalone' } }) },
    aws,
    state: store,
    progress,
    clock,
    signal,
  };
  return {
    aws,
    state: store,
    clock,
    progress,
    context,
    deployment: () => store.read().targets['managed-inference'] as DeploymentState | undefined,
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
