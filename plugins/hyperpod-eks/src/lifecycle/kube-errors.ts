import { McError, isMcError, kubeErrorStatus } from '@mcc/sdk';

/**
 * What an API server's refusal means for the user: 403 is RBAC (or an admission policy) saying
 * no, which names the verb, resource and namespace in its message; 401 is the cluster not knowing
 * the IAM identity at all. Other errors pass through unchanged.
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
  // RBAC names the scope: `… in the namespace "x"`, or `… resource "namespaces"` for creating one.
  if (status === 403 && /in the namespace "|resource "namespaces"/.test(message)) {
    return new McError(`The cluster does not allow this deployment in namespace "${namespace}": ${message}`, {
      code: 'HYPERPOD_NAMESPACE_FORBIDDEN',
      cause: error,
      suggestions: [
        'Use a namespace you may deploy to (with HyperPod task governance, your team’s hyperpod-ns-<team> namespace): regenerate with --option namespace=<name>.',
        'Or ask the cluster’s administrator for a Role allowing inferenceendpointconfigs in that namespace.',
      ],
    });
  }
  if (status === 403) {
    return new McError(`The cluster's RBAC refused a request (403): ${message}`, {
      code: 'KUBE_FORBIDDEN',
      cause: error,
      suggestions: [
        'Ask the cluster’s administrator for the permission the message names; `kubectl auth can-i --list` shows yours.',
      ],
    });
  }
  return error;
}
