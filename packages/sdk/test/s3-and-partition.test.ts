import { describe, expect, it } from 'vitest';

import { arnPartition, partitionOf } from '../src/lifecycle/partition.js';
import { S3_URI_PATTERN, defaultBucket, isWithin, s3Folder, s3Requests, s3Uri } from '../src/lifecycle/s3.js';

describe('S3 folders', () => {
  it('reads a URI as a folder, so keys and listings stay inside it', () => {
    expect(s3Folder('s3://data/in')).toEqual({ bucket: 'data', prefix: 'in/' });
    expect(s3Folder('s3://data/in/')).toEqual({ bucket: 'data', prefix: 'in/' });
    expect(s3Folder('s3://data')).toEqual({ bucket: 'data', prefix: '' });
    expect(() => s3Folder('https://data/in')).toThrow('not an s3:// URI');
    expect(s3Uri(s3Folder('s3://data/in'), 'rows.csv')).toBe('s3://data/in/rows.csv');
    expect(isWithin(s3Folder('s3://data/in/2026/'), s3Folder('s3://data/in'))).toBe(true);
    expect(isWithin(s3Folder('s3://data/input/'), s3Folder('s3://data/in'))).toBe(false);
    expect(isWithin(s3Folder('s3://other/in/'), s3Folder('s3://data/in'))).toBe(false);
  });

  it('accepts bucket names S3 accepts only', () => {
    for (const good of ['s3://my-bucket', 's3://a.b-c/key with space'])
      expect(S3_URI_PATTERN.test(good)).toBe(true);
    for (const bad of ['s3://My_Bucket/x', 's3://ab', 's3://-bucket/x', 'S3://bucket'])
      expect(S3_URI_PATTERN.test(bad)).toBe(false);
    expect(defaultBucket('eu-west-1', '123456789012')).toBe('sagemaker-eu-west-1-123456789012');
  });

  it('names the region when creating a bucket, except us-east-1, which S3 refuses as a constraint', () => {
    expect(s3Requests.createBucket('b', 'us-east-1').input).toEqual({ Bucket: 'b' });
    expect(s3Requests.createBucket('b', 'eu-west-1').input).toEqual({
      Bucket: 'b',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    });
    expect(s3Requests.getObjectHead('b', 'k', 4096).input).toEqual({
      Bucket: 'b',
      Key: 'k',
      Range: 'bytes=0-4095',
    });
  });
});

describe('partitions', () => {
  it('tells China and GovCloud from the commercial regions', () => {
    expect(partitionOf('cn-north-1')).toEqual({ id: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' });
    expect(partitionOf('us-gov-west-1').id).toBe('aws-us-gov');
    expect(partitionOf('us-east-1')).toEqual({ id: 'aws', dnsSuffix: 'amazonaws.com' });
    expect(arnPartition('arn:aws-cn:sns:cn-north-1:1:t')).toBe('aws-cn');
    expect(arnPartition('not-an-arn')).toBeUndefined();
  });
});
