/**
 * A HyperPod deployment's world for the lifecycle tests: core's real connector and HTTP client,
 * the plugin's real verbs, a fake Kubernetes API server on loopback as the EKS cluster, and
 * FakeAws answering SageMaker's and EKS's DescribeCluster with that server's URL.
 */
import { SdkKubeConnector } from '@mcc/core';
import { hyperpodEksTarget } from '@mcc/plugin-hyperpod-eks';
import type { ProjectInput, TargetLifecycle, VerbContext } from '@mcc/sdk';
import { FakeAws, FakeClock, MemoryState, RecordedProgress } from '@mcc/sdk/testing';

import { FakeKubeServer, IEC_CRD_PATH } from '../../../../testkit/fake-kube-server.js';
import { selfSignedCertificate } from '../../../../testkit/self-signed-cert.js';
import type { StoredObject } from '../../../../testkit/fake-kube-server.js';
import { projectInput } from '../../../../plugins/hyperpod-eks/test/fixtures.js';

export const IMAGE = '123456789012.dkr.ecr.us-west-2.amazonaws.com/llama:0.1.0';
export const EKS_ARN = 'arn:aws:eks:us-west-2:123456789012:cluster/ml-eks';
export const IEC_PATH =
  '/apis/inference.sagemaker.aws.amazon.com/v1/namespaces/team-a/inferenceendpointconfigs/llama';
export const NAMESPACE_PATH = '/api/v1/namespaces/team-a';
/** The selector the operator reports in the object's status, and the label its pods carry. */
export const SELECTOR = 'app=llama';

export interface World {
  server: FakeKubeServer;
  aws: FakeAws;
  clock: FakeClock;
  progress: RecordedProgress;
  state: MemoryState;
  context: VerbContext;
  lifecycle: TargetLifecycle;
  /** The operator's answers, one per read of the object after it exists; the last one repeats. */
  play(statuses: readonly Record<string, unknown>[]): void;
  close(): Promise<void>;
}

/** One certificate for the file's servers: openssl takes a few tens of milliseconds a run. */
let certificate: { key: string; cert: string } | undefined;
function tls(): { key: string; cert: string } {
  certificate ??= selfSignedCertificate();
  return certificate;
}

/** SageMaker's and EKS's DescribeCluster for HyperPod cluster ml-cluster, whose EKS API is `endpoint`. */
export function describeClusters(endpoint: string, caPem: string): FakeAws {
  return new FakeAws('us-west-2').on('DescribeCluster', (call) =>
    call.service === 'sagemaker'
      ? {
          ClusterName: 'ml-cluster',
          ClusterStatus: 'InService',
          Orchestrator: { Eks: { ClusterArn: EKS_ARN } },
        }
      : {
          cluster: {
            name: 'ml-eks',
            arn: EKS_ARN,
            status: 'ACTIVE',
            endpoint,
            certificateAuthority: { data: Buffer.from(caPem).toString('base64') },
          },
        },
  );
}

export async function world(
  options: { input?: ProjectInput; signal?: AbortSignal; operatorInstalled?: boolean; caPem?: string } = {},
): Promise<World> {
  const server = new FakeKubeServer();
  const url = await server.start(tls());
  if (options.operatorInstalled !== false) {
    server.put(IEC_CRD_PATH, {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'inferenceendpointconfigs.inference.sagemaker.aws.amazon.com' },
    });
  }
  const aws = describeClusters(url, options.caPem ?? tls().cert);
  const clock = new FakeClock();
  const progress = new RecordedProgress();
  const state = new MemoryState({
    schema: 1,
    targets: {},
    image: { uri: IMAGE, pushedAt: '2026-01-01T00:00:00Z', by: 'push' },
  });
  const input = options.input ?? projectInput({ options: { namespace: 'team-a' } });
  const context: VerbContext = {
    project: { dir: '/unused', input },
    aws,
    kube: new SdkKubeConnector({
      aws,
      credentials: async () => ({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'test-secret',
        sessionToken: 'session-1',
      }),
      clock,
    }),
    state,
    progress,
    clock,
    signal: options.signal ?? new AbortController().signal,
  };
  const lifecycle = await hyperpodEksTarget.lifecycle!();
  let statuses: readonly Record<string, unknown>[] = [{}];
  let reads = 0;
  server.operator = (object: StoredObject, path: string) => {
    if (path !== IEC_PATH) return;
    const next = statuses[Math.min(reads++, statuses.length - 1)] ?? {};
    object.status = { observedGeneration: object.metadata.generation, selector: SELECTOR, ...next };
  };
  return {
    server,
    aws,
    clock,
    progress,
    state,
    context,
    lifecycle,
    play(list) {
      statuses = list;
      reads = 0;
    },
    close: () => server.close(),
  };
}

/** A pod of the deployment, as the operator's Deployment would have made it. */
export function pod(name: string, phase = 'Running', ready = true): StoredObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'team-a', labels: { app: 'llama' } },
    spec: {
      containers: [
        { name: 'proxy', image: 'public.ecr.aws/example/sidecar:1' },
        { name: 'worker', image: IMAGE },
      ],
    },
    status: {
      phase,
      containerStatuses: [
        { name: 'proxy', ready: true, restartCount: 0 },
        {
          name: 'worker',
          ready,
          restartCount: ready ? 0 : 3,
          ...(ready ? {} : { state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } } }),
        },
      ],
    },
  };
}

export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; suggestions?: string[] }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; suggestions?: string[] };
  }
  throw new Error('expected a rejection');
}
