import { McError } from '@mcc/sdk';
import type { KubeApi, VerbContext } from '@mcc/sdk';

import type { InferenceEndpointConfigObject } from '../objects/types.js';
import { INFERENCE_ENDPOINT_CONFIGS } from './resources.js';

/** Seconds between two looks at the object's status; the operator takes minutes, not seconds. */
export const POLL_SECONDS = 10;

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** The parts of the operator's status that say how a deployment is going. */
export interface IecStatus {
  state?: string;
  observedGeneration?: number;
  /** The label selector of the deployment's pods (the CRD's scale subresource reads it too). */
  selector?: string;
  conditions?: Condition[];
  deploymentStatus?: {
    message?: string;
    reason?: string;
    status?: { readyReplicas?: number; replicas?: number };
  };
  endpoints?: { sagemaker?: { state?: string; endpointArn?: string } };
}

export type ObservedIec = InferenceEndpointConfigObject & {
  metadata: { generation?: number };
  status?: IecStatus;
};

/** The operator's own words for a failure: failed conditions first, then the deployment's message. */
export function failureMessage(status: IecStatus | undefined): string {
  const failed = (status?.conditions ?? []).filter(
    (c) => c.status === 'False' || /fail/i.test(`${c.type ?? ''} ${c.reason ?? ''}`),
  );
  const words = failed.map((c) => [c.reason, c.message].filter(Boolean).join(': ')).filter(Boolean);
  if (status?.deploymentStatus?.message) words.push(status.deploymentStatus.message);
  return words.length > 0 ? words.join('; ') : 'the operator gave no reason';
}

/**
 * Polls the InferenceEndpointConfig until the operator says `DeploymentComplete` for the current
 * generation, fails with the operator's message on `DeploymentFailed`, and gives up after the
 * timeout saying what state it was left in. Ctrl-C stops the wait, not the deployment.
 */
export async function waitUntilDeployed(
  context: VerbContext,
  api: KubeApi,
  namespace: string,
  name: string,
  timeoutSeconds: number,
): Promise<ObservedIec> {
  const started = context.clock.now();
  const label = `InferenceEndpointConfig ${namespace}/${name}`;
  for (;;) {
    const observed = await api.get<ObservedIec>(INFERENCE_ENDPOINT_CONFIGS, name, namespace);
    if (!observed) {
      throw new McError(`${label} disappeared while mcc waited for it.`, {
        code: 'HYPERPOD_DEPLOYMENT_GONE',
        suggestions: ['Someone (or something) deleted it; run mcc deploy again.'],
      });
    }
    const status = observed.status;
    const current =
      status?.observedGeneration === undefined ||
      observed.metadata.generation === undefined ||
      status.observedGeneration >= observed.metadata.generation;
    if (current && status?.state === 'DeploymentComplete') return observed;
    if (current && status?.state === 'DeploymentFailed') {
      throw new McError(
        `The HyperPod inference operator failed to deploy ${label}: ${failureMessage(status)}`,
        {
          code: 'HYPERPOD_DEPLOYMENT_FAILED',
          suggestions: [
            `\`kubectl describe inferenceendpointconfig ${name} -n ${namespace}\` and \`mcc logs\` show more.`,
          ],
        },
      );
    }
    const elapsed = context.clock.now() - started;
    if (elapsed >= timeoutSeconds * 1000) {
      throw new McError(
        `${label} was not ready after ${timeoutSeconds} s (state ${status?.state ?? 'not reported yet'}).`,
        {
          code: 'HYPERPOD_DEPLOY_TIMEOUT',
          suggestions: [
            'It keeps deploying in the cluster: `mcc status` shows how it goes; run mcc deploy with a longer --timeout to wait again.',
          ],
        },
      );
    }
    const ready = status?.deploymentStatus?.status;
    const replicas = ready ? `, ${ready.readyReplicas ?? 0}/${ready.replicas ?? 0} pods ready` : '';
    context.progress.waiting(`${label}: ${status?.state ?? 'waiting for the operator'}${replicas}`, elapsed);
    if (context.signal.aborted) {
      throw new McError(`Stopped waiting for ${label}; it keeps deploying in the cluster.`, {
        code: 'INTERRUPTED',
      });
    }
    await context.clock.sleep(POLL_SECONDS * 1000);
  }
}
