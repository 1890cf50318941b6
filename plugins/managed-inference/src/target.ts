import { defineTarget } from '@mcc/sdk';

import { managedInferenceContext } from './context.js';
import { managedInferenceOptions } from './options.js';

/** SageMaker real-time inference with inference components. */
export const managedInferenceTarget = defineTarget({
  id: 'managed-inference',
  summary: 'SageMaker managed real-time inference: an endpoint hosting the model as an inference component',
  accelerators: ['cpu', 'gpu'],
  options: managedInferenceOptions,
  templatesDir: new URL('../templates/', import.meta.url),
  context: managedInferenceContext,
  lifecycle: async () => (await import('./lifecycle/index.js')).managedInferenceLifecycle,
});
