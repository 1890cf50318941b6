import { defineServingPropertiesServer } from '@mcc/sdk/serving-properties';

import { DEFAULT_BASE_IMAGE } from './images.js';
import { djlOptions } from './options.js';
import { djlProperties, djlRequirements } from './properties.js';

export const DJL_SUMMARY =
  "LLMs on DJL Serving's own GPU image with its Python engine and Hugging Face handler, configured through serving.properties";

/**
 * Plain DJL Serving: Hub or S3 models through DJL's Hugging Face handler (Transformers and
 * Accelerate). It has no max-model-len or gpu-memory-utilization: Accelerate has neither.
 */
export const djlServer = defineServingPropertiesServer({
  id: 'djl',
  summary: DJL_SUMMARY,
  engineName: () => 'DJL Serving (Python engine, Hugging Face Accelerate)',
  defaultBaseImage: DEFAULT_BASE_IMAGE,
  sharedOptions: ['tensor-parallel-degree', 'max-concurrency', 'dtype'],
  options: djlOptions,
  pip: djlRequirements,
  engineProperties: djlProperties,
});
