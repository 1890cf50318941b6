import type { OptionSpec } from '@mcc/sdk';

/** Batching of the Hugging Face handler: continuous batching for text generation, or none. */
export const ROLLING_BATCH = ['auto', 'disable'] as const;

/** bitsandbytes quantization at load time, which Hugging Face Accelerate applies. */
export const QUANTIZATION = ['none', 'bitsandbytes8', 'bitsandbytes4'] as const;

/** The DJL server's own options; the shared ones its engine has come first. */
export const djlOptions: readonly OptionSpec[] = [
  {
    key: 'rolling-batch',
    description:
      'Continuous batching of the Hugging Face handler (option.rolling_batch): auto for text generation, disable for other tasks',
    type: 'enum',
    choices: ROLLING_BATCH,
    default: 'auto',
  },
  {
    key: 'quantization',
    description: 'Quantize the weights at load time with bitsandbytes (option.quantize: 8-bit or 4-bit)',
    type: 'enum',
    choices: QUANTIZATION,
    default: 'none',
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
    description: 'Seconds the model may take to download and load (option.model_loading_timeout)',
    type: 'integer',
    min: 60,
    max: 3600,
  },
];
