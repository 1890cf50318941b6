import type { OptionSpec } from '@mcc/sdk';
import { CONTAINER_ENGINE_OPTION, containerEngineOption } from '@mcc/sdk/image';

/**
 * A HyperPod cluster as SageMaker's DescribeCluster takes it: its name, or its ARN (whose id is 12
 * lower-case letters and digits).
 */
export const CLUSTER_PATTERN =
  /^(arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:cluster\/[a-z0-9]{12}|[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})$/;

/** A Kubernetes namespace: an RFC 1123 label (lower case, digits and hyphens, at most 63). */
export const NAMESPACE_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A Kubernetes object name such as a Secret's: an RFC 1123 subdomain, at most 253 characters. */
export const SECRET_NAME_PATTERN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A key inside a Secret's data. */
export const SECRET_KEY_PATTERN = /^[-._a-zA-Z0-9]{1,253}$/;

/** The model server's path after `http://<host>:<port>/`, as the CRD's `invocationEndpoint` takes it. */
export const INVOCATION_PATH_PATTERN = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/** Where the operator writes the TLS certificate it generates (the CRD's own pattern). */
export const TLS_S3_URI_PATTERN = /^s3:\/\/([^/]+)\/?(.*)$/;

export const OPTION_KEYS = {
  clusterName: 'cluster-name',
  namespace: 'namespace',
  replicas: 'replicas',
  gpuCount: 'gpu-count',
  invocationPath: 'invocation-path',
  minReplicas: 'min-replicas',
  maxReplicas: 'max-replicas',
  targetInvocations: 'target-invocations',
  hfTokenSecret: 'hf-token-secret',
  hfTokenSecretKey: 'hf-token-secret-key',
  tlsCertificateS3Uri: 'tls-certificate-s3-uri',
  containerEngine: CONTAINER_ENGINE_OPTION,
} as const;

/** Most replicas mcc lets a project ask for, a guard against a typo that would take a whole cluster. */
export const MAX_REPLICAS = 100;

/** The hyperpod-eks options, validated by core from these specs; cross-option rules live in context.ts. */
export const hyperpodEksOptions: readonly OptionSpec[] = [
  {
    key: OPTION_KEYS.clusterName,
    description: 'The SageMaker HyperPod cluster (EKS-orchestrated) to deploy to: its name or ARN',
    type: 'string',
    pattern: CLUSTER_PATTERN,
    patternHint:
      'a HyperPod cluster name (letters, digits and hyphens, at most 63) or a cluster ARN such as arn:aws:sagemaker:us-east-1:123456789012:cluster/abcdef012345',
    required: true,
  },
  {
    key: OPTION_KEYS.namespace,
    description: 'Kubernetes namespace of the deployment (created by mcc deploy when missing)',
    type: 'string',
    pattern: NAMESPACE_PATTERN,
    patternHint: 'a Kubernetes namespace: lower-case letters, digits and hyphens, at most 63',
    default: 'default',
  },
  {
    key: OPTION_KEYS.replicas,
    description: 'Inference server pods to run (the initial count when autoscaling is on)',
    type: 'integer',
    min: 1,
    max: MAX_REPLICAS,
    default: 1,
  },
  {
    key: OPTION_KEYS.gpuCount,
    description: 'GPUs each pod requests (default: all of the instance type’s)',
    type: 'integer',
    min: 0,
    max: 64,
  },
  {
    key: OPTION_KEYS.invocationPath,
    description: 'Path the operator sends invocations to, after http://<host>:<port>/',
    type: 'string',
    pattern: INVOCATION_PATH_PATTERN,
    patternHint: 'a URL path without a leading slash, such as invocations or v1/chat/completions',
    default: 'invocations',
  },
  {
    key: OPTION_KEYS.minReplicas,
    description: 'Autoscaling: fewest pods (0 scales to zero); needs max-replicas',
    type: 'integer',
    min: 0,
    max: MAX_REPLICAS,
  },
  {
    key: OPTION_KEYS.maxReplicas,
    description: 'Autoscaling: most pods; setting it turns autoscaling on (on SageMaker invocations)',
    type: 'integer',
    min: 1,
    max: MAX_REPLICAS,
  },
  {
    key: OPTION_KEYS.targetInvocations,
    description: 'Autoscaling: invocations per minute per pod that autoscaling aims for',
    type: 'integer',
    min: 1,
    max: 1_000_000,
    default: 100,
  },
  {
    key: OPTION_KEYS.hfTokenSecret,
    description:
      'Kubernetes Secret (in the namespace) holding a Hugging Face token, for gated Hub models; only its name is written',
    type: 'string',
    pattern: SECRET_NAME_PATTERN,
    patternHint: 'a Kubernetes object name: lower-case letters, digits, hyphens and dots',
  },
  {
    key: OPTION_KEYS.hfTokenSecretKey,
    description: 'The key of the Hugging Face token inside that Secret',
    type: 'string',
    pattern: SECRET_KEY_PATTERN,
    patternHint: 'letters, digits, dots, hyphens and underscores',
    default: 'token',
  },
  {
    key: OPTION_KEYS.tlsCertificateS3Uri,
    description: 'S3 URI where the operator stores the TLS certificate it generates for the endpoint',
    type: 'string',
    pattern: TLS_S3_URI_PATTERN,
    patternHint: 'an S3 URI such as s3://my-bucket/certificates/',
  },
  containerEngineOption,
];
