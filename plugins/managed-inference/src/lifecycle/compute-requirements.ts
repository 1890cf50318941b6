import type { ProjectInstance } from '@mcc/sdk';

/** What one copy of the model reserves on an instance (the inference component's compute requirements). */
export interface ComputeRequirements {
  cpuCores: number;
  minMemoryMb: number;
  accelerators: number;
}

/** Memory SageMaker keeps for the host's own agents on every instance. */
const HOST_RESERVED_MB = 1024;
/** Share of the rest a copy may reserve, so copies and the container's runtime fit side by side. */
const USABLE_FRACTION = 0.9;
const FALLBACK_MEMORY_GIB = 2;

/**
 * Splits the sized instance evenly among the initial copies: each copy asks for its share of the
 * vCPUs (at least one) and of the memory left after the host's reserve, and for the accelerators
 * when the instance has them (one per copy at least).
 */
export function computeRequirements(instance: ProjectInstance, copies: number): ComputeRequirements {
  const perCopy = Math.max(1, copies);
  const memoryMb = (instance.memoryGiB ?? FALLBACK_MEMORY_GIB) * 1024;
  const usable = Math.max(512, (memoryMb - HOST_RESERVED_MB) * USABLE_FRACTION);
  return {
    cpuCores: Math.max(1, Math.floor(instance.vcpu / perCopy)),
    minMemoryMb: Math.max(128, Math.floor(usable / perCopy)),
    accelerators:
      instance.acceleratorCount > 0 ? Math.max(1, Math.floor(instance.acceleratorCount / perCopy)) : 0,
  };
}
