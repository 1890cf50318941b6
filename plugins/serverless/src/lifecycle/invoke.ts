import { usageError } from '@mcc/sdk';
import type { InvokeOptions, InvokeResult, VerbContext } from '@mcc/sdk';

import { MAX_PAYLOAD_BYTES } from '../limits.js';
import { readServerless } from './state.js';

interface InvokeResponse {
  Body?: Uint8Array & { transformToString?: () => Promise<string> };
  ContentType?: string;
}

/** `mcc invoke`: one InvokeEndpoint; a body over serverless's 4 MB is refused before any call. */
export async function invoke(context: VerbContext, options: InvokeOptions): Promise<InvokeResult> {
  const section = readServerless(context.state);
  if (!section?.endpoint) {
    throw usageError(
      'NOT_DEPLOYED',
      'This project has no serverless endpoint to invoke: mcc has recorded none.',
      ['Run do/deploy (mcc deploy) first; `mcc status` shows what is recorded.'],
    );
  }
  if (options.body.length > MAX_PAYLOAD_BYTES) {
    throw usageError(
      'PAYLOAD_TOO_LARGE',
      `The payload has ${options.body.length} bytes; SageMaker serverless endpoints take at most ${MAX_PAYLOAD_BYTES} (4 MB).`,
      ['Send a smaller request, or deploy with an asynchronous or batch target for large payloads.'],
    );
  }
  const response = await context.aws.call<InvokeResponse>({
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpoint',
    input: {
      EndpointName: section.endpoint.name,
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
