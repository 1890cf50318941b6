/** One SageMaker instance type from the catalog core ships. */
export interface InstanceInfo {
  /** e.g. `ml.m5.large`. */
  instanceType: string;
  /** e.g. `m5`, `g5`. */
  family: string;
  vcpu: number;
  /** Host memory. */
  memoryGiB: number;
  /** GPUs or Neuron devices, when the instance has any. */
  accelerator?: {
    kind: 'gpu' | 'neuron';
    model: string;
    count: number;
    memoryPerDeviceMiB: number;
  };
  /** On-demand USD per hour in us-east-1 where known. */
  priceUsdPerHour?: number;
}

/** Read-only view of the instance catalog, handed to sizers and plugins by core. */
export interface InstanceCatalog {
  all(): readonly InstanceInfo[];
  get(instanceType: string): InstanceInfo | undefined;
}
