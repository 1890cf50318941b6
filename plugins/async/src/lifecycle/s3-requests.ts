import { s3Requests } from '@mcc/sdk';
import type { AwsCall } from '@mcc/sdk';

import { MAX_INVOCATION_TIMEOUT_SECONDS } from '../limits.js';

/** The requests of `mcc invoke`: S3 for the payload and result, SageMaker Runtime for the queue. */

// S3 requests are the sdk's, built alike for every target.
export const { putObject, headObject, getObject } = s3Requests;

/** The longest timeout SageMaker allows, since async requests are the long ones (its default is 15 min). */
export function invokeEndpointAsync(
  endpoint: string,
  inputLocation: string,
  contentType: string | undefined,
  accept?: string,
): AwsCall {
  return {
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpointAsync',
    input: {
      EndpointName: endpoint,
      InputLocation: inputLocation,
      ...(contentType ? { ContentType: contentType } : {}),
      Accept: accept ?? 'application/json',
      InvocationTimeoutSeconds: MAX_INVOCATION_TIMEOUT_SECONDS,
    },
  };
}
