import { definePredictiveServer } from '@mcc/sdk/predictive';

import { checkSklearnModel } from './check-model.js';
import { sklearnFramework } from './context.js';
import type { SklearnFramework } from './context.js';
import { SKLEARN_FORMATS } from './formats.js';
import { sklearnOptions } from './options.js';

/** The official python image through its public ECR mirror (no Docker Hub rate limits), pinned. */
export const DEFAULT_BASE_IMAGE = 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm';

/** A loaded estimator plus numpy buffers during prediction take about three times its pickle size. */
export const MEMORY_PER_MODEL_BYTE = 3;

export const sklearnServer = definePredictiveServer<SklearnFramework>({
  id: 'sklearn',
  summary: 'scikit-learn models (pickle or joblib) behind nginx and Flask or FastAPI',
  framework: 'scikit-learn',
  formats: SKLEARN_FORMATS,
  defaultBaseImage: DEFAULT_BASE_IMAGE,
  options: sklearnOptions,
  templatesDir: new URL('../templates/', import.meta.url),
  sampleOnly: ['sample/train.py'],
  sample: {
    format: 'joblib',
    fileName: 'model.joblib',
    summary:
      'A gradient-boosted regressor of abalone age (rings), trained on the UCI Abalone data at image build time',
  },
  memoryPerModelByte: MEMORY_PER_MODEL_BYTE,
  checkModel: checkSklearnModel,
  frameworkContext: sklearnFramework,
});
