import { describe, expect, it } from 'vitest';

import { batchContext } from '../src/context.js';
import { JOB_NAME_MAX_LENGTH } from '../src/limits.js';
import { jobName, resourceNames } from '../src/names.js';
import { projectInput, thrown } from './fixtures.js';

type Statement = { Sid: string; Action: unknown; Resource?: unknown; Condition?: unknown };

describe('batchContext', () => {
  it('defaults to SageMaker’s own defaults, CSV by line, and folders in the default bucket', () => {
    const ctx = batchContext(projectInput());
    expect(ctx.batch).toEqual({
      contentType: 'text/csv',
      accept: 'text/csv',
      splitType: 'Line',
      assembleWith: 'Line',
      batchStrategy: 'MultiRecord',
      maxPayloadMb: 6,
      maxConcurrentTransforms: 1,
      instanceCount: 1,
      invocationTimeoutSeconds: 600,
      invocationRetries: 3,
    });
    expect(ctx.shownPaths).toEqual({
      input: 's3://sagemaker-us-east-1-<account>/mcc/abalone/batch-input/',
      output: 's3://sagemaker-us-east-1-<account>/mcc/abalone/batch-output/',
    });
    expect(ctx.instanceType).toBe('ml.m5.large');
    expect(ctx.role).toEqual({ name: 'mcc-abalone-batch', createdByMcc: true, policyName: 'mcc-execution' });
    expect(ctx.logGroup).toBe('/aws/sagemaker/TransformJobs');
    expect(ctx.warnings).toEqual([]);
  });

  it('writes a least-privilege role: image pull, the job logs, metrics, list+read input, write output', () => {
    const ctx = batchContext(
      projectInput({ 'input-path': 's3://data/in', 'output-path': 's3://results/out/' }),
    );
    const statements = ctx.iam['execution-role-policy'].Statement as Statement[];
    expect(statements.map((s) => s.Sid)).toEqual([
      'EcrLogin',
      'PullProjectImage',
      'WriteJobLogs',
      'PublishSageMakerMetrics',
      'ListInput',
      'ReadInput',
      'WriteOutput',
    ]);
    const by = (sid: string) => statements.find((s) => s.Sid === sid)!;
    expect(by('PullProjectImage').Resource).toBe('arn:aws:ecr:us-east-1:*:repository/abalone');
    expect(by('WriteJobLogs').Resource).toEqual([
      'arn:aws:logs:us-east-1:*:log-group:/aws/sagemaker/TransformJobs',
      'arn:aws:logs:us-east-1:*:log-group:/aws/sagemaker/TransformJobs:log-stream:abalone-*',
    ]);
    expect(by('PublishSageMakerMetrics')).toMatchObject({
      Action: 'cloudwatch:PutMetricData',
      Condition: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } },
    });
    expect(by('ListInput')).toEqual({
      Sid: 'ListInput',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::data',
      Condition: { StringLike: { 's3:prefix': 'in/*' } },
    });
    expect(by('ReadInput')).toMatchObject({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/in/*' });
    expect(by('WriteOutput')).toMatchObject({
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::results/out/*',
    });
    // Nothing writes the input, reads the output, or reaches beyond the two folders.
    expect(JSON.stringify(statements)).not.toMatch(/s3:\*|s3:::data\/\*|s3:::results"|s3:DeleteObject/);
    expect(ctx.iam['execution-role-trust'].Statement[0]).toMatchObject({
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
  });

  it('uses the partition of China and GovCloud regions in every ARN', () => {
    const input = { ...projectInput(), region: 'cn-north-1' };
    const ctx = batchContext(input);
    expect(ctx.partition).toBe('aws-cn');
    expect(JSON.stringify(ctx.iam)).not.toContain('arn:aws:');
  });

  it('names jobs uniquely within SageMaker’s 63 characters, from the longest stem too', () => {
    const long = resourceNames('x'.repeat(80)).base;
    const name = jobName(long, Date.UTC(2026, 0, 1), 'beef');
    expect(name.length).toBeLessThanOrEqual(JOB_NAME_MAX_LENGTH);
    expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
    expect(jobName('abalone', Date.UTC(2026, 0, 1), 'beef')).toBe(
      `abalone-${Math.floor(Date.UTC(2026, 0, 1) / 1000).toString(36)}-beef`,
    );
  });

  it.each([
    [
      { 'input-path': 'https://bucket/x' },
      /input-path must be an S3 folder such as s3:\/\/my-bucket\/scoring\//,
    ],
    [{ 'output-path': 's3://B' }, /output-path must be an S3 folder/],
    [{ 'content-type': 'csv' }, /content-type must be a media type such as text\/csv/],
    [{ 'split-type': 'Lines' }, /split-type must be None, Line, RecordIO or TFRecord, got "Lines"/],
    [{ 'assemble-with': 'Record' }, /assemble-with must be None or Line/],
    [{ 'batch-strategy': 'Multi' }, /batch-strategy must be MultiRecord or SingleRecord/],
    [{ 'max-payload-mb': 101 }, /max-payload-mb must be an integer from 0 to 100, got "101"/],
    [{ 'max-concurrent-transforms': 0 }, /max-concurrent-transforms must be an integer from 1 to 100/],
    [{ 'instance-count': 0 }, /instance-count must be an integer from 1 to 100, got "0"/],
    [{ 'invocation-timeout': 3601 }, /invocation-timeout must be an integer from 1 to 3600/],
    [{ 'invocation-retries': 4 }, /invocation-retries must be an integer from 0 to 3/],
    [
      { 'max-payload-mb': 20, 'max-concurrent-transforms': 6 },
      /max-payload-mb \(20\) × max-concurrent-transforms \(6\) is 120 MB; SageMaker allows at most 100 MB/,
    ],
    [{ 'max-payload-mb': 0 }, /max-payload-mb=0 \(chunked streaming\).*MultiRecord cannot be used/],
    [{ 'role-arn': 'arn:aws-cn:iam::123456789012:role/r' }, /partition aws-cn/],
    [{ 'role-arn': 'my-role' }, /role-arn must be an IAM role ARN/],
    [{ 'container-engine': 'lxc' }, /container-engine must be auto, docker or podman/],
  ])('refuses %j, naming the value and what is accepted', (options, message) => {
    const error = thrown(() => batchContext(projectInput(options)));
    expect(error.message).toMatch(message);
    expect(error.code).toMatch(/^(OPTION_INVALID|ROLE_ARN_PARTITION_MISMATCH)$/);
  });

  it('suggests a concurrency that fits when payload × concurrency is over 100 MB', () => {
    const error = thrown(() =>
      batchContext(projectInput({ 'max-payload-mb': 30, 'max-concurrent-transforms': 4 })),
    );
    expect(error.suggestions).toEqual(['Lower one of them, e.g. --option max-concurrent-transforms=3.']);
  });

  it('accepts exactly 100 MB in flight, and chunked streaming one record at a time', () => {
    expect(
      batchContext(projectInput({ 'max-payload-mb': 25, 'max-concurrent-transforms': 4 })).batch.maxPayloadMb,
    ).toBe(25);
    expect(
      batchContext(projectInput({ 'max-payload-mb': 0, 'batch-strategy': 'SingleRecord' })).batch
        .maxPayloadMb,
    ).toBe(0);
  });

  it.each([
    [{ 'assemble-with': 'None' }, /split-type=Line and assemble-with=None.*run together/],
    [{ 'split-type': 'RecordIO' }, /assemble-with=Line puts a newline after each result/],
    [{ 'split-type': 'None', 'assemble-with': 'None' }, /split-type=None each input object is one request/],
    [{ accept: 'application/json' }, /one line per mini-batch, not per record; accept=text\/csv/],
  ])('warns about %j, which SageMaker accepts but rarely means', (options, warning) => {
    const ctx = batchContext(projectInput(options));
    expect(ctx.warnings).toHaveLength(1);
    expect(ctx.warnings[0]).toMatch(warning);
  });
});
