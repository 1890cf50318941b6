import { describe, expect, it } from 'vitest';
import { isMcError, type AwsApi, type McError, type ModelSourceInput, type ResolvedModel } from '@mcc/sdk';
import { FakeAws, awsError } from '@mcc/sdk/testing';
import { MAX_LIST_PAGES, s3Source } from '../src/s3.js';
import { parseS3Uri } from '../src/s3-uri.js';

const URI = 's3://models-bucket/llms/tiny/';

function input(
  location: string | undefined,
  aws?: AwsApi | (() => Promise<AwsApi | undefined>),
  offline = false,
) {
  const provided: ModelSourceInput = { location, cwd: '/', offline };
  if (aws !== undefined) provided.aws = typeof aws === 'function' ? aws : async () => aws;
  return provided;
}

async function failure(promise: Promise<ResolvedModel>): Promise<McError> {
  const error: unknown = await promise.catch((e: unknown) => e);
  if (!isMcError(error)) throw new Error(`expected an McError, got ${String(error)}`);
  return error;
}

describe('S3 locations', () => {
  it.each([
    ['s3://models-bucket/llms/tiny', 'models-bucket', 'llms/tiny/'],
    ['s3://models-bucket/llms/tiny/', 'models-bucket', 'llms/tiny/'],
    ['s3://models-bucket', 'models-bucket', ''],
    ['s3://models-bucket/', 'models-bucket', ''],
    ['s3://my.bucket-1/a', 'my.bucket-1', 'a/'],
    [' s3://abc/x ', 'abc', 'x/'],
  ])('takes %j apart, the prefix ending in "/"', (typed, bucket, prefix) => {
    expect(parseS3Uri(typed)).toEqual({ uri: `s3://${bucket}/${prefix}`, bucket, prefix });
  });

  it.each([
    ['models-bucket/llms', 'S3_URI_INVALID', 'not an s3:// URI'],
    ['S3://models-bucket/llms', 'S3_URI_INVALID', 'lower case'],
    ['s3:/models-bucket', 'S3_URI_INVALID', 'two slashes'],
    ['https://models-bucket.s3.amazonaws.com/x', 'S3_URI_INVALID', 'not an s3:// URI'],
    ['s3://ab/x', 'S3_BUCKET_INVALID', '2 characters long'],
    [`s3://${'a'.repeat(64)}/x`, 'S3_BUCKET_INVALID', '64 characters long'],
    ['s3://Models/x', 'S3_BUCKET_INVALID', 'upper-case'],
    ['s3://my_bucket/x', 'S3_BUCKET_INVALID', 'contains "_"'],
    ['s3://-bucket/x', 'S3_BUCKET_INVALID', 'start and end with a letter or digit'],
    ['s3://bucket./x', 'S3_BUCKET_INVALID', 'start and end with a letter or digit'],
    ['s3://my..bucket/x', 'S3_BUCKET_INVALID', 'two periods'],
    ['s3://192.168.5.4/x', 'S3_BUCKET_INVALID', 'IP address'],
    ['s3://xn--bucket/x', 'S3_BUCKET_INVALID', 'xn--'],
    ['s3:///x', 'S3_BUCKET_INVALID', '0 characters long'],
  ])('refuses %j (%s: %s)', async (typed, code, why) => {
    const aws = new FakeAws();
    const error = await failure(s3Source.resolve(input(typed, aws)));
    expect(error).toMatchObject({ code, exitCode: 2 });
    expect(error.message).toContain(why);
    expect(aws.calls).toEqual([]);
  });

  it('asks for a location when none is given', async () => {
    const error = await failure(s3Source.resolve(input(' ')));
    expect(error).toMatchObject({ code: 'MODEL_LOCATION_REQUIRED', exitCode: 2 });
  });
});

