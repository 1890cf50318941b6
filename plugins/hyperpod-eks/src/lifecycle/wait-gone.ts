import { McError } from '@mcc/sdk';
import type { KubeApi, VerbContext } from '@mcc/sdk';

import { INFERENCE_ENDPOINT_CONFIGS } from './resources.js';
import { POLL_SECONDS, failureMessage } from './wait.js';
import type { ObservedIec } from './wait.js';

/**
 * Longest wait for a deleted InferenceEndpointConfig to be gone. The operator's finalizer first
 * tears down the SageMaker endpoint, the load balancer and the pods, which takes minutes.
 */
export const DELETE_TIMEOUT_SECONDS = 900;

/**
 * Polls until the deleted object answers 404, reporting the operator's deletion state meanwhile.
 * `DeletionFailed` stops with the operator's message; the timeout and Ctrl-C stop waiting and say
 * the deletion goes on (the state is kept, so destroy can be run again).
 */
export async function waitUntilGone(
  context: VerbContext,
  api: KubeApi,
  namespace: string,
  name: string,
  timeoutSeconds = DELETE_TIMEOUT_SECONDS,
): Promise<void> {
  const started = context.clock.now();
  const label = `InferenceEndpointConfig ${namespace}/${name}`;
  for (;;) {
    const observed = await api.get<ObservedIec>(INFERENCE_ENDPOINT_CONFIGS, name, namespace);
    if (!observed) return;
    const state = observed.status?.state;
    if (state === 'DeletionFailed') {
      throw new McError(
        `The HyperPod inference operator failed to delete ${label}: ${failureMessage(observed.status)}`,
        {
          code: 'HYPERPOD_DELETE_FAILED',
          suggestions: [
            `\`kubectl describe inferenceendpointconfig ${name} -n ${namespace}\` shows what holds it; run mcc destroy again once fixed.`,
          ],
        },
      );
    }
    const elapsed = context.clock.now() - started;
    if (elapsed >= timeoutSeconds * 1000) {
      throw new McError(
        `${label} was still being deleted after ${timeoutSeconds} s (state ${state ?? 'not reported'}).`,
        {
          code: 'HYPERPOD_DELETE_TIMEOUT',
          suggestions: ['The operator goes on deleting it; run mcc destroy again later to finish.'],
        },
      );
    }
    context.progress.waiting(`${label}: ${state ?? 'deleting'}`, elapsed);
    if (context.signal.aborted) {
      throw new McError(`Stopped waiting for ${label} to be deleted; the deletion goes on in the cluster.`, {
        code: 'INTERRUPTED',
      });
    }
    await context.clock.sleep(POLL_SECONDS * 1000);
  }
}
