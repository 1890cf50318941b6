import { McError, awsErrorMessage, awsErrorName } from '@mcc/sdk';

const NOT_FOUND_NAMES = new Set([
  'NoSuchEntity',
  'NoSuchEntityException',
  'ResourceNotFoundException',
  'ResourceNotFound',
]);

/** True when the error says the resource does not exist (each service says it its own way). */
export function isNotFound(error: unknown): boolean {
  const name = awsErrorName(error);
  if (NOT_FOUND_NAMES.has(name)) return true;
  // SageMaker answers a missing endpoint, configuration or model with an untyped ValidationException.
  return (
    name === 'ValidationException' && /could not find|does not exist|not found/i.test(awsErrorMessage(error))
  );
}

/** Runs a deletion, treating "already gone" as done; true when it deleted something. */
export async function ignoreNotFound(work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return false;
  }
}

/** True for SageMaker refusing a role IAM has only just created (IAM is eventually consistent). */
export function isRoleNotReady(error: unknown): boolean {
  return (
    awsErrorName(error) === 'ValidationException' &&
    /(could not|unable to|cannot) assume role|not authorized to assume/i.test(awsErrorMessage(error))
  );
}

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
