import { definePredictiveServer } from '@mcc/sdk/predictive';

import { numpyLinearContext } from './context.js';
import type { NumpyLinearContext } from './context.js';
import { NPZ_FORMATS } from './formats.js';

/** The official python image through its public ECR mirror (no Docker Hub rate limits), pinned. */
export const DEFAULT_BASE_IMAGE = 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm';

/**
 * Linear models as numpy arrays, behind the same nginx + Flask/FastAPI stack as mcc's own
 * predictive servers: the plugin supplies only `code/framework.py` (load and predict), its README
 * section and the sample's training script.
 */
export const numpyLinearServer = definePredictiveServer<NumpyLinearContext>({
  id: 'numpy-linear',
  summary: 'Linear models saved with numpy (.npz) behind nginx and Flask or FastAPI',
  framework: 'numpy',
  formats: NPZ_FORMATS,
  defaultBaseImage: DEFAULT_BASE_IMAGE,
  options: [],
  templatesDir: new URL('../../templates/', import.meta.url),
  sampleOnly: ['sample/train.py'],
  sample: {
    format: 'npz',
    fileName: 'model.npz',
    summary:
      'A least-squares linear regression of abalone age (rings), fitted with numpy at image build time',
  },
  // The arrays themselves, plus one copy while a batch is multiplied.
  memoryPerModelByte: 2,
  frameworkContext: numpyLinearContext,
});
