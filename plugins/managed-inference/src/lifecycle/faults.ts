import { McError, awsErrorMessage, awsErrorName } from '@mcc/sdk';

const NOT_FOUND_NAMES = new Set([
  'NoSuchEntity',
  'NoSuchEntityException',
  'ObjectNotFoundException',
  'ResourceNotFoundException',
  'ResourceNotFound',
  'RepositoryNotFoundException',
]);

/** True when the error says the resource does not exist (each service says it its own way). */
export function isNotFound(error: unknown): boolean {
  const name = awsErrorName(error);
  if (NOT_FOUND_NAMES.has(name)) return true;
  // SageMaker answers a missing endpoint, config or component with a ValidationException.
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

/**
 * True for SageMaker refusing a role IAM has only just created: the role exists but is not yet
 * assumable everywhere (IAM is eventually consistent), which passes after some seconds.
 */
export function isRoleNotReady(error: unknown): boolean {
  return (
    awsErrorName(error) === 'ValidationException' &&
    /(could not|unable to|cannot) assume role|not authorized to assume|role .* (is not valid|does not exist)/i.test(
      awsErrorMessage(error),
    )
  );
}

/** ResourceLimitExceeded in words: which quota, and how to raise it. */
export function explainLimit(error: unknown, region: string): unknown {
  if (awsErrorName(error) !== 'ResourceLimitExceeded') return error;
  const message = awsErrorMessage(error);
  const quota = /limit '([^']+)'/.exec(message)?.[1];
  return new McError(`The account's SageMaker quota does not allow this deployment: ${message}`, {
    code: 'QUOTA_EXCEEDED',
    cause: error,
    suggestions: [
      quota
        ? `Ask for more "${quota}" in Service Quotas (console: Service Quotas > Amazon SageMaker, region ${region}), or deploy to another instance type with \`mcc generate --instance-type\`.`
        : `Raise the SageMaker quota named in the message in Service Quotas (region ${region}), or choose another instance type.`,
      'Quota increases for endpoint instances are usually granted within a day.',
    ],
  });
}
