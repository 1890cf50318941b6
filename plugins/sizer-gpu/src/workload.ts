import { listOf, usageError, type Workload } from '@mcc/sdk';
import type { Architecture } from './architecture.js';
import { resolveDtype, type ResolvedDtype } from './dtype.js';
import { GPU_MEMORY_FRACTION } from './estimate.js';
import { TP_DEGREES, validDegrees } from './tensor-parallel.js';

/**
 * Context the KV cache is sized for unless told: long enough for chat with a few documents, and
 * what most engines' examples use. Capped at the model's `max_position_embeddings`.
 */
export const DEFAULT_MAX_MODEL_LEN = 4096;

/**
 * Full-length sequences served at once unless told. Four is a modest endpoint: the estimate holds
 * 4 × 4096 tokens of KV cache, so an 8B model in bf16 fits one 24 GB GPU (A10G, L4), as it is
 * commonly deployed; the engine still batches more, shorter requests into that space. Raise it with
 * `--concurrency` (or the server's `max-concurrency` option) to size for throughput.
 */
export const DEFAULT_CONCURRENCY = 4;

/** The workload after defaults and checks, with where each figure came from. */
export interface PlannedWorkload {
  dtype: ResolvedDtype;
  maxModelLen: number;
  maxModelLenFrom: 'given' | 'default' | 'model limit';
  concurrency: number;
  concurrencyFrom: 'given' | 'default';
  /** Share of each GPU the estimate is held against. */
  gpuMemoryUtilization: number;
  gpuMemoryUtilizationFrom: 'given' | 'default';
  /** Fixed by the user; otherwise every degree the model splits over is tried. */
  tensorParallelDegree?: number;
}

function positiveInteger(value: number | undefined, what: string, model: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) {
    throw usageError(
      'INVALID_WORKLOAD',
      `${what} ${value} for ${model} is not accepted: give a whole number of 1 or more.`,
    );
  }
  return value;
}

/**
 * Applies the defaults to what the user gave and checks it against the model: a context longer
 * than the model's positions, or a TP degree that does not split its heads, is a usage error.
 */
export function planWorkload(
  workload: Workload | undefined,
  arch: Architecture,
  model: string,
): PlannedWorkload {
  const dtype = resolveDtype(workload?.dtype, arch);
  const givenLen = positiveInteger(workload?.maxModelLen, 'max model length', model);
  if (givenLen !== undefined && arch.maxPositions !== undefined && givenLen > arch.maxPositions) {
    throw usageError(
      'INVALID_WORKLOAD',
      `max model length ${givenLen} is longer than ${model} supports: its max_position_embeddings is ${arch.maxPositions}. Accepted: 1 to ${arch.maxPositions}.`,
    );
  }
  const capped = arch.maxPositions !== undefined && arch.maxPositions < DEFAULT_MAX_MODEL_LEN;
  const concurrency = positiveInteger(workload?.concurrency, 'concurrency', model);
  const fraction = workload?.gpuMemoryUtilization;
  if (fraction !== undefined && !(Number.isFinite(fraction) && fraction > 0 && fraction <= 1)) {
    throw usageError(
      'INVALID_WORKLOAD',
      `GPU memory utilization ${fraction} for ${model} is not accepted: give a fraction above 0 and at most 1 (0.9 is 90% of each GPU).`,
    );
  }
  const plan: PlannedWorkload = {
    dtype,
    maxModelLen: givenLen ?? (capped ? arch.maxPositions! : DEFAULT_MAX_MODEL_LEN),
    maxModelLenFrom: givenLen !== undefined ? 'given' : capped ? 'model limit' : 'default',
    concurrency: concurrency ?? DEFAULT_CONCURRENCY,
    concurrencyFrom: concurrency === undefined ? 'default' : 'given',
    gpuMemoryUtilization: fraction ?? GPU_MEMORY_FRACTION,
    gpuMemoryUtilizationFrom: fraction === undefined ? 'default' : 'given',
  };
  const tp = workload?.tensorParallelDegree;
  if (tp !== undefined) {
    const accepted = validDegrees(arch);
    if (!accepted.includes(tp)) {
      const why = TP_DEGREES.includes(tp)
        ? `it does not split the model's ${arch.attentionHeads} attention heads and ${arch.kvHeads} KV heads evenly`
        : `an instance has 1, 2, 4 or 8 GPUs to split over`;
      throw usageError(
        'INVALID_TENSOR_PARALLEL_DEGREE',
        `Tensor-parallel degree ${tp} is not possible for ${model}: ${why}. Accepted: ${listOf(accepted.map(String))}.`,
        ['Leave the degree out and the sizer picks one per instance.'],
      );
    }
    plan.tensorParallelDegree = tp;
  }
  return plan;
}
