import type { LlmEngine } from '@mcc/sdk/llm';

/**
 * vLLM's OpenAI-compatible server (`vllm serve MODEL`). It answers SageMaker's `/ping` and
 * `/invocations` itself. Recent releases list every flag only with `--help=all`; older ones read
 * that as a keyword filter, so plain `--help` is read too and the flags merged.
 */
export const VLLM_ENGINE: LlmEngine = {
  name: 'vLLM',
  envPrefix: 'VLLM_',
  flagStyle: 'kebab',
  command: ['vllm', 'serve'],
  helpArgs: [['--help=all'], ['--help']],
  hostFlag: '--host',
  portFlag: '--port',
  revisionFlag: '--revision',
  servedModelNameFlag: '--served-model-name',
  flags: {
    tensorParallel: '--tensor-parallel-size',
    maxModelLen: '--max-model-len',
    maxConcurrency: '--max-num-seqs',
    gpuMemory: '--gpu-memory-utilization',
    dtype: '--dtype',
    quantization: '--quantization',
    chatTemplate: '--chat-template',
    enableLora: '--enable-lora',
    maxLoras: '--max-loras',
    loraAdapters: '--lora-modules',
  },
  // `--lora-modules name=path name2=path2`: one argument per adapter.
  listFlags: ['--lora-modules'],
  dtypes: {
    auto: { dtype: 'auto' },
    bf16: { dtype: 'bfloat16' },
    fp16: { dtype: 'float16' },
    fp32: { dtype: 'float32' },
    // vLLM quantizes 16-bit weights to fp8 as it loads them.
    fp8: { dtype: 'auto', quantization: 'fp8' },
    // int8/int4 checkpoints (AWQ, GPTQ, compressed-tensors) name their method in config.json.
    int8: { dtype: 'auto' },
    int4: { dtype: 'auto' },
  },
  quantizations: [
    'awq',
    'awq_marlin',
    'gptq',
    'gptq_marlin',
    'fp8',
    'bitsandbytes',
    'compressed-tensors',
    'gguf',
    'modelopt',
    'experts_int8',
  ],
  sagemakerRoutes: true,
  payload: 'openai-chat',
};
