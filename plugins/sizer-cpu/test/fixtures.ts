import type { InstanceCatalog, InstanceInfo, SizingRequest } from '@mcc/sdk';

// A few real catalog entries, copied as data: plugins cannot read core's catalog.
export const instances: InstanceInfo[] = [
  {
    instanceType: 'ml.g5.xlarge',
    family: 'g5',
    vcpu: 4,
    memoryGiB: 16,
    priceUsdPerHour: 1.4084,
    accelerator: { kind: 'gpu', model: 'NVIDIA A10G', count: 1, memoryPerDeviceMiB: 22888 },
  },
  { instanceType: 'ml.t2.medium', family: 't2', vcpu: 2, memoryGiB: 4 },
  { instanceType: 'ml.m6g.large', family: 'm6g', vcpu: 2, memoryGiB: 8 },
  { instanceType: 'ml.r5.24xlarge', family: 'r5', vcpu: 96, memoryGiB: 768 },
  { instanceType: 'ml.r5.4xlarge', family: 'r5', vcpu: 16, memoryGiB: 128 },
  { instanceType: 'ml.r5.large', family: 'r5', vcpu: 2, memoryGiB: 16 },
  { instanceType: 'ml.c6i.large', family: 'c6i', vcpu: 2, memoryGiB: 4 },
  { instanceType: 'ml.c5.9xlarge', family: 'c5', vcpu: 36, memoryGiB: 72 },
  { instanceType: 'ml.c5.xlarge', family: 'c5', vcpu: 4, memoryGiB: 8, priceUsdPerHour: 0.204 },
  { instanceType: 'ml.c5.large', family: 'c5', vcpu: 2, memoryGiB: 4 },
  { instanceType: 'ml.m6i.large', family: 'm6i', vcpu: 2, memoryGiB: 8 },
  { instanceType: 'ml.m5.24xlarge', family: 'm5', vcpu: 96, memoryGiB: 384 },
  { instanceType: 'ml.m5.12xlarge', family: 'm5', vcpu: 48, memoryGiB: 192 },
  { instanceType: 'ml.m5.4xlarge', family: 'm5', vcpu: 16, memoryGiB: 64 },
  { instanceType: 'ml.m5.xlarge', family: 'm5', vcpu: 4, memoryGiB: 16, priceUsdPerHour: 0.23 },
  { instanceType: 'ml.m5.large', family: 'm5', vcpu: 2, memoryGiB: 8 },
];

export const catalog: InstanceCatalog = {
  all: () => instances,
  get: (type) => instances.find((i) => i.instanceType === type),
};

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

export function request(
  sizeBytes: number | undefined,
  server: Partial<SizingRequest['server']> = {},
): SizingRequest {
  return {
    model: { source: 'local', location: '/models/m.joblib', sizeBytes, sample: false, delivery: 'copy' },
    server: { id: 'sklearn', accelerator: 'cpu', ...server },
  };
}
