import { McError, kubeErrorStatus } from '@mcc/sdk';
import type { KubeApi } from '@mcc/sdk';

import { MANAGED_BY, PROJECT_LABEL } from '../names.js';
import type { InferenceEndpointConfigObject } from '../objects/types.js';
import { objectPatch } from './merge-patch.js';
import { operatorMissing } from './operator-check.js';
import { INFERENCE_ENDPOINT_CONFIGS } from './resources.js';

/** A namespaced create answered 404 names the namespace when that is what is missing. */
function namespaceMissing(error: unknown, namespace: string): boolean {
  return (error as Error).message.includes(`namespaces "${namespace}" not found`);
}

/** Refuses to take over an object of the same name that mcc did not create for this project. */
function checkOwnership(existing: InferenceEndpointConfigObject, label: string, project: string): void {
  const labels = existing.metadata.labels ?? {};
  if (labels[MANAGED_BY.key] === MANAGED_BY.value && labels[PROJECT_LABEL] === project) return;
  throw new McError(`${label} exists already and was not created by mcc for this project.`, {
    code: 'HYPERPOD_NAME_TAKEN',
    suggestions: [
      'Deploy to another namespace (--option namespace=<name>) or under another image name, or delete that object if it is no longer used.',
    ],
  });
}

/**
 * Creates the InferenceEndpointConfig, or merge-patches an existing one mcc made into exactly the
 * object built now (fields no longer set are removed, see `replacingPatch`).
 */
export async function applyInferenceEndpointConfig(
  api: KubeApi,
  object: InferenceEndpointConfigObject,
  calls: string[],
  where: string,
): Promise<'created' | 'updated'> {
  const { name, namespace, labels } = object.metadata;
  const label = `InferenceEndpointConfig ${namespace}/${name}`;
  calls.push(`GET inferenceendpointconfigs/${namespace}/${name}`);
  // Without the CRD this is a 404 too (read as "no such object"); the create then tells which.
  const existing = await api.get<InferenceEndpointConfigObject>(INFERENCE_ENDPOINT_CONFIGS, name, namespace);
  if (!existing) {
    calls.push('POST inferenceendpointconfigs');
    try {
      await api.create(INFERENCE_ENDPOINT_CONFIGS, object);
    } catch (error) {
      if (kubeErrorStatus(error) !== 404) throw error;
      if (!namespaceMissing(error, namespace)) throw operatorMissing(where);
      throw new McError(`Namespace "${namespace}" does not exist on ${where}.`, {
        code: 'HYPERPOD_NAMESPACE_MISSING',
        cause: error,
        suggestions: [
          'Ask the cluster’s administrator to create it, or regenerate with --option namespace=<name>.',
        ],
      });
    }
    return 'created';
  }
  checkOwnership(existing, label, labels[PROJECT_LABEL] ?? name);
  calls.push(`PATCH inferenceendpointconfigs/${namespace}/${name}`);
  await api.mergePatch(INFERENCE_ENDPOINT_CONFIGS, name, objectPatch(existing.spec, object), namespace);
  return 'updated';
}
