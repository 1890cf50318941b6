/**
 * ECR's registry host of an account in a region: `<account>.dkr.ecr.<region>.<suffix>`. China's
 * regions have their own DNS suffix; every other partition uses amazonaws.com.
 */
export function registryHost(account: string, region: string, dnsSuffix = dnsSuffixOf(region)): string {
  return `${account}.dkr.ecr.${region}.${dnsSuffix}`;
}

/** The DNS suffix of a region's AWS endpoints. */
export function dnsSuffixOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}
