import { awsErrorMessage, awsErrorName } from './aws.js';

// How AWS services say "no such thing" (IAM, SageMaker, ECR, S3, SNS …).
const NOT_FOUND_NAMES = new Set([
  'NoSuchEntity',
  'NoSuchEntityException',
  'ResourceNotFoundException',
  'ResourceNotFound',
  'ObjectNotFoundException',
  'RepositoryNotFoundException',
  'NotFound',
  'NotFoundException',
  'NoSuchKey',
  'NoSuchBucket',
]);

/** True when an AWS error says the resource does not exist (each service says it its own way). */
export function isNotFound(error: unknown): boolean {
  const name = awsErrorName(error);
  if (NOT_FOUND_NAMES.has(name)) return true;
  // SageMaker answers a missing endpoint, configuration, model or component with a ValidationException.
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
