import type { DestroyResult, VerbContext } from '@mcc/sdk';

import { connectToCluster } from './connection.js';
import { explainKubeError } from './kube-errors.js';
import { INFERENCE_ENDPOINT_CONFIGS, NAMESPACES } from './resources.js';
import { clearHyperpodState, readHyperpodState } from './state.js';
import { waitUntilGone } from './wait-gone.js';

/**
 * `mcc destroy` for HyperPod: deletes the InferenceEndpointConfig mcc recorded, waits until the
 * operator has torn it down (its finalizer removes the SageMaker endpoint and pods), then deletes
 * the namespace only when mcc created it, and forgets the deployment. Something already gone is
 * reported as such, not as an error. The image lives in the user's registry and is never touched.
 */
export async function destroy(context: VerbContext): Promise<DestroyResult> {
  const region = context.aws.region;
  const record = readHyperpodState(context.state);
  const result: DestroyResult = { region, deleted: [], alreadyGone: [] };
  if (!record) return result;
  const { namespace, name } = record;
  try {
    const { api } = await connectToCluster(context, record.cluster);
    const object = { kind: 'InferenceEndpointConfig', name: `${namespace}/${name}` };
    context.progress.step(`Deleting InferenceEndpointConfig ${namespace}/${name}`);
    if (await api.delete(INFERENCE_ENDPOINT_CONFIGS, name, namespace)) {
      await waitUntilGone(context, api, namespace, name);
      result.deleted.push(object);
    } else {
      result.alreadyGone.push(object);
    }
    if (record.createdNamespace) {
      // Only now: deleting the namespace first would race the operator's finalizer.
      context.progress.step(`Deleting namespace ${namespace} (mcc created it)`);
      const entry = { kind: 'Namespace', name: namespace };
      if (await api.delete(NAMESPACES, namespace)) result.deleted.push(entry);
      else result.alreadyGone.push(entry);
    }
  } catch (error) {
    throw explainKubeError(error, namespace);
  }
  clearHyperpodState(context.state);
  return result;
}
