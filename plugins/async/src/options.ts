import type { OptionSpec } from '@mcc/sdk';
import { containerEngineOption } from '@mcc/sdk/image';

import { MAX_CONCURRENT_INVOCATIONS_LIMIT } from './limits.js';
import { S3_URI_PATTERN } from '@mcc/sdk';

/** An IAM role ARN in any partition (`aws`, `aws-cn`, `aws-us-gov` …). */
export const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

/** An SNS topic ARN in any partition. */
export const TOPIC_ARN_PATTERN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

export const OPTION_KEYS = {
  outputPath: 'output-path',
  failurePath: 'failure-path',
  successTopic: 'success-topic',
  errorTopic: 'error-topic',
  createTopics: 'create-topics',
  maxConcurrentInvocations: 'max-concurrent-invocations',
  instanceCount: 'instance-count',
  scaleToZero: 'scale-to-zero',
  minInstances: 'min-instances',
  maxInstances: 'max-instances',
  roleArn: 'role-arn',
} as const;

export const DEFAULT_MAX_CONCURRENT_INVOCATIONS = 4;
export const DEFAULT_INSTANCE_COUNT = 1;
/** Most instances any SageMaker variant scales to here; a quota may allow fewer. */
export const MAX_INSTANCES_LIMIT = 100;

const s3Hint = 'an S3 folder such as s3://my-bucket/results/';
const topicHint = 'an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:my-topic';

/**
 * The async options, validated by core from these specs (type, bounds, patterns). What depends on
 * two options at once (scaling bounds, partitions) is checked by the context (see async-config.ts).
 */
export const asyncOptions: readonly OptionSpec[] = [
  {
    key: OPTION_KEYS.outputPath,
    description:
      'S3 folder SageMaker writes results to (default: s3://sagemaker-<region>-<account>/mcc/<project>/async-output/)',
    type: 'string',
    pattern: S3_URI_PATTERN,
    patternHint: s3Hint,
  },
  {
    key: OPTION_KEYS.failurePath,
    description:
      'S3 folder SageMaker writes failed requests’ errors to (default: async-failures/ beside the output)',
    type: 'string',
    pattern: S3_URI_PATTERN,
    patternHint: s3Hint,
  },
  {
    key: OPTION_KEYS.successTopic,
    description: 'Existing SNS topic told of each finished request',
    type: 'string',
    pattern: TOPIC_ARN_PATTERN,
    patternHint: topicHint,
  },
  {
    key: OPTION_KEYS.errorTopic,
    description: 'Existing SNS topic told of each failed request',
    type: 'string',
    pattern: TOPIC_ARN_PATTERN,
    patternHint: topicHint,
  },
  {
    key: OPTION_KEYS.createTopics,
    description:
      'Create <project>-async-success and <project>-async-error SNS topics told of each request (destroy deletes them)',
    type: 'boolean',
    default: false,
  },
  {
    key: OPTION_KEYS.maxConcurrentInvocations,
    description: `Requests SageMaker sends one instance's container at once (1 to ${MAX_CONCURRENT_INVOCATIONS_LIMIT})`,
    type: 'integer',
    min: 1,
    max: MAX_CONCURRENT_INVOCATIONS_LIMIT,
    default: DEFAULT_MAX_CONCURRENT_INVOCATIONS,
  },
  {
    key: OPTION_KEYS.instanceCount,
    description: 'Instances the endpoint starts with',
    type: 'integer',
    min: 1,
    max: MAX_INSTANCES_LIMIT,
    default: DEFAULT_INSTANCE_COUNT,
  },
  {
    key: OPTION_KEYS.scaleToZero,
    description: 'Scale down to no instances while the queue is empty, and back up when requests arrive',
    type: 'boolean',
    default: false,
  },
  {
    key: OPTION_KEYS.minInstances,
    description: 'Fewest instances with scale-to-zero (default 0)',
    type: 'integer',
    min: 0,
    max: MAX_INSTANCES_LIMIT,
  },
  {
    key: OPTION_KEYS.maxInstances,
    description: 'Most instances with scale-to-zero (default: instance-count)',
    type: 'integer',
    min: 1,
    max: MAX_INSTANCES_LIMIT,
  },
  {
    key: OPTION_KEYS.roleArn,
    description: 'Existing SageMaker execution role to use instead of the one mcc creates from iam/',
    type: 'string',
    pattern: ROLE_ARN_PATTERN,
    patternHint: 'an IAM role ARN such as arn:aws:iam::123456789012:role/my-sagemaker-role',
  },
  containerEngineOption,
];
