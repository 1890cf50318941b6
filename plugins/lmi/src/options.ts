import type { OptionSpec } from '@mcc/sdk';

/** LMI's inference libraries in the pinned image (TensorRT-LLM ships in a separate image: see the trtllm server). */
export const ROLLING_BATCH = ['vllm', 'lmi-dist'] as const;
export type RollingBatch = (typeof ROLLING_BATCH)[number];

/** Quantization vLLM applies at load time; a pre-quantized model (AWQ, GPTQ …) needs none. */
export const QUANTIZATION = ['none', 'fp8', 'bitsandbytes'] as const;

/** The LMI server's own options; the shared ones (tensor-parallel-degree …) come first. */
export const lmiOptions: readonly OptionSpec[] = [
  {
    key: 'rolling-batch',
    description:
      'Inference library (option.rolling_batch): vllm, or lmi-dist (run on MPI; recent LMI images serve it with vLLM)',
    type: 'enum',
    choices: ROLLING_BATCH,
    default: 'vllm',
  },
  {
    key: 'quantization',
    description:
      'Quantize the weights at load time (option.quantize); none for a full-precision or pre-quantized (AWQ, GPTQ) model',
    type: 'enum',
    choices: QUANTIZATION,
    default: 'none',
  },
  {
    key: 'enable-lora',
    description: 'Serve LoRA adapters registered through the adapters API (option.enable_lora)',
    type: 'boolean',
    default: false,
  },
  {
    key: 'max-loras',
    description: 'LoRA adapters in one batch (option.max_loras); needs enable-lora',
    type: 'integer',
    min: 1,
    max: 256,
  },
  {
    key: 'max-lora-rank',
    description: 'Highest LoRA rank served (option.max_lora_rank); needs enable-lora',
    type: 'integer',
    min: 1,
    max: 512,
  },
  {
    key: 'trust-remote-code',
    description:
      "Run the model repository's own Python code (option.trust_remote_code); only for models you trust",
    type: 'boolean',
    default: false,
  },
  {
    key: 'model-loading-timeout',
    description:
      "Seconds the model may take to download and load (option.model_loading_timeout; LMI's default is 1800)",
    type: 'integer',
    min: 60,
    max: 3600,
  },
];
