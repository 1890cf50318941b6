import { defineTarget } from '@mcc/sdk';
import { imageTemplatesDir } from '@mcc/sdk/image';

import { hyperpodEksContext } from './context.js';
import { SUPPORTED_SOURCES } from './objects/model-source.js';
import { hyperpodEksOptions } from './options.js';

/** An existing SageMaker HyperPod cluster on EKS, deployed to through its inference operator. */
export const hyperpodEksTarget = defineTarget({
  id: 'hyperpod-eks',
  summary: 'SageMaker HyperPod on EKS: an InferenceEndpointConfig served by the HyperPod inference operator',
  accelerators: ['cpu', 'gpu'],
  sources: SUPPORTED_SOURCES,
  options: hyperpodEksOptions,
  // The image kit's do/build, do/run and do/push first, then this target's own files.
  templatesDir: [imageTemplatesDir, new URL('../templates/', import.meta.url)],
  context: hyperpodEksContext,
  lifecycle: async () => (await import('./lifecycle/index.js')).hyperpodEksLifecycle,
});
