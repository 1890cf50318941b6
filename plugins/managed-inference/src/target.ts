import { defineTarget } from '@mcc/sdk';
import { imageTemplatesDir } from '@mcc/sdk/image';

import { managedInferenceContext } from './context.js';
import { managedInferenceOptions } from './options.js';

/** SageMaker real-time inference with inference components. */
export const managedInferenceTarget = defineTarget({
  id: 'managed-inference',
  summary: 'SageMaker managed real-time inference: an endpoint hosting the model as an inference component',
  accelerators: ['cpu', 'gpu'],
  options: managedInferenceOptions,
  // The image kit's do/build, do/run and do/push first, then this target's own files.
  templatesDir: [imageTemplatesDir, new URL('../templates/', import.meta.url)],
  context: managedInferenceContext,
  lifecycle: async () => (await import('./lifecycle/index.js')).managedInferenceLifecycle,
});
