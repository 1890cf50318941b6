import { definePredictiveServer } from '@mcc/sdk/predictive';

import { tensorflowContext } from './context.js';
import type { TensorflowContext } from './context.js';
import { TENSORFLOW_FORMATS } from './formats.js';
import { tensorflowOptions } from './options.js';
import { validateModel } from './validate-model.js';

/** The official python image through its public ECR mirror (no Docker Hub rate limits), pinned. */
export const DEFAULT_BASE_IMAGE = 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm';

/**
 * A loaded graph with its buffers takes several times its size on disk. TensorFlow's own import
 * (about 1 GB of RSS per worker) is not per byte; the README says so.
 */
export const MEMORY_PER_MODEL_BYTE = 4;

/** TensorFlow/Keras models (.keras, HDF5 or SavedModel) behind the shared predictive layer. */
export const tensorflowServer = definePredictiveServer<TensorflowContext>({
  id: 'tensorflow',
  summary: 'TensorFlow/Keras models (.keras, HDF5 or SavedModel) behind nginx and Flask or FastAPI',
  framework: 'TensorFlow',
  formats: TENSORFLOW_FORMATS,
  defaultBaseImage: DEFAULT_BASE_IMAGE,
  options: tensorflowOptions,
  templatesDir: new URL('../templates/', import.meta.url),
  sampleOnly: ['sample/train.py'],
  sample: {
    format: 'keras',
    fileName: 'model.keras',
    summary:
      'A small Keras regressor of abalone age (rings), trained on the UCI Abalone data at image build time',
  },
  memoryPerModelByte: MEMORY_PER_MODEL_BYTE,
  checkModel: validateModel,
  frameworkContext: tensorflowContext,
});
