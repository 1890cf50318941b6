import { describe, expect, it } from 'vitest';

import { asyncContext } from '../src/context.js';
import { projectInput, thrown } from './fixtures.js';

describe('asyncContext', () => {
  it('defaults to the SageMaker default bucket, shown with <account> and scoped with * in iam/', () => {
    const ctx = asyncContext(projectInput());
    expect(ctx.async).toEqual({ maxConcurrentInvocations: 4, instanceCount: 1 });
    expect(ctx.shownPaths).toEqual({
      input: 's3://sagemaker-us-east-1-<account>/mcc/abalone/async-input/',
      output: 's3://sagemaker-us-east-1-<account>/mcc/abalone/async-output/',
      failure: 's3://sagemaker-us-east-1-<account>/mcc/abalone/async-failures/',
    });
    const statements = ctx.iam['execution-role-policy'].Statement;
    expect(statements.find((s) => s.Sid === 'ReadRequests')).toEqual({
      Sid: 'ReadRequests',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::sagemaker-us-east-1-*/mcc/abalone/async-input/*',
    });
    expect(statements.find((s) => s.Sid === 'WriteResults')?.Resource).toEqual([
      'arn:aws:s3:::sagemaker-us-east-1-*/mcc/abalone/async-output/*',
      'arn:aws:s3:::sagemaker-us-east-1-*/mcc/abalone/async-failures/*',
    ]);
    expect(statements.some((s) => s.Sid === 'NotifyTopics')).toBe(false);
  });

  it('uses given paths and topics, and lets the role publish to those topics only', () => {
    const ctx = asyncContext(
      projectInput({
        'output-path': 's3://results/out',
        'success-topic': 'arn:aws:sns:us-east-1:123456789012:ok',
        'error-topic': 'arn:aws:sns:us-east-1:123456789012:bad',
      }),
    );
    expect(ctx.shownPaths).toEqual({
      input: 's3://results/mcc/abalone/async-input/',
      output: 's3://results/out/',
      failure: 's3://results/out/failures/',
    });
    expect(ctx.iam['execution-role-policy'].Statement.at(-1)).toEqual({
      Sid: 'NotifyTopics',
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: ['arn:aws:sns:us-east-1:123456789012:ok', 'arn:aws:sns:us-east-1:123456789012:bad'],
    });
  });

  it('with create-topics, lets the role publish to the project’s two topics (any account in iam/)', () => {
    const ctx = asyncContext(projectInput({ 'create-topics': true }));
    expect(ctx.async.createTopics).toBe(true);
    expect(ctx.names.successTopic).toBe('abalone-async-success');
    expect(ctx.names.errorTopic).toBe('abalone-async-error');
    expect(ctx.iam['execution-role-policy'].Statement.at(-1)).toEqual({
      Sid: 'NotifyTopics',
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: [
        'arn:aws:sns:us-east-1:*:abalone-async-success',
        'arn:aws:sns:us-east-1:*:abalone-async-error',
      ],
    });
  });

  it('refuses create-topics together with given topics', () => {
    const error = thrown(() =>
      asyncContext(
        projectInput({ 'create-topics': true, 'success-topic': 'arn:aws:sns:us-east-1:123456789012:ok' }),
      ),
    );
    expect(error.code).toBe('OPTION_INVALID');
    expect(error.message).toMatch(/create-topics=true creates the project's topics/);
  });

  it('scales from 0 to instance-count by default with scale-to-zero', () => {
    expect(asyncContext(projectInput({ 'scale-to-zero': true, 'instance-count': 3 })).async.scaling).toEqual({
      minInstances: 0,
      maxInstances: 3,
    });
  });

  it.each([
    [{ 'output-path': 'https://bucket/x' }, /output-path must be an s3:\/\/bucket\/folder\/ URI/],
    [{ 'failure-path': 's3://B' }, /failure-path must be an s3/],
    [{ 'success-topic': 'arn:aws:sqs:us-east-1:123456789012:q' }, /success-topic must be an SNS topic ARN/],
    [{ 'error-topic': 'arn:aws-cn:sns:cn-north-1:123456789012:t' }, /partition aws-cn/],
    [{ 'max-concurrent-invocations': 0 }, /from 1 to 1000, got "0"/],
    [{ 'max-concurrent-invocations': 1001 }, /from 1 to 1000, got "1001"/],
    [{ 'instance-count': 1.5 }, /instance-count must be an integer/],
    [{ 'scale-to-zero': 'yes' }, /scale-to-zero must be true or false/],
    [{ 'min-instances': 1 }, /only scale-to-zero=true turns on/],
    [
      { 'scale-to-zero': true, 'min-instances': 3, 'max-instances': 2 },
      /must not exceed max-instances \(2\)/,
    ],
    [
      { 'scale-to-zero': true, 'instance-count': 5, 'max-instances': 2 },
      /instance-count \(5\) must not exceed/,
    ],
    [{ 'role-arn': 'arn:aws-cn:iam::123456789012:role/r' }, /partition aws-cn/],
    [{ 'container-engine': 'lxc' }, /container-engine must be one of/],
  ])('refuses %j with a usage error', (options, message) => {
    const error = thrown(() => asyncContext(projectInput(options)));
    expect(error.message).toMatch(message);
    expect(error.code).toMatch(/OPTION_INVALID|ROLE_ARN_PARTITION_MISMATCH/);
  });
});
