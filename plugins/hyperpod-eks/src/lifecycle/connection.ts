import { McError } from '@mcc/sdk';
import type { KubeConnection, VerbContext } from '@mcc/sdk';

/**
 * Opens the cluster connection every verb but invoke needs. The connector is optional in the
 * contract (an older CLI offers none), so its absence is a clear error rather than a crash.
 */
export async function connectToCluster(
  context: VerbContext,
  hyperpodCluster: string,
): Promise<KubeConnection> {
  if (!context.kube) {
    throw new McError('This mcc offers no Kubernetes access to targets; update the mcc CLI.', {
      code: 'KUBE_UNAVAILABLE',
    });
  }
  context.progress.step(`Connecting to the EKS cluster of HyperPod cluster ${hyperpodCluster}`);
  return context.kube.connect({ hyperpodCluster });
}
