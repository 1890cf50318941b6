import { McError, awsErrorMessage, awsErrorName, isMcError } from '@mcc/sdk';

const CREDENTIAL_ERRORS = new Set(['CredentialsProviderError', 'ExpiredToken', 'ExpiredTokenException']);
const AUTH_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);

/**
 * The errors any AWS verb can meet before it gets to its own work, in words: no credentials, expired
 * or invalid ones, no region. Anything else is returned unchanged for the verb to explain.
 */
export function explainAwsError(error: unknown): unknown {
  if (isMcError(error)) return error;
  const name = awsErrorName(error);
  const message = awsErrorMessage(error);
  if (CREDENTIAL_ERRORS.has(name) || /Could not load credentials/i.test(message)) {
    return new McError(`No usable AWS credentials: ${message}`, {
      code: 'AWS_CREDENTIALS_MISSING',
      cause: error,
      suggestions: [
        'Configure them with `aws configure` (or `aws sso login --profile NAME`), or set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
      ],
    });
  }
  if (AUTH_ERRORS.has(name)) {
    return new McError(`AWS refused the credentials (${name}): ${message}`, {
      code: 'AWS_CREDENTIALS_INVALID',
      cause: error,
      suggestions: ['Check AWS_PROFILE or the access keys in use with `aws sts get-caller-identity`.'],
    });
  }
  if (/Region is missing/i.test(message)) {
    return new McError('No AWS region is set.', {
      code: 'AWS_REGION_MISSING',
      cause: error,
      suggestions: ['Pass --region, or set AWS_REGION.'],
    });
  }
  if (ACCESS_DENIED.has(name)) {
    return new McError(`AWS denied a request (${name}): ${message}`, {
      code: 'AWS_ACCESS_DENIED',
      cause: error,
      suggestions: [
        'The identity in use needs the permission the message names; `mcc deploy --plan` lists every call mcc makes.',
      ],
    });
  }
  if (isServiceError(error)) {
    // AWS answered, and the verb had nothing more specific to say: name the error, not a bug of mcc's.
    return new McError(`AWS refused a request (${name}): ${message}`, {
      code: 'AWS_REQUEST_FAILED',
      cause: error,
      suggestions: ['`mcc deploy --plan` shows the requests mcc sends, with their parameters.'],
    });
  }
  return error;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

/** An error the AWS SDK raised from AWS's answer (it carries the response metadata). */
function isServiceError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$metadata' in error;
}
