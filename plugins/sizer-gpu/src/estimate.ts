import type { Architecture } from './architecture.js';
import { kvHeadsPerGpu } from './tensor-parallel.js';
import { GiB, MiB } from './units.js';

/**
 * Share of each GPU's memory the engine may use unless told (the workload's
 * `gpuMemoryUtilization`): vLLM's default `gpu-memory-utilization` (0.9), leaving the rest to the
 * driver and other processes.
 */
export const GPU_MEMORY_FRACTION = 0.9;

/**
 * Runtime overhead on every GPU, whatever the model: the CUDA context and kernels (300–500 MiB),
 * cuBLAS/cuDNN workspaces, NCCL buffers when the model is split, and captured CUDA graphs.
 */
export const FIXED_OVERHEAD_PER_GPU = GiB;

/**
 * Overhead growing with what the GPU holds: the activations of the engine's profiling pass (vLLM
 * logs ~1.2 GiB for an 8B model) and the caching allocator's fragmentation, as a share of the
 * weights and KV cache on that GPU.
 */
export const OVERHEAD_FRACTION = 0.05;

/** What the model needs of the GPUs it is split over. */
export interface ModelDemand {
  arch: Architecture;
  weightsBytes: number;
  /** Bytes per KV-cache element. */
  kvBytes: number;
  /** Tokens the KV cache holds: max model length × concurrency. */
  tokens: number;
}

/** One GPU's share, for a model split over `tensorParallelDegree` of them. */
export interface GpuEstimate {
  tensorParallelDegree: number;
  weightsPerGpu: number;
  kvPerGpu: number;
  /** KV-cache bytes one token takes on one GPU. */
  kvPerTokenPerGpu: number;
  overheadPerGpu: number;
  neededPerGpu: number;
  usablePerGpu: number;
  fits: boolean;
}

/** KV cache per token on one GPU: keys and values (2) × layers × its KV heads × head dim × bytes. */
export function kvBytesPerToken(arch: Architecture, kvBytes: number, tensorParallelDegree = 1): number {
  return 2 * arch.layers * kvHeadsPerGpu(arch, tensorParallelDegree) * arch.headDim * kvBytes;
}

/**
 * The model split over `tp` GPUs of `memoryPerDeviceMiB` each (weights split evenly), held against
 * `fraction` of each GPU.
 */
export function estimatePerGpu(
  demand: ModelDemand,
  memoryPerDeviceMiB: number,
  tp: number,
  fraction = GPU_MEMORY_FRACTION,
): GpuEstimate {
  const weightsPerGpu = Math.ceil(demand.weightsBytes / tp);
  const kvPerTokenPerGpu = kvBytesPerToken(demand.arch, demand.kvBytes, tp);
  const kvPerGpu = kvPerTokenPerGpu * demand.tokens;
  const overheadPerGpu = Math.ceil(FIXED_OVERHEAD_PER_GPU + OVERHEAD_FRACTION * (weightsPerGpu + kvPerGpu));
  const neededPerGpu = weightsPerGpu + kvPerGpu + overheadPerGpu;
  const usablePerGpu = Math.floor(memoryPerDeviceMiB * MiB * fraction);
  return {
    tensorParallelDegree: tp,
    weightsPerGpu,
    kvPerGpu,
    kvPerTokenPerGpu,
    overheadPerGpu,
    neededPerGpu,
    usablePerGpu,
    fits: neededPerGpu <= usablePerGpu,
  };
}
