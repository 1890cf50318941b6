/** An `s3://bucket/prefix/` location, split the way S3 requests and IAM resources need it. */
export interface S3Location {
  bucket: string;
  /** The key prefix, always ending in `/` (or empty for the bucket's root). */
  prefix: string;
}

/** Bucket names: 3 to 63 of `[a-z0-9.-]`, starting and ending with a letter or digit. */
export const S3_URI_PATTERN = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/** Splits an `s3://` URI; the prefix gets a trailing `/` so that keys appended to it stay under it. */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`not an s3:// URI: ${uri}`);
  const rest = match[2]!;
  return { bucket: match[1]!, prefix: rest === '' || rest.endsWith('/') ? rest : `${rest}/` };
}

export function s3Uri(location: S3Location, key = ''): string {
  return `s3://${location.bucket}/${location.prefix}${key}`;
}

/**
 * SageMaker's default bucket for an account and region: the natural home of an async project's
 * inputs and outputs when the user names none, known only once `mcc deploy` has the account.
 */
export function defaultBucket(region: string, account: string): string {
  return `sagemaker-${region}-${account}`;
}
