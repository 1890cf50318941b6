import {
  awsErrorMessage,
  awsErrorName,
  McError,
  readSyncPayload,
  responseBodyText,
  usageError,
} from '@mcc/sdk';
import type { InvokeOptions, InvokeResult, VerbContext } from '@mcc/sdk';

import { readHyperpodState } from './state.js';

/** SageMaker's real-time payload limit. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

interface InvokeResponse {
  Body?: unknown;
  ContentType?: string;
}

/**
 * `mcc invoke` for HyperPod: one `InvokeEndpoint` on the SageMaker endpoint the operator registers
 * for the object (its `spec.endpointName`, recorded by deploy). It goes through SageMaker's runtime,
 * so it needs no cluster access at all; the operator routes it to the pods' invocation path.
 */
export async function invoke(context: VerbContext, options: InvokeOptions): Promise<InvokeResult> {
  const record = readHyperpodState(context.state);
  if (!record) {
    throw usageError('NOT_DEPLOYED', 'This project has no deployment to invoke: mcc has recorded none.', [
      'Run do/deploy (mcc deploy) first; `mcc status` shows what is recorded.',
    ]);
  }
  const request = await readSyncPayload(options, {
    target: 'hyperpod-eks',
    maxBytes: MAX_PAYLOAD_BYTES,
    describe: `SageMaker real-time endpoints take at most ${MAX_PAYLOAD_BYTES} (6 MB)`,
    instead: 'Send a smaller request, or deploy with the async target (up to 1 GB) or the batch target.',
  });
  const endpointName = record.endpointName ?? record.name;
  let response: InvokeResponse;
  try {
    response = await context.aws.call<InvokeResponse>({
      service: 'sagemaker-runtime',
      operation: 'InvokeEndpoint',
      input: {
        EndpointName: endpointName,
        ContentType: options.contentType ?? 'application/octet-stream',
        Accept: options.accept ?? 'application/json',
        Body: request,
      },
    });
  } catch (error) {
    // The operator registers the endpoint only once the pods serve; before that SageMaker knows none.
    if (
      awsErrorName(error) === 'ValidationException' &&
      /could not find endpoint/i.test(awsErrorMessage(error))
    ) {
      throw new McError(
        `SageMaker has no endpoint ${endpointName} in ${context.aws.region} yet: the HyperPod inference operator registers it once the deployment is complete.`,
        {
          code: 'HYPERPOD_ENDPOINT_NOT_READY',
          cause: error,
          suggestions: [
            '`mcc status` shows the deployment and its SageMaker endpoint state; wait for DeploymentComplete.',
          ],
        },
      );
    }
    throw error;
  }
  const text = await responseBodyText(response.Body);
  return { contentType: response.ContentType ?? '', body: text };
}
