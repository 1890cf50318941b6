export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** The OS and SageMaker's own agents on the host. */
export const SYSTEM_BYTES = 512 * MiB;
/** nginx in front of the server. */
export const NGINX_BYTES = 64 * MiB;
/** The server's supervising Python process (gunicorn's arbiter, or uvicorn's). */
export const SERVER_PROCESS_BYTES = 128 * MiB;
/** One worker's interpreter with numpy, pandas and the framework imported, before the model loads. */
export const WORKER_RUNTIME_BYTES = 256 * MiB;
/**
 * Memory a loaded model takes per byte on disk, unless the server says otherwise: deserialised
 * trees and arrays are larger than their pickles, and a request needs working room besides.
 */
export const DEFAULT_MEMORY_PER_MODEL_BYTE = 3;
/** Share of host memory the estimate may use; the rest absorbs fragmentation and request bursts. */
export const USABLE_MEMORY_FRACTION = 0.8;

export const FIXED_BYTES = SYSTEM_BYTES + NGINX_BYTES + SERVER_PROCESS_BYTES;

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
