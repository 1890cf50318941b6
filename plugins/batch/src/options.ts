import type { OptionSpec } from '@mcc/sdk';
import { containerEngineOption } from '@mcc/sdk/image';

import {
  DEFAULT_INVOCATION_RETRIES,
  DEFAULT_INVOCATION_TIMEOUT_SECONDS,
  DEFAULT_MAX_PAYLOAD_MB,
  MAX_INVOCATION_RETRIES,
  MAX_INVOCATION_TIMEOUT_SECONDS,
  MAX_PAYLOAD_MB_LIMIT,
  MAX_PAYLOAD_TIMES_CONCURRENCY_MB,
} from './limits.js';
import { S3_URI_PATTERN } from '@mcc/sdk';

/** An IAM role ARN in any partition (`aws`, `aws-cn`, `aws-us-gov` …). */
export const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

/** A media type such as text/csv or application/jsonlines (SageMaker takes up to 256 characters). */
export const MEDIA_TYPE_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export const SPLIT_TYPES = ['None', 'Line', 'RecordIO', 'TFRecord'] as const;
export type SplitType = (typeof SPLIT_TYPES)[number];
export const ASSEMBLE_WITH = ['None', 'Line'] as const;
export type AssembleWith = (typeof ASSEMBLE_WITH)[number];
export const BATCH_STRATEGIES = ['MultiRecord', 'SingleRecord'] as const;
export type BatchStrategy = (typeof BATCH_STRATEGIES)[number];

export const OPTION_KEYS = {
  inputPath: 'input-path',
  outputPath: 'output-path',
  contentType: 'content-type',
  accept: 'accept',
  splitType: 'split-type',
  assembleWith: 'assemble-with',
  batchStrategy: 'batch-strategy',
  maxPayloadMb: 'max-payload-mb',
  maxConcurrentTransforms: 'max-concurrent-transforms',
  instanceCount: 'instance-count',
  invocationTimeout: 'invocation-timeout',
  invocationRetries: 'invocation-retries',
  roleArn: 'role-arn',
} as const;

export const DEFAULT_CONTENT_TYPE = 'text/csv';
/** CSV out: the server answers one prediction per line, which assemble-with=Line keeps per record. */
export const DEFAULT_ACCEPT = 'text/csv';
export const DEFAULT_MAX_CONCURRENT_TRANSFORMS = 1;
export const DEFAULT_INSTANCE_COUNT = 1;
/** Most instances one job is given here; the account's quota may allow fewer. */
export const MAX_INSTANCE_COUNT = 100;

const s3Hint = 'an S3 folder such as s3://my-bucket/scoring/';
const typeHint = 'a media type such as text/csv or application/json';

/**
 * The batch options, validated by core from these specs (type, choices, bounds, patterns). What
 * depends on two options at once (payload × concurrency, split and assemble) is checked by the
 * context (batch-config.ts).
 */
export const batchOptions: readonly OptionSpec[] = [
  {
    key: OPTION_KEYS.inputPath,
    description:
      'S3 folder a job reads by default (default: s3://sagemaker-<region>-<account>/mcc/<project>/batch-input/)',
    type: 'string',
    pattern: S3_URI_PATTERN,
    patternHint: s3Hint,
  },
  {
    key: OPTION_KEYS.outputPath,
    description:
      'S3 folder jobs write results under, one sub-folder per job (default: …/mcc/<project>/batch-output/)',
    type: 'string',
    pattern: S3_URI_PATTERN,
    patternHint: s3Hint,
  },
  {
    key: OPTION_KEYS.contentType,
    description: 'Content type of the input objects, sent to the container with each mini-batch',
    type: 'string',
    pattern: MEDIA_TYPE_PATTERN,
    patternHint: typeHint,
    default: DEFAULT_CONTENT_TYPE,
  },
  {
    key: OPTION_KEYS.accept,
    description: 'Type the container answers in (text/csv: one prediction per line)',
    type: 'string',
    pattern: MEDIA_TYPE_PATTERN,
    patternHint: typeHint,
    default: DEFAULT_ACCEPT,
  },
  {
    key: OPTION_KEYS.splitType,
    description: 'How input objects are cut into records (Line: one record per line; None: whole objects)',
    type: 'enum',
    choices: SPLIT_TYPES,
    default: 'Line',
  },
  {
    key: OPTION_KEYS.assembleWith,
    description: 'How results are joined in the output objects (Line: a newline after each)',
    type: 'enum',
    choices: ASSEMBLE_WITH,
    default: 'Line',
  },
  {
    key: OPTION_KEYS.batchStrategy,
    description: 'Records per request: as many as fit max-payload-mb (MultiRecord), or one (SingleRecord)',
    type: 'enum',
    choices: BATCH_STRATEGIES,
    default: 'MultiRecord',
  },
  {
    key: OPTION_KEYS.maxPayloadMb,
    description: `Largest request sent to the container, in MB (0 to ${MAX_PAYLOAD_MB_LIMIT}; 0 streams with chunked encoding)`,
    type: 'integer',
    min: 0,
    max: MAX_PAYLOAD_MB_LIMIT,
    default: DEFAULT_MAX_PAYLOAD_MB,
  },
  {
    key: OPTION_KEYS.maxConcurrentTransforms,
    description: `Requests sent to each instance at once (max-payload-mb × this is at most ${MAX_PAYLOAD_TIMES_CONCURRENCY_MB})`,
    type: 'integer',
    min: 1,
    max: MAX_PAYLOAD_TIMES_CONCURRENCY_MB,
    default: DEFAULT_MAX_CONCURRENT_TRANSFORMS,
  },
  {
    key: OPTION_KEYS.instanceCount,
    description: "Instances of the project's instance type each job runs on",
    type: 'integer',
    min: 1,
    max: MAX_INSTANCE_COUNT,
    default: DEFAULT_INSTANCE_COUNT,
  },
  {
    key: OPTION_KEYS.invocationTimeout,
    description: `Seconds SageMaker waits for the container's answer to one request (1 to ${MAX_INVOCATION_TIMEOUT_SECONDS})`,
    type: 'integer',
    min: 1,
    max: MAX_INVOCATION_TIMEOUT_SECONDS,
    default: DEFAULT_INVOCATION_TIMEOUT_SECONDS,
  },
  {
    key: OPTION_KEYS.invocationRetries,
    description: `Times SageMaker retries a failed request (0 to ${MAX_INVOCATION_RETRIES})`,
    type: 'integer',
    min: 0,
    max: MAX_INVOCATION_RETRIES,
    default: DEFAULT_INVOCATION_RETRIES,
  },
  {
    key: OPTION_KEYS.roleArn,
    description:
      'Existing SageMaker execution role to use instead of the one mcc creates from iam/ (it must read the input and write the output)',
    type: 'string',
    pattern: ROLE_ARN_PATTERN,
    patternHint: 'an IAM role ARN such as arn:aws:iam::123456789012:role/my-sagemaker-role',
  },
  containerEngineOption,
];