describe('the s3 model source', () => {
  it('lists the prefix to count and size the model', async () => {
    const aws = new FakeAws().on('ListObjectsV2', {
      Contents: [
        { Key: 'llms/tiny/', Size: 0 },
        { Key: 'llms/tiny/config.json', Size: 700 },
        { Key: 'llms/tiny/model.safetensors', Size: 5000 },
      ],
      IsTruncated: false,
    });
    const resolved = await s3Source.resolve(input('s3://models-bucket/llms/tiny', aws));
    expect(resolved).toEqual({
      source: 's3',
      location: URI,
      sample: false,
      delivery: 'runtime',
      sizeBytes: 5700,
      // The folder marker "llms/tiny/" is not a model file.
      s3: { uri: URI, bucket: 'models-bucket', prefix: 'llms/tiny/', objectCount: 2 },
    });
    expect(aws.calls).toEqual([
      { service: 's3', operation: 'ListObjectsV2', input: { Bucket: 'models-bucket', Prefix: 'llms/tiny/' } },
    ]);
  });

  it('follows continuation tokens page by page', async () => {
    const aws = new FakeAws().on(
      'ListObjectsV2',
      { Contents: [{ Key: 'llms/tiny/a', Size: 1 }], IsTruncated: true, NextContinuationToken: 't1' },
      { Contents: [{ Key: 'llms/tiny/b', Size: 2 }], IsTruncated: true, NextContinuationToken: 't2' },
      { Contents: [{ Key: 'llms/tiny/c', Size: 3 }], IsTruncated: false },
    );
    const resolved = await s3Source.resolve(input(URI, aws));
    expect(resolved.sizeBytes).toBe(6);
    expect(resolved.s3?.objectCount).toBe(3);
    expect(aws.operations()).toEqual(['ListObjectsV2', 'ListObjectsV2', 'ListObjectsV2']);
    expect(aws.input('ListObjectsV2', 0)).toEqual({ Bucket: 'models-bucket', Prefix: 'llms/tiny/' });
    expect(aws.input('ListObjectsV2', 1)).toEqual({
      Bucket: 'models-bucket',
      Prefix: 'llms/tiny/',
      ContinuationToken: 't1',
    });
    expect(aws.input('ListObjectsV2', 2)).toEqual({
      Bucket: 'models-bucket',
      Prefix: 'llms/tiny/',
      ContinuationToken: 't2',
    });
  });

  it(`stops after ${MAX_LIST_PAGES} pages and leaves the model unsized rather than undercounted`, async () => {
    const aws = new FakeAws().on('ListObjectsV2', (_call, nth) => ({
      Contents: [{ Key: `llms/tiny/f${nth}`, Size: 10 }],
      IsTruncated: true,
      NextContinuationToken: `t${nth + 1}`,
    }));
    const resolved = await s3Source.resolve(input(URI, aws));
    expect(aws.calls).toHaveLength(MAX_LIST_PAGES);
    expect(resolved).not.toHaveProperty('sizeBytes');
    expect(resolved.s3).toEqual({ uri: URI, bucket: 'models-bucket', prefix: 'llms/tiny/' });
  });

  it('lists a whole bucket without a Prefix', async () => {
    const aws = new FakeAws().on('ListObjectsV2', { Contents: [{ Key: 'config.json', Size: 5 }] });
    const resolved = await s3Source.resolve(input('s3://models-bucket', aws));
    expect(resolved.s3).toEqual({
      uri: 's3://models-bucket/',
      bucket: 'models-bucket',
      prefix: '',
      objectCount: 1,
    });
    expect(aws.calls).toEqual([
      { service: 's3', operation: 'ListObjectsV2', input: { Bucket: 'models-bucket' } },
    ]);
  });

  it('says there is nothing under an empty prefix', async () => {
    const aws = new FakeAws().on('ListObjectsV2', { KeyCount: 0, IsTruncated: false });
    const error = await failure(s3Source.resolve(input(URI, aws)));
    expect(error).toMatchObject({ code: 'S3_PREFIX_EMPTY', exitCode: 2 });
    expect(error.message).toContain(`nothing under ${URI}`);
    expect(aws.calls).toHaveLength(1);
  });

  it('names the bucket when it does not exist', async () => {
    const aws = new FakeAws().on(
      'ListObjectsV2',
      awsError('NoSuchBucket', 'The specified bucket does not exist'),
    );
    const error = await failure(s3Source.resolve(input(URI, aws)));
    expect(error).toMatchObject({ code: 'S3_BUCKET_NOT_FOUND', exitCode: 2 });
    expect(error.message).toContain('"models-bucket"');
    expect(aws.calls).toHaveLength(1);
  });

  it('names the bucket and the permission when access is denied', async () => {
    const aws = new FakeAws().on('ListObjectsV2', awsError('AccessDenied', 'Access Denied'));
    const error = await failure(s3Source.resolve(input(URI, aws)));
    expect(error).toMatchObject({ code: 'S3_ACCESS_DENIED', exitCode: 1 });
    expect(error.message).toContain('"models-bucket"');
    expect(error.suggestions.join(' ')).toContain('s3:ListBucket on arn:aws:s3:::models-bucket');
    expect(aws.calls).toHaveLength(1);
  });

  it('reports any other failure with the AWS error, naming the bucket', async () => {
    const aws = new FakeAws().on(
      'ListObjectsV2',
      awsError('ExpiredToken', 'The provided token has expired.'),
    );
    const error = await failure(s3Source.resolve(input(URI, aws)));
    expect(error).toMatchObject({ code: 'S3_LIST_FAILED', exitCode: 1 });
    expect(error.message).toContain('ExpiredToken: The provided token has expired.');
    expect(error.message).toContain('"models-bucket"');
  });

  it.each([
    [
      'a CredentialsProviderError',
      awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
    ],
    [
      'an error saying "Could not load credentials"',
      new Error('Could not load credentials from any providers'),
    ],
  ])('resolves without sizing when listing fails with %s', async (_what, error) => {
    const aws = new FakeAws().on('ListObjectsV2', error);
    const resolved = await s3Source.resolve(input(URI, aws));
    expect(resolved).toEqual({
      source: 's3',
      location: URI,
      sample: false,
      delivery: 'runtime',
      s3: { uri: URI, bucket: 'models-bucket', prefix: 'llms/tiny/' },
    });
    expect(aws.calls).toHaveLength(1);
  });

  it('resolves without sizing when core has no AWS to give', async () => {
    const resolved = await s3Source.resolve(input(URI, async () => undefined));
    expect(resolved).not.toHaveProperty('sizeBytes');
    expect(resolved.s3?.objectCount).toBeUndefined();
  });

  it('resolves without sizing when getting AWS fails for want of credentials', async () => {
    const resolved = await s3Source.resolve(
      input(URI, async () => {
        throw awsError('CredentialsProviderError', 'Could not load credentials from any providers');
      }),
    );
    expect(resolved.location).toBe(URI);
  });

  it('asks nothing of AWS with --offline', async () => {
    let asked = 0;
    const aws = new FakeAws();
    const resolved = await s3Source.resolve(
      input(
        URI,
        async () => {
          asked++;
          return aws;
        },
        true,
      ),
    );
    expect(asked).toBe(0);
    expect(aws.calls).toEqual([]);
    expect(resolved).not.toHaveProperty('sizeBytes');
  });

  it('resolves without sizing when no AWS is offered at all', async () => {
    const resolved = await s3Source.resolve(input(URI));
    expect(resolved.s3).toEqual({ uri: URI, bucket: 'models-bucket', prefix: 'llms/tiny/' });
  });
});
