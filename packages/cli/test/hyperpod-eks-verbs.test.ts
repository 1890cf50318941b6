import type { DeployOptions } from '@mcc/sdk';
import { afterEach, describe, expect, it } from 'vitest';

import { selfSignedCertificate } from '../../../testkit/self-signed-cert.js';
import { IEC_PATH, NAMESPACE_PATH, SELECTOR, pod, rejection, world } from './helpers/hyperpod-world.js';
import type { World } from './helpers/hyperpod-world.js';

const OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 1800 };
const COMPLETE = {
  state: 'DeploymentComplete',
  deploymentStatus: {
    name: 'llama',
    lastUpdated: '2026-01-01T00:00:00Z',
    status: { replicas: 2, readyReplicas: 1 },
  },
  endpoints: { sagemaker: { state: 'CreationCompleted' } },
};

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function deployed(): Promise<World> {
  const deployedWorld = await world();
  deployedWorld.play([COMPLETE]);
  await deployedWorld.lifecycle.deploy!(deployedWorld.context, OPTIONS);
  deployedWorld.server.requests.length = 0;
  deployedWorld.progress.lines.length = 0;
  deployedWorld.clock.sleeps.length = 0;
  return deployedWorld;
}

describe('hyperpod-eks destroy against a Kubernetes API server on loopback', () => {
  it('deletes the object, waits until it is gone, then the namespace mcc created, and forgets both', async () => {
    w = await deployed();
    w.server.lingerAfterDelete = 2;
    w.play([{ state: 'DeletionInProgress' }]);
    const result = await w.lifecycle.destroy!(w.context, { keepImages: false });
    expect(w.server.lines()).toEqual([
      `DELETE ${IEC_PATH}`,
      `GET ${IEC_PATH}`,
      `GET ${IEC_PATH}`,
      `GET ${IEC_PATH}`,
      `DELETE ${NAMESPACE_PATH}`,
    ]);
    expect(w.progress.lines).toEqual([
      'step: Connecting to the EKS cluster of HyperPod cluster ml-cluster',
      'step: Deleting InferenceEndpointConfig team-a/llama',
      'waiting: InferenceEndpointConfig team-a/llama: DeletionInProgress (0 ms)',
      'waiting: InferenceEndpointConfig team-a/llama: DeletionInProgress (10000 ms)',
      'step: Deleting namespace team-a (mcc created it)',
    ]);
    expect(result).toEqual({
      region: 'us-west-2',
      deleted: [
        { kind: 'InferenceEndpointConfig', name: 'team-a/llama' },
        { kind: 'Namespace', name: 'team-a' },
      ],
      alreadyGone: [],
    });
    expect(w.state.read().targets).toEqual({});
    // Terminating: the API server finishes deleting a namespace by itself; mcc does not wait for it.
    expect(w.server.objects.get(NAMESPACE_PATH)?.metadata.deletionTimestamp).toBeDefined();
  });

  it('notes what was already gone, and never deletes a namespace mcc did not create', async () => {
    w = await world();
    w.server.put(NAMESPACE_PATH, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    w.play([COMPLETE]);
    await w.lifecycle.deploy!(w.context, OPTIONS);
    w.server.objects.delete(IEC_PATH); // someone deleted it with kubectl
    w.server.requests.length = 0;
    const result = await w.lifecycle.destroy!(w.context, { keepImages: false });
    expect(w.server.lines()).toEqual([`DELETE ${IEC_PATH}`]);
    expect(result.deleted).toEqual([]);
    expect(result.alreadyGone).toEqual([{ kind: 'InferenceEndpointConfig', name: 'team-a/llama' }]);
    expect(w.server.objects.has(NAMESPACE_PATH)).toBe(true);
    expect(w.state.read().targets).toEqual({});
  });

  it('gives up after its bound, keeping the state so destroy can run again', async () => {
    w = await deployed();
    w.server.lingerAfterDelete = 1_000;
    w.play([{ state: 'DeletionInProgress' }]);
    const error = await rejection(w.lifecycle.destroy!(w.context, { keepImages: false }));
    expect(error.code).toBe('HYPERPOD_DELETE_TIMEOUT');
    expect(error.message).toContain('after 900 s (state DeletionInProgress)');
    expect(w.clock.sleeps).toEqual(Array(90).fill(10_000));
    expect(w.state.read().targets['hyperpod-eks']).toBeDefined();
    expect(w.server.lines()).not.toContain(`DELETE ${NAMESPACE_PATH}`);
  });

  it('stops on the operator’s DeletionFailed with its message', async () => {
    w = await deployed();
    w.server.lingerAfterDelete = 1_000;
    w.play([
      {
        state: 'DeletionFailed',
        conditions: [
          {
            type: 'Deleted',
            status: 'False',
            reason: 'EndpointDeleteFailed',
            message: 'sagemaker:DeleteEndpoint denied',
            lastTransitionTime: '2026-01-01T00:00:00Z',
          },
        ],
      },
    ]);
    const error = await rejection(w.lifecycle.destroy!(w.context, { keepImages: false }));
    expect(error.code).toBe('HYPERPOD_DELETE_FAILED');
    expect(error.message).toContain('EndpointDeleteFailed: sagemaker:DeleteEndpoint denied');
  });

  it('with nothing recorded, connects nowhere and deletes nothing', async () => {
    w = await world();
    const result = await w.lifecycle.destroy!(w.context, { keepImages: false });
    expect(result).toEqual({ region: 'us-west-2', deleted: [], alreadyGone: [] });
    expect(w.aws.calls).toEqual([]);
    expect(w.server.requests).toEqual([]);
  });
});

describe('hyperpod-eks status against a Kubernetes API server on loopback', () => {
  it('reports the object’s state and its pods found through the selector the operator reports', async () => {
    w = await deployed();
    w.server.put('/api/v1/namespaces/team-a/pods/llama-7d9f-b', pod('llama-7d9f-b', 'Running', false));
    w.server.put('/api/v1/namespaces/team-a/pods/llama-7d9f-a', pod('llama-7d9f-a'));
    w.server.put('/api/v1/namespaces/team-a/pods/other', {
      ...pod('other'),
      metadata: { name: 'other', labels: { app: 'other' } },
    });
    const result = await w.lifecycle.status!(w.context);
    expect(w.server.lines()).toEqual([`GET ${IEC_PATH}`, 'GET /api/v1/namespaces/team-a/pods']);
    expect(w.server.requests[1]!.query.get('labelSelector')).toBe(SELECTOR);
    expect(result).toEqual({
      region: 'us-west-2',
      deployed: true,
      resources: [
        {
          kind: 'InferenceEndpointConfig',
          name: 'team-a/llama',
          status: 'DeploymentComplete',
          detail: '1/2 pods ready; SageMaker endpoint llama: CreationCompleted',
        },
        { kind: 'Pod', name: 'team-a/llama-7d9f-a', status: 'Running', detail: '2/2 containers ready' },
        {
          kind: 'Pod',
          name: 'team-a/llama-7d9f-b',
          status: 'Running',
          detail: '1/2 containers ready, 3 restarts, CrashLoopBackOff: back-off 40s',
        },
      ],
    });
  });

  it('says when the recorded object is no longer in the cluster, and when nothing is recorded', async () => {
    w = await deployed();
    w.server.objects.delete(IEC_PATH);
    const gone = await w.lifecycle.status!(w.context);
    expect(gone.deployed).toBe(false);
    expect(gone.resources).toEqual([
      expect.objectContaining({ kind: 'InferenceEndpointConfig', name: 'team-a/llama', status: 'NotFound' }),
    ]);
    await w.close();
    w = await world();
    expect(await w.lifecycle.status!(w.context)).toEqual({
      region: 'us-west-2',
      deployed: false,
      resources: [],
    });
  });
});

describe('hyperpod-eks logs against a Kubernetes API server on loopback', () => {
  it('reads each pod’s model container, from --since, with the kubelet’s timestamps', async () => {
    w = await deployed();
    w.server.put('/api/v1/namespaces/team-a/pods/llama-a', pod('llama-a'));
    w.server.put('/api/v1/namespaces/team-a/pods/llama-b', pod('llama-b'));
    w.server.logs.set('team-a/llama-a', {
      lines: ['2026-01-01T00:00:01.5Z loading model', '2026-01-01T00:00:02Z ready'],
    });
    w.server.logs.set('team-a/llama-b', { lines: ['2026-01-01T00:00:03Z ready'] });
    const lines: { timestamp: number; stream: string; message: string }[] = [];
    await w.lifecycle.logs!(w.context, { follow: false, sinceMinutes: 30, onLine: (l) => lines.push(l) });
    expect(lines).toEqual([
      { timestamp: Date.parse('2026-01-01T00:00:01.5Z'), stream: 'llama-a', message: 'loading model' },
      { timestamp: Date.parse('2026-01-01T00:00:02Z'), stream: 'llama-a', message: 'ready' },
      { timestamp: Date.parse('2026-01-01T00:00:03Z'), stream: 'llama-b', message: 'ready' },
    ]);
    const logRequests = w.server.requests.filter((r) => r.path.endsWith('/log'));
    expect(logRequests.map((r) => r.path)).toEqual([
      '/api/v1/namespaces/team-a/pods/llama-a/log',
      '/api/v1/namespaces/team-a/pods/llama-b/log',
    ]);
    // The container running the deployed image, not the sidecar listed first.
    expect(Object.fromEntries(logRequests[0]!.query)).toEqual({
      container: 'worker',
      sinceSeconds: '1800',
      timestamps: 'true',
    });
  });

  it('--follow streams until the verb’s signal aborts (Ctrl-C)', async () => {
    const controller = new AbortController();
    w = await world({ signal: controller.signal });
    w.play([COMPLETE]);
    await w.lifecycle.deploy!(w.context, OPTIONS);
    w.server.put('/api/v1/namespaces/team-a/pods/llama-a', pod('llama-a'));
    w.server.logs.set('team-a/llama-a', {
      lines: ['2026-01-01T00:00:01Z one'],
      followLines: ['2026-01-01T00:00:02Z two', '2026-01-01T00:00:03Z three'],
    });
    const messages: string[] = [];
    await w.lifecycle.logs!(w.context, {
      follow: true,
      sinceMinutes: 5,
      onLine: (line) => {
        messages.push(line.message);
        if (line.message === 'three') controller.abort();
      },
    });
    expect(messages).toEqual(['one', 'two', 'three']);
    expect(w.server.requests.at(-1)!.query.get('follow')).toBe('true');
  });

  it('warns when the deployment has no pods yet', async () => {
    w = await deployed();
    await w.lifecycle.logs!(w.context, { follow: false, sinceMinutes: 5, onLine: () => {} });
    expect(w.progress.lines.at(-1)).toMatch(/^warn: InferenceEndpointConfig team-a\/llama has no pods yet/);
  });
});

describe('the EKS connection', () => {
  it('trusts only the cluster’s CA from EKS: a server with another certificate is refused', async () => {
    w = await world({ caPem: selfSignedCertificate().cert });
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('KUBE_UNREACHABLE');
    expect(error.message).toMatch(/certificate/i);
    expect(w.server.requests).toEqual([]);
  });
});
