import type { ProjectInput } from '@mcc/sdk';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Memory each worker process takes besides the model: the interpreter, numpy, sklearn, the app. */
const WORKER_RUNTIME_BYTES = 256 * MiB;
/** The system, nginx and the supervising `serve` process. */
const FIXED_BYTES = 704 * MiB;
/** Headroom: never plan to fill the host. */
const USABLE_MEMORY_FRACTION = 0.8;
/** Each worker loads its own copy of the model; unpickled objects take about 3× the file's bytes. */
export const MEMORY_PER_MODEL_BYTE = 3;

/**
 * Workers for `workers=0`: one per vCPU, but no more than the instance's memory holds, since each
 * worker loads the model. These are the figures the CPU sizer plans with, so a recommended
 * instance and the server's default agree.
 */
export function defaultWorkers(input: ProjectInput): number {
  const byCpu = Math.max(1, Math.floor(input.instance.vcpu));
  const { memoryGiB } = input.instance;
  const modelBytes = input.model.sizeBytes;
  if (memoryGiB === undefined || modelBytes === undefined) return byCpu;
  const usable = memoryGiB * GiB * USABLE_MEMORY_FRACTION - FIXED_BYTES;
  const byMemory = Math.floor(usable / (WORKER_RUNTIME_BYTES + modelBytes * MEMORY_PER_MODEL_BYTE));
  return Math.max(1, Math.min(byCpu, byMemory));
}
