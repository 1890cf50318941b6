import { defineTarget } from '@mcc/sdk';
import { imageTemplatesDir } from '@mcc/sdk/image';

import { asyncContext } from './context.js';
import { MAX_INVOCATION_TIMEOUT_SECONDS, MAX_PAYLOAD_BYTES } from './limits.js';
import { asyncOptions } from './options.js';

/**
 * SageMaker asynchronous inference: requests queue in S3, results land in S3, so payloads up to
 * 1 GB and runs up to an hour fit, and the endpoint may scale to zero while idle. The model is in
 * the image (sample or local models), as for serverless: no model data is passed to the endpoint.
 */
export const asyncTarget = defineTarget({
  id: 'async',
  summary:
    'SageMaker asynchronous inference: queued requests and results in S3, large payloads, scale to zero',
  accelerators: ['cpu', 'gpu'],
  sources: ['sample', 'local'],
  // The server in the image must take what the endpoint takes: 1 GB bodies, requests up to an hour.
  maxPayloadBytes: MAX_PAYLOAD_BYTES,
  requestTimeoutSeconds: MAX_INVOCATION_TIMEOUT_SECONDS,
  options: asyncOptions,
  // The image kit's do/build, do/run and do/push first, then this target's own files.
  templatesDir: [imageTemplatesDir, new URL('../templates/', import.meta.url)],
  context: asyncContext,
  lifecycle: async () => (await import('./lifecycle/index.js')).asyncLifecycle,
});
