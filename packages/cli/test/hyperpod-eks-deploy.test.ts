import { awsError } from '@mcc/sdk/testing';
import type { DeployOptions } from '@mcc/sdk';
import { afterEach, describe, expect, it } from 'vitest';

import { projectInput } from '../../../plugins/hyperpod-eks/test/fixtures.js';
import { IEC_PATH, IMAGE, NAMESPACE_PATH, rejection, world } from './helpers/hyperpod-world.js';
import type { World } from './helpers/hyperpod-world.js';

const OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 1800 };
const IEC_COLLECTION =
  '/apis/inference.sagemaker.aws.amazon.com/v1/namespaces/team-a/inferenceendpointconfigs';
const CRD_GET =
  'GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/inferenceendpointconfigs.inference.sagemaker.aws.amazon.com';
const NEW_IMAGE = '123456789012.dkr.ecr.us-west-2.amazonaws.com/llama:0.2.0';

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const IN_PROGRESS = {
  state: 'DeploymentInProgress',
  deploymentStatus: {
    name: 'llama',
    lastUpdated: '2026-01-01T00:00:00Z',
    status: { replicas: 1, readyReplicas: 0 },
  },
};
const COMPLETE = {
  state: 'DeploymentComplete',
  deploymentStatus: {
    name: 'llama',
    lastUpdated: '2026-01-01T00:00:00Z',
    status: { replicas: 1, readyReplicas: 1 },
  },
};

/** The presigned STS URL inside an EKS bearer token. */
function tokenUrl(authorization: string | undefined): URL {
  expect(authorization).toMatch(/^Bearer k8s-aws-v1\.[A-Za-z0-9_-]+$/);
  return new URL(
    Buffer.from(authorization!.slice('Bearer k8s-aws-v1.'.length), 'base64url').toString('utf8'),
  );
}

