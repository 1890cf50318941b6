/**
 * The Kubernetes objects this target applies, typed as far as mcc fills them in. The authority for
 * their shape is the operator's CRD (`InferenceEndpointConfig`, group inference.sagemaker.aws.amazon.com,
 * version v1); the tests validate every variant built here against that schema.
 */

export const IEC_GROUP = 'inference.sagemaker.aws.amazon.com';
export const IEC_VERSION = 'v1';
export const IEC_KIND = 'InferenceEndpointConfig';
/** The CRD's plural, as it appears in API paths and in the CRD's own name. */
export const IEC_PLURAL = 'inferenceendpointconfigs';
/** The CustomResourceDefinition object the operator installs: `<plural>.<group>`. */
export const IEC_CRD_NAME = `${IEC_PLURAL}.${IEC_GROUP}`;

/** Labels mcc puts on what it creates, so `status` and `destroy` find them again. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
}

export interface NamespaceObject {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
}

export interface EnvVar {
  name: string;
  value: string;
}

export interface SecretKeyRef {
  name: string;
  key: string;
}

export type ModelSourceConfig =
  | {
      modelSourceType: 'huggingface';
      huggingFaceModel: { modelId: string; commitSHA?: string; tokenSecretRef?: SecretKeyRef };
    }
  | {
      modelSourceType: 's3';
      s3Storage: { bucketName: string; region: string };
      modelLocation: string;
    };

export interface CloudWatchTrigger {
  name: string;
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
  metricStat: string;
  metricType: 'Average' | 'Value';
  targetValue: number;
  metricCollectionPeriod: number;
}

export interface AutoScalingSpec {
  minReplicaCount: number;
  maxReplicaCount: number;
  cloudWatchTrigger: CloudWatchTrigger;
}

/** Kubernetes resource quantities, by resource name (`nvidia.com/gpu`, `memory`). */
export type ResourceList = Record<string, string | number>;

export interface InferenceEndpointConfigSpec {
  modelName: string;
  endpointName: string;
  instanceType: string;
  replicas: number;
  invocationEndpoint: string;
  modelSourceConfig: ModelSourceConfig;
  worker: {
    image: string;
    modelInvocationPort: { containerPort: number; name: 'http' };
    modelVolumeMount: { name: string; mountPath: string };
    resources: { requests?: ResourceList; limits?: ResourceList };
    environmentVariables: EnvVar[];
  };
  autoScalingSpec?: AutoScalingSpec;
  tlsConfig?: { tlsCertificateOutputS3Uri: string };
}

export interface InferenceEndpointConfigObject {
  apiVersion: `${typeof IEC_GROUP}/${typeof IEC_VERSION}`;
  kind: typeof IEC_KIND;
  metadata: ObjectMeta & { namespace: string };
  spec: InferenceEndpointConfigSpec;
}
