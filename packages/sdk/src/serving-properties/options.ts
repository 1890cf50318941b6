import type { OptionSpec } from '../options.js';

/**
 * The option keys every GPU server shares (core maps them to the GPU sizer's workload), with the
 * serving.properties key each one sets. A server offers the ones its engine has.
 */
export const SHARED_PROPERTY_KEYS = {
  'tensor-parallel-degree': 'option.tensor_parallel_degree',
  'max-model-len': 'option.max_model_len',
  'max-concurrency': 'option.max_rolling_batch_size',
  'gpu-memory-utilization': 'option.gpu_memory_utilization',
  dtype: 'option.dtype',
} as const;

export type SharedOptionKey = keyof typeof SHARED_PROPERTY_KEYS;

/** Default of `max-concurrency`: low enough that the sizer's KV-cache estimate stays honest. */
export const DEFAULT_MAX_CONCURRENCY = 32;

/** Default of `gpu-memory-utilization`, vLLM's own. */
export const DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;

/** Weight dtypes DJL's handlers accept (`auto` leaves the choice to the engine and the model's config). */
export const DTYPES = ['auto', 'fp16', 'bf16', 'fp32'] as const;

const SPECS: Readonly<Record<SharedOptionKey, OptionSpec>> = {
  'tensor-parallel-degree': {
    key: 'tensor-parallel-degree',
    description:
      "GPUs one copy of the model is split over (option.tensor_parallel_degree); default: the sizer's degree, else every GPU of the instance",
    type: 'integer',
    min: 1,
    max: 64,
  },
  'max-model-len': {
    key: 'max-model-len',
    description:
      "Longest sequence, prompt plus output, in tokens (option.max_model_len); default: the model's own",
    type: 'integer',
    min: 16,
    max: 10_485_760,
  },
  'max-concurrency': {
    key: 'max-concurrency',
    description: 'Sequences served at once (option.max_rolling_batch_size); more wait in the queue',
    type: 'integer',
    min: 1,
    max: 4096,
    default: DEFAULT_MAX_CONCURRENCY,
  },
  'gpu-memory-utilization': {
    key: 'gpu-memory-utilization',
    description:
      'Fraction of each GPU the engine may use for weights and KV cache (option.gpu_memory_utilization)',
    type: 'number',
    min: 0.05,
    max: 0.99,
    default: DEFAULT_GPU_MEMORY_UTILIZATION,
  },
  dtype: {
    key: 'dtype',
    description: "Weight dtype (option.dtype); auto keeps the model's own",
    type: 'enum',
    choices: DTYPES,
    default: 'auto',
  },
};

/** The shared option specs for the keys a server offers, in the order given. */
export function sharedOptions(keys: readonly SharedOptionKey[]): OptionSpec[] {
  return keys.map((key) => SPECS[key]);
}
