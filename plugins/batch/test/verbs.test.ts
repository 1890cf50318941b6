import { awsError } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { destroy } from '../src/lifecycle/destroy.js';
import { logs } from '../src/lifecycle/logs.js';
import type { BatchState, JobRecord } from '../src/lifecycle/state.js';
import { status } from '../src/lifecycle/status.js';
import { BUCKET, IMAGE, ROLE_ARN, deployedState, harness, rejection } from './fixtures.js';

const job = (name: string, status: string): JobRecord => ({
  name,
  model: 'abalone-model-a',
  input: `s3://${BUCKET}/mcc/abalone/batch-input/`,
  output: `s3://${BUCKET}/mcc/abalone/batch-output/${name}/`,
  startedAt: '2026-01-01T00:00:00.000Z',
  status,
});
const JOBS = [job('abalone-old-0001', 'Completed'), job('abalone-new-0002', 'InProgress')];

describe('status', () => {
  it('shows the model, the role and the jobs newest first, as SageMaker reports them now', async () => {
    const h = harness({}, deployedState({ jobs: structuredClone(JOBS) }));
    h.aws.on('DescribeTransformJob', (call) =>
      call.input.TransformJobName === 'abalone-new-0002'
        ? { TransformJobStatus: 'Failed', FailureReason: 'AlgorithmError: boom' }
        : {
            TransformJobStatus: 'Completed',
            TransformStartTime: new Date('2026-01-01T00:00:00Z'),
            TransformEndTime: new Date('2026-01-01T00:05:00Z'),
          },
    );
    const result = await status(h.context);
    expect(h.aws.input('DescribeModel')).toEqual({ ModelName: 'abalone-model-a' });
    expect(h.aws.input('DescribeTransformJob', 0)).toEqual({ TransformJobName: 'abalone-new-0002' });
    expect(result).toEqual({
      region: 'us-east-1',
      deployed: true,
      resources: [
        { kind: 'model', name: 'abalone-model-a', status: 'ready', detail: `image ${IMAGE}` },
        { kind: 'execution role', name: 'mcc-abalone-batch', status: 'created by mcc', detail: ROLE_ARN },
        {
          kind: 'transform job',
          name: 'abalone-new-0002',
          status: 'Failed',
          detail: `AlgorithmError: boom; s3://${BUCKET}/mcc/abalone/batch-input/ → s3://${BUCKET}/mcc/abalone/batch-output/abalone-new-0002/`,
        },
        {
          kind: 'transform job',
          name: 'abalone-old-0001',
          status: 'Completed',
          detail: `ran 300 s; s3://${BUCKET}/mcc/abalone/batch-input/ → s3://${BUCKET}/mcc/abalone/batch-output/abalone-old-0001/`,
        },
      ],
    });
    // What it learnt is kept: destroy need not stop a job that has ended.
    expect((h.state.read().targets['batch'] as BatchState).jobs[1]!.status).toBe('Failed');
  });

  it('says missing for a model gone from AWS, and nothing deployed without state', async () => {
    const h = harness({}, deployedState());
    h.aws.on('DescribeModel', awsError('ValidationException', 'Could not find model "abalone-model-a".'));
    const result = await status(h.context);
    expect(result.deployed).toBe(false);
    expect(result.resources[0]).toMatchObject({ kind: 'model', status: 'missing' });
    const empty = harness();
    expect(await status(empty.context)).toEqual({ region: 'us-east-1', deployed: false, resources: [] });
    expect(empty.aws.calls).toEqual([]);
  });
});

describe('logs', () => {
  it('reads the newest job’s streams of /aws/sagemaker/TransformJobs, all pages, oldest first', async () => {
    const h = harness({}, deployedState({ jobs: structuredClone(JOBS) }));
    h.aws.on(
      'FilterLogEvents',
      { events: [{ eventId: '2', timestamp: 20, message: 'second\n', logStreamName: 's' }], nextToken: 't' },
      { events: [{ eventId: '1', timestamp: 10, message: 'first', logStreamName: 's' }] },
    );
    const lines: string[] = [];
    await logs(h.context, { follow: false, sinceMinutes: 5, onLine: (line) => lines.push(line.message) });
    expect(lines).toEqual(['first', 'second']);
    expect(h.aws.input('FilterLogEvents')).toEqual({
      logGroupName: '/aws/sagemaker/TransformJobs',
      logStreamNamePrefix: 'abalone-new-0002/',
      startTime: h.clock.now() - 5 * 60_000,
      limit: 1000,
    });
    expect(h.aws.input('FilterLogEvents', 1)).toMatchObject({ nextToken: 't' });
  });

  it('says no job has run yet, without a call', async () => {
    const h = harness({}, deployedState());
    await logs(h.context, { follow: false, sinceMinutes: 5, onLine: () => undefined });
    expect(h.aws.calls).toEqual([]);
    expect(h.progress.lines[0]).toMatch(/^warn: No transform job has run yet/);
  });
});

