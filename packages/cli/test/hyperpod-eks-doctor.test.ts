import { awsError } from '@mcc/sdk/testing';
import type { DeployOptions } from '@mcc/sdk';
import { afterEach, describe, expect, it } from 'vitest';

import type { AccessAttributes } from '../../../testkit/fake-kube-server.js';
import { IMAGE, NAMESPACE_PATH, world } from './helpers/hyperpod-world.js';
import type { World } from './helpers/hyperpod-world.js';

// `mcc doctor` for hyperpod-eks: every check against the fake API server, nothing created.
const OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 0 };
const CRD_GET =
  'GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/inferenceendpointconfigs.inference.sagemaker.aws.amazon.com';
const REVIEWS = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

function statuses(checks: readonly { name: string; status: string }[]): string[] {
  return checks.map((c) => `${c.status} ${c.name}`);
}

describe('hyperpod-eks doctor against a Kubernetes API server on loopback', () => {
  it('checks cluster, API server, operator, namespace and permission, and creates nothing', async () => {
    w = await world();
    const before = [...w.server.objects.keys()];
    const result = await w.lifecycle.doctor!(w.context, OPTIONS);

    expect(statuses(result.checks)).toEqual([
      'ok image',
      'ok HyperPod cluster',
      'ok API server',
      'ok inference operator',
      'ok namespace',
      'ok permission',
    ]);
    expect(result.region).toBe('us-west-2');
    const detail = Object.fromEntries(result.checks.map((c) => [c.name, c.detail]));
    expect(detail).toMatchObject({
      image: IMAGE,
      'HyperPod cluster': 'ml-cluster (InService), orchestrated by EKS cluster ml-eks',
      'API server': expect.stringContaining('accepts your credentials (Kubernetes v1.31.0-fake)'),
      namespace: 'team-a does not exist; mcc deploy will create it',
      permission: 'you may create inferenceendpointconfigs in team-a',
    });
    expect(w.server.lines()).toEqual([
      'GET /version',
      CRD_GET,
      `GET ${NAMESPACE_PATH}`,
      `POST ${REVIEWS}`,
      `POST ${REVIEWS}`,
    ]);
    expect(w.server.requests.map((r) => r.body).filter(Boolean)).toEqual([
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb: 'create', group: '', resource: 'namespaces' } },
      },
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            verb: 'create',
            group: 'inference.sagemaker.aws.amazon.com',
            resource: 'inferenceendpointconfigs',
            namespace: 'team-a',
          },
        },
      },
    ]);
    for (const request of w.server.requests) {
      expect(request.headers.authorization).toMatch(/^Bearer k8s-aws-v1\./);
    }
    expect([...w.server.objects.keys()], 'doctor creates nothing').toEqual(before);
    expect(w.state.read().targets).toEqual({});
  });

  it('fails what RBAC would refuse: a namespace it may not create, an object it may not create there', async () => {
    w = await world();
    const asked: AccessAttributes[] = [];
    w.server.access = (attributes) => {
      asked.push(attributes);
      return false;
    };
    const result = await w.lifecycle.doctor!(w.context, OPTIONS);
    expect(statuses(result.checks).slice(-2)).toEqual(['fail namespace', 'fail permission']);
    expect(result.checks.at(-2)!.detail).toBe('team-a does not exist and you may not create it');
    expect(result.checks.at(-1)!.detail).toBe(
      'RBAC does not let you create inferenceendpointconfigs in team-a',
    );
    expect(asked.map((a) => a.resource)).toEqual(['namespaces', 'inferenceendpointconfigs']);
  });

  it('an existing namespace needs no permission to create one', async () => {
    w = await world();
    w.server.put(NAMESPACE_PATH, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    const result = await w.lifecycle.doctor!(w.context, OPTIONS);
    expect(result.checks.find((c) => c.name === 'namespace')).toEqual({
      name: 'namespace',
      status: 'ok',
      detail: 'team-a exists',
    });
    expect(w.server.lines().filter((l) => l === `POST ${REVIEWS}`)).toHaveLength(1);
  });

  it('fails without the operator naming its add-on, and warns where the user may not look', async () => {
    w = await world({ operatorInstalled: false });
    const missing = await w.lifecycle.doctor!(w.context, OPTIONS);
    expect(missing.checks.find((c) => c.name === 'inference operator')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('amazon-sagemaker-hyperpod-inference'),
    });
    await w.close();

    w = await world();
    for (const path of [/customresourcedefinitions/, /^\/api\/v1\/namespaces\/team-a$/]) {
      w.server.faults.push({ method: 'GET', path, status: 403, reason: 'Forbidden', message: 'forbidden' });
    }
    const hidden = await w.lifecycle.doctor!(w.context, OPTIONS);
    expect(statuses(hidden.checks)).toEqual([
      'ok image',
      'ok HyperPod cluster',
      'ok API server',
      'warn inference operator',
      'warn namespace',
      'ok permission',
    ]);
  });

  it('fails the API server when it refuses the token, and checks nothing behind it', async () => {
    w = await world();
    w.server.faults.push({
      method: 'GET',
      path: '/version',
      status: 401,
      reason: 'Unauthorized',
      message: 'Unauthorized',
    });
    const result = await w.lifecycle.doctor!(w.context, OPTIONS);
    expect(statuses(result.checks)).toEqual(['ok image', 'ok HyperPod cluster', 'fail API server']);
    expect(result.checks.at(-1)!.detail).toContain('does not accept your credentials (401)');
    expect(w.server.lines()).toEqual(['GET /version']);
  });

  it('fails a cluster SageMaker does not know, or one not on EKS, without reaching any API server', async () => {
    w = await world();
    w.aws.on('DescribeCluster', awsError('ResourceNotFound', 'Cluster ml-cluster not found'));
    const unknown = await w.lifecycle.doctor!(w.context, OPTIONS);
    expect(statuses(unknown.checks)).toEqual(['ok image', 'fail HyperPod cluster']);
    expect(unknown.checks[1]!.detail).toBe('there is no HyperPod cluster "ml-cluster" in us-west-2');

    w.aws.on('DescribeCluster', { ClusterName: 'ml-cluster', ClusterStatus: 'InService', Orchestrator: {} });
    const slurm = await w.lifecycle.doctor!(w.context, OPTIONS);
    expect(slurm.checks[1]).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('not orchestrated by EKS'),
    });
    expect(w.server.requests).toEqual([]);
  });

  it('fails the image when none is recorded or given', async () => {
    w = await world();
    w.state.write({ schema: 1, targets: {} });
    const result = await w.lifecycle.doctor!(w.context, OPTIONS);
    expect(result.checks[0]).toMatchObject({ name: 'image', status: 'fail' });
    const given = await w.lifecycle.doctor!(w.context, { ...OPTIONS, imageUri: IMAGE });
    expect(given.checks[0]).toEqual({ name: 'image', status: 'ok', detail: IMAGE });
  });
});
