import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { FakeAws, FakeClock, awsError } from '@mcc/sdk/testing';

import { RetryingAwsApi, explainAwsError } from '../src/index.js';

const CALL = { service: 'sagemaker', operation: 'DescribeEndpoint', input: { EndpointName: 'e' } } as const;

describe('RetryingAwsApi', () => {
  it('retries throttling with growing pauses, then succeeds', async () => {
    const throttled = awsError('ThrottlingException', 'Rate exceeded');
    const aws = new FakeAws().on('DescribeEndpoint', throttled, throttled, { EndpointStatus: 'InService' });
    const clock = new FakeClock();
    const api = new RetryingAwsApi(aws, clock, { attempts: 5, firstDelayMs: 100, maxDelayMs: 1000 }, () => 0);
    await expect(api.call(CALL)).resolves.toEqual({ EndpointStatus: 'InService' });
    expect(aws.calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('gives up after its attempts with an error naming the operation', async () => {
    const aws = new FakeAws().on('DescribeEndpoint', awsError('ThrottlingException', 'Rate exceeded'));
    const api = new RetryingAwsApi(aws, new FakeClock(), { attempts: 3, firstDelayMs: 10, maxDelayMs: 10 });
    await expect(api.call(CALL)).rejects.toMatchObject({
      code: 'AWS_THROTTLED',
      message: expect.stringContaining('DescribeEndpoint'),
    });
    expect(aws.calls).toHaveLength(3);
  });

  it('tries a call with a streamed body once, since a resend would carry nothing', async () => {
    const aws = new FakeAws().on('PutObject', awsError('SlowDown', 'Please reduce your request rate'), {});
    const clock = new FakeClock();
    const api = new RetryingAwsApi(aws, clock);
    const call = {
      service: 's3',
      operation: 'PutObject',
      input: { Bucket: 'b', Key: 'k', Body: Readable.from(['x']), ContentLength: 1 },
    } as const;
    await expect(api.call(call)).rejects.toMatchObject({ name: 'SlowDown' });
    expect(aws.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('passes every other error through at once', async () => {
    const aws = new FakeAws().on(
      'DescribeEndpoint',
      awsError('ValidationException', 'Could not find endpoint'),
    );
    const clock = new FakeClock();
    const api = new RetryingAwsApi(aws, clock);
    await expect(api.call(CALL)).rejects.toMatchObject({ name: 'ValidationException' });
    expect(aws.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('explainAwsError', () => {
  it('turns missing credentials into one line saying how to configure them', () => {
    const error = awsError('CredentialsProviderError', 'Could not load credentials from any providers');
    const explained = explainAwsError(error) as { code: string; suggestions: string[] };
    expect(explained.code).toBe('AWS_CREDENTIALS_MISSING');
    expect(explained.suggestions).toHaveLength(1);
    expect(explained.suggestions[0]).toMatch(/aws configure|AWS_PROFILE/);
  });

  it('names refused credentials and a missing region, and leaves other errors alone', () => {
    expect(explainAwsError(awsError('UnrecognizedClientException', 'bad token'))).toMatchObject({
      code: 'AWS_CREDENTIALS_INVALID',
    });
    expect(explainAwsError(new Error('Region is missing'))).toMatchObject({ code: 'AWS_REGION_MISSING' });
    const other = awsError('ValidationException', 'nope');
    expect(explainAwsError(other)).toBe(other);
  });

  it('names any other error AWS answered instead of calling it a bug of mcc’s', () => {
    // What the SDK raises: a ServiceException with the response's metadata.
    const answered = Object.assign(awsError('ValidationException', 'EndpointConfigName is too long'), {
      $metadata: { httpStatusCode: 400, requestId: 'r-1' },
    });
    expect(explainAwsError(answered)).toMatchObject({
      code: 'AWS_REQUEST_FAILED',
      message: 'AWS refused a request (ValidationException): EndpointConfigName is too long',
    });
    const denied = Object.assign(awsError('AccessDeniedException', 'no sagemaker:CreateEndpoint'), {
      $metadata: { httpStatusCode: 400 },
    });
    expect(explainAwsError(denied)).toMatchObject({
      code: 'AWS_ACCESS_DENIED',
      message: expect.stringContaining('no sagemaker:CreateEndpoint'),
    });
  });
});
