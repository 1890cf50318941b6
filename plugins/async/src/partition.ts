/** The ARN partition of a region: `aws-cn` and `aws-us-gov` have their own, everything else is `aws`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The partition field of an ARN, e.g. `aws-cn` from `arn:aws-cn:sns:…`. */
export function arnPartition(arn: string): string | undefined {
  return /^arn:([^:]+):/.exec(arn)?.[1];
}
