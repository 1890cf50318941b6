import type { AwsCall } from './aws.js';

/**
 * The two AWS calls that find the EKS cluster behind a HyperPod cluster. Core's connector makes
 * them; a target's plan lists them. Both build them here, so the plan shows the very requests.
 */

/** SageMaker's DescribeCluster, whose `Orchestrator.Eks.ClusterArn` names the EKS cluster. */
export function describeHyperpodCluster(hyperpodCluster: string): AwsCall {
  return { service: 'sagemaker', operation: 'DescribeCluster', input: { ClusterName: hyperpodCluster } };
}

/** EKS's DescribeCluster, which gives the API server's endpoint and CA. */
export function describeEksCluster(eksClusterName: string): AwsCall {
  return { service: 'eks', operation: 'DescribeCluster', input: { name: eksClusterName } };
}
