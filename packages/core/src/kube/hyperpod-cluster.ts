import {
  McError,
  awsErrorMessage,
  awsErrorName,
  describeEksCluster,
  describeHyperpodCluster,
} from '@mcc/sdk';
import type { AwsApi } from '@mcc/sdk';

/** The EKS cluster behind a HyperPod cluster: where its API server is and how to trust it. */
export interface EksCluster {
  hyperpodCluster: string;
  arn: string;
  name: string;
  endpoint: string;
  /** The cluster's CA bundle, base64-encoded PEM as EKS returns it. */
  caData: string;
}

interface DescribeHyperpodCluster {
  ClusterName?: string;
  ClusterStatus?: string;
  Orchestrator?: { Eks?: { ClusterArn?: string } };
}

interface DescribeEksCluster {
  cluster?: {
    name?: string;
    arn?: string;
    status?: string;
    endpoint?: string;
    certificateAuthority?: { data?: string };
  };
}

function notFound(error: unknown): boolean {
  const name = awsErrorName(error);
  return (
    name === 'ResourceNotFound' ||
    name === 'ResourceNotFoundException' ||
    (name === 'ValidationException' && /not (be )?found|does not exist/i.test(awsErrorMessage(error)))
  );
}

/**
 * SageMaker's DescribeCluster names the EKS cluster orchestrating a HyperPod cluster
 * (`Orchestrator.Eks.ClusterArn`); EKS's DescribeCluster gives its API endpoint and CA. Both are
 * plain `AwsApi` calls built by the sdk (targets' plans list the same), so tests answer them with
 * `FakeAws`.
 */
export async function findEksCluster(aws: AwsApi, hyperpodCluster: string): Promise<EksCluster> {
  let described: DescribeHyperpodCluster;
  try {
    described = await aws.call<DescribeHyperpodCluster>(describeHyperpodCluster(hyperpodCluster));
  } catch (error) {
    if (!notFound(error)) throw error;
    throw new McError(`There is no SageMaker HyperPod cluster "${hyperpodCluster}" in ${aws.region}.`, {
      code: 'HYPERPOD_CLUSTER_NOT_FOUND',
      cause: error,
      suggestions: [
        `\`aws sagemaker list-clusters --region ${aws.region}\` lists the clusters; check the region too (--region).`,
        'Fix the project’s cluster-name option in mcc.json or regenerate with --option cluster-name=<name>.',
      ],
    });
  }
  const arn = described.Orchestrator?.Eks?.ClusterArn;
  if (!arn) {
    throw new McError(
      `The HyperPod cluster "${hyperpodCluster}" is not orchestrated by Amazon EKS (it has no Orchestrator.Eks), so it has no inference operator to deploy to.`,
      {
        code: 'HYPERPOD_CLUSTER_NOT_EKS',
        suggestions: [
          'Deploy to a HyperPod cluster created with EKS orchestration, or use the managed-inference target.',
        ],
      },
    );
  }
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  const eks = await aws.call<DescribeEksCluster>(describeEksCluster(name));
  const endpoint = eks.cluster?.endpoint;
  const caData = eks.cluster?.certificateAuthority?.data;
  if (!endpoint || !caData) {
    throw new McError(
      `The EKS cluster ${name} behind HyperPod cluster "${hyperpodCluster}" has no API endpoint yet (status ${eks.cluster?.status ?? 'unknown'}).`,
      {
        code: 'EKS_CLUSTER_NOT_READY',
        suggestions: ['Wait until `aws eks describe-cluster --name ' + name + '` says ACTIVE.'],
      },
    );
  }
  return { hyperpodCluster, arn, name, endpoint, caData };
}
