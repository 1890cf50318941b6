import { McError, awsErrorMessage, awsErrorName, isMcError } from '@mcc/sdk';
import type { AwsCall } from '@mcc/sdk';

// The IAM action prefix of each service mcc calls, where it differs from the client's name.
const IAM_PREFIX: Readonly<Record<string, string>> = { 'cloudwatch-logs': 'logs' };

/** The IAM action a call needs: `sagemaker:CreateTransformJob`, `s3:ListBucket` for ListObjectsV2. */
export function permissionOf(call: Pick<AwsCall, 'service' | 'operation'>): string {
  if (call.service === 's3' && call.operation === 'ListObjectsV2') return 's3:ListBucket';
  if (call.service === 's3' && call.operation === 'HeadBucket') return 's3:ListBucket';
  if (call.service === 's3' && call.operation === 'HeadObject') return 's3:GetObject';
  return `${IAM_PREFIX[call.service] ?? call.service}:${call.operation}`;
}

/**
 * An AWS error in the user's words, naming what to do: access refused (the permission), the
 * transform-job instance quota, SageMaker's validation message. Anything else is returned as it is
 * (throttling is retried by core before it gets here).
 */
export function explainFault(
  error: unknown,
  call: Pick<AwsCall, 'service' | 'operation'> | undefined,
  instanceType: string,
  region: string,
): unknown {
  if (isMcError(error)) return error;
  const name = awsErrorName(error);
  const message = awsErrorMessage(error);
  const operation = call?.operation ?? 'the call';
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedOperation') {
    const permission = call ? permissionOf(call) : 'the permission named in the message';
    return new McError(`AWS refused ${operation}: your credentials lack ${permission}. (${message})`, {
      code: 'ACCESS_DENIED',
      cause: error,
      suggestions: [
        `Allow ${permission}${operation === 'CreateModel' ? ' and iam:PassRole on the execution role' : ''} to the identity mcc runs as (aws sts get-caller-identity shows it).`,
      ],
    });
  }
  if (name === 'ResourceLimitExceeded') {
    return new McError(`The account's SageMaker quota does not allow this job: ${message}`, {
      code: 'QUOTA_EXCEEDED',
      cause: error,
      suggestions: [
        `Ask for more in Service Quotas (Amazon SageMaker, region ${region}): "${instanceType} for transform job usage", or lower instance-count, or wait for running jobs to finish (\`mcc status\`).`,
      ],
    });
  }
  if (name === 'ValidationException') {
    return new McError(`SageMaker refused ${operation}: ${message}`, {
      code: 'AWS_VALIDATION',
      cause: error,
      suggestions: ['The message is SageMaker’s own; `mcc deploy --plan` shows the request mcc sends.'],
    });
  }
  return error;
}
