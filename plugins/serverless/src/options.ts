import type { OptionSpec } from '@mcc/sdk';
import { containerEngineOption } from '@mcc/sdk/image';

import { MAX_CONCURRENCY_LIMIT, MEMORY_STEPS_MB } from './limits.js';

/** An IAM role ARN in any partition (`aws`, `aws-cn`, `aws-us-gov` …). */
export const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

export const OPTION_KEYS = {
  memoryMb: 'memory-mb',
  maxConcurrency: 'max-concurrency',
  provisionedConcurrency: 'provisioned-concurrency',
  roleArn: 'role-arn',
} as const;

export const DEFAULT_MEMORY_MB = 2048;
export const DEFAULT_MAX_CONCURRENCY = 5;

/**
 * The serverless options, validated by core from these specs. Core checks only bounds, so the
 * 1 GB steps of `memory-mb` and `provisioned-concurrency` ≤ `max-concurrency` are checked by the
 * context (see serverless-config.ts), which names the value and what is accepted.
 */
export const serverlessOptions: readonly OptionSpec[] = [
  {
    key: OPTION_KEYS.memoryMb,
    description: `Memory of the serverless endpoint in MB, one of ${MEMORY_STEPS_MB.join(', ')} (vCPUs grow with it)`,
    type: 'integer',
    min: MEMORY_STEPS_MB[0],
    max: MEMORY_STEPS_MB.at(-1),
    default: DEFAULT_MEMORY_MB,
  },
  {
    key: OPTION_KEYS.maxConcurrency,
    description: `Most invocations the endpoint serves at once (1 to ${MAX_CONCURRENCY_LIMIT}); more are throttled`,
    type: 'integer',
    min: 1,
    max: MAX_CONCURRENCY_LIMIT,
    default: DEFAULT_MAX_CONCURRENCY,
  },
  {
    key: OPTION_KEYS.provisionedConcurrency,
    description:
      'Invocations kept warm, without cold starts (at most max-concurrency; billed while the endpoint exists)',
    type: 'integer',
    min: 1,
    max: MAX_CONCURRENCY_LIMIT,
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
