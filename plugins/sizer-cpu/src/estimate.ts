import { FIXED_BYTES, USABLE_MEMORY_FRACTION, WORKER_RUNTIME_BYTES } from '@mcc/sdk/predictive';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/**
 * Memory a loaded model takes per byte on disk, unless the server says otherwise: deserialised
 * trees and arrays are larger than their pickles, and a request needs working room besides.
 */
export const DEFAULT_MEMORY_PER_MODEL_BYTE = 3;
// The serving figures are the predictive kit's, so a recommended instance and the servers'
// default worker count are planned from the same numbers.
export { FIXED_BYTES, USABLE_MEMORY_FRACTION, WORKER_RUNTIME_BYTES } from '@mcc/sdk/predictive';

/** How one model would be served on one instance. */
export interface ServingEstimate {
  /** One per vCPU, fewer when memory allows fewer copies of the model (each worker loads its own). */
  workers: number;
  /** Model bytes one worker holds: size on disk × memory per model byte. */
  modelBytesInMemory: number;
  perWorkerBytes: number;
  estimatedBytes: number;
  usableBytes: number;
}

/**
 * Serving memory on an instance: fixed overhead plus, per worker, the runtime and a copy of the
 * model. Undefined when not even one worker fits in the usable share of host memory.
 */
export function estimateServing(
  instance: { vcpu: number; memoryGiB: number },
  modelBytes: number,
  memoryPerModelByte: number,
): ServingEstimate | undefined {
  const usableBytes = Math.floor(instance.memoryGiB * GiB * USABLE_MEMORY_FRACTION);
  const modelBytesInMemory = Math.ceil(modelBytes * memoryPerModelByte);
  const perWorkerBytes = WORKER_RUNTIME_BYTES + modelBytesInMemory;
  const workers = Math.min(instance.vcpu, Math.floor((usableBytes - FIXED_BYTES) / perWorkerBytes));
  if (!(workers >= 1)) return undefined;
  return {
    workers,
    modelBytesInMemory,
    perWorkerBytes,
    estimatedBytes: FIXED_BYTES + workers * perWorkerBytes,
    usableBytes,
  };
}
