import type { SamplePayload } from '../server.js';

/** Where the generated image keeps its files (outside /opt/ml/model, which SageMaker may mount over). */
export const PROPERTIES_PATH = '/opt/mcc/serving.properties';
export const CODE_DIR = '/opt/mcc/code';

/** DJL Serving's port in SageMaker images; `code/serve` moves it to SAGEMAKER_BIND_TO_PORT. */
export const DJL_PORT = 8080;

/** The TGI-style request DJL's handlers take: `{"inputs": …, "parameters": {…}}`. */
export const GENERATE_PAYLOADS: readonly SamplePayload[] = [
  { contentType: 'application/json', file: 'tests/payloads/generate.json' },
];

export const SAMPLE_PROMPT = 'What is Amazon SageMaker? Answer in one sentence.';
export const SAMPLE_MAX_NEW_TOKENS = 64;
