import { readSyncPayload, responseBodyText, usageError } from '@mcc/sdk';
import type { InvokeOptions, InvokeResult, VerbContext } from '@mcc/sdk';

import { MAX_PAYLOAD_BYTES } from '../limits.js';
import { readServerless } from './state.js';

interface InvokeResponse {
  Body?: unknown;
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
  const request = await readSyncPayload(options, {
    target: 'serverless',
    maxBytes: MAX_PAYLOAD_BYTES,
    describe: `SageMaker serverless endpoints take at most ${MAX_PAYLOAD_BYTES} (4 MB)`,
    instead: 'Send a smaller request, or deploy with the async target (up to 1 GB) or the batch target.',
  });
  const response = await context.aws.call<InvokeResponse>({
    service: 'sagemaker-runtime',
    operation: 'InvokeEndpoint',
    input: {
      EndpointName: section.endpoint.name,
      ContentType: options.contentType ?? 'application/octet-stream',
      Accept: options.accept ?? 'application/json',
      Body: request,
    },
  });
  const text = await responseBodyText(response.Body);
  return { contentType: response.ContentType ?? '', body: text };
}
