import { defineTarget } from '@mcc/sdk';

import { managedInferenceContext } from './context.js';
import { managedInferenceOptions } from './options.js';

/** SageMaker real-time inference with inference components; the AWS verbs arrive with the deploy issue. */
export const managedInferenceTarget = defineTarget({
  id: 'managed-inference',
  summary: 'SageMaker managed real-time inference: an endpoint hosting the model as an inference component',
  accelerators: ['cpu', 'gpu'],
  options: managedInferenceOptions,
  templatesDir: new URL('../templates/', import.meta.url),
  context: managedInferenceContext,
});