describe('hyperpod-eks deploy against a Kubernetes API server on loopback', () => {
  it('finds the EKS cluster, signs in with an EKS token, creates namespace and object, waits until complete', async () => {
    w = await world();
    w.play([IN_PROGRESS, IN_PROGRESS, COMPLETE]);
    const result = await w.lifecycle.deploy!(w.context, OPTIONS);

    expect(w.aws.calls).toEqual([
      { service: 'sagemaker', operation: 'DescribeCluster', input: { ClusterName: 'ml-cluster' } },
      { service: 'eks', operation: 'DescribeCluster', input: { name: 'ml-eks' } },
    ]);
    expect(w.server.lines()).toEqual([
      CRD_GET,
      `GET ${NAMESPACE_PATH}`,
      'POST /api/v1/namespaces',
      `GET ${IEC_PATH}`,
      `POST ${IEC_COLLECTION}`,
      `GET ${IEC_PATH}`,
      `GET ${IEC_PATH}`,
      `GET ${IEC_PATH}`,
    ]);
    for (const request of w.server.requests) {
      const url = tokenUrl(request.headers.authorization);
      expect(url.host).toBe('sts.us-west-2.amazonaws.com');
      expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
      expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain('x-k8s-aws-id');
    }
    const namespace = w.server.requests[2]!;
    expect(namespace.headers['content-type']).toBe('application/json');
    expect(namespace.body).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'team-a',
        labels: { 'app.kubernetes.io/managed-by': 'mcc', 'mcc.aws/project': 'llama' },
      },
    });
    const created = w.server.requests[4]!.body as {
      kind: string;
      metadata: { name: string; namespace: string };
      spec: Record<string, unknown>;
    };
    expect(created.kind).toBe('InferenceEndpointConfig');
    expect(created.metadata).toMatchObject({ name: 'llama', namespace: 'team-a' });
    expect(created.spec).toMatchObject({ endpointName: 'llama', worker: { image: IMAGE } });

    expect(w.clock.sleeps).toEqual([10_000, 10_000]);
    expect(w.progress.lines).toEqual([
      'step: Connecting to the EKS cluster of HyperPod cluster ml-cluster',
      'step: Created namespace team-a',
      `step: Applying InferenceEndpointConfig team-a/llama (${IMAGE})`,
      'waiting: InferenceEndpointConfig team-a/llama: DeploymentInProgress, 0/1 pods ready (0 ms)',
      'waiting: InferenceEndpointConfig team-a/llama: DeploymentInProgress, 0/1 pods ready (10000 ms)',
    ]);
    expect(result).toMatchObject({
      action: 'created',
      endpointName: 'llama',
      imageUri: IMAGE,
      region: 'us-west-2',
    });
    expect(result.summary).toContain('InferenceEndpointConfig team-a/llama on HyperPod cluster ml-cluster');
    expect(w.state.read().targets['hyperpod-eks']).toMatchObject({
      cluster: 'ml-cluster',
      namespace: 'team-a',
      name: 'llama',
      endpointName: 'llama',
      createdNamespace: true,
      imageUri: IMAGE,
    });
  });

  it('on a second deploy merge-patches the object into the new one and waits for the new generation', async () => {
    w = await world();
    w.play([COMPLETE]);
    await w.lifecycle.deploy!(w.context, OPTIONS);
    // Something mcc once set and sets no more (a TLS bucket since dropped from the options).
    const stored = w.server.objects.get(IEC_PATH)!;
    (stored.spec as Record<string, unknown>).tlsConfig = { tlsCertificateOutputS3Uri: 's3://old-bucket/' };
    w.server.requests.length = 0;
    w.progress.lines.length = 0;
    // The operator first still reports the old generation complete, then the new one.
    w.play([
      {},
      { ...COMPLETE, observedGeneration: 1 },
      { ...IN_PROGRESS, observedGeneration: 2 },
      { ...COMPLETE, observedGeneration: 2 },
    ]);

    const result = await w.lifecycle.deploy!(w.context, { ...OPTIONS, imageUri: NEW_IMAGE });

    expect(w.server.lines()).toEqual([
      CRD_GET,
      `GET ${NAMESPACE_PATH}`,
      `GET ${IEC_PATH}`,
      `PATCH ${IEC_PATH}`,
      `GET ${IEC_PATH}`,
      `GET ${IEC_PATH}`,
      `GET ${IEC_PATH}`,
    ]);
    const patch = w.server.requests[3]!;
    expect(patch.headers['content-type']).toBe('application/merge-patch+json');
    const body = patch.body as {
      metadata: unknown;
      spec: Record<string, unknown> & { worker: { image: string } };
    };
    expect(body.metadata).toEqual({
      labels: { 'app.kubernetes.io/managed-by': 'mcc', 'mcc.aws/project': 'llama' },
    });
    expect(body.spec.worker.image).toBe(NEW_IMAGE);
    expect(body.spec.tlsConfig).toBeNull();
    expect(w.server.objects.get(IEC_PATH)!.spec).not.toHaveProperty('tlsConfig');
    expect(w.server.objects.get(IEC_PATH)!.metadata.generation).toBe(2);
    // Generation 1's DeploymentComplete does not count for generation 2: two more polls.
    expect(w.clock.sleeps).toEqual([10_000, 10_000]);
    expect(result.action).toBe('updated');
    // The namespace existed this time, but mcc made it on the first deploy: still mcc's to delete.
    expect(w.state.read().targets['hyperpod-eks']).toMatchObject({
      createdNamespace: true,
      imageUri: NEW_IMAGE,
    });
  });

  it('a Hub model switched to S3 loses its huggingFaceModel in the patch, not kept beside s3Storage', async () => {
    w = await world();
    w.play([COMPLETE]);
    await w.lifecycle.deploy!(w.context, OPTIONS);
    w.context.project.input = projectInput({
      options: { namespace: 'team-a' },
      model: {
        source: 's3',
        location: 's3://models-bucket/team/llama/',
        hub: undefined,
        s3: { uri: 's3://models-bucket/team/llama/', bucket: 'models-bucket', prefix: 'team/llama/' },
      },
    });
    await w.lifecycle.deploy!(w.context, OPTIONS);
    const source = (w.server.objects.get(IEC_PATH)!.spec as { modelSourceConfig: Record<string, unknown> })
      .modelSourceConfig;
    expect(source.modelSourceType).toBe('s3');
    expect(source).not.toHaveProperty('huggingFaceModel');
  });

  it('fails with the operator’s own words when it reports DeploymentFailed', async () => {
    w = await world();
    w.play([
      IN_PROGRESS,
      {
        state: 'DeploymentFailed',
        conditions: [
          {
            type: 'DeploymentReady',
            status: 'False',
            reason: 'ModelDownloadFailed',
            message: 'AccessDenied reading s3://models-bucket/team/llama/',
            lastTransitionTime: '2026-01-01T00:00:10Z',
          },
        ],
        deploymentStatus: {
          name: 'llama',
          lastUpdated: '2026-01-01T00:00:10Z',
          message: 'pods did not become ready',
        },
      },
    ]);
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('HYPERPOD_DEPLOYMENT_FAILED');
    expect(error.message).toContain(
      'ModelDownloadFailed: AccessDenied reading s3://models-bucket/team/llama/',
    );
    expect(error.message).toContain('pods did not become ready');
    // Recorded before the wait: status and destroy still find what was created.
    expect(w.state.read().targets['hyperpod-eks']).toBeDefined();
  });

  it('gives up after the timeout, saying the state it was left in', async () => {
    w = await world();
    w.play([IN_PROGRESS]);
    const error = await rejection(w.lifecycle.deploy!(w.context, { ...OPTIONS, timeoutSeconds: 60 }));
    expect(error.code).toBe('HYPERPOD_DEPLOY_TIMEOUT');
    expect(error.message).toContain('not ready after 60 s (state DeploymentInProgress)');
    expect(w.clock.sleeps).toEqual(Array(6).fill(10_000));
    expect(w.state.read().targets['hyperpod-eks']).toBeDefined();
  });

  it('stops waiting on Ctrl-C, leaving the deployment recorded', async () => {
    const controller = new AbortController();
    w = await world({ signal: controller.signal });
    w.play([IN_PROGRESS]);
    controller.abort();
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('INTERRUPTED');
    expect(w.state.read().targets['hyperpod-eks']).toBeDefined();
  });
});

