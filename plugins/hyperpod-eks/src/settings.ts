import { usageError } from '@mcc/sdk';
import type { ProjectInput } from '@mcc/sdk';
import { imageNames } from '@mcc/sdk/image';
import type { ImageNames } from '@mcc/sdk/image';

import { objectName } from './names.js';
import { modelSourceConfig } from './objects/model-source.js';
import type { ModelSourceConfig, SecretKeyRef } from './objects/types.js';
import { readInteger, readString } from './option-values.js';
import { OPTION_KEYS } from './options.js';

/** Namespaces Kubernetes keeps for itself; a model there would sit among the cluster's own components. */
export const RESERVED_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'] as const;

export interface AutoscalingSettings {
  minReplicas: number;
  maxReplicas: number;
  /** SageMaker invocations per minute per pod that the operator's autoscaler aims for. */
  targetInvocations: number;
}

/**
 * Everything the objects are built from, checked once: what `generate` writes under `k8s/` and what
 * `mcc deploy` applies come from the same values, so they cannot drift apart.
 */
export interface HyperpodSettings {
  region: string;
  /** The HyperPod cluster's name or ARN, as SageMaker's DescribeCluster takes it. */
  cluster: string;
  namespace: string;
  /** `metadata.name`, `spec.modelName` and `spec.endpointName` of the InferenceEndpointConfig. */
  name: string;
  instanceType: string;
  gpuCount: number;
  replicas: number;
  invocationPath: string;
  autoscaling?: AutoscalingSettings;
  model: ModelSourceConfig;
  /** The Secret holding a Hub token: a reference only, the value never leaves the cluster. */
  tokenSecret?: SecretKeyRef;
  tlsCertificateS3Uri?: string;
  /** Host memory the sizer estimated, requested so the scheduler places the pod where it fits. */
  memoryRequestMiB?: number;
  /** The local image do/build makes; its name is also the ECR repository `mcc push` sends it to. */
  image: ImageNames;
}

function fail(code: string, message: string, suggestions: string[] = []): never {
  throw usageError(code, message, suggestions);
}

function namespaceOf(input: ProjectInput): string {
  const namespace = readString(input.target.options, OPTION_KEYS.namespace) ?? 'default';
  if ((RESERVED_NAMESPACES as readonly string[]).includes(namespace)) {
    fail(
      'HYPERPOD_NAMESPACE_RESERVED',
      `Option ${OPTION_KEYS.namespace} "${namespace}" is reserved for Kubernetes' own components.`,
      [`Choose another namespace, e.g. --option ${OPTION_KEYS.namespace}=default or a team namespace.`],
    );
  }
  return namespace;
}

function gpuCountOf(input: ProjectInput): number {
  const available = input.instance.acceleratorCount;
  const asked = readInteger(input.target.options, OPTION_KEYS.gpuCount);
  if (asked !== undefined && asked > available) {
    fail(
      'HYPERPOD_GPU_COUNT_INVALID',
      `Option ${OPTION_KEYS.gpuCount} ${asked} is more than ${input.instance.instanceType} has (${available}).`,
      [`Use a value from 0 to ${available}, or choose an instance type with more GPUs.`],
    );
  }
  return asked ?? available;
}

function autoscalingOf(input: ProjectInput, replicas: number): AutoscalingSettings | undefined {
  const options = input.target.options;
  const min = readInteger(options, OPTION_KEYS.minReplicas);
  const max = readInteger(options, OPTION_KEYS.maxReplicas);
  if (max === undefined) {
    if (min !== undefined) {
      fail(
        'HYPERPOD_AUTOSCALING_INVALID',
        `Option ${OPTION_KEYS.minReplicas} ${min} is set without ${OPTION_KEYS.maxReplicas}; autoscaling needs both bounds.`,
        [
          `Add --option ${OPTION_KEYS.maxReplicas}=N (N at least ${Math.max(min, 1)}), or drop ${OPTION_KEYS.minReplicas}.`,
        ],
      );
    }
    return undefined;
  }
  const lower = min ?? 1;
  if (lower > max) {
    fail(
      'HYPERPOD_AUTOSCALING_INVALID',
      `Option ${OPTION_KEYS.minReplicas} ${lower} is above ${OPTION_KEYS.maxReplicas} ${max}.`,
      [`Use a ${OPTION_KEYS.minReplicas} from 0 to ${max}.`],
    );
  }
  if (replicas < lower || replicas > max) {
    fail(
      'HYPERPOD_AUTOSCALING_INVALID',
      `Option ${OPTION_KEYS.replicas} ${replicas} is outside the autoscaling range ${lower} to ${max}.`,
      [`Use a ${OPTION_KEYS.replicas} from ${Math.max(lower, 1)} to ${max}.`],
    );
  }
  return {
    minReplicas: lower,
    maxReplicas: max,
    targetInvocations: readInteger(options, OPTION_KEYS.targetInvocations) ?? 100,
  };
}

