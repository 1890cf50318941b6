import type { InstanceInfo } from '@mcc/sdk';
import type { GpuEstimate } from './estimate.js';

/** An instance where the model fits, with its best split. */
export interface Candidate {
  instance: InstanceInfo;
  estimate: GpuEstimate;
}

const totalGpuMiB = (i: InstanceInfo): number =>
  (i.accelerator?.count ?? 0) * (i.accelerator?.memoryPerDeviceMiB ?? 0);
const headroom = (c: Candidate): number =>
  (c.estimate.usablePerGpu - c.estimate.neededPerGpu) * c.estimate.tensorParallelDegree;

/**
 * Best first: instances with a known price by hourly price, then by headroom (more spare memory
 * first); after them, instances whose price the catalog does not know, by total GPU memory and GPU
 * count (smaller first, as a stand-in for cheaper), then headroom. Ties end on vCPUs and the name so
 * the order is stable.
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  const pa = a.instance.priceUsdPerHour;
  const pb = b.instance.priceUsdPerHour;
  if ((pa === undefined) !== (pb === undefined)) return pa === undefined ? 1 : -1;
  const byPrice = pa !== undefined && pb !== undefined ? pa - pb : 0;
  const byMemory =
    pa === undefined
      ? totalGpuMiB(a.instance) - totalGpuMiB(b.instance) ||
        (a.instance.accelerator?.count ?? 0) - (b.instance.accelerator?.count ?? 0)
      : 0;
  return (
    byPrice ||
    byMemory ||
    headroom(b) - headroom(a) ||
    a.instance.vcpu - b.instance.vcpu ||
    a.instance.instanceType.localeCompare(b.instance.instanceType)
  );
}
