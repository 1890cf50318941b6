import { McError, kubeErrorStatus } from '@mcc/sdk';
import type { KubeApi, Progress } from '@mcc/sdk';

import { buildNamespace } from '../objects/namespace.js';
import { NAMESPACES } from './resources.js';

/**
 * Creates the namespace when missing; an existing one is left exactly as it is. Answers whether
 * mcc created it (destroy deletes it only then). Reading a namespace is cluster-wide permission a
 * team's user may lack: then mcc assumes it exists, and the create of the object says if not.
 */
export async function ensureNamespace(
  api: KubeApi,
  namespace: string,
  project: string,
  calls: string[],
  progress: Progress,
): Promise<boolean> {
  calls.push(`GET namespaces/${namespace}`);
  try {
    if (await api.get(NAMESPACES, namespace)) return false;
  } catch (error) {
    if (kubeErrorStatus(error) !== 403) throw error;
    progress.warn(`You may not read namespace ${namespace}; mcc assumes it exists and will not create it.`);
    return false;
  }
  calls.push('POST namespaces');
  try {
    await api.create(NAMESPACES, buildNamespace(namespace, project));
  } catch (error) {
    // Created meanwhile by someone else: as good as existing.
    if (kubeErrorStatus(error) === 409) return false;
    if (kubeErrorStatus(error) === 403) {
      throw new McError(
        `Namespace "${namespace}" does not exist and the cluster does not allow you to create it: ${(error as Error).message}`,
        {
          code: 'HYPERPOD_NAMESPACE_FORBIDDEN',
          cause: error,
          suggestions: [
            'Use a namespace that exists and you may deploy to (with HyperPod task governance, your team’s hyperpod-ns-<team> namespace): regenerate with --option namespace=<name>.',
            'Or ask the cluster’s administrator to create it.',
          ],
        },
      );
    }
    throw error;
  }
  return true;
}
