import { readSyncPayload, responseBodyText, usageError } from '@mcc/sdk';
import type { InvokeOptions, InvokeResult, VerbContext } from '@mcc/sdk';

import { readDeployment } from './state.js';

/** SageMaker's real-time payload limit. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

interface InvokeResponse {
  Body?: unknown;
  ContentType?: string;
}

/** `mcc invoke`: one InvokeEndpoint to the project's inference component. */
export async function invoke(context: VerbContext, options: InvokeOptions): Promise<InvokeResult> {
  const deployment = readDeployment(context.state);
  if (!deployment?.endpoint || !deployment.inferenceComponent) {
    throw usageError('NOT_DEPLOYED', 'This project has no deployment to invoke: mcc has recorded none.', [
      'Run do/deploy (mcc deploy) first; `mcc status` shows what is recorded.',
    ]);
  }
  const request = await readSyncPayload(options, {
    target: 'managed-inference',
    maxBytes: MAX_PAYLOAD_BYTES,
    describe: `SageMaker real-time endpoints take at most ${MAX_PAYLOAD_BYTES} (6 MB)`,
    instead: 'Send a smaller request, or deploy with the async target (up to 1 GB) or the batch target.',
  });
  const response = await context.aws.call<InvokeResponse>({
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpoint',
    input: {
      EndpointName: deployment.endpoint.name,
      InferenceComponentName: deployment.inferenceComponent.name,
      ContentType: options.contentType ?? 'application/octet-stream',
      Accept: options.accept ?? 'application/json',
      Body: request,
    },
  });
  const text = await responseBodyText(response.Body);
  return { contentType: response.ContentType ?? '', body: text };
}
