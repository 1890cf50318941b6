import { usageError } from '@mcc/sdk';

/** `s3://bucket/prefix/` taken apart; `prefix` is empty or ends in `/`. */
export interface S3Location {
  uri: string;
  bucket: string;
  prefix: string;
}

const EXAMPLE = 'For example --model s3://my-bucket/models/llama-3-8b/.';

/** Why `bucket` breaks S3's bucket naming rules, or undefined when it follows them. */
export function bucketNameProblem(bucket: string): string | undefined {
  if (bucket.length < 3 || bucket.length > 63)
    return `it is ${bucket.length} characters long (3 to 63 are allowed)`;
  const bad = [...bucket].find((c) => !/[a-z0-9.-]/.test(c));
  if (bad !== undefined) {
    return /[A-Z]/.test(bad)
      ? 'it has upper-case letters (bucket names are lower case)'
      : `it contains ${JSON.stringify(bad)} (only lower-case letters, digits, "." and "-" are allowed)`;
  }
  if (!/^[a-z0-9]/.test(bucket) || !/[a-z0-9]$/.test(bucket))
    return 'it must start and end with a letter or digit';
  if (bucket.includes('..')) return 'it has two periods in a row';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return 'it is formatted as an IP address';
  if (bucket.startsWith('xn--')) return 'it starts with "xn--", which S3 reserves';
  if (bucket.endsWith('-s3alias') || bucket.endsWith('--ol-s3'))
    return 'it ends with a suffix S3 reserves for aliases';
  return undefined;
}

/**
 * Checks `s3://bucket[/prefix]` and normalises the prefix to end in `/` (a model is a folder of
 * files). Throws a usage error naming the value and the accepted form.
 */
export function parseS3Uri(typed: string): S3Location {
  const trimmed = typed.trim();
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(trimmed);
  if (!match) {
    const hint = /^s3:/i.test(trimmed)
      ? 'it must start with "s3://" (lower case, two slashes)'
      : 'it is not an s3:// URI';
    throw usageError('S3_URI_INVALID', `"${typed}" is not an S3 location: ${hint}.`, [
      'Give the folder that holds the model files as s3://bucket/prefix.',
      EXAMPLE,
    ]);
  }
  const bucket = match[1]!;
  const problem = bucketNameProblem(bucket);
  if (problem !== undefined) {
    throw usageError(
      'S3_BUCKET_INVALID',
      `"${bucket}" in "${typed}" is not a valid S3 bucket name: ${problem}.`,
      [
        'Bucket names are 3-63 characters of lower-case letters, digits, "." and "-", starting and ending ' +
          'with a letter or digit, not formatted as an IP address.',
        EXAMPLE,
      ],
    );
  }
  const key = match[2] ?? '';
  const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
  return { uri: `s3://${bucket}/${prefix}`, bucket, prefix };
}
