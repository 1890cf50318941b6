import { definePredictiveServer } from '@mcc/sdk/predictive';

import { xgboostContext } from './context.js';
import type { XgboostContext } from './context.js';
import { XGBOOST_FORMATS } from './formats.js';
import { xgboostOptions } from './options.js';
import { validateModel } from './validate-model.js';

/** The official python image through its public ECR mirror (no Docker Hub rate limits), pinned. */
export const DEFAULT_BASE_IMAGE = 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm';

/** A loaded Booster with its prediction buffers takes about twice its file size. */
export const MEMORY_PER_MODEL_BYTE = 2;

/** XGBoost Boosters (JSON, UBJSON or the legacy binary format) behind the shared predictive layer. */
export const xgboostServer = definePredictiveServer<XgboostContext>({
  id: 'xgboost',
  summary: 'XGBoost models (JSON, UBJSON or legacy binary) behind nginx and Flask or FastAPI',
  framework: 'XGBoost',
  formats: XGBOOST_FORMATS,
  defaultBaseImage: DEFAULT_BASE_IMAGE,
  options: xgboostOptions,
  templatesDir: new URL('../templates/', import.meta.url),
  sampleOnly: ['sample/train.py'],
  sample: {
    format: 'json',
    fileName: 'model.json',
    summary:
      'A boosted-tree regressor of abalone age (rings), trained on the UCI Abalone data at image build time',
  },
  memoryPerModelByte: MEMORY_PER_MODEL_BYTE,
  checkModel: validateModel,
  frameworkContext: xgboostContext,
});
