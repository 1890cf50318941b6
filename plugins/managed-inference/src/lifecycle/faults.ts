import { McError, awsErrorMessage, awsErrorName } from '@mcc/sdk';

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
