import { defineLlmServer } from '@mcc/sdk/llm';

import { VLLM_ENGINE } from './engine.js';
import { DEFAULT_IMAGE } from './images.js';

/** vLLM for Hub and S3 models, answering SageMaker's routes on port 8080. */
export const vllmServer = defineLlmServer({
  id: 'vllm',
  summary: 'vLLM OpenAI-compatible server for generative models, SageMaker-compatible on port 8080',
  defaultBaseImage: DEFAULT_IMAGE.image,
  engine: VLLM_ENGINE,
  templatesDir: new URL('../templates/', import.meta.url),
});
