import type { InstanceInfo } from '@mcc/sdk';
import type { ResolvedDtype } from './dtype.js';
import { BYTES_PER_PARAMETER } from './dtype.js';
import { FIXED_OVERHEAD_PER_GPU, OVERHEAD_FRACTION, type GpuEstimate } from './estimate.js';
import type { ModelFacts } from './model-facts.js';
import { formatBytes, formatCount, MiB } from './units.js';
import type { PlannedWorkload } from './workload.js';

const DTYPE_FROM: Readonly<Record<ResolvedDtype['from'], string>> = {
  given: 'as given',
  quantization: "the checkpoint's quantization",
  torch_dtype: "the config's torch_dtype",
  assumed: 'assumed: the config names none',
};

/** `8.03B parameters (the Hub's safetensors count; all 8 experts resident, 2 per token) × 2 B (bf16, …)`. */
function weightsWords(facts: ModelFacts, workload: PlannedWorkload): string {
  const { precision, from } = workload.dtype;
  const experts = facts.arch.experts;
  const moe = experts
    ? `; all ${experts.count} experts resident${experts.perToken ? `, ${experts.perToken} used per token` : ''}`
    : '';
  const source =
    facts.parameters.source === 'safetensors' ? "the Hub's safetensors count" : 'counted from config.json';
  return `${formatCount(facts.parameters.total)} parameters (${source}${moe}) × ${BYTES_PER_PARAMETER[precision]} B (${precision}, ${DTYPE_FROM[from]})`;
}

/** `90% of the GPU`, or `85% of the GPU, the gpu-memory-utilization given`. */
function usableShare(workload: PlannedWorkload): string {
  const percent = `${Math.round(workload.gpuMemoryUtilization * 1000) / 10}% of the GPU`;
  return workload.gpuMemoryUtilizationFrom === 'given'
    ? `${percent}, the GPU memory utilization given`
    : percent;
}

/**
 * One paragraph with every figure of the estimate, so a user can redo the sum: the per-GPU need
 * against the usable share, the weights, KV cache and overhead behind it, the split, and the price.
 */
export function explain(
  instance: InstanceInfo,
  estimate: GpuEstimate,
  facts: ModelFacts,
  workload: PlannedWorkload,
): string {
  const gpu = instance.accelerator!;
  const tp = estimate.tensorParallelDegree;
  const device = `${gpu.count} × ${gpu.model}, ${formatBytes(gpu.memoryPerDeviceMiB * MiB)}${gpu.count > 1 ? ' each' : ''}`;
  const where = tp === 1 ? 'on one GPU' : `per GPU, split over ${tp} (tensor-parallel degree ${tp})`;
  const spare = formatBytes(estimate.usablePerGpu - estimate.neededPerGpu);
  const weights =
    tp === 1
      ? `Weights ${formatBytes(estimate.weightsPerGpu)}: ${weightsWords(facts, workload)}`
      : `Weights ${formatBytes(estimate.weightsPerGpu)}: 1/${tp} of ${formatBytes(facts.weightsBytes)}, ${weightsWords(facts, workload)}`;
  const kvHeads = Math.max(1, facts.arch.kvHeads / tp);
  const replicated = tp > facts.arch.kvHeads ? ', replicated' : '';
  const kv =
    `KV cache ${formatBytes(estimate.kvPerGpu)}: ${workload.concurrency} sequence${workload.concurrency === 1 ? '' : 's'} × ` +
    `${workload.maxModelLen} tokens × ${formatBytes(estimate.kvPerTokenPerGpu)} per token ` +
    `(2 × ${facts.arch.layers} layers × ${kvHeads} KV head${kvHeads === 1 ? '' : 's'}${replicated} × ${facts.arch.headDim} head dim × ${workload.dtype.kvBytes} B)`;
  const overhead =
    `overhead ${formatBytes(estimate.overheadPerGpu)}: ${formatBytes(FIXED_OVERHEAD_PER_GPU)} CUDA context and buffers ` +
    `+ ${Math.round(OVERHEAD_FRACTION * 100)}% of weights and KV cache`;
  const total =
    tp === 1
      ? ''
      : `; ${formatBytes(estimate.neededPerGpu * tp)} of ${formatBytes(estimate.usablePerGpu * tp)} on all ${tp}`;
  const unused =
    tp < gpu.count
      ? workload.tensorParallelDegree !== undefined
        ? `; uses ${tp} of its ${gpu.count} GPUs, the degree given`
        : `; uses ${tp} of its ${gpu.count} GPUs: ${facts.arch.attentionHeads} attention heads and ${facts.arch.kvHeads} KV head${facts.arch.kvHeads === 1 ? '' : 's'} split no further`
      : '';
  // Turing and Volta GPUs have no bf16: the engine refuses it there, and fp16 takes the same memory.
  const note =
    workload.dtype.precision === 'bf16' && /\b(T4|V100)\b/.test(gpu.model)
      ? ` The ${gpu.model} has no bf16: serve with dtype fp16 (same size).`
      : '';
  const price =
    instance.priceUsdPerHour === undefined
      ? "price unknown in mcc's catalog (ranked after priced instances, by GPU memory)"
      : `$${instance.priceUsdPerHour}/hour`;
  return (
    `${instance.instanceType} (${device}) needs ${formatBytes(estimate.neededPerGpu)} of ${formatBytes(estimate.usablePerGpu)} usable ` +
    `(${usableShare(workload)}, ${spare} spare) ${where}. ${weights}; ${kv}; ${overhead}${total}${unused}. ${price}.${note}`
  );
}
