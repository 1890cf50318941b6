import type { Readable } from 'node:stream';

import { payloadFromBytes } from '@mcc/sdk';
import { awsError } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { JOB_WAIT_MS, invoke } from '../src/lifecycle/invoke.js';
import { PREVIEW_BYTES } from '../src/lifecycle/preview.js';
import type { BatchState } from '../src/lifecycle/state.js';
import { BUCKET, TAGS, deployedState, harness, rejection } from './fixtures.js';

const INPUT = `s3://${BUCKET}/mcc/abalone/batch-input/`;
const JOB = /^abalone-[a-z0-9]+-[0-9a-f]{4}$/;
const RESULTS = '9.1\n10.4\n7.7\n';

/** A deployed project whose input folder holds data and whose job completes after one poll. */
function deployed(options: Record<string, string | number> = {}, extra: Partial<BatchState> = {}) {
  const h = harness(options, deployedState(extra));
  h.aws
    .on(
      'ListObjectsV2',
      { KeyCount: 1, Contents: [{ Key: 'mcc/abalone/batch-input/rows.csv' }] },
      (call) => ({
        Contents: [{ Key: `${String(call.input.Prefix)}rows.csv.out`, Size: RESULTS.length }],
        IsTruncated: false,
      }),
    )
    .on('DescribeTransformJob', { TransformJobStatus: 'InProgress' }, { TransformJobStatus: 'Completed' })
    .on('GetObject', { Body: new TextEncoder().encode(RESULTS), ContentType: 'text/csv' });
  return h;
}

const jobName = (h: ReturnType<typeof harness>) => String(h.aws.input('CreateTransformJob').TransformJobName);

