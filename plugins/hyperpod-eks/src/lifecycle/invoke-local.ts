import { McError, readSyncPayload, usageError } from '@mcc/sdk';

import { MAX_PAYLOAD_BYTES } from './invoke.js';
import type { InvokeOptions, InvokeResult, KubeApiError, VerbContext } from '@mcc/sdk';

import { MODEL_PORT } from '../objects/inference-endpoint-config.js';
import { connectToCluster } from './connection.js';
import { explainKubeError } from './kube-errors.js';
import { isPodReady, podDetail, podsOf } from './pods.js';
import type { PodObject } from './pods.js';
import { apiServerRefusal } from './raw-response.js';
import { INFERENCE_ENDPOINT_CONFIGS } from './resources.js';
import { readHyperpodState } from './state.js';
import type { ObservedIec } from './wait.js';

/**
 * The pod proxy path of a pod's port: the API server forwards the request to the pod itself. It
 * needs no WebSocket or SPDY stream (unlike port-forward), only `create` on `pods/proxy`. The
 * `name:port` segment is written as kubectl writes it, with the colon bare.
 */
export function podProxyPath(namespace: string, pod: string, port: number, path: string): string {
  const rest = path.replace(/^\/+/, '');
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}:${port}/proxy/${rest}`;
}

function notReady(label: string, pods: readonly PodObject[]): McError {
  const states = pods.map((p) => `${p.metadata.name} (${p.status?.phase ?? 'Unknown'}: ${podDetail(p)})`);
  return new McError(`No pod of ${label} is ready to take a request: ${states.join('; ')}.`, {
    code: 'HYPERPOD_POD_NOT_READY',
    suggestions: [
      '`mcc status` shows how the pods go and `mcc logs` what they print; try again once one is ready.',
    ],
  });
}

/**
 * `mcc invoke --local` for HyperPod: the request goes to one ready pod of the deployment through the
 * API server's pod proxy, to the model's port and invocation path as the object declares them,
 * bypassing the SageMaker endpoint and the load balancer. It works wherever kubectl port-forward
 * would, which tells a model problem from an endpoint or routing one. The model's own error answer
 * is reported with its status and body.
 */
export async function invokeLocal(context: VerbContext, options: InvokeOptions): Promise<InvokeResult> {
  const record = readHyperpodState(context.state);
  if (!record) {
    throw usageError('NOT_DEPLOYED', 'This project has no deployment to invoke: mcc has recorded none.', [
      'Run do/deploy (mcc deploy) first; `mcc status` shows what is recorded.',
    ]);
  }
  // The same limit as the endpoint's, so a request that works locally works deployed.
  const request = await readSyncPayload(options, {
    target: 'hyperpod-eks',
    maxBytes: MAX_PAYLOAD_BYTES,
    describe: `the endpoint of a HyperPod deployment takes at most ${MAX_PAYLOAD_BYTES} (6 MB), and --local keeps to it`,
    instead: 'Send a smaller request.',
  });
  const { namespace, name } = record;
  const label = `InferenceEndpointConfig ${namespace}/${name}`;
  try {
    const { api } = await connectToCluster(context, record.cluster);
    const observed = await api.get<ObservedIec>(INFERENCE_ENDPOINT_CONFIGS, name, namespace);
    if (!observed) {
      throw new McError(`${label} is recorded by mcc deploy but no longer in the cluster.`, {
        code: 'HYPERPOD_DEPLOYMENT_GONE',
        suggestions: ['Run mcc deploy again.'],
      });
    }
    const pods = await podsOf(api, namespace, observed.status?.selector);
    if (pods.length === 0) {
      throw new McError(`${label} has no pods yet, so there is nothing to invoke locally.`, {
        code: 'HYPERPOD_NO_PODS',
        suggestions: ['`mcc status` shows how the deployment goes; the operator starts pods within minutes.'],
      });
    }
    const pod = pods.find(isPodReady);
    if (!pod) throw notReady(label, pods);
    const port = observed.spec.worker?.modelInvocationPort?.containerPort ?? MODEL_PORT;
    const path = podProxyPath(namespace, pod.metadata.name, port, observed.spec.invocationEndpoint);
    context.progress.step(
      `Invoking pod ${namespace}/${pod.metadata.name} on port ${port} through the API server`,
    );
    const response = await api.request({
      method: 'POST',
      path,
      body: request,
      contentType: options.contentType ?? 'application/octet-stream',
      accept: options.accept ?? 'application/json',
      signal: context.signal,
    });
    const refusal = apiServerRefusal(response);
    // 401 and 403 are the user's access, explained below; others are the pod out of reach.
    if (refusal)
      throw refusal.kubeStatus === 401 || refusal.kubeStatus === 403 ? refusal : proxyFailure(refusal, label);
    const text = response.body.toString('utf8');
    if (response.status >= 400) {
      throw new McError(
        `The model in pod ${pod.metadata.name} answered ${response.status}: ${text.slice(0, 2000) || '(no body)'}`,
        {
          code: 'HYPERPOD_MODEL_ERROR',
          suggestions: ['`mcc logs` shows what the model printed.'],
        },
      );
    }
    return { contentType: response.contentType, body: text };
  } catch (error) {
    throw explainKubeError(error, namespace);
  }
}

/** The API server could not reach the pod (503 and friends): said with its words. */
function proxyFailure(error: KubeApiError, label: string): McError {
  return new McError(
    `The API server could not pass the request to a pod of ${label} (${error.kubeStatus}): ${error.message}`,
    {
      code: 'HYPERPOD_PROXY_FAILED',
      cause: error,
      suggestions: ['`mcc status` shows whether the pod still runs; try again, or invoke without --local.'],
    },
  );
}
