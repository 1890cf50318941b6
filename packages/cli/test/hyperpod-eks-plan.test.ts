import { isPlannedKubeRequest } from '@mcc/sdk';
import type { DeployOptions, PlannedAwsCall, PlannedCall, PlannedKubeRequest } from '@mcc/sdk';
import { afterEach, describe, expect, it } from 'vitest';

import { projectInput } from '../../../plugins/hyperpod-eks/test/fixtures.js';
import { IEC_PATH, IMAGE, NAMESPACE_PATH, world } from './helpers/hyperpod-world.js';
import type { World } from './helpers/hyperpod-world.js';

// `mcc deploy --plan` for hyperpod-eks, held against what deploy then sends to the fake API server.
const OPTIONS: DeployOptions = { keepFailed: false, timeoutSeconds: 1800 };
const NEW_IMAGE = '123456789012.dkr.ecr.us-west-2.amazonaws.com/llama:0.2.0';
const COMPLETE = {
  state: 'DeploymentComplete',
  deploymentStatus: { status: { replicas: 1, readyReplicas: 1 } },
};
const CRD_PATH =
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/inferenceendpointconfigs.inference.sagemaker.aws.amazon.com';
const IEC_COLLECTION =
  '/apis/inference.sagemaker.aws.amazon.com/v1/namespaces/team-a/inferenceendpointconfigs';

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

function kubeSteps(plan: readonly PlannedCall[]): PlannedKubeRequest[] {
  return plan.filter(isPlannedKubeRequest);
}

function awsSteps(plan: readonly PlannedCall[]): PlannedAwsCall[] {
  return plan.filter((call): call is PlannedAwsCall => !isPlannedKubeRequest(call));
}

/**
 * Each planned Kubernetes request against the request deploy made at the same place: method, path,
 * content type and body, field by field. The plan shows the status poll once; deploy here polls once.
 */
function expectSameRequests(world: World, plan: readonly PlannedCall[]): void {
  const planned = kubeSteps(plan);
  expect(planned.map((p) => `${p.method} ${p.path}`)).toEqual(world.server.lines());
  planned.forEach((step, index) => {
    const sent = world.server.requests[index]!;
    expect(sent.headers['content-type'], `${step.method} ${step.path}`).toBe(step.contentType);
    expect(sent.body, `${step.method} ${step.path}`).toEqual(step.body);
  });
}

describe('hyperpod-eks deploy --plan', () => {
  it('lists a first deploy’s calls and requests, makes none, and deploy then sends exactly them', async () => {
    w = await world();
    const plan = w.lifecycle.planDeploy!(w.context.project, w.state, OPTIONS);
    expect(w.aws.calls, 'a plan calls no AWS API').toEqual([]);
    expect(w.server.requests, 'a plan sends no request to the cluster').toEqual([]);
    expect(w.state.read().targets).toEqual({});

    expect(
      plan.map((c) => (isPlannedKubeRequest(c) ? `${c.method} ${c.path}` : `${c.service}:${c.operation}`)),
    ).toEqual([
      'sagemaker:DescribeCluster',
      'eks:DescribeCluster',
      `GET ${CRD_PATH}`,
      `GET ${NAMESPACE_PATH}`,
      'POST /api/v1/namespaces',
      `GET ${IEC_PATH}`,
      `POST ${IEC_COLLECTION}`,
      `GET ${IEC_PATH}`,
    ]);
    for (const step of plan) expect(step.purpose.length).toBeGreaterThan(10);
    expect(plan.at(-1)!.purpose).toContain('every 10 s, up to 1800 s');

    w.play([COMPLETE]);
    await w.lifecycle.deploy!(w.context, OPTIONS);
    expectSameRequests(w, plan);
    // The object's body names the recorded image; the namespace's carries mcc's labels.
    expect((kubeSteps(plan)[4]!.body as { spec: { worker: { image: string } } }).spec.worker.image).toBe(
      IMAGE,
    );

    const [sagemaker, eks] = awsSteps(plan);
    expect({ ...sagemaker, purpose: undefined }).toEqual({ ...w.aws.calls[0], purpose: undefined });
    // The EKS cluster's name is only known from SageMaker's answer: the plan says so in its place.
    expect(eks).toMatchObject({ service: 'eks', operation: 'DescribeCluster' });
    expect(eks!.input).toEqual({ name: '<EKS cluster of HyperPod cluster ml-cluster>' });
    expect(w.aws.calls[1]).toEqual({
      service: 'eks',
      operation: 'DescribeCluster',
      input: { name: 'ml-eks' },
    });
  });

  it('shows an update’s merge patch, nulls included, which deploy then sends field for field', async () => {
    const autoscaled = projectInput({
      options: { namespace: 'team-a', 'min-replicas': 1, 'max-replicas': 4 },
    });
    w = await world({ input: autoscaled });
    w.play([COMPLETE]);
    await w.lifecycle.deploy!(w.context, OPTIONS);
    w.server.requests.length = 0;
    w.aws.calls.length = 0;
    // The project drops autoscaling and gets a new image: the patch must remove autoScalingSpec.
    w.context.project = { ...w.context.project, input: projectInput({ options: { namespace: 'team-a' } }) };
    const options = { ...OPTIONS, imageUri: NEW_IMAGE };

    const plan = w.lifecycle.planDeploy!(w.context.project, w.state, options);
    expect(w.aws.calls).toEqual([]);
    expect(w.server.requests).toEqual([]);
    const patch = kubeSteps(plan).find((p) => p.method === 'PATCH')!;
    expect(patch).toMatchObject({ path: IEC_PATH, contentType: 'application/merge-patch+json' });
    expect(patch.body).toMatchObject({
      metadata: { labels: { 'app.kubernetes.io/managed-by': 'mcc', 'mcc.aws/project': 'llama' } },
      spec: { autoScalingSpec: null, worker: { image: NEW_IMAGE } },
    });
    expect(
      kubeSteps(plan).some((p) => p.method === 'POST'),
      'an update creates nothing',
    ).toBe(false);

    // The first read is deploy's look for the object; the second, its one poll.
    w.play([{}, { ...COMPLETE, observedGeneration: 2 }]);
    await w.lifecycle.deploy!(w.context, options);
    expectSameRequests(w, plan);
  });

  it('with --kube-context finds no cluster through AWS, and without an image shows a stand-in', async () => {
    w = await world();
    w.state.write({ schema: 1, targets: {} });
    const plan = w.lifecycle.planDeploy!(w.context.project, w.state, { ...OPTIONS, kubeContext: 'ml' });
    expect(awsSteps(plan)).toEqual([]);
    const create = kubeSteps(plan).find((p) => p.path === IEC_COLLECTION)!;
    expect((create.body as { spec: { worker: { image: string } } }).spec.worker.image).toBe(
      '<image recorded by mcc push>',
    );
    expect(w.server.requests).toEqual([]);
  });
});
