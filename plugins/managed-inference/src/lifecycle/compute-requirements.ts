import { usageError } from '@mcc/sdk';
import type { ProjectInstance } from '@mcc/sdk';

/** What one copy of the model reserves on an instance (the inference component's compute requirements). */
export interface ComputeRequirements {
  cpuCores: number;
  minMemoryMb: number;
  /** The most a copy may grow to: its share of the instance. Set when the minimum is the sizer's estimate. */
  maxMemoryMb?: number;
  accelerators: number;
}

/** Memory SageMaker keeps for the host's own agents on every instance. */
const HOST_RESERVED_MB = 1024;
/** Share of the rest the copies may reserve, so they and the container runtimes fit side by side. */
const USABLE_FRACTION = 0.9;
const FALLBACK_MEMORY_GIB = 2;
const MIN_MEMORY_MB = 128;
const MiB = 1024 * 1024;

export interface Placement {
  /** Copies of the model the component starts with. */
  copies: number;
  /** Instances the endpoint starts with; copies spread over them evenly. */
  instanceCount: number;
}

/**
 * Each copy asks for its share of an instance's vCPUs (at least one) and accelerators, where copies
 * spread evenly over the instances. Memory: when a sizer sized the project, a copy reserves the
 * sizer's estimate of what the server uses (each copy runs the same workers), may grow to its share,
 * and copies that would not fit beside each other are refused before any call; otherwise a copy
 * reserves its whole share of the memory left after the host's reserve.
 */
export function computeRequirements(instance: ProjectInstance, placement: Placement): ComputeRequirements {
  const perInstance = Math.max(1, Math.ceil(placement.copies / Math.max(1, placement.instanceCount)));
  const memoryMb = (instance.memoryGiB ?? FALLBACK_MEMORY_GIB) * 1024;
  const usableMb = Math.max(512, (memoryMb - HOST_RESERVED_MB) * USABLE_FRACTION);
  const shareMb = Math.max(MIN_MEMORY_MB, Math.floor(usableMb / perInstance));
  const requirements: ComputeRequirements = {
    cpuCores: Math.max(1, Math.floor(instance.vcpu / perInstance)),
    minMemoryMb: shareMb,
    accelerators:
      instance.acceleratorCount > 0 ? Math.max(1, Math.floor(instance.acceleratorCount / perInstance)) : 0,
  };
  const sizing = instance.sizing;
  // A GPU sizer's tensor-parallel degree is the devices one copy needs.
  if (sizing?.tensorParallelDegree !== undefined && instance.acceleratorCount > 0) {
    requirements.accelerators = Math.min(instance.acceleratorCount, sizing.tensorParallelDegree);
  }
  if (sizing?.hostMemoryBytes === undefined) return requirements;
  const neededMb = Math.max(MIN_MEMORY_MB, Math.ceil(sizing.hostMemoryBytes / MiB));
  if (neededMb > shareMb) {
    const fit = Math.floor(usableMb / neededMb);
    throw usageError(
      'COPIES_DO_NOT_FIT',
      `${perInstance} copies per ${instance.instanceType} need ${neededMb} MiB each (the ${sizing.sizer} sizer's estimate), more than the ${Math.floor(usableMb)} MiB an instance offers them together.`,
      [
        fit >= 1
          ? `Use at most ${fit * Math.max(1, placement.instanceCount)} copies (--option copies=N at generation, or edit mcc.json), or more instances (instance-count).`
          : `The model does not fit on ${instance.instanceType} at all: regenerate for a larger instance (mcc size shows where it fits).`,
      ],
    );
  }
  return { ...requirements, minMemoryMb: neededMb, maxMemoryMb: shareMb };
}
