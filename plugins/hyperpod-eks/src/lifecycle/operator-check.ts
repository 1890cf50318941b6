import { McError, kubeErrorStatus } from '@mcc/sdk';
import type { KubeApi, Progress } from '@mcc/sdk';

import { IEC_CRD_NAME } from '../objects/types.js';
import { CRDS, OPERATOR_ADDON } from './resources.js';

/** The error for a cluster without the operator, whichever request found out. */
export function operatorMissing(where: string): McError {
  return new McError(
    `The HyperPod inference operator is not installed on ${where}: the cluster has no ${IEC_CRD_NAME} CustomResourceDefinition.`,
    {
      code: 'HYPERPOD_OPERATOR_MISSING',
      suggestions: [
        `Install the EKS add-on ${OPERATOR_ADDON} (the HyperPod inference operator) on the cluster, e.g. from the SageMaker console's HyperPod cluster page, then deploy again.`,
      ],
    },
  );
}

/**
 * Checks the operator's CRD is installed before anything is created. Reading CRDs is a
 * cluster-wide permission that users confined to a team namespace often lack; then the check is
 * left to the create, whose 404 says the same (see `apply`).
 */
export async function checkOperator(api: KubeApi, where: string, progress: Progress): Promise<void> {
  try {
    if (await api.get(CRDS, IEC_CRD_NAME)) return;
  } catch (error) {
    if (kubeErrorStatus(error) !== 403) throw error;
    progress.warn(
      `You may not read CustomResourceDefinitions on ${where}, so mcc cannot check the HyperPod inference operator is installed beforehand.`,
    );
    return;
  }
  throw operatorMissing(where);
}
