import type { ProjectInput } from '../project.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Memory each worker process takes besides the model: the interpreter, numpy, the framework, the
 * app. The same figure as the CPU sizer's, so a recommended instance and the server's default agree.
 */
export const WORKER_RUNTIME_BYTES = 256 * MiB;
/** The system, nginx and the supervising `serve` process. */
export const FIXED_BYTES = 704 * MiB;
/** Headroom: never plan to fill the host. */
export const USABLE_MEMORY_FRACTION = 0.8;

/**
 * Workers for `workers=0`: one per vCPU, but no more than the instance's memory holds, since each
 * worker loads its own copy of the model (`memoryPerModelByte` bytes of memory per byte on disk).
 */
export function defaultWorkers(input: ProjectInput, memoryPerModelByte: number): number {
  const byCpu = Math.max(1, Math.floor(input.instance.vcpu));
  const { memoryGiB } = input.instance;
  const modelBytes = input.model.sizeBytes;
  if (memoryGiB === undefined || modelBytes === undefined) return byCpu;
  const usable = memoryGiB * GiB * USABLE_MEMORY_FRACTION - FIXED_BYTES;
  const byMemory = Math.floor(usable / (WORKER_RUNTIME_BYTES + modelBytes * memoryPerModelByte));
  return Math.max(1, Math.min(byCpu, byMemory));
}

/**
 * OpenMP/BLAS threads per worker the README quotes for the instance: its vCPUs shared out, at
 * least one. `code/serve` computes the same from the CPUs it actually sees.
 */
export function threadsPerWorker(vcpu: number, workers: number): number {
  return Math.max(1, Math.floor(Math.max(1, Math.floor(vcpu)) / Math.max(1, workers)));
}
