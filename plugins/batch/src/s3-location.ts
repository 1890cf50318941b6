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

/** SageMaker's default bucket of an account and region, the home of the default input and output. */
export function defaultBucket(region: string, account: string): string {
  return `sagemaker-${region}-${account}`;
}
