import { defineLlmServer } from '@mcc/sdk/llm';

import { SGLANG_ENGINE } from './engine.js';
import { DEFAULT_IMAGE } from './images.js';

/** SGLang for Hub and S3 models, answering SageMaker's routes on port 8080. */
export const sglangServer = defineLlmServer({
  id: 'sglang',
  summary: 'SGLang server for generative models, SageMaker-compatible on port 8080',
  defaultBaseImage: DEFAULT_IMAGE.image,
  engine: SGLANG_ENGINE,
  templatesDir: new URL('../templates/', import.meta.url),
});
