import type { LlmEngine } from '@mcc/sdk/llm';

/**
 * SGLang's server (`python3 -m sglang.launch_server --model-path MODEL`). Its HTTP server answers
 * SageMaker's `GET /ping` and `POST /invocations` (an OpenAI chat completion) itself.
 */
export const SGLANG_ENGINE: LlmEngine = {
  name: 'SGLang',
  envPrefix: 'SGLANG_',
  flagStyle: 'kebab',
  command: ['python3', '-m', 'sglang.launch_server'],
  helpArgs: [['--help']],
  modelFlag: '--model-path',
  hostFlag: '--host',
  portFlag: '--port',
  revisionFlag: '--revision',
  servedModelNameFlag: '--served-model-name',
  flags: {
    tensorParallel: '--tp-size',
    maxModelLen: '--context-length',
    maxConcurrency: '--max-running-requests',
    gpuMemory: '--mem-fraction-static',
    dtype: '--dtype',
    quantization: '--quantization',
    chatTemplate: '--chat-template',
    enableLora: '--enable-lora',
    maxLoras: '--max-loras-per-batch',
    loraAdapters: '--lora-paths',
  },
  // `--lora-paths name=path name2=path2`: one argument per adapter.
  listFlags: ['--lora-paths'],
  dtypes: {
    auto: { dtype: 'auto' },
    bf16: { dtype: 'bfloat16' },
    fp16: { dtype: 'float16' },
    fp32: { dtype: 'float32' },
    // SGLang quantizes 16-bit weights to fp8 as it loads them.
    fp8: { dtype: 'auto', quantization: 'fp8' },
    // int8/int4 checkpoints (AWQ, GPTQ, w8a8) name their method in config.json.
    int8: { dtype: 'auto' },
    int4: { dtype: 'auto' },
  },
  quantizations: [
    'awq',
    'awq_marlin',
    'gptq',
    'gptq_marlin',
    'marlin',
    'fp8',
    'bitsandbytes',
    'compressed-tensors',
    'gguf',
    'modelopt',
    'modelopt_fp4',
    'w8a8_int8',
    'w8a8_fp8',
  ],
  sagemakerRoutes: true,
  payload: 'openai-chat',
};
