import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { DeployOptions, ProjectInput, ProjectState, VerbContext } from '@mcc/sdk';
import { renderPartial, renderTemplates } from '@mcc/sdk/render';
import { FakeAws, FakeClock, MemoryState, RecordedProgress, awsError } from '@mcc/sdk/testing';

import { batchContext } from '../src/context.js';
import type { BatchState } from '../src/lifecycle/state.js';
import { batchTarget } from '../src/target.js';

export const ACCOUNT = '123456789012';
export const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/abalone@sha256:${'a'.repeat(64)}`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/mcc-abalone-batch`;
export const OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 1800, imageUri: IMAGE };
export const BUCKET = `sagemaker-us-east-1-${ACCOUNT}`;
export const TAGS = [
  { Key: 'mcc:project', Value: 'abalone' },
  { Key: 'mcc:managed-by', Value: 'mcc' },
];

type Options = ProjectInput['target']['options'];

/** A ProjectInput as core would resolve it for a small sklearn project on the batch target. */
export function projectInput(
  options: Options = {},
  instance: Partial<ProjectInput['instance']> = {},
): ProjectInput {
  return {
    project: { name: 'abalone', imageName: 'abalone', version: '0.1.0' },
    generator: { name: '@mcc/cli', version: '0.1.0' },
    model: { source: 'sample', sample: true, delivery: 'train', format: 'joblib', fileName: 'model.joblib' },
    server: { id: 'sklearn', http: 'flask', baseImage: 'python:3.12-slim', options: {} },
    target: { id: 'batch', options: { 'container-engine': 'auto', ...options } },
    instance: {
      instanceType: 'ml.m5.large',
      vcpu: 2,
      memoryGiB: 8,
      acceleratorCount: 0,
      catalogued: true,
      ...instance,
    },
    region: 'us-east-1',
  };
}

export interface Harness {
  aws: FakeAws;
  state: MemoryState;
  clock: FakeClock;
  progress: RecordedProgress;
  abort: AbortController;
  context: VerbContext;
  section(): BatchState | undefined;
}

/** A verb's world: a fake AWS answering a first deploy in an account without the role or bucket. */
export function harness(options: Options = {}, state?: ProjectState): Harness {
  const aws = new FakeAws('us-east-1')
    .on('GetCallerIdentity', { Account: ACCOUNT })
    .on('GetRole', awsError('NoSuchEntityException', 'The role with name mcc-abalone-batch cannot be found.'))
    .on('CreateRole', { Role: { Arn: ROLE_ARN } })
    .on('HeadBucket', awsError('NotFound', 'Not Found'));
  const store = new MemoryState(state ?? { schema: 1, targets: {} });
  const clock = new FakeClock();
  const progress = new RecordedProgress();
  const abort = new AbortController();
  const context: VerbContext = {
    project: { dir: '/unused', input: projectInput(options) },
    aws,
    state: store,
    progress,
    clock,
    signal: abort.signal,
  };
  return {
    aws,
    state: store,
    clock,
    progress,
    abort,
    context,
    section: () => store.read().targets['batch'] as BatchState | undefined,
  };
}

/** The state a finished first deploy leaves. */
export function deployedState(extra: Partial<BatchState> = {}): ProjectState {
  const section: BatchState = {
    region: 'us-east-1',
    account: ACCOUNT,
    role: { name: 'mcc-abalone-batch', arn: ROLE_ARN, createdByMcc: true, policyName: 'mcc-execution' },
    models: ['abalone-model-a'],
    image: IMAGE,
    paths: {
      input: `s3://${BUCKET}/mcc/abalone/batch-input/`,
      output: `s3://${BUCKET}/mcc/abalone/batch-output/`,
    },
    jobs: [],
    ...extra,
  };
  return { schema: 1, targets: { batch: section, other: { kept: true } } };
}

/** The error a promise rejects with, for assertions on its code and message. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; suggestions?: readonly string[]; exitCode?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

export function thrown(work: () => unknown): Error & { code?: string; suggestions?: readonly string[] } {
  try {
    work();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error');
}

/** Renders the templates as core does into a new temp folder, with their modes. */
export async function renderProject(
  input: ProjectInput,
): Promise<{ dir: string; files: Map<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mcc-batch-'));
  const rendered = await renderTemplates({
    templatesDir: batchTarget.templatesDir,
    locals: { ...input, ctx: batchContext(input) },
  });
  const files = new Map<string, string>();
  for (const file of rendered) {
    const full = join(dir, file.path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, file.content);
    await chmod(full, file.mode);
    files.set(file.path, file.content.toString());
  }
  return { dir, files };
}

export async function renderReadme(input: ProjectInput): Promise<string> {
  const text = await renderPartial(batchTarget.templatesDir, '_README.md.ejs', {
    ...input,
    ctx: batchContext(input),
  });
  if (text === undefined) throw new Error('the README partial is missing');
  return text;
}
