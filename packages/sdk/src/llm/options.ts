import type { OptionSpec } from '../options.js';

/**
 * Weight precisions users name the same way for every engine (and the GPU sizer reads). Each engine
 * maps them to its own names (see `LlmEngine.dtypes`): `bf16` is vLLM's `bfloat16`, `fp8` is an
 * fp8 quantization of a 16-bit checkpoint, `int8` and `int4` are checkpoints already quantized so.
 */
export const LLM_DTYPES = ['auto', 'bf16', 'fp16', 'fp32', 'fp8', 'int8', 'int4'] as const;

/** One of {@link LLM_DTYPES}. */
export type LlmDtype = (typeof LLM_DTYPES)[number];

/** True when `value` is one of {@link LLM_DTYPES}. */
export function isLlmDtype(value: string): value is LlmDtype {
  return (LLM_DTYPES as readonly string[]).includes(value);
}

/**
 * Keys of the options every LLM server has. Core maps the first five to the GPU sizer's workload
 * (tensor-parallel degree, context length, concurrency, memory fraction, dtype), so they are
 * spelled the same for every engine.
 */
export const LLM_OPTION_KEYS = {
  tensorParallel: 'tensor-parallel-degree',
  maxModelLen: 'max-model-len',
  maxConcurrency: 'max-concurrency',
  gpuMemory: 'gpu-memory-utilization',
  dtype: 'dtype',
  quantization: 'quantization',
  chatTemplate: 'chat-template',
  enableLora: 'enable-lora',
  maxLoras: 'max-loras',
  loraAdapters: 'lora-adapters',
} as const;

/** `name=source` pairs separated by commas: a LoRA adapter's name and its Hub id or path. */
export const LORA_ADAPTERS_PATTERN = /^[A-Za-z0-9_.-]+=[^\s,=]+(,[A-Za-z0-9_.-]+=[^\s,=]+)*$/;

/** The options every LLM server has. Unset ones leave the engine's own default. */
export const LLM_SHARED_OPTIONS: readonly OptionSpec[] = [
  {
    key: LLM_OPTION_KEYS.tensorParallel,
    description:
      "GPUs one copy of the model is split over (tensor parallelism); default: the sizer's degree, else every GPU of the instance",
    type: 'integer',
    min: 1,
    max: 64,
  },
  {
    key: LLM_OPTION_KEYS.maxModelLen,
    description: "Longest sequence (prompt plus output, in tokens) served; default: the model's own limit",
    type: 'integer',
    min: 16,
    max: 10_485_760,
  },
  {
    key: LLM_OPTION_KEYS.maxConcurrency,
    description: "Sequences the engine runs at once (its batch); default: the engine's own",
    type: 'integer',
    min: 1,
    max: 65_536,
  },
  {
    key: LLM_OPTION_KEYS.gpuMemory,
    description: "Fraction of each GPU's memory the engine may use; default: the engine's own",
    type: 'number',
    min: 0.1,
    max: 1,
  },
  {
    key: LLM_OPTION_KEYS.dtype,
    description:
      "Weight precision: auto (the checkpoint's), bf16, fp16, fp32, fp8 (quantized at load), or int8/int4 (a checkpoint quantized so)",
    type: 'enum',
    choices: LLM_DTYPES,
    default: 'auto',
  },
  {
    key: LLM_OPTION_KEYS.chatTemplate,
    description:
      "Chat template (a Jinja file path inside the image, or the template itself) when the tokenizer's own is missing or wrong",
    type: 'string',
  },
];

/** The option naming one of the engine's quantization methods. */
export function quantizationOption(methods: readonly string[]): OptionSpec {
  return {
    key: LLM_OPTION_KEYS.quantization,
    description:
      "Quantization method of the weights; default: what the checkpoint's config.json says (or fp8 for dtype=fp8)",
    type: 'enum',
    choices: methods,
  };
}

/** LoRA options, for engines that serve adapters. */
export const LLM_LORA_OPTIONS: readonly OptionSpec[] = [
  {
    key: LLM_OPTION_KEYS.enableLora,
    description: 'Serve LoRA adapters on top of the base model',
    type: 'boolean',
    default: false,
  },
  {
    key: LLM_OPTION_KEYS.maxLoras,
    description: 'LoRA adapters one batch may use at once',
    type: 'integer',
    min: 1,
    max: 256,
  },
  {
    key: LLM_OPTION_KEYS.loraAdapters,
    description:
      'Adapters loaded at start-up, as name=hub-id-or-path pairs separated by commas (implies enable-lora)',
    type: 'string',
    pattern: LORA_ADAPTERS_PATTERN,
    patternHint: 'name=org/adapter[,name2=/opt/ml/model/adapter2]',
  },
];
