import type { OptionSpec } from '@mcc/sdk';
import { CONTAINER_ENGINE_OPTION, containerEngineOption } from '@mcc/sdk/image';

// The engines and their option are the image kit's, shared with every target that builds an image.
export { CONTAINER_ENGINES } from '@mcc/sdk/image';
export type { ContainerEngine } from '@mcc/sdk/image';

/** An IAM role ARN in any partition (`aws`, `aws-cn`, `aws-us-gov` …). */
export const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

/** S3's rules for a new bucket name: 3–63 characters, lower case, digits, dots and hyphens. */
export const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** A Secrets Manager secret ARN in any partition. */
export const SECRET_ARN_PATTERN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;

export const OPTION_KEYS = {
  instanceCount: 'instance-count',
  copies: 'copies',
  roleArn: 'role-arn',
  containerEngine: CONTAINER_ENGINE_OPTION,
  bucket: 'bucket',
  hfTokenSecret: 'hf-token-secret',
} as const;

/** The managed-inference options, validated by core from these specs. */
export const managedInferenceOptions: readonly OptionSpec[] = [
  {
    key: OPTION_KEYS.instanceCount,
    description: 'Number of instances behind the endpoint',
    type: 'integer',
    min: 1,
    max: 100,
    default: 1,
  },
  {
    key: OPTION_KEYS.copies,
    description: 'Initial number of copies of the model (inference-component copy count)',
    type: 'integer',
    min: 1,
    default: 1,
  },
  {
    key: OPTION_KEYS.roleArn,
    description: 'Existing SageMaker execution role to use instead of the one mcc creates from iam/',
    type: 'string',
    pattern: ROLE_ARN_PATTERN,
    patternHint: 'an IAM role ARN such as arn:aws:iam::123456789012:role/my-sagemaker-role',
  },
  containerEngineOption,
  {
    key: OPTION_KEYS.bucket,
    description: 'S3 bucket for CodeBuild sources and artifacts (default: sagemaker-<region>-<account>)',
    type: 'string',
    pattern: BUCKET_PATTERN,
    patternHint: 'an S3 bucket name: 3 to 63 lower-case letters, digits, dots or hyphens',
  },
  {
    key: OPTION_KEYS.hfTokenSecret,
    description:
      'Secrets Manager secret holding a Hugging Face token, read by the container at start-up (for gated models)',
    type: 'string',
    pattern: SECRET_ARN_PATTERN,
    patternHint: 'a secret ARN such as arn:aws:secretsmanager:us-east-1:123456789012:secret:hf-token-AbCdEf',
  },
];
