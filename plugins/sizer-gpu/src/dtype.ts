import { listOf, usageError } from '@mcc/sdk';
import type { Architecture } from './architecture.js';

/** The weight formats the sizer knows. */
export type Precision = 'fp32' | 'bf16' | 'fp16' | 'fp8' | 'int8' | 'int4';

export const BYTES_PER_PARAMETER: Readonly<Record<Precision, number>> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
};

/** What `--dtype` / the `dtype` option accept (`auto`: the model's own). */
export const ACCEPTED_DTYPES: readonly string[] = ['auto', ...Object.keys(BYTES_PER_PARAMETER)];

// The spellings of torch and the engines for the same formats.
const ALIASES: Readonly<Record<string, Precision>> = {
  float32: 'fp32',
  float: 'fp32',
  bfloat16: 'bf16',
  float16: 'fp16',
  half: 'fp16',
};

/** The weights' format and where it was decided. */
export interface ResolvedDtype {
  precision: Precision;
  /** `given` by the user, the checkpoint's `quantization`, its `torch_dtype`, or `assumed` (bf16). */
  from: 'given' | 'quantization' | 'torch_dtype' | 'assumed';
  /**
   * Bytes per KV-cache element. Quantized weights still compute (and cache keys and values) in 16
   * bits unless a KV-cache dtype is set, which the workload does not carry; fp32 models cache in 32.
   */
  kvBytes: number;
}

function precisionOf(value: string): Precision | undefined {
  const v = value.trim().toLowerCase();
  if (v in BYTES_PER_PARAMETER) return v as Precision;
  if (v in ALIASES) return ALIASES[v];
  if (v.startsWith('float8') || v.startsWith('fp8')) return 'fp8';
  return undefined;
}

/** The format a pre-quantized checkpoint (`quantization_config`) stores its weights in. */
function quantized(q: Readonly<Record<string, unknown>>): Precision | undefined {
  if (q.quant_method === 'fp8') return 'fp8';
  if (q.bits === 4 || q.load_in_4bit === true) return 'int4';
  if (q.bits === 8 || q.load_in_8bit === true) return 'int8';
  return undefined;
}

const resolved = (precision: Precision, from: ResolvedDtype['from']): ResolvedDtype => ({
  precision,
  from,
  kvBytes: precision === 'fp32' ? 4 : 2,
});

/**
 * The precision the weights are served in: the one given, else (`auto` or nothing) the checkpoint's
 * quantization, its `torch_dtype`, or bf16 when the config says neither. An unknown value is a usage
 * error listing the accepted ones.
 */
export function resolveDtype(given: string | undefined, arch: Architecture): ResolvedDtype {
  if (given !== undefined && given.trim().toLowerCase() !== 'auto') {
    const precision = precisionOf(given);
    if (!precision) {
      throw usageError(
        'INVALID_DTYPE',
        `dtype "${given}" is not one the GPU sizer knows. Accepted: ${listOf(ACCEPTED_DTYPES)} (also float32, bfloat16, float16).`,
        ['Use int4 for AWQ/GPTQ 4-bit checkpoints and int8 or fp8 for 8-bit ones.'],
      );
    }
    return resolved(precision, 'given');
  }
  const fromQuantization = arch.quantization ? quantized(arch.quantization) : undefined;
  if (fromQuantization) return resolved(fromQuantization, 'quantization');
  const fromConfig = arch.torchDtype === undefined ? undefined : precisionOf(arch.torchDtype);
  if (fromConfig) return resolved(fromConfig, 'torch_dtype');
  return resolved('bf16', 'assumed');
}