describe('batch invoke', () => {
  it('runs a job on the project’s input folder, follows it, and previews the first result object', async () => {
    const h = deployed();
    const result = await invoke(h.context, {});
    expect(h.aws.operations()).toEqual([
      'ListObjectsV2',
      'CreateTransformJob',
      'DescribeTransformJob',
      'DescribeTransformJob',
      'ListObjectsV2',
      'GetObject',
    ]);
    // The emptiness check: the folder, with its trailing slash, one key is enough.
    expect(h.aws.input('ListObjectsV2', 0)).toEqual({
      Bucket: BUCKET,
      Prefix: 'mcc/abalone/batch-input/',
      MaxKeys: 1,
    });
    const name = jobName(h);
    expect(name).toMatch(JOB);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(h.aws.calls[1]!.service).toBe('sagemaker');
    expect(h.aws.input('CreateTransformJob')).toEqual({
      TransformJobName: name,
      ModelName: 'abalone-model-a',
      BatchStrategy: 'MultiRecord',
      MaxPayloadInMB: 6,
      MaxConcurrentTransforms: 1,
      ModelClientConfig: { InvocationsTimeoutInSeconds: 600, InvocationsMaxRetries: 3 },
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: INPUT } },
        ContentType: 'text/csv',
        SplitType: 'Line',
        CompressionType: 'None',
      },
      TransformOutput: {
        S3OutputPath: `s3://${BUCKET}/mcc/abalone/batch-output/${name}/`,
        Accept: 'text/csv',
        AssembleWith: 'Line',
      },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
      Tags: TAGS,
    });
    expect(h.aws.input('DescribeTransformJob')).toEqual({ TransformJobName: name });
    expect(h.aws.input('ListObjectsV2', 1)).toEqual({
      Bucket: BUCKET,
      Prefix: `mcc/abalone/batch-output/${name}/`,
      MaxKeys: 100,
    });
    expect(h.aws.input('GetObject')).toEqual({
      Bucket: BUCKET,
      Key: `mcc/abalone/batch-output/${name}/rows.csv.out`,
      Range: `bytes=0-${PREVIEW_BYTES - 1}`,
    });
    expect(result).toEqual({
      contentType: 'text/csv',
      body: [
        `# 1 result object(s) in s3://${BUCKET}/mcc/abalone/batch-output/${name}/; s3://${BUCKET}/mcc/abalone/batch-output/${name}/rows.csv.out:`,
        '9.1',
        '10.4',
        '7.7',
      ].join('\n'),
    });
    expect(h.progress.lines).toContain(`waiting: transform job ${name}: InProgress (0 ms)`);
    expect(h.section()!.jobs).toEqual([
      {
        name,
        model: 'abalone-model-a',
        input: INPUT,
        output: `s3://${BUCKET}/mcc/abalone/batch-output/${name}/`,
        startedAt: '2026-01-01T00:00:00.000Z',
        status: 'Completed',
      },
    ]);
  });

  it('sends every option the project chose, and the run’s own content types', async () => {
    const h = deployed({
      'split-type': 'None',
      'assemble-with': 'None',
      'batch-strategy': 'SingleRecord',
      'max-payload-mb': 50,
      'max-concurrent-transforms': 2,
      'instance-count': 3,
      'invocation-timeout': 3600,
      'invocation-retries': 0,
    });
    await invoke(h.context, {
      s3Input: `${INPUT}2026/`,
      contentType: 'application/json',
      accept: 'application/json',
    });
    expect(h.aws.input('CreateTransformJob')).toMatchObject({
      BatchStrategy: 'SingleRecord',
      MaxPayloadInMB: 50,
      MaxConcurrentTransforms: 2,
      ModelClientConfig: { InvocationsTimeoutInSeconds: 3600, InvocationsMaxRetries: 0 },
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `${INPUT}2026/` } },
        ContentType: 'application/json',
        SplitType: 'None',
        CompressionType: 'None',
      },
      TransformOutput: { Accept: 'application/json', AssembleWith: 'None' },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 3 },
    });
  });

  it('uploads a local file into a folder of its own, streamed with its length, and runs the job on it', async () => {
    const h = deployed();
    const body = Buffer.from('M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15\n');
    await invoke(h.context, { payload: payloadFromBytes(body, 'data/rows.csv'), contentType: 'text/csv' });
    const name = jobName(h);
    expect(h.aws.operations().slice(0, 3)).toEqual(['PutObject', 'ListObjectsV2', 'CreateTransformJob']);
    const { Body: sent, ...put } = h.aws.input('PutObject');
    expect(put).toEqual({
      Bucket: BUCKET,
      Key: `mcc/abalone/batch-input/${name}/rows.csv`,
      ContentLength: body.length,
      ContentType: 'text/csv',
    });
    const chunks: Buffer[] = [];
    for await (const chunk of sent as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
    expect(Buffer.concat(chunks)).toEqual(body);
    expect(h.aws.input('ListObjectsV2', 0).Prefix).toBe(`mcc/abalone/batch-input/${name}/`);
    expect((h.aws.input('CreateTransformJob').TransformInput as { DataSource: unknown }).DataSource).toEqual({
      S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `${INPUT}${name}/` },
    });
  });

  it('reads a folder named without its slash as a folder, and one object by its key', async () => {
    const h = deployed();
    await invoke(h.context, { s3Input: `${INPUT}2026-11` });
    expect(h.aws.input('ListObjectsV2', 0).Prefix).toBe('mcc/abalone/batch-input/2026-11/');
    const one = deployed();
    await invoke(one.context, { s3Input: `${INPUT}rows.csv` });
    expect(one.aws.input('ListObjectsV2', 0).Prefix).toBe('mcc/abalone/batch-input/rows.csv');
    expect(
      (one.aws.input('CreateTransformJob').TransformInput as { DataSource: unknown }).DataSource,
    ).toEqual({ S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `${INPUT}rows.csv` } });
  });

  it('refuses an empty folder before starting a job', async () => {
    const h = deployed();
    h.aws.on('ListObjectsV2', { KeyCount: 0 });
    const error = await rejection(invoke(h.context, {}));
    expect(error.code).toBe('INPUT_EMPTY');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`There is nothing to transform: ${INPUT} holds no object.`);
    expect(h.aws.operations()).toEqual(['ListObjectsV2']);
  });

  it('refuses a folder the role mcc made may not read, naming the one it may', async () => {
    const h = deployed();
    const error = await rejection(invoke(h.context, { s3Input: 's3://elsewhere/data/' }));
    expect(error.code).toBe('INPUT_NOT_READABLE');
    expect(error.message).toBe(
      `The execution role mcc-abalone-batch may read only ${INPUT}, not s3://elsewhere/data/.`,
    );
    expect(h.aws.calls).toEqual([]);
  });

  it('leaves the scoping of a role of the user’s to the user', async () => {
    const own = 'arn:aws:iam::123456789012:role/own';
    const h = deployed({ 'role-arn': own }, { role: { name: 'own', arn: own, createdByMcc: false } });
    await invoke(h.context, { s3Input: 's3://elsewhere/data/' });
    expect(h.aws.operations()).toContain('CreateTransformJob');
  });

  it('refuses before any call when nothing is deployed', async () => {
    const h = harness();
    const error = await rejection(invoke(h.context, { s3Input: INPUT }));
    expect(error.code).toBe('NOT_DEPLOYED');
    expect(h.aws.calls).toEqual([]);
  });

  it('on Failed, gives SageMaker’s reason and the job’s last log lines, and records the status', async () => {
    const h = deployed();
    h.aws
      .on('DescribeTransformJob', {
        TransformJobStatus: 'Failed',
        FailureReason: 'ClientError: See job logs for more information',
      })
      .on('FilterLogEvents', {
        events: [
          { message: 'ValueError: could not convert string to float: "M"\n' },
          { message: 'POST /invocations 400' },
        ],
      });
    const error = await rejection(invoke(h.context, {}));
    const name = jobName(h);
    expect(error.code).toBe('JOB_FAILED');
    expect(error.message).toBe(
      [
        `The transform job ${name} failed: ClientError: See job logs for more information`,
        '  | ValueError: could not convert string to float: "M"',
        '  | POST /invocations 400',
      ].join('\n'),
    );
    expect(h.aws.input('FilterLogEvents')).toMatchObject({
      logGroupName: '/aws/sagemaker/TransformJobs',
      logStreamNamePrefix: `${name}/`,
    });
    expect(h.section()!.jobs[0]!.status).toBe('Failed');
    expect(h.aws.operations()).not.toContain('GetObject');
  });

  it('on Stopped, says so and where the partial results are', async () => {
    const h = deployed();
    h.aws.on('DescribeTransformJob', { TransformJobStatus: 'Stopping' }, { TransformJobStatus: 'Stopped' });
    const error = await rejection(invoke(h.context, {}));
    expect(error.code).toBe('JOB_STOPPED');
    expect(h.section()!.jobs[0]!.status).toBe('Stopped');
  });

  it('stops waiting after the bound, saying the job keeps running and how to follow it', async () => {
    const h = deployed();
    h.aws.on('DescribeTransformJob', { TransformJobStatus: 'InProgress' });
    const error = await rejection(invoke(h.context, {}));
    expect(error.code).toBe('INVOKE_TIMEOUT');
    expect(error.message).toMatch(/is still InProgress after \d+ s/);
    expect(error.suggestions?.[0]).toMatch(
      /keeps running: `mcc status` shows it, `mcc logs --follow` follows it/,
    );
    expect(h.clock.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(JOB_WAIT_MS);
    expect(h.clock.sleeps.every((ms) => ms <= 15_000)).toBe(true);
    expect(h.section()!.jobs[0]!.status).toBe('InProgress');
  });

  it('on Ctrl-C stops waiting, keeps the job recorded, and says it keeps running', async () => {
    const h = deployed();
    h.aws.on('DescribeTransformJob', () => {
      h.abort.abort();
      return { TransformJobStatus: 'InProgress' };
    });
    const error = await rejection(invoke(h.context, {}));
    expect(error.code).toBe('INTERRUPTED');
    expect(error.message).toMatch(/^Stopped waiting for the transform job abalone-.*; it keeps running/);
    expect(h.section()!.jobs).toHaveLength(1);
    expect(h.aws.operations().filter((op) => op === 'DescribeTransformJob')).toHaveLength(1);
  });

  it('explains the transform-job instance quota', async () => {
    const h = deployed();
    h.aws.on(
      'CreateTransformJob',
      awsError(
        'ResourceLimitExceeded',
        "The account-level service limit 'ml.m5.large for transform job usage' is 0 Instances.",
      ),
    );
    const error = await rejection(invoke(h.context, {}));
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.suggestions?.[0]).toContain('"ml.m5.large for transform job usage"');
    expect(h.section()!.jobs).toEqual([]);
  });

  it('passes SageMaker’s ValidationException through with its message', async () => {
    const h = deployed();
    h.aws.on(
      'CreateTransformJob',
      awsError('ValidationException', 'Instance type ml.t2.medium is not supported for transform jobs.'),
    );
    const error = await rejection(invoke(h.context, {}));
    expect(error.code).toBe('AWS_VALIDATION');
    expect(error.message).toBe(
      'SageMaker refused CreateTransformJob: Instance type ml.t2.medium is not supported for transform jobs.',
    );
  });

  it('names the S3 permission when the listing is refused', async () => {
    const h = deployed();
    h.aws.on('ListObjectsV2', awsError('AccessDenied', 'Access Denied'));
    const error = await rejection(invoke(h.context, {}));
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.message).toContain('ListObjectsV2: your credentials lack s3:ListBucket');
  });

  it('previews the first lines of a large result, never a line cut by the byte range', async () => {
    const h = deployed();
    const line = '12.345678\n';
    const head = line.repeat(Math.ceil(PREVIEW_BYTES / line.length)).slice(0, PREVIEW_BYTES);
    h.aws
      .on('ListObjectsV2', { KeyCount: 1 }, (call) => ({
        Contents: [
          { Key: `${String(call.input.Prefix)}a.csv.out`, Size: 10_000_000 },
          { Key: `${String(call.input.Prefix)}b.csv.out`, Size: 5 },
        ],
        IsTruncated: true,
      }))
      .on('GetObject', { Body: new TextEncoder().encode(head) });
    const result = await invoke(h.context, {});
    const lines = result.body.split('\n');
    expect(lines[0]).toMatch(/^# 2\+ result object\(s\) in s3:\/\/.*a\.csv\.out, first lines:$/);
    expect(lines.slice(1)).toEqual(Array(10).fill('12.345678'));
    expect(result.contentType).toBe('text/csv');
  });
});
