import { McError, isMcError, kubeErrorStatus } from '@mcc/sdk';

/**
 * What an API server's refusal means for the user, with the server's own message kept whole (it
 * names the user, verb, resource and namespace). 401 is the cluster not knowing the IAM identity;
 * 403 is RBAC or an admission policy saying no, except for a namespace being deleted, where no
 * permission helps. A namespace that may not be created is reported where it is created. Other
 * errors pass through unchanged.
 */
export function explainKubeError(error: unknown, namespace: string): unknown {
  if (isMcError(error)) return error;
  const status = kubeErrorStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  if (status === 401) {
    return new McError(`The cluster did not accept mcc's credentials (401): ${message}`, {
      code: 'KUBE_UNAUTHORIZED',
      cause: error,
      suggestions: [
        'Give your IAM identity access to the EKS cluster (an access entry, or the aws-auth ConfigMap), or pass --kube-context with a context that works with kubectl.',
      ],
    });
  }
  if (status === 403 && /because it is being terminated/.test(message)) {
    return new McError(`Namespace "${namespace}" is being deleted and takes no new objects: ${message}`, {
      code: 'HYPERPOD_NAMESPACE_FORBIDDEN',
      cause: error,
      suggestions: [
        'Wait until it is gone and deploy again (mcc creates it anew), or deploy to another namespace.',
      ],
    });
  }
  if (status === 403) {
    return new McError(`The cluster's RBAC refused a request (403): ${message}`, {
      code: 'KUBE_FORBIDDEN',
      cause: error,
      suggestions: [
        `Ask the cluster’s administrator for the permission the message names (in namespace "${namespace}": a Role allowing inferenceendpointconfigs, and pods and pods/log for status and logs, pods/proxy for invoke --local); \`kubectl auth can-i --list -n ${namespace}\` shows yours.`,
        'With HyperPod task governance, deploy to your team’s hyperpod-ns-<team> namespace: regenerate with --option namespace=<name>.',
      ],
    });
  }
  return error;
}
