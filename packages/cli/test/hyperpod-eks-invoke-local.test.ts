import type { DeployOptions, InvokeOptions } from '@mcc/sdk';
import { afterEach, describe, expect, it } from 'vitest';

import { payloadFromBytes } from '@mcc/sdk';

import type { ProxyTarget } from '../../../testkit/fake-kube-server.js';
import { IEC_PATH, pod, rejection, world } from './helpers/hyperpod-world.js';
import type { World } from './helpers/hyperpod-world.js';

// `mcc invoke --local` for hyperpod-eks: a ready pod through the API server's pod proxy.
const OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 1800 };
const COMPLETE = { state: 'DeploymentComplete' };
const CSV: InvokeOptions = {
  payload: payloadFromBytes(Buffer.from('5.1,3.5\n4.9,3.0\n')),
  contentType: 'text/csv',
  accept: 'text/csv',
};
const PODS = '/api/v1/namespaces/team-a/pods';

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function deployed(...pods: ReturnType<typeof pod>[]): Promise<World> {
  const ready = await world();
  ready.play([COMPLETE]);
  await ready.lifecycle.deploy!(ready.context, OPTIONS);
  for (const p of pods) ready.server.put(`${PODS}/${p.metadata.name}`, p);
  ready.server.requests.length = 0;
  ready.aws.calls.length = 0;
  return ready;
}

describe('hyperpod-eks invoke --local against a Kubernetes API server on loopback', () => {
  it('posts the payload to a ready pod’s model port and invocation path through the pod proxy', async () => {
    w = await deployed(pod('llama-a', 'Running', false), pod('llama-b'));
    const seen: ProxyTarget[] = [];
    w.server.proxy = (target) => {
      seen.push(target);
      return { status: 200, contentType: 'text/csv', body: '0.1\n0.9\n' };
    };
    const result = await w.lifecycle.invokeLocal!(w.context, CSV);

    expect(result).toEqual({ contentType: 'text/csv', body: '0.1\n0.9\n' });
    expect(seen).toEqual([{ namespace: 'team-a', pod: 'llama-b', port: 8080, path: 'invocations' }]);
    expect(w.server.lines()).toEqual([
      `GET ${IEC_PATH}`,
      `GET ${PODS}`,
      `POST ${PODS}/llama-b:8080/proxy/invocations`,
    ]);
    expect(w.server.requests[1]!.query.get('labelSelector')).toBe('app=llama');
    const proxied = w.server.requests[2]!;
    expect(proxied.raw).toBe((await CSV.payload!.read()).toString('utf8'));
    expect(proxied.headers).toMatchObject({ 'content-type': 'text/csv', accept: 'text/csv' });
    expect(proxied.headers.authorization).toMatch(/^Bearer k8s-aws-v1\./);
    // No SageMaker endpoint is involved: only the cluster lookup reaches AWS.
    expect(w.aws.calls.map((c) => `${c.service}:${c.operation}`)).toEqual([
      'sagemaker:DescribeCluster',
      'eks:DescribeCluster',
    ]);
  });

  it('follows the invocation path the object declares', async () => {
    w = await deployed(pod('llama-a'));
    const stored = w.server.objects.get(IEC_PATH)!;
    (stored.spec as { invocationEndpoint: string }).invocationEndpoint = 'v1/chat/completions';
    w.server.proxy = () => ({ status: 200, contentType: 'application/json', body: '{}' });
    await w.lifecycle.invokeLocal!(w.context, {
      payload: payloadFromBytes(Buffer.from('{}')),
      contentType: 'application/json',
    });
    expect(w.server.lines().at(-1)).toBe(`POST ${PODS}/llama-a:8080/proxy/v1/chat/completions`);
    expect(w.server.requests.at(-1)!.headers.accept).toBe('application/json');
  });

  it('refuses when no pod is ready, naming each pod and why', async () => {
    w = await deployed(pod('llama-a', 'Running', false), pod('llama-b', 'Pending', false));
    const error = await rejection(w.lifecycle.invokeLocal!(w.context, CSV));
    expect(error.code).toBe('HYPERPOD_POD_NOT_READY');
    expect(error.message).toContain('llama-a (Running: 1/2 containers ready, 3 restarts, CrashLoopBackOff');
    expect(error.message).toContain('llama-b (Pending:');
    expect(w.server.lines().some((l) => l.includes('/proxy/'))).toBe(false);
  });

  it('counts a pod by its Ready condition when the kubelet reports one', async () => {
    const unready = pod('llama-a');
    (unready.status as Record<string, unknown>).conditions = [{ type: 'Ready', status: 'False' }];
    w = await deployed(unready);
    const error = await rejection(w.lifecycle.invokeLocal!(w.context, CSV));
    expect(error.code).toBe('HYPERPOD_POD_NOT_READY');
  });

  it('refuses when the deployment has no pods yet', async () => {
    w = await deployed();
    const error = await rejection(w.lifecycle.invokeLocal!(w.context, CSV));
    expect(error.code).toBe('HYPERPOD_NO_PODS');
    expect(error.message).toContain('InferenceEndpointConfig team-a/llama has no pods yet');
  });

  it('reports the model’s own error answer with its status and body', async () => {
    w = await deployed(pod('llama-a'));
    w.server.proxy = () => ({ status: 400, contentType: 'text/plain', body: 'could not parse row 2' });
    const error = await rejection(w.lifecycle.invokeLocal!(w.context, CSV));
    expect(error.code).toBe('HYPERPOD_MODEL_ERROR');
    expect(error.message).toBe('The model in pod llama-a answered 400: could not parse row 2');
  });

  it('says when the API server cannot reach the pod, in its words', async () => {
    w = await deployed(pod('llama-a'));
    const error = await rejection(w.lifecycle.invokeLocal!(w.context, CSV));
    expect(error.code).toBe('HYPERPOD_PROXY_FAILED');
    expect(error.message).toContain('(503): error trying to reach service');
  });

  it('explains RBAC refusing the pod proxy', async () => {
    w = await deployed(pod('llama-a'));
    w.server.faults.push({
      method: 'POST',
      path: /\/proxy\//,
      status: 403,
      reason: 'Forbidden',
      message:
        'pods "llama-a" is forbidden: User "dev" cannot create resource "pods/proxy" in the namespace "team-a"',
    });
    const error = await rejection(w.lifecycle.invokeLocal!(w.context, CSV));
    expect(error.code).toBe('KUBE_FORBIDDEN');
    expect(error.message).toContain('cannot create resource "pods/proxy"');
    expect(error.suggestions?.[0]).toContain('pods/proxy for invoke --local');
  });

  it('needs a recorded deployment, and reaches no cluster without one', async () => {
    w = await world();
    const error = await rejection(w.lifecycle.invokeLocal!(w.context, CSV));
    expect(error.code).toBe('NOT_DEPLOYED');
    expect(w.server.requests).toEqual([]);
    expect(w.aws.calls).toEqual([]);
  });
});
