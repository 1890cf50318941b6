import { defineServer } from '@mcc/sdk';

import { HTTP_LAYERS, sklearnContext } from './context.js';
import type { SklearnContext } from './context.js';
import { SKLEARN_FILES } from './files.js';
import { SKLEARN_FORMATS } from './formats.js';
import { sklearnOptions } from './options.js';
import { MEMORY_PER_MODEL_BYTE } from './workers.js';

/** The official python image through its public ECR mirror (no Docker Hub rate limits), pinned. */
export const DEFAULT_BASE_IMAGE = 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm';

export const sklearnServer = defineServer<SklearnContext>({
  id: 'sklearn',
  summary: 'scikit-learn models (pickle or joblib) behind nginx and Flask or FastAPI',
  accelerator: 'cpu',
  sources: ['local', 'sample'],
  formats: SKLEARN_FORMATS,
  httpLayers: HTTP_LAYERS,
  defaultHttp: 'flask',
  defaultBaseImage: DEFAULT_BASE_IMAGE,
  options: sklearnOptions,
  templatesDir: new URL('../templates/', import.meta.url),
  files: SKLEARN_FILES,
  samplePayloads: [
    { contentType: 'text/csv', file: 'tests/payloads/abalone.csv' },
    { contentType: 'application/json', file: 'tests/payloads/abalone.json' },
  ],
  sample: {
    format: 'joblib',
    fileName: 'model.joblib',
    summary:
      'A gradient-boosted regressor of abalone age (rings), trained on the UCI Abalone data at image build time',
  },
  // A loaded estimator plus numpy buffers during prediction take about three times its pickle size.
  memoryPerModelByte: MEMORY_PER_MODEL_BYTE,
  context: sklearnContext,
});
