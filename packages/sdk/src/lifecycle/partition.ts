/** What differs between AWS partitions for the ARNs and registry host names mcc writes. */
export interface Partition {
  /** The partition field of ARNs: `aws`, `aws-cn`, `aws-us-gov`. */
  id: string;
  /** DNS suffix of regional endpoints, e.g. the ECR registry host `<account>.dkr.ecr.<region>.<suffix>`. */
  dnsSuffix: string;
}

const COMMERCIAL: Partition = { id: 'aws', dnsSuffix: 'amazonaws.com' };

// Ordered so that the more specific prefix wins; commercial regions match none of them.
const BY_REGION_PREFIX: readonly [string, Partition][] = [
  ['cn-', { id: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' }],
  ['us-gov-', { id: 'aws-us-gov', dnsSuffix: 'amazonaws.com' }],
];

/** The partition a region belongs to. */
export function partitionOf(region: string): Partition {
  return BY_REGION_PREFIX.find(([prefix]) => region.startsWith(prefix))?.[1] ?? COMMERCIAL;
}

/** The partition field of an ARN, e.g. `aws-cn` from `arn:aws-cn:iam::…`. */
export function arnPartition(arn: string): string | undefined {
  return /^arn:([^:]+):/.exec(arn)?.[1];
}
