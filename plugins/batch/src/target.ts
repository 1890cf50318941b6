import { defineTarget } from '@mcc/sdk';
import { imageTemplatesDir } from '@mcc/sdk/image';

import { batchContext } from './context.js';
import { MAX_INVOCATION_TIMEOUT_SECONDS, MAX_PAYLOAD_BYTES } from './limits.js';
import { batchOptions } from './options.js';

export const BATCH_SUMMARY =
  'SageMaker batch transform: a job scores an S3 folder into S3, instances run only while it runs';

/**
 * SageMaker batch transform: no endpoint; `mcc deploy` creates the model (the image, with the model
 * inside, as for serverless and async) and `mcc invoke` runs a transform job over an S3 folder.
 */
export const batchTarget = defineTarget({
  id: 'batch',
  summary: BATCH_SUMMARY,
  accelerators: ['cpu', 'gpu'],
  sources: ['sample', 'local'],
  // The server in the image must take what a job may send: mini-batches up to MaxPayloadInMB's 100 MB,
  // each answered within ModelClientConfig's longest timeout.
  maxPayloadBytes: MAX_PAYLOAD_BYTES,
  requestTimeoutSeconds: MAX_INVOCATION_TIMEOUT_SECONDS,
  options: batchOptions,
  // The image kit's do/build, do/run and do/push first, then this target's own files.
  templatesDir: [imageTemplatesDir, new URL('../templates/', import.meta.url)],
  context: batchContext,
  lifecycle: async () => (await import('./lifecycle/index.js')).batchLifecycle,
});
