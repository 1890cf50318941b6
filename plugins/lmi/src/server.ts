import type { ProjectInput } from '@mcc/sdk';
import { defineServingPropertiesServer } from '@mcc/sdk/serving-properties';

import { DEFAULT_BASE_IMAGE, cudaVersionOf, lmiImage } from './images.js';
import { lmiOptions } from './options.js';
import { lmiEngineName, lmiProperties } from './properties.js';

export const LMI_SUMMARY =
  "LLMs on AWS's Large Model Inference container (DJL Serving with vLLM), configured through serving.properties";

/**
 * The default image is recorded as us-east-1's copy; a project in another region builds FROM that
 * region's copy (a user's --base-image is kept as given).
 */
function baseImage(input: ProjectInput): string {
  return input.server.baseImage === DEFAULT_BASE_IMAGE ? lmiImage(input.region) : input.server.baseImage;
}

/** AWS's LMI container: Hub or S3 models on GPUs, vLLM (or lmi-dist) behind DJL Serving. */
export const lmiServer = defineServingPropertiesServer({
  id: 'lmi',
  summary: LMI_SUMMARY,
  engineName: lmiEngineName,
  defaultBaseImage: DEFAULT_BASE_IMAGE,
  baseImage,
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
