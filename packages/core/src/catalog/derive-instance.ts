import type { InstanceCatalog, ProjectInstance } from '@mcc/sdk';
import { instanceCatalog } from './catalog.js';
import { invalidInstanceTypeError, isRealtimeInstanceType } from './realtime-types.js';

// Families whose every size carries at least one GPU or Neuron device (g5, p4d, inf2, trn1, dl1 …).
const ACCELERATED_FAMILY = /^(g|p|inf|trn|dl)\d/;

/**
 * vCPUs implied by an instance type's size: medium 1, large 2, xlarge 4, Nxlarge 4N. Burstable
 * t2/t3 types are the exception (their medium has 2). Undefined for a size that does not follow it.
 */
export function vcpuFromInstanceType(instanceType: string): number | undefined {
  const [, family = '', size = ''] = instanceType.split('.');
  if (size === 'medium') return /^t\d/.test(family) ? 2 : 1;
  if (size === 'large') return 2;
  const xl = /^(\d*)xlarge$/.exec(size);
  if (!xl) return undefined;
  return 4 * (xl[1] ? Number(xl[1]) : 1);
}

/**
 * The instance a project is sized for. A catalogued type takes the catalog's figures; a type
 * SageMaker accepts but the catalog does not describe gets its vCPUs from its size, no memory, and
 * `catalogued: false`. Its accelerator count is a lower bound (1 for GPU/Neuron families) since the
 * size does not say how many devices it has. Anything else is a usage error with suggestions.
 */
export function deriveInstance(
  instanceType: string,
  catalog: InstanceCatalog = instanceCatalog,
): ProjectInstance {
  if (!isRealtimeInstanceType(instanceType)) throw invalidInstanceTypeError(instanceType);
  const info = catalog.get(instanceType);
  if (info) {
    return {
      instanceType,
      vcpu: info.vcpu,
      memoryGiB: info.memoryGiB,
      acceleratorCount: info.accelerator?.count ?? 0,
      catalogued: true,
    };
  }
  const vcpu = vcpuFromInstanceType(instanceType);
  // Every type in the SDK's enum follows the size pattern (checked by test/instance-types.test.ts).
  if (vcpu === undefined) throw invalidInstanceTypeError(instanceType);
  const family = instanceType.split('.')[1] ?? '';
  return {
    instanceType,
    vcpu,
    acceleratorCount: ACCELERATED_FAMILY.test(family) ? 1 : 0,
    catalogued: false,
  };
}
