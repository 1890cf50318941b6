import { usageError } from '@mcc/sdk';
import type { OptionValues, ProjectInput } from '@mcc/sdk';
import type { PropertySetting } from '@mcc/sdk/serving-properties';

import type { RollingBatch } from './options.js';

function rollingBatch(options: OptionValues): RollingBatch {
  return options['rolling-batch'] === 'lmi-dist' ? 'lmi-dist' : 'vllm';
}

/** LoRA lines: only with enable-lora; a LoRA setting without it is a mistake worth naming. */
function loraProperties(options: OptionValues): PropertySetting[] {
  const enabled = options['enable-lora'] === true;
  const given = (['max-loras', 'max-lora-rank'] as const).filter((key) => options[key] !== undefined);
  if (!enabled) {
    if (given.length > 0) {
      throw usageError(
        'OPTION_INVALID',
        `${given.join(' and ')} ${given.length > 1 ? 'need' : 'needs'} enable-lora=true; LoRA is off.`,
        ['Pass --option enable-lora=true, or drop the LoRA options.'],
      );
    }
    return [];
  }
  const out: PropertySetting[] = [
    { key: 'option.enable_lora', value: true, option: 'enable-lora', description: 'serve LoRA adapters' },
  ];
  const maxLoras = options['max-loras'];
  if (maxLoras !== undefined) {
    out.push({
      key: 'option.max_loras',
      value: maxLoras,
      option: 'max-loras',
      description: 'LoRA adapters in one batch',
    });
  }
  const maxRank = options['max-lora-rank'];
  if (maxRank !== undefined) {
    out.push({
      key: 'option.max_lora_rank',
      value: maxRank,
      option: 'max-lora-rank',
      description: 'highest LoRA rank served',
    });
  }
  return out;
}

/** The LMI-specific lines of serving.properties. */
export function lmiProperties(input: ProjectInput): PropertySetting[] {
  const { options } = input.server;
  const library = rollingBatch(options);
  const out: PropertySetting[] = [
    {
      key: 'engine',
      // lmi-dist runs its workers under MPI; vLLM under DJL's Python engine.
      value: library === 'lmi-dist' ? 'MPI' : 'Python',
      description: 'how DJL Serving runs the Python workers',
    },
    {
      key: 'option.rolling_batch',
      value: library,
      option: 'rolling-batch',
      description: 'inference library, with continuous batching',
    },
  ];
  const quantization = options['quantization'];
  if (typeof quantization === 'string' && quantization !== 'none') {
    out.push({
      key: 'option.quantize',
      value: quantization,
      option: 'quantization',
      description: 'quantization applied at load time',
    });
  }
  out.push(...loraProperties(options));
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

/** The engine in words, for the README and comments. */
export function lmiEngineName(input: ProjectInput): string {
  return rollingBatch(input.server.options) === 'lmi-dist' ? 'LMI (lmi-dist)' : 'LMI (vLLM)';
}
