import { usageError } from '@mcc/sdk';
import type { InvokeOptions, InvokeResult, VerbContext } from '@mcc/sdk';

import { readDeployment } from './state.js';

/** SageMaker's real-time payload limit. */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

interface InvokeResponse {
  Body?: Uint8Array & { transformToString?: () => Promise<string> };
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
  if (options.body.length > MAX_PAYLOAD_BYTES) {
    throw usageError(
      'PAYLOAD_TOO_LARGE',
      `The payload has ${options.body.length} bytes; SageMaker real-time endpoints take at most ${MAX_PAYLOAD_BYTES}.`,
    );
  }
  const response = await context.aws.call<InvokeResponse>({
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpoint',
    input: {
      EndpointName: deployment.endpoint.name,
      InferenceComponentName: deployment.inferenceComponent.name,
      ContentType: options.contentType,
      Accept: options.accept ?? 'application/json',
      Body: options.body,
    },
  });
  const body = response.Body;
  const text =
    body === undefined
      ? ''
      : typeof body.transformToString === 'function'
        ? await body.transformToString()
        : Buffer.from(body).toString('utf8');
  return { contentType: response.ContentType ?? '', body: text };
}
