import { defineServer } from '@mcc/sdk';
import { predictiveTemplatesDir } from '@mcc/sdk/predictive';

import { checkModel } from './check-model.js';
import { tritonContext } from './context.js';
import type { TritonContext } from './context.js';
import { TRITON_FILES } from './files.js';
import { TRITON_FORMATS } from './formats.js';
import { DEFAULT_IMAGE } from './images.js';
import { tritonOptions } from './options.js';

export const TRITON_SUMMARY =
  'NVIDIA Triton Inference Server (FIL, ONNX Runtime, TensorFlow, PyTorch, Python, vLLM, TensorRT-LLM) behind its SageMaker front end';

/** The Abalone data every sample is trained on, as the sdk ships it (copied, not duplicated here). */
const abaloneDir = new URL('sample/', predictiveTemplatesDir);

/**
 * Triton with one model in its repository. Declared a CPU server: five of its seven backends run on
 * a CPU; the LLM backends check for a GPU in `context()` (the sdk has no per-option accelerator).
 */
export const tritonServer = defineServer<TritonContext>({
  id: 'triton',
  summary: TRITON_SUMMARY,
  accelerator: 'cpu',
  sources: ['local', 'sample', 'huggingface'],
  formats: TRITON_FORMATS,
  httpLayers: [],
  defaultBaseImage: DEFAULT_IMAGE.image,
  options: tritonOptions,
  templatesDir: [abaloneDir, new URL('../templates/', import.meta.url)],
  files: TRITON_FILES,
  samplePayloads: [{ contentType: 'application/json', file: 'tests/payloads/abalone.json' }],
  sample: {
    format: 'xgboost-json',
    fileName: 'xgboost.json',
    summary:
      'Abalone age (rings) from the UCI Abalone data, trained at image build time: XGBoost for the fil backend, scikit-learn for the python backend',
  },
  checkModel,
  // FIL and ONNX Runtime hold about one copy of the model plus their buffers.
  memoryPerModelByte: 2,
  context: tritonContext,
});
