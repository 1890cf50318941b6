import type { LlmEngine } from '@mcc/sdk/llm';

/**
 * TensorRT-LLM's `trtllm-serve serve MODEL` (PyTorch backend). It serves OpenAI routes and
 * `/health` but not SageMaker's, so nginx maps `/ping` onto `/health` and `/invocations` onto a
 * small adapter calling `/v1/completions`. Its flags are snake_case; the dtype has no flag and goes
 * into the YAML file given with `--extra_llm_api_options`.
 */
export const TRTLLM_ENGINE: LlmEngine = {
  name: 'TensorRT-LLM',
  envPrefix: 'TRTLLM_',
  flagStyle: 'snake',
  command: ['trtllm-serve', 'serve'],
  helpArgs: [['--help']],
  hostFlag: '--host',
  portFlag: '--port',
  revisionFlag: '--revision',
  flags: {
    tensorParallel: '--tp_size',
    maxModelLen: '--max_seq_len',
    maxConcurrency: '--max_batch_size',
    gpuMemory: '--kv_cache_free_gpu_memory_fraction',
    dtype: 'config:dtype',
    chatTemplate: '--chat_template',
  },
  configFileFlag: '--extra_llm_api_options',
  dtypes: {
    auto: { dtype: 'auto' },
    bf16: { dtype: 'bfloat16' },
    fp16: { dtype: 'float16' },
    fp32: { dtype: 'float32' },
    // Quantized models are checkpoints quantized so (NVIDIA ModelOpt); TensorRT-LLM reads the method from them.
    fp8: { dtype: 'auto' },
    int8: { dtype: 'auto' },
    int4: { dtype: 'auto' },
  },
  quantizations: [],
  sagemakerRoutes: false,
  healthRoute: '/health',
  completionsRoute: '/v1/completions',
  chatRoute: '/v1/chat/completions',
  payload: 'tgi',
};
