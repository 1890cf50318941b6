import { McError, kubeErrorStatus } from '@mcc/sdk';
import type { DeployOptions, DeployResult, KubeApi, VerbContext } from '@mcc/sdk';

import { buildInferenceEndpointConfig } from '../objects/inference-endpoint-config.js';
import { buildNamespace } from '../objects/namespace.js';
import { IEC_CRD_NAME } from '../objects/types.js';
import type { InferenceEndpointConfigObject } from '../objects/types.js';
import { hyperpodSettings } from '../settings.js';
import { explainKubeError } from './kube-errors.js';
import { CRDS, INFERENCE_ENDPOINT_CONFIGS, NAMESPACES, OPERATOR_ADDON } from './resources.js';
import { readHyperpodState, writeHyperpodState } from './state.js';
import { waitUntilDeployed } from './wait.js';

function imageOf(context: VerbContext, options: DeployOptions): string {
  const image = options.imageUri ?? context.state.read().image?.uri;
  if (!image) {
    throw new McError('There is no image to deploy yet.', {
      code: 'IMAGE_MISSING',
      suggestions: ['Push one first (do/build, then do/push), or pass --image-uri.'],
    });
  }
  return image;
}

async function checkOperator(api: KubeApi, where: string): Promise<void> {
  if (await api.get(CRDS, IEC_CRD_NAME)) return;
  throw new McError(
    `The HyperPod inference operator is not installed on ${where}: the cluster has no ${IEC_CRD_NAME} CustomResourceDefinition.`,
    {
      code: 'HYPERPOD_OPERATOR_MISSING',
      suggestions: [
        `Install the EKS add-on ${OPERATOR_ADDON} (the HyperPod inference operator) on the cluster, e.g. from the SageMaker console's HyperPod cluster page, then deploy again.`,
      ],
    },
  );
}

/** Creates the namespace when missing; an existing one is left exactly as it is. */
async function ensureNamespace(
  api: KubeApi,
  namespace: string,
  project: string,
  calls: string[],
): Promise<boolean> {
  calls.push(`GET namespaces/${namespace}`);
  if (await api.get(NAMESPACES, namespace)) return false;
  calls.push('POST namespaces');
  try {
    await api.create(NAMESPACES, buildNamespace(namespace, project));
  } catch (error) {
    // Created meanwhile by someone else: as good as existing.
    if (kubeErrorStatus(error) === 409) return false;
    throw error;
  }
  return true;
}

/**
 * Creates the InferenceEndpointConfig, or merge-patches an existing one. Fields mcc may have set
 * before and no longer sets are patched to null, which a merge patch reads as "remove".
 */
async function apply(
  api: KubeApi,
  object: InferenceEndpointConfigObject,
  calls: string[],
): Promise<'created' | 'updated'> {
  const { name, namespace } = object.metadata;
  calls.push(`GET inferenceendpointconfigs/${namespace}/${name}`);
  const existing = await api.get(INFERENCE_ENDPOINT_CONFIGS, name, namespace);
  if (!existing) {
    calls.push('POST inferenceendpointconfigs');
    await api.create(INFERENCE_ENDPOINT_CONFIGS, object);
    return 'created';
  }
  calls.push(`PATCH inferenceendpointconfigs/${namespace}/${name}`);
  await api.mergePatch(
    INFERENCE_ENDPOINT_CONFIGS,
    name,
    {
      metadata: { labels: object.metadata.labels },
      spec: { autoScalingSpec: null, tlsConfig: null, ...object.spec },
    },
    namespace,
  );
  return 'updated';
}

/**
 * `mcc deploy` for HyperPod: find the EKS cluster, check the operator is there, create the namespace
 * if needed, create or update the InferenceEndpointConfig, and wait until the operator reports it
 * deployed. Progress goes to stderr; what was created is recorded before the wait, so an
 * interrupted deploy is still found by status and destroy.
 */
export async function deploy(context: VerbContext, options: DeployOptions): Promise<DeployResult> {
  const settings = hyperpodSettings(context.project.input);
  const imageUri = imageOf(context, options);
  if (!context.kube) {
    throw new McError('This mcc offers no Kubernetes access to targets; update the mcc CLI.', {
      code: 'KUBE_UNAVAILABLE',
    });
  }
  const calls: string[] = [];
  try {
    context.progress.step(`Connecting to the EKS cluster of HyperPod cluster ${settings.cluster}`);
    const connection = await context.kube.connect({ hyperpodCluster: settings.cluster });
    const { api } = connection;
    calls.push(`GET customresourcedefinitions/${IEC_CRD_NAME}`);
    await checkOperator(api, connection.description);

    const previous = readHyperpodState(context.state);
    const createdNamespace = await ensureNamespace(api, settings.namespace, settings.name, calls);
    if (createdNamespace) context.progress.step(`Created namespace ${settings.namespace}`);

    const object = buildInferenceEndpointConfig(settings, imageUri);
    context.progress.step(
      `Applying InferenceEndpointConfig ${settings.namespace}/${settings.name} (${imageUri})`,
    );
    const action = await apply(api, object, calls);
    writeHyperpodState(context.state, {
      cluster: settings.cluster,
      namespace: settings.namespace,
      name: settings.name,
      // A namespace mcc made on an earlier deploy stays mcc's.
      createdNamespace:
        createdNamespace || (previous?.namespace === settings.namespace && previous.createdNamespace),
      imageUri,
      deployedAt: new Date(context.clock.now()).toISOString(),
    });

    await waitUntilDeployed(context, api, settings.namespace, settings.name, options.timeoutSeconds);
    return {
      endpointName: settings.name,
      inferenceComponentName: settings.name,
      imageUri,
      action,
      region: settings.region,
      calls,
      summary: `${action === 'created' ? 'Deployed' : 'Updated'} InferenceEndpointConfig ${settings.namespace}/${settings.name} on HyperPod cluster ${settings.cluster} with ${imageUri}; SageMaker endpoint ${settings.name}.`,
    };
  } catch (error) {
    throw explainKubeError(error, settings.namespace);
  }
}
