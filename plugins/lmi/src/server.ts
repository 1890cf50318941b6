import { defineServingPropertiesServer } from '@mcc/sdk/serving-properties';

import { DEFAULT_BASE_IMAGE, cudaVersionOf, lmiImage } from './images.js';
import { lmiOptions } from './options.js';
import { lmiEngineName, lmiProperties } from './properties.js';

export const LMI_SUMMARY =
  "LLMs on AWS's Large Model Inference container (DJL Serving with vLLM), configured through serving.properties";

/** AWS's LMI container: Hub or S3 models on GPUs, vLLM (or lmi-dist) behind DJL Serving. */
export const lmiServer = defineServingPropertiesServer({
  id: 'lmi',
  summary: LMI_SUMMARY,
  engineName: lmiEngineName,
  defaultBaseImage: DEFAULT_BASE_IMAGE,
  // AWS publishes the image in a registry per region: core records the project region's copy in
  // mcc.json (what the Dockerfile builds FROM and deploy logs in to); --base-image is kept as given.
  baseImageFor: ({ region }) => lmiImage(region),
  cudaVersion: cudaVersionOf,
  sharedOptions: [
    'tensor-parallel-degree',
    'max-model-len',
    'max-concurrency',
    'gpu-memory-utilization',
    'dtype',
  ],
  options: lmiOptions,
  engineProperties: lmiProperties,
});
