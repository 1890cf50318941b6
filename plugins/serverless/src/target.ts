import { defineTarget } from '@mcc/sdk';
import { imageTemplatesDir } from '@mcc/sdk/image';

import { serverlessContext } from './context.js';
import { MAX_PAYLOAD_BYTES } from './limits.js';
import { serverlessOptions } from './options.js';

/**
 * SageMaker serverless inference. Serverless endpoints have no GPUs, so only CPU servers are
 * offered; the model reaches the container inside the image (sample or local models), since this
 * first version passes no model data or Hub token to the endpoint.
 */
export const serverlessTarget = defineTarget({
  id: 'serverless',
  summary: 'SageMaker serverless inference: an endpoint that scales with requests, down to none, on CPU',
  accelerators: ['cpu'],
  sources: ['sample', 'local'],
  // The server's nginx and handler then answer 413 above 4 MB locally, as the endpoint would.
  maxPayloadBytes: MAX_PAYLOAD_BYTES,
  options: serverlessOptions,
  // The image kit's do/build, do/run and do/push first, then this target's own files.
  templatesDir: [imageTemplatesDir, new URL('../templates/', import.meta.url)],
  context: serverlessContext,
  lifecycle: async () => (await import('./lifecycle/index.js')).serverlessLifecycle,
});
