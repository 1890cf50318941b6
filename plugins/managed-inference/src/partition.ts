// The partition rules are the sdk's, shared by every SageMaker target.
export { arnPartition, partitionOf } from '@mcc/sdk';
export type { Partition } from '@mcc/sdk';
