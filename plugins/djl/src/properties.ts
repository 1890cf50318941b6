import type { ProjectInput } from '@mcc/sdk';
import type { PropertySetting } from '@mcc/sdk/serving-properties';

import { BITSANDBYTES_REQUIREMENT, HF_REQUIREMENTS } from './images.js';

function quantization(input: ProjectInput): string | undefined {
  const value = input.server.options['quantization'];
  return typeof value === 'string' && value !== 'none' ? value : undefined;
}

/** The DJL-specific lines: the Python engine with DJL's Hugging Face handler. */
export function djlProperties(input: ProjectInput): PropertySetting[] {
  const { options } = input.server;
  const out: PropertySetting[] = [
    { key: 'engine', value: 'Python', description: "DJL Serving's Python engine" },
    {
      key: 'option.entryPoint',
      value: 'djl_python.huggingface',
      description: "DJL's Hugging Face (Transformers and Accelerate) handler",
    },
    {
      key: 'option.rolling_batch',
      value: options['rolling-batch'] === 'disable' ? 'disable' : 'auto',
      option: 'rolling-batch',
      description: 'continuous batching for text generation',
    },
  ];
  const quantize = quantization(input);
  if (quantize) {
    out.push({
      key: 'option.quantize',
      value: quantize,
      option: 'quantization',
      description: 'bitsandbytes quantization at load time',
    });
  }
  if (options['trust-remote-code'] === true) {
    out.push({
      key: 'option.trust_remote_code',
      value: true,
      option: 'trust-remote-code',
      description: "run the model repository's own code",
    });
  }
  const timeout = options['model-loading-timeout'];
  if (timeout !== undefined) {
    out.push({
      key: 'option.model_loading_timeout',
      value: timeout,
      option: 'model-loading-timeout',
      description: 'seconds the model may take to load',
    });
  }
  return out;
}

/** requirements.txt: the Hugging Face libraries, and bitsandbytes when quantizing. */
export function djlRequirements(input: ProjectInput): string[] {
  return [...HF_REQUIREMENTS, ...(quantization(input) ? [BITSANDBYTES_REQUIREMENT] : [])];
}
