import {
  McError,
  awsErrorMessage,
  awsErrorName,
  defineModelSource,
  usageError,
  type AwsApi,
  type ResolvedModel,
  type S3Model,
} from '@mcc/sdk';
import { parseS3Uri, type S3Location } from './s3-uri.js';

/**
 * Pages of ListObjectsV2 (1000 keys each) read at most: a model is a few dozen files, so a prefix
 * with more is not one model folder and sizing it is not worth the wait.
 */
export const MAX_LIST_PAGES = 10;

const OFFLINE_HINT = 'Pass --offline to generate without looking at S3 (the model is not sized then).';

/** The part of a ListObjectsV2 answer used here. */
interface ListPage {
  Contents?: readonly { Key?: string; Size?: number }[];
  IsTruncated?: boolean;
  NextContinuationToken?: string;
}

/** What listing found: undefined counts when the prefix holds more than MAX_LIST_PAGES pages. */
interface Listing {
  objectCount?: number;
  sizeBytes?: number;
}

/** The SDK's ways of saying no credentials are configured. */
function isMissingCredentials(error: unknown): boolean {
  return (
    awsErrorName(error) === 'CredentialsProviderError' ||
    /could not load credentials/i.test(awsErrorMessage(error))
  );
}

function listError(error: unknown, where: S3Location): McError {
  const name = awsErrorName(error);
  if (name === 'NoSuchBucket') {
    return usageError('S3_BUCKET_NOT_FOUND', `Bucket "${where.bucket}" (of ${where.uri}) does not exist.`, [
      'Check the bucket name, and that the account your credentials belong to can see it.',
    ]);
  }
  if (name === 'AccessDenied' || name === 'AllAccessDisabled' || name === 'Forbidden') {
    return new McError(
      `Listing ${where.uri} was refused: access to bucket "${where.bucket}" is denied (${name}).`,
      {
        code: 'S3_ACCESS_DENIED',
        suggestions: [
          `The credentials need s3:ListBucket on arn:aws:s3:::${where.bucket} (and s3:GetObject to deploy).`,
          OFFLINE_HINT,
        ],
      },
    );
  }
  return new McError(
    `Listing ${where.uri} in bucket "${where.bucket}" failed: ${name || 'error'}: ${awsErrorMessage(error)}`,
    {
      code: 'S3_LIST_FAILED',
      suggestions: ['Check your AWS credentials and network.', OFFLINE_HINT],
    },
  );
}

/** Objects under the prefix and their bytes; folder markers (keys ending in `/`) are not objects. */
async function listPrefix(aws: AwsApi, where: S3Location): Promise<Listing | undefined> {
  let objectCount = 0;
  let sizeBytes = 0;
  let continuationToken: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const input: Record<string, unknown> = { Bucket: where.bucket };
    if (where.prefix !== '') input.Prefix = where.prefix;
    if (continuationToken !== undefined) input.ContinuationToken = continuationToken;
    let answer: ListPage;
    try {
      answer = await aws.call<ListPage>({ service: 's3', operation: 'ListObjectsV2', input });
    } catch (error) {
      if (isMissingCredentials(error)) return undefined;
      throw listError(error, where);
    }
    for (const object of answer.Contents ?? []) {
      if (object.Key === undefined || object.Key.endsWith('/')) continue;
      objectCount++;
      sizeBytes += object.Size ?? 0;
    }
    continuationToken = answer.IsTruncated ? answer.NextContinuationToken : undefined;
    if (continuationToken === undefined) return { objectCount, sizeBytes };
  }
  return objectCount > 0 ? {} : { objectCount, sizeBytes };
}

/** AWS when core can provide it; missing credentials read as "not usable", like core's own answer. */
async function usableAws(input: { aws?: () => Promise<AwsApi | undefined> }): Promise<AwsApi | undefined> {
  try {
    return await input.aws?.();
  } catch (error) {
    if (isMissingCredentials(error)) return undefined;
    throw error;
  }
}

/**
 * The `s3` ModelSource: files under an S3 prefix, fetched by the container at start-up. With AWS
 * usable and not `--offline`, the prefix is listed (at most MAX_LIST_PAGES pages) to size the model;
 * without credentials it resolves unsized.
 */
export const s3Source = defineModelSource({
  id: 's3',
  summary: 'Model files under an S3 prefix (s3://bucket/prefix/), fetched by the container at start-up',
  needsLocation: true,
  locationHint: 'S3 URI of the folder holding the model files (s3://bucket/prefix/)',
  async resolve(input): Promise<ResolvedModel> {
    const { location, offline } = input;
    if (location === undefined || location.trim() === '') {
      throw usageError(
        'MODEL_LOCATION_REQUIRED',
        'The s3 model source needs the S3 URI of the folder holding the model files, and none was given.',
        ['Pass --model s3://bucket/prefix/, e.g. --model s3://my-bucket/models/llama-3-8b/.'],
      );
    }
    const where = parseS3Uri(location);
    const s3: S3Model = { uri: where.uri, bucket: where.bucket, prefix: where.prefix };
    const resolved: ResolvedModel = {
      source: 's3',
      location: where.uri,
      sample: false,
      delivery: 'runtime',
      s3,
    };
    const aws = offline ? undefined : await usableAws(input);
    const listing = aws === undefined ? undefined : await listPrefix(aws, where);
    if (listing === undefined) return resolved;
    if (listing.objectCount === 0) {
      throw usageError('S3_PREFIX_EMPTY', `There is nothing under ${where.uri}: it holds no object.`, [
        'Give the folder that holds the model files (config.json, *.safetensors …).',
        'A single object such as model.tar.gz is not a folder: give the folder it is in, with its files unpacked.',
      ]);
    }
    if (listing.objectCount !== undefined) s3.objectCount = listing.objectCount;
    if (listing.sizeBytes !== undefined) resolved.sizeBytes = listing.sizeBytes;
    return resolved;
  },
});
