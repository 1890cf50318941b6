import { defineServer, hfTokenTemplatesDir } from '@mcc/sdk';
import { predictiveTemplatesDir } from '@mcc/sdk/predictive';

import { BACKEND_FACTS, backendOfChoices } from './backends.js';
import { checkModel } from './check-model.js';
import { tritonContext } from './context.js';
import type { TritonContext } from './context.js';
import { TRITON_FILES } from './files.js';
import { TRITON_FORMATS } from './formats.js';
import { DEFAULT_IMAGE, TRITON_IMAGES } from './images.js';
import { tritonOptions } from './options.js';

export const TRITON_SUMMARY =
  'NVIDIA Triton Inference Server (FIL, ONNX Runtime, TensorFlow, PyTorch, Python, vLLM, TensorRT-LLM) behind its SageMaker front end';

/** The Abalone data every sample is trained on, as the sdk ships it (copied, not duplicated here). */
const abaloneDir = new URL('sample/', predictiveTemplatesDir);
/**
 * Triton with one model in its repository. Five of its seven backends run on a CPU, so listings
 * show a CPU server; `acceleratorFor` tells core that the LLM backends need a GPU, so they get the
 * GPU checks and sizer (context() still refuses a GPU-less instance, for callers without core).
 * The LLM backends (decoupled models, which Triton's SageMaker front end does not serve) run behind
 * nginx and code/adapter.py, which map /ping and /invocations onto Triton's own HTTP routes.
 */
export const tritonServer = defineServer<TritonContext>({
  id: 'triton',
  summary: TRITON_SUMMARY,
  accelerator: 'cpu',
  acceleratorFor: (project) => {
    const backend = backendOfChoices(project);
    return backend !== undefined && BACKEND_FACTS[backend].llm ? 'gpu' : 'cpu';
  },
  // The backend's family has its own image (vLLM and TensorRT-LLM ship separately): mcc.json
  // records the one the Dockerfile builds FROM.
  baseImageFor: (project) => {
    const backend = backendOfChoices(project);
    return backend === undefined ? DEFAULT_IMAGE.image : TRITON_IMAGES[BACKEND_FACTS[backend].family].image;
  },
  // S3 models for the LLM backends only; context() says so for the others.
  sources: ['local', 'sample', 'huggingface', 's3'],
  formats: TRITON_FORMATS,
  httpLayers: [],
  defaultBaseImage: DEFAULT_IMAGE.image,
  options: tritonOptions,
  // The shared Secrets Manager token reader (code/aws_secret.py) is emitted for the LLM backends.
  templatesDir: [abaloneDir, hfTokenTemplatesDir, new URL('../templates/', import.meta.url)],
  files: TRITON_FILES,
  // Each project holds the one its backend answers: Abalone rows, or a TGI-style prompt (LLMs).
  samplePayloads: [
    { contentType: 'application/json', file: 'tests/payloads/abalone.json' },
    { contentType: 'application/json', file: 'tests/payloads/generate.json' },
  ],
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