function tokenSecretOf(input: ProjectInput): SecretKeyRef | undefined {
  const options = input.target.options;
  const name = readString(options, OPTION_KEYS.hfTokenSecret);
  const hub = input.model.source === 'huggingface';
  if (name !== undefined && !hub) {
    fail(
      'HYPERPOD_HF_TOKEN_SECRET_UNUSED',
      `Option ${OPTION_KEYS.hfTokenSecret} "${name}" applies to Hugging Face Hub models only; this project's model comes from ${input.model.source}.`,
      [`Drop --option ${OPTION_KEYS.hfTokenSecret}.`],
    );
  }
  if (name === undefined && hub && input.model.hub?.gated === true) {
    fail(
      'HYPERPOD_HF_TOKEN_SECRET_REQUIRED',
      `${input.model.hub.id} is gated on the Hugging Face Hub: the operator needs a token to download it, from a Kubernetes Secret.`,
      [
        'Create one in the deployment namespace, e.g. kubectl create secret generic hf-token --from-literal=token=<your token> -n <namespace>.',
        `Then generate with --option ${OPTION_KEYS.hfTokenSecret}=hf-token.`,
      ],
    );
  }
  if (name === undefined) return undefined;
  return { name, key: readString(options, OPTION_KEYS.hfTokenSecretKey) ?? 'token' };
}

/** The checked settings of a project, or a usage error naming the value and what is accepted. */
export function hyperpodSettings(input: ProjectInput): HyperpodSettings {
  const options = input.target.options;
  const cluster = readString(options, OPTION_KEYS.clusterName);
  if (cluster === undefined) {
    fail(
      'HYPERPOD_CLUSTER_MISSING',
      `Option ${OPTION_KEYS.clusterName} is required: the HyperPod cluster to deploy to.`,
      [`Pass --option ${OPTION_KEYS.clusterName}=<name>; \`aws sagemaker list-clusters\` lists them.`],
    );
  }
  const { instanceType } = input.instance;
  if (!instanceType.startsWith('ml.')) {
    fail(
      'HYPERPOD_INSTANCE_TYPE_INVALID',
      `Instance type "${instanceType}" is not a SageMaker type (ml.*).`,
      ['HyperPod nodes are ml.* instances, e.g. ml.g5.8xlarge.'],
    );
  }
  const replicas = readInteger(options, OPTION_KEYS.replicas) ?? 1;
  const autoscaling = autoscalingOf(input, replicas);
  const tokenSecret = tokenSecretOf(input);
  const tls = readString(options, OPTION_KEYS.tlsCertificateS3Uri);
  const hostBytes = input.instance.sizing?.hostMemoryBytes;
  return {
    region: input.region,
    cluster,
    namespace: namespaceOf(input),
    name: objectName(input.project.imageName),
    instanceType,
    gpuCount: gpuCountOf(input),
    replicas,
    invocationPath: readString(options, OPTION_KEYS.invocationPath) ?? 'invocations',
    ...(autoscaling ? { autoscaling } : {}),
    model: modelSourceConfig(input.model, input.region, tokenSecret),
    ...(tokenSecret ? { tokenSecret } : {}),
    ...(tls === undefined ? {} : { tlsCertificateS3Uri: tls }),
    ...(hostBytes === undefined ? {} : { memoryRequestMiB: Math.ceil(hostBytes / 2 ** 20) }),
    // HyperPod's ml.* nodes run x86_64 (Graviton is not offered), so images are built for it.
    image: imageNames(input.project.imageName, input.project.version, 'linux/amd64'),
  };
}
