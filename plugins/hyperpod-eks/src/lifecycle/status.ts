import type { StatusResult, VerbContext } from '@mcc/sdk';

import { connectToCluster } from './connection.js';
import { explainKubeError } from './kube-errors.js';
import { podDetail, podsOf } from './pods.js';
import { INFERENCE_ENDPOINT_CONFIGS } from './resources.js';
import { readHyperpodState } from './state.js';
import { failureMessage } from './wait.js';
import type { ObservedIec } from './wait.js';

/** The object's state in a line: replicas, the SageMaker endpoint, and on failure the operator's words. */
function objectDetail(observed: ObservedIec): string {
  const status = observed.status;
  const replicas = status?.deploymentStatus?.status;
  const parts: string[] = [];
  if (replicas) parts.push(`${replicas.readyReplicas ?? 0}/${replicas.replicas ?? 0} pods ready`);
  const endpoint = status?.endpoints?.sagemaker?.state;
  if (endpoint) parts.push(`SageMaker endpoint ${observed.spec.endpointName}: ${endpoint}`);
  if (status?.state === 'DeploymentFailed' || status?.state === 'DeletionFailed') {
    parts.push(failureMessage(status));
  }
  return parts.join('; ');
}

/**
 * `mcc status` for HyperPod: the InferenceEndpointConfig as the operator reports it, and each of its
 * pods' phase and readiness. Read-only, and without the project's lock.
 */
export async function status(context: VerbContext): Promise<StatusResult> {
  const region = context.aws.region;
  const record = readHyperpodState(context.state);
  if (!record) return { region, deployed: false, resources: [] };
  const { namespace, name } = record;
  try {
    const { api } = await connectToCluster(context, record.cluster);
    const observed = await api.get<ObservedIec>(INFERENCE_ENDPOINT_CONFIGS, name, namespace);
    const label = `${namespace}/${name}`;
    if (!observed) {
      return {
        region,
        deployed: false,
        resources: [
          {
            kind: 'InferenceEndpointConfig',
            name: label,
            status: 'NotFound',
            detail: 'recorded by mcc deploy but no longer in the cluster',
          },
        ],
      };
    }
    const detail = objectDetail(observed);
    const resources: StatusResult['resources'] = [
      {
        kind: 'InferenceEndpointConfig',
        name: label,
        status: observed.status?.state ?? 'Pending',
        ...(detail ? { detail } : {}),
      },
    ];
    for (const pod of await podsOf(api, namespace, observed.status?.selector)) {
      resources.push({
        kind: 'Pod',
        name: `${namespace}/${pod.metadata.name}`,
        status: pod.status?.phase ?? 'Unknown',
        detail: podDetail(pod),
      });
    }
    return { region, deployed: true, resources };
  } catch (error) {
    throw explainKubeError(error, namespace);
  }
}
