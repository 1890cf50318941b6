import type { AwsCall } from '@mcc/sdk';

import { MAX_INVOCATION_TIMEOUT_SECONDS } from '../limits.js';

/** The requests of `mcc invoke`: S3 for the payload and result, SageMaker Runtime for the queue. */

export const putObject = (bucket: string, key: string, body: Buffer, contentType: string): AwsCall => ({
  service: 's3',
  operation: 'PutObject',
  input: { Bucket: bucket, Key: key, Body: body, ContentType: contentType },
});

export const headObject = (bucket: string, key: string): AwsCall => ({
  service: 's3',
  operation: 'HeadObject',
  input: { Bucket: bucket, Key: key },
});

export const getObject = (bucket: string, key: string): AwsCall => ({
  service: 's3',
  operation: 'GetObject',
  input: { Bucket: bucket, Key: key },
});

/** The longest timeout SageMaker allows, since async requests are the long ones (its default is 15 min). */
export function invokeEndpointAsync(
  endpoint: string,
  inputLocation: string,
  contentType: string,
  accept?: string,
): AwsCall {
  return {
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpointAsync',
    input: {
      EndpointName: endpoint,
      InputLocation: inputLocation,
      ContentType: contentType,
      Accept: accept ?? 'application/json',
      InvocationTimeoutSeconds: MAX_INVOCATION_TIMEOUT_SECONDS,
    },
  };
}