describe('hyperpod-eks deploy: clear errors', () => {
  it('no such HyperPod cluster: nothing reaches the API server', async () => {
    w = await world();
    w.aws.on('DescribeCluster', awsError('ResourceNotFound', 'Cluster ml-cluster not found'));
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('HYPERPOD_CLUSTER_NOT_FOUND');
    expect(error.message).toContain('"ml-cluster" in us-west-2');
    expect(w.server.requests).toEqual([]);
  });

  it('a HyperPod cluster orchestrated by Slurm, not EKS', async () => {
    w = await world();
    w.aws.on('DescribeCluster', { ClusterName: 'ml-cluster', ClusterStatus: 'InService' });
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('HYPERPOD_CLUSTER_NOT_EKS');
    expect(w.aws.operations()).toEqual(['DescribeCluster']);
    expect(w.server.requests).toEqual([]);
  });

  it('the operator is not installed: the error names its add-on, and nothing is created', async () => {
    w = await world({ operatorInstalled: false });
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('HYPERPOD_OPERATOR_MISSING');
    expect(error.suggestions?.join(' ')).toContain('amazon-sagemaker-hyperpod-inference');
    expect(w.server.lines()).toEqual([CRD_GET]);
  });

  it('the operator’s absence found by the create when CRDs may not be read', async () => {
    w = await world({ operatorInstalled: false });
    w.server.put(NAMESPACE_PATH, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    w.server.faults.push({
      method: 'GET',
      path: /customresourcedefinitions/,
      status: 403,
      reason: 'Forbidden',
      message:
        'customresourcedefinitions.apiextensions.k8s.io "x" is forbidden: User "alice" cannot get resource',
    });
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('HYPERPOD_OPERATOR_MISSING');
    expect(
      w.progress.lines.some((l) => l.startsWith('warn: You may not read CustomResourceDefinitions')),
    ).toBe(true);
  });

  it('RBAC forbids creating the object: the API server’s message, whole', async () => {
    w = await world();
    const message =
      'inferenceendpointconfigs.inference.sagemaker.aws.amazon.com is forbidden: User "arn:aws:sts::123456789012:assumed-role/dev/alice" cannot create resource "inferenceendpointconfigs" in API group "inference.sagemaker.aws.amazon.com" in the namespace "team-a"';
    w.server.faults.push({ method: 'POST', path: IEC_COLLECTION, status: 403, reason: 'Forbidden', message });
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('KUBE_FORBIDDEN');
    expect(error.message).toBe(`The cluster's RBAC refused a request (403): ${message}`);
    expect(error.suggestions?.join(' ')).toContain('kubectl auth can-i --list -n team-a');
  });

  it('a namespace that does not exist and may not be created', async () => {
    w = await world();
    w.server.faults.push({
      method: 'POST',
      path: '/api/v1/namespaces',
      status: 403,
      reason: 'Forbidden',
      message:
        'namespaces is forbidden: User "alice" cannot create resource "namespaces" in API group "" at the cluster scope',
    });
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('HYPERPOD_NAMESPACE_FORBIDDEN');
    expect(error.message).toContain('Namespace "team-a" does not exist');
    expect(error.message).toContain('cannot create resource "namespaces"');
    expect(w.server.lines()).not.toContain(`POST ${IEC_COLLECTION}`);
  });

  it('a namespace being deleted takes no new objects', async () => {
    w = await world();
    w.server.faults.push({
      method: 'POST',
      path: IEC_COLLECTION,
      status: 403,
      reason: 'Forbidden',
      message: 'unable to create new content in namespace team-a because it is being terminated',
    });
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('HYPERPOD_NAMESPACE_FORBIDDEN');
    expect(error.message).toContain('being terminated');
  });

  it('a namespace that may not be read is assumed to exist; its absence is then said plainly', async () => {
    w = await world();
    w.server.faults.push({
      method: 'GET',
      path: NAMESPACE_PATH,
      status: 403,
      reason: 'Forbidden',
      message: 'namespaces "team-a" is forbidden: User "alice" cannot get resource "namespaces"',
    });
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('HYPERPOD_NAMESPACE_MISSING');
    expect(w.server.lines()).not.toContain('POST /api/v1/namespaces');
  });

  it('refuses to take over an object of the same name that mcc did not make', async () => {
    w = await world();
    w.server.put(NAMESPACE_PATH, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    w.server.put(IEC_PATH, {
      apiVersion: 'inference.sagemaker.aws.amazon.com/v1',
      kind: 'InferenceEndpointConfig',
      metadata: { name: 'llama', namespace: 'team-a', labels: { owner: 'someone-else' } },
      spec: {},
    });
    const error = await rejection(w.lifecycle.deploy!(w.context, OPTIONS));
    expect(error.code).toBe('HYPERPOD_NAME_TAKEN');
    expect(w.server.lines()).not.toContain(`PATCH ${IEC_PATH}`);
  });
});
