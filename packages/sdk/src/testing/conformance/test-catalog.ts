import type { InstanceCatalog, InstanceInfo } from '../../instance.js';

const GiB_MiB = 1024;

/**
 * A dozen SageMaker real-time instance types, enough to rank between: CPU types of three families
 * and sizes, one- to eight-GPU types, and a GPU type with no known price (ranked however the sizer
 * ranks unpriced types). Prices are illustrative on-demand figures, not a price list.
 */
export const TEST_INSTANCES: readonly InstanceInfo[] = [
  { instanceType: 'ml.m5.large', family: 'm5', vcpu: 2, memoryGiB: 8, priceUsdPerHour: 0.115 },
  { instanceType: 'ml.m5.xlarge', family: 'm5', vcpu: 4, memoryGiB: 16, priceUsdPerHour: 0.23 },
  { instanceType: 'ml.m5.4xlarge', family: 'm5', vcpu: 16, memoryGiB: 64, priceUsdPerHour: 0.922 },
  { instanceType: 'ml.c5.xlarge', family: 'c5', vcpu: 4, memoryGiB: 8, priceUsdPerHour: 0.204 },
  { instanceType: 'ml.r5.large', family: 'r5', vcpu: 2, memoryGiB: 16, priceUsdPerHour: 0.151 },
  {
    instanceType: 'ml.g5.xlarge',
    family: 'g5',
    vcpu: 4,
    memoryGiB: 16,
    accelerator: { kind: 'gpu', model: 'A10G', count: 1, memoryPerDeviceMiB: 24 * GiB_MiB },
    priceUsdPerHour: 1.408,
  },
  {
    instanceType: 'ml.g5.2xlarge',
    family: 'g5',
    vcpu: 8,
    memoryGiB: 32,
    accelerator: { kind: 'gpu', model: 'A10G', count: 1, memoryPerDeviceMiB: 24 * GiB_MiB },
    priceUsdPerHour: 1.515,
  },
  {
    instanceType: 'ml.g5.12xlarge',
    family: 'g5',
    vcpu: 48,
    memoryGiB: 192,
    accelerator: { kind: 'gpu', model: 'A10G', count: 4, memoryPerDeviceMiB: 24 * GiB_MiB },
    priceUsdPerHour: 7.09,
  },
  {
    instanceType: 'ml.g6e.xlarge',
    family: 'g6e',
    vcpu: 4,
    memoryGiB: 32,
    accelerator: { kind: 'gpu', model: 'L40S', count: 1, memoryPerDeviceMiB: 45 * GiB_MiB },
  },
  {
    instanceType: 'ml.p4d.24xlarge',
    family: 'p4d',
    vcpu: 96,
    memoryGiB: 1152,
    accelerator: { kind: 'gpu', model: 'A100', count: 8, memoryPerDeviceMiB: 40 * GiB_MiB },
    priceUsdPerHour: 37.688,
  },
];

/** An `InstanceCatalog` over a list, for sizer tests. */
export function testCatalog(instances: readonly InstanceInfo[] = TEST_INSTANCES): InstanceCatalog {
  return { all: () => instances, get: (type) => instances.find((i) => i.instanceType === type) };
}
