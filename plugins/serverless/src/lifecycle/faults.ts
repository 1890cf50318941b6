import { McError, awsErrorMessage, awsErrorName } from '@mcc/sdk';

/** ResourceLimitExceeded in words: serverless has its own account-wide concurrency quota. */
export function explainLimit(error: unknown, region: string): unknown {
  if (awsErrorName(error) !== 'ResourceLimitExceeded') return error;
  return new McError(
    `The account's SageMaker quota does not allow this deployment: ${awsErrorMessage(error)}`,
    {
      code: 'QUOTA_EXCEEDED',
      cause: error,
      suggestions: [
        `Lower max-concurrency or provisioned-concurrency, or raise the serverless quota named in the message in Service Quotas (Amazon SageMaker, region ${region}).`,
      ],
    },
  );
}
