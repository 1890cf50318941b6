import { MANAGED_BY, PROJECT_LABEL } from '../names.js';
import type { HyperpodSettings } from '../settings.js';
import { IEC_GROUP, IEC_KIND, IEC_VERSION } from './types.js';
import type { AutoScalingSpec, InferenceEndpointConfigObject, ResourceList } from './types.js';

/** The SageMaker container contract's port, which every mcc server listens on. */
export const MODEL_PORT = 8080;
/** Where the operator puts the model, which is also where mcc's servers look for one. */
export const MODEL_DIR = '/opt/ml/model';
/** SageMaker's variant name for an endpoint the operator registers (used in autoscaling metrics). */
const VARIANT = 'AllTraffic';
/** The CloudWatch period the autoscaler reads invocations over, in seconds: the per-minute target. */
const METRIC_PERIOD = 60;

function resources(settings: HyperpodSettings): { requests?: ResourceList; limits?: ResourceList } {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  // Kubernetes schedules extended resources such as GPUs from limits; requests must equal them.
  if (settings.gpuCount > 0) {
    requests['nvidia.com/gpu'] = settings.gpuCount;
    limits['nvidia.com/gpu'] = settings.gpuCount;
  }
  if (settings.memoryRequestMiB !== undefined) requests.memory = `${settings.memoryRequestMiB}Mi`;
  return {
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
}

/**
 * Autoscaling on the SageMaker endpoint's invocations, the one metric every mcc server has: the
 * operator's KEDA-based autoscaler reads it from CloudWatch. Without a trigger the CRD's bounds
 * would scale on nothing.
 */
function autoScaling(settings: HyperpodSettings): AutoScalingSpec | undefined {
  const scaling = settings.autoscaling;
  if (!scaling) return undefined;
  return {
    minReplicaCount: scaling.minReplicas,
    maxReplicaCount: scaling.maxReplicas,
    cloudWatchTrigger: {
      name: `${settings.name}-invocations`.slice(0, 63),
      namespace: 'AWS/SageMaker',
      metricName: 'Invocations',
      dimensions: [
        { name: 'EndpointName', value: settings.name },
        { name: 'VariantName', value: VARIANT },
      ],
      metricStat: 'Sum',
      metricType: 'Average',
      targetValue: scaling.targetInvocations,
      metricCollectionPeriod: METRIC_PERIOD,
    },
  };
}

/**
 * The InferenceEndpointConfig the operator turns into pods, a load balancer and a SageMaker
 * endpoint. `image` is the pushed image's URI at deploy time (the local name in the generated copy).
 */
export function buildInferenceEndpointConfig(
  settings: HyperpodSettings,
  image: string,
): InferenceEndpointConfigObject {
  const scaling = autoScaling(settings);
  return {
    apiVersion: `${IEC_GROUP}/${IEC_VERSION}`,
    kind: IEC_KIND,
    metadata: {
      name: settings.name,
      namespace: settings.namespace,
      labels: { [MANAGED_BY.key]: MANAGED_BY.value, [PROJECT_LABEL]: settings.name },
    },
    spec: {
      modelName: settings.name,
      endpointName: settings.name,
      instanceType: settings.instanceType,
      replicas: settings.replicas,
      invocationEndpoint: settings.invocationPath,
      modelSourceConfig: settings.model,
      worker: {
        image,
        modelInvocationPort: { containerPort: MODEL_PORT, name: 'http' },
        modelVolumeMount: { name: 'model-weights', mountPath: MODEL_DIR },
        resources: resources(settings),
        // mcc's servers serve SM_MODEL_DIR when it holds a model: the operator's download, not the Hub.
        environmentVariables: [
          { name: 'SM_MODEL_DIR', value: MODEL_DIR },
          { name: 'SAGEMAKER_BIND_TO_PORT', value: String(MODEL_PORT) },
        ],
      },
      ...(scaling ? { autoScalingSpec: scaling } : {}),
      ...(settings.tlsCertificateS3Uri
        ? { tlsConfig: { tlsCertificateOutputS3Uri: settings.tlsCertificateS3Uri } }
        : {}),
    },
  };
}
