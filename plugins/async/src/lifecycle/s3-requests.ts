import type { AwsCall } from '@mcc/sdk';

import { MAX_INVOCATION_TIMEOUT_SECONDS } from '../limits.js';

/** The requests of `mcc invoke`: S3 for the payload and result, SageMaker Runtime for the queue. */

/**
 * The payload streamed from its file: the length is given so S3 takes the stream without buffering
 * it, which keeps a 1 GB request out of memory (one PutObject takes up to 5 GB).
 */
export const putObject = (
  bucket: string,
  key: string,
  body: NodeJS.ReadableStream | Buffer,
  bytes: number,
  contentType: string,
): AwsCall => ({
  service: 's3',
  operation: 'PutObject',
  input: { Bucket: bucket, Key: key, Body: body, ContentLength: bytes, ContentType: contentType },
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
