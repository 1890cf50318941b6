import { defineLlmServer } from '@mcc/sdk/llm';

import { TRTLLM_ENGINE } from './engine.js';
import { DEFAULT_IMAGE } from './images.js';

/** TensorRT-LLM's trtllm-serve for Hub and S3 models, behind nginx's mapping of SageMaker's routes. */
export const trtllmServer = defineLlmServer({
  id: 'trtllm',
  summary: 'TensorRT-LLM (trtllm-serve) for generative models, behind nginx on port 8080',
  defaultBaseImage: DEFAULT_IMAGE.image,
  engine: TRTLLM_ENGINE,
  templatesDir: new URL('../templates/', import.meta.url),
});
