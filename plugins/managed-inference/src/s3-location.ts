/** A bucket and key prefix, from an `s3://bucket/prefix` URI. */
export interface S3Location {
  bucket: string;
  /** Without a leading slash; empty for a whole bucket. */
  prefix: string;
}

export function parseS3Uri(uri: string): S3Location | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(uri);
  if (!match) return undefined;
  return { bucket: match[1]!, prefix: (match[2] ?? '').replace(/^\/+/, '') };
}

/** The URI of a prefix as a folder, ending in a slash (SageMaker wants uncompressed model data so). */
export function s3PrefixUri(data: S3Location): string {
  const prefix = data.prefix === '' || data.prefix.endsWith('/') ? data.prefix : `${data.prefix}/`;
  return `s3://${data.bucket}/${prefix}`;
}
