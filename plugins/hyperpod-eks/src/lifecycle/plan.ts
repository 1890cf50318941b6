import { PLAN_IMAGE } from '@mcc/sdk';
import { KUBE_MERGE_PATCH, describeEksCluster, describeHyperpodCluster, kubePath } from '@mcc/sdk';
import type { DeployOptions, GeneratedProject, PlannedCall, StateStore } from '@mcc/sdk';

import { buildInferenceEndpointConfig } from '../objects/inference-endpoint-config.js';
import { buildNamespace } from '../objects/namespace.js';
import { IEC_CRD_NAME } from '../objects/types.js';
import { hyperpodSettings } from '../settings.js';
import { objectPatch } from './merge-patch.js';
import { CRDS, INFERENCE_ENDPOINT_CONFIGS, NAMESPACES, OPERATOR_ADDON } from './resources.js';
import { readHyperpodState } from './state.js';
import { POLL_SECONDS } from './wait.js';

// Stands in for the image when neither --image-uri nor a recorded push names one (the sdk's).
export { PLAN_IMAGE } from '@mcc/sdk';

/** Stands in for the EKS cluster's name, which only the first DescribeCluster answers. */
export function planEksCluster(hyperpodCluster: string): string {
  return `<EKS cluster of HyperPod cluster ${hyperpodCluster}>`;
}

/**
 * Every request `mcc deploy` would make for this project and its recorded state, built by the same
 * functions deploy uses (the objects, the merge patch, the paths), and made by none: no credentials
 * or cluster are needed. A deployment recorded for the same object makes it an update, whose merge
 * patch is computed against the spec that deploy applied; the cluster's own copy may differ (keys
 * its server defaulted), and a run patches against that one. Status reads repeated while waiting are
 * shown once.
 */
export function planDeploy(
  project: GeneratedProject,
  store: StateStore,
  options: DeployOptions,
): PlannedCall[] {
  const settings = hyperpodSettings(project.input);
  const { namespace, name } = settings;
  const image = options.imageUri ?? store.read().image?.uri ?? PLAN_IMAGE;
  const object = buildInferenceEndpointConfig(settings, image);
  const record = readHyperpodState(store);
  const updating = record !== undefined && record.namespace === namespace && record.name === name;
  const objectPath = kubePath(INFERENCE_ENDPOINT_CONFIGS, namespace, name);

  const plan: PlannedCall[] = [];
  if (options.kubeContext === undefined) {
    plan.push(
      {
        ...describeHyperpodCluster(settings.cluster),
        purpose: 'find the EKS cluster orchestrating the HyperPod cluster',
      },
      {
        ...describeEksCluster(planEksCluster(settings.cluster)),
        purpose: 'find its API server and CA (then sign an EKS token locally: no call)',
      },
    );
  }
  plan.push(
    {
      kind: 'kube',
      method: 'GET',
      path: kubePath(CRDS, undefined, IEC_CRD_NAME),
      purpose: `check the HyperPod inference operator (EKS add-on ${OPERATOR_ADDON}) is installed`,
    },
    {
      kind: 'kube',
      method: 'GET',
      path: kubePath(NAMESPACES, undefined, namespace),
      purpose: 'look for the namespace',
    },
  );
  if (!updating) {
    plan.push({
      kind: 'kube',
      method: 'POST',
      path: kubePath(NAMESPACES),
      contentType: 'application/json',
      body: buildNamespace(namespace, name),
      purpose: 'create the namespace (when it does not exist; destroy deletes it only then)',
    });
  }
  plan.push({
    kind: 'kube',
    method: 'GET',
    path: objectPath,
    purpose: 'look for the InferenceEndpointConfig (one mcc did not create for this project is refused)',
  });
  if (updating) {
    // States older than `appliedSpec` rebuild the previous object from today's options.
    const previous = record.appliedSpec ?? buildInferenceEndpointConfig(settings, record.imageUri).spec;
    plan.push({
      kind: 'kube',
      method: 'PATCH',
      path: objectPath,
      contentType: KUBE_MERGE_PATCH,
      body: objectPatch(previous, object),
      purpose: `merge-patch it into the new object (against the spec deployed ${record.deployedAt}; keys no longer set are removed)`,
    });
  } else {
    plan.push({
      kind: 'kube',
      method: 'POST',
      path: kubePath(INFERENCE_ENDPOINT_CONFIGS, namespace),
      contentType: 'application/json',
      body: object,
      purpose: 'create the InferenceEndpointConfig (the operator makes pods and a SageMaker endpoint of it)',
    });
  }
  plan.push({
    kind: 'kube',
    method: 'GET',
    path: objectPath,
    purpose: `wait until the operator reports DeploymentComplete (every ${POLL_SECONDS} s, up to ${options.timeoutSeconds} s)`,
  });
  return plan;
}
