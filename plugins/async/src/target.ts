import { defineTarget } from '@mcc/sdk';
import { imageTemplatesDir } from '@mcc/sdk/image';

import { asyncContext } from './context.js';
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
  options: asyncOptions,
  // The image kit's do/build, do/run and do/push first, then this target's own files.
  templatesDir: [imageTemplatesDir, new URL('../templates/', import.meta.url)],
  context: asyncContext,
  lifecycle: async () => (await import('./lifecycle/index.js')).asyncLifecycle,
});