describe('destroy', () => {
  it('stops the running job, deletes models and the role (policy first), keeps S3 and other state', async () => {
    const h = harness(
      {},
      deployedState({
        jobs: structuredClone(JOBS),
        models: ['abalone-model-a', 'abalone-model-b'],
        bucket: { name: BUCKET, createdByMcc: true },
      }),
    );
    h.aws.on('DescribeTransformJob', { TransformJobStatus: 'InProgress' });
    const result = await destroy(h.context, { keepImages: true });
    expect(h.aws.operations()).toEqual([
      'DescribeTransformJob',
      'StopTransformJob',
      'DeleteModel',
      'DeleteModel',
      'DeleteRolePolicy',
      'DeleteRole',
    ]);
    expect(h.aws.input('StopTransformJob')).toEqual({ TransformJobName: 'abalone-new-0002' });
    expect(h.aws.input('DeleteModel', 0)).toEqual({ ModelName: 'abalone-model-b' });
    expect(h.aws.input('DeleteRolePolicy')).toEqual({
      RoleName: 'mcc-abalone-batch',
      PolicyName: 'mcc-execution',
    });
    expect(result.deleted).toEqual([
      { kind: 'transform job (stopped)', name: 'abalone-new-0002' },
      { kind: 'model', name: 'abalone-model-b' },
      { kind: 'model', name: 'abalone-model-a' },
      { kind: 'execution role', name: 'mcc-abalone-batch' },
    ]);
    expect(h.aws.operations().some((op) => /Bucket|Object/.test(op))).toBe(false);
    expect(h.progress.lines.some((l) => l.includes('Keeping the S3 data'))).toBe(true);
    expect(h.state.read().targets).toEqual({ other: { kept: true } });
  });

  it('is idempotent: what is already gone is reported as such, and a role it did not create stays', async () => {
    const gone = awsError('ValidationException', 'Could not find it.');
    const h = harness(
      {},
      deployedState({
        jobs: [job('abalone-new-0002', 'InProgress')],
        role: { name: 'own', arn: 'arn:aws:iam::123456789012:role/own', createdByMcc: false },
      }),
    );
    h.aws.on('DescribeTransformJob', gone).on('DeleteModel', gone);
    const result = await destroy(h.context, { keepImages: true });
    expect(result.deleted).toEqual([]);
    expect(result.alreadyGone).toEqual([
      { kind: 'transform job', name: 'abalone-new-0002' },
      { kind: 'model', name: 'abalone-model-a' },
    ]);
    expect(h.aws.operations()).not.toContain('DeleteRole');
    const again = await destroy(h.context, { keepImages: true });
    expect(again).toEqual({ region: 'us-east-1', deleted: [], alreadyGone: [] });
  });

  it('leaves a job that has already ended alone', async () => {
    const h = harness({}, deployedState({ jobs: [job('abalone-new-0002', 'InProgress')] }));
    h.aws.on('DescribeTransformJob', { TransformJobStatus: 'Completed' });
    await destroy(h.context, { keepImages: true });
    expect(h.aws.operations()).not.toContain('StopTransformJob');
  });

  it('deletes the ECR repository mcc push created unless --keep-images', async () => {
    const state = deployedState();
    state.targets['batch:repository'] = { name: 'abalone', createdByMcc: true };
    const h = harness({}, state);
    const result = await destroy(h.context, { keepImages: false });
    expect(h.aws.operations().at(-1)).toBe('DeleteRepository');
    expect(h.aws.input('DeleteRepository')).toMatchObject({ repositoryName: 'abalone' });
    expect(result.deleted.at(-1)!.name).toBe('abalone');
  });

  it('stops on another error and keeps what is left recorded, so a second destroy resumes', async () => {
    const h = harness({}, deployedState({ models: ['abalone-model-a', 'abalone-model-b'] }));
    h.aws.on('DeleteModel', {}, awsError('InternalFailure', 'try later'), {});
    await rejection(destroy(h.context, { keepImages: true }));
    expect((h.state.read().targets['batch'] as BatchState).models).toEqual(['abalone-model-a']);
    await destroy(h.context, { keepImages: true });
    expect(h.state.read().targets['batch']).toBeUndefined();
  });
});
