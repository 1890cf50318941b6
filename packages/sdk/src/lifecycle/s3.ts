import type { AwsCall } from './aws.js';

/** An S3 folder split the way S3 requests and IAM resources need it. */
export interface S3Location {
  bucket: string;
  /** The key prefix: empty (the whole bucket) or ending in `/`. */
  prefix: string;
}

/** `s3://` then a bucket name (3 to 63 of `[a-z0-9.-]`, starting and ending alphanumeric), then a key. */
export const S3_URI_PATTERN = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/**
 * Reads an `s3://bucket/prefix` URI as a folder: a prefix without its trailing `/` gets one, so a
 * key appended to it, or a ListObjectsV2 on it, stays inside the folder (`in/` never matches `input/`).
 */
export function s3Folder(uri: string): S3Location {
  const found = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (!found) throw new Error(`not an s3:// URI: ${uri}`);
  const key = found[2] ?? '';
  return { bucket: found[1]!, prefix: key === '' || key.endsWith('/') ? key : `${key}/` };
}

/** `s3://bucket/<prefix><key>`. */
export function s3Uri(location: S3Location, key = ''): string {
  return `s3://${location.bucket}/${location.prefix}${key}`;
}

/** True when `inner` lies in `outer` (same bucket, key prefix inside). */
export function isWithin(inner: S3Location, outer: S3Location): boolean {
  return inner.bucket === outer.bucket && inner.prefix.startsWith(outer.prefix);
}

/** SageMaker's default bucket of an account and region: where a project keeps data when told no other place. */
export function defaultBucket(region: string, account: string): string {
  return `sagemaker-${region}-${account}`;
}

/** The S3 requests the targets make, built alike (checked against the S3 API reference). */
export const s3Requests = {
  headBucket: (bucket: string): AwsCall => ({
    service: 's3',
    operation: 'HeadBucket',
    input: { Bucket: bucket },
  }),
  /** us-east-1 is S3's default location and refuses to be named as a LocationConstraint. */
  createBucket: (bucket: string, region: string): AwsCall => ({
    service: 's3',
    operation: 'CreateBucket',
    input: {
      Bucket: bucket,
      ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }),
    },
  }),
  /**
   * A payload streamed from its file: the length is given so S3 takes the stream without buffering
   * it, which keeps a large request out of memory (one PutObject takes up to 5 GB).
   */
  putObject: (
    bucket: string,
    key: string,
    body: NodeJS.ReadableStream | Buffer,
    bytes: number,
    contentType: string,
  ): AwsCall => ({
    service: 's3',
    operation: 'PutObject',
    input: { Bucket: bucket, Key: key, Body: body, ContentLength: bytes, ContentType: contentType },
  }),
  headObject: (bucket: string, key: string): AwsCall => ({
    service: 's3',
    operation: 'HeadObject',
    input: { Bucket: bucket, Key: key },
  }),
  getObject: (bucket: string, key: string): AwsCall => ({
    service: 's3',
    operation: 'GetObject',
    input: { Bucket: bucket, Key: key },
  }),
  /** The first `bytes` of an object only: a preview never downloads a whole result. */
  getObjectHead: (bucket: string, key: string, bytes: number): AwsCall => ({
    service: 's3',
    operation: 'GetObject',
    input: { Bucket: bucket, Key: key, Range: `bytes=0-${bytes - 1}` },
  }),
  /** The first keys under a folder; the trailing `/` keeps `in/` from matching `input/`. */
  listObjects: (at: S3Location, maxKeys: number): AwsCall => ({
    service: 's3',
    operation: 'ListObjectsV2',
    input: { Bucket: at.bucket, Prefix: at.prefix, MaxKeys: maxKeys },
  }),
};
