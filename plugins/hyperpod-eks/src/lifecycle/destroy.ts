import { awsErrorName } from '@mcc/sdk';
import type { AwsCall, DestroyOptions, DestroyResult, VerbContext } from '@mcc/sdk';
import { destroyRepository } from '@mcc/sdk/image';

import { connectToCluster } from './connection.js';
import { REPOSITORY_KEY } from './image.js';
import { explainKubeError } from './kube-errors.js';
import { INFERENCE_ENDPOINT_CONFIGS, NAMESPACES } from './resources.js';
import { clearHyperpodState, readHyperpodState } from './state.js';
import { waitUntilGone } from './wait-gone.js';

/**
 * `mcc destroy` for HyperPod: deletes the InferenceEndpointConfig mcc recorded, waits until the
 * operator has torn it down (its finalizer removes the SageMaker endpoint and pods), then deletes
 * the namespace only when mcc created it, and forgets the deployment; last, unless images are kept,
 * the ECR repository `mcc push` created (never one it found). Something already gone is reported as
 * such, not as an error.
 */
export async function destroy(
  context: VerbContext,
  options: DestroyOptions = { keepImages: false },
): Promise<DestroyResult> {
  const result: DestroyResult = { region: context.aws.region, deleted: [], alreadyGone: [] };
  await destroyDeployment(context, result);
  if (!options.keepImages) {
    // After the deployment: its pods pulled from the repository until the operator removed them.
    await destroyRepository(context, REPOSITORY_KEY, async (kind: string, name: string, call: AwsCall) => {
      context.progress.step(`Deleting the ${kind} ${name}`);
      const deleted = await deleteUnlessGone(context, call);
      (deleted ? result.deleted : result.alreadyGone).push({ kind, name });
      return deleted;
    });
  }
  return result;
}

/** True when the call deleted something, false when ECR says it was already gone. */
async function deleteUnlessGone(context: VerbContext, call: AwsCall): Promise<boolean> {
  try {
    await context.aws.call(call);
    return true;
  } catch (error) {
    if (awsErrorName(error) === 'RepositoryNotFoundException') return false;
    throw error;
  }
}

/** The objects `mcc deploy` recorded, from the cluster; nothing to do when none was deployed. */
async function destroyDeployment(context: VerbContext, result: DestroyResult): Promise<void> {
  const record = readHyperpodState(context.state);
  if (!record) return;
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
}
