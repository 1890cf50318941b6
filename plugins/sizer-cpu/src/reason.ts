import type { InstanceInfo } from '@mcc/sdk';
import {
  FIXED_BYTES,
  GiB,
  USABLE_MEMORY_FRACTION,
  WORKER_RUNTIME_BYTES,
  type ServingEstimate,
} from './estimate.js';
import type { CpuFamily } from './families.js';
import { formatBytes } from './format.js';

/**
 * One sentence with every figure of the estimate, so a user can redo the sum:
 * `ml.m5.large (general purpose, 2 vCPU, 8 GiB) needs about 1.2 GiB of its 6.4 GiB usable (80%):
 * 704 MiB for the system, nginx and server plus 2 workers (one per vCPU) × 259 MiB (256 MiB runtime
 * + the 1 MiB model × 3).`
 */
export function explain(
  instance: InstanceInfo,
  kind: CpuFamily['kind'],
  estimate: ServingEstimate,
  model: { sizeBytes: number | undefined; memoryPerModelByte: number },
): string {
  const workers =
    estimate.workers === instance.vcpu
      ? `${estimate.workers} worker${estimate.workers === 1 ? '' : 's'} (one per vCPU)`
      : `${estimate.workers} worker${estimate.workers === 1 ? '' : 's'} (memory allows ${estimate.workers} of ${instance.vcpu} vCPUs)`;
  const perWorker =
    model.sizeBytes === undefined
      ? `${formatBytes(WORKER_RUNTIME_BYTES)} runtime; model size unknown, not counted`
      : `${formatBytes(WORKER_RUNTIME_BYTES)} runtime + the ${formatBytes(model.sizeBytes)} model × ${model.memoryPerModelByte}`;
  const price = instance.priceUsdPerHour === undefined ? '' : `, at $${instance.priceUsdPerHour}/hour`;
  return (
    `${instance.instanceType} (${kind}, ${instance.vcpu} vCPU, ${formatBytes(instance.memoryGiB * GiB)}) ` +
    `needs about ${formatBytes(estimate.estimatedBytes)} of its ${formatBytes(estimate.usableBytes)} usable ` +
    `(${Math.round(USABLE_MEMORY_FRACTION * 100)}%): ${formatBytes(FIXED_BYTES)} for the system, nginx and server ` +
    `plus ${workers} × ${formatBytes(estimate.perWorkerBytes)} (${perWorker})${price}.`
  );
}
