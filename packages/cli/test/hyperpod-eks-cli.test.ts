import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { envelope, mcc, sandbox } from './helpers/cli.js';
import type { Sandbox } from './helpers/cli.js';

// The hyperpod-eks verbs from the built CLI, on the paths that reach neither AWS nor a cluster.
const NO_AWS = {
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
  KUBECONFIG: '/nonexistent/kubeconfig',
};
const IMAGE = '123456789012.dkr.ecr.us-west-2.amazonaws.com/llama:0.1.0';

let box: Sandbox;
let project: string;
beforeAll(async () => {
  box = await sandbox();
  const generated = await mcc(box, [
    'generate',
    'llama',
    '--server',
    'vllm',
    '--model-source',
    'huggingface',
    '--model',
    'openai-community/gpt2',
    '--target',
    'hyperpod-eks',
    '--option',
    'cluster-name=ml-cluster',
    '--option',
    'namespace=team-a',
    '--instance-type',
    'ml.g5.xlarge',
    '--yes',
    '--offline',
  ]);
  expect(generated.exitCode, generated.stderr).toBe(0);
  project = join(box.cwd, 'llama');
}, 60_000);
afterAll(async () => {
  await rm(box.root, { recursive: true, force: true });
});

interface PlanStep {
  kind?: string;
  service?: string;
  operation?: string;
  method?: string;
  path?: string;
  contentType?: string;
  body?: { kind?: string; spec?: { worker?: { image?: string } } };
  purpose: string;
}

describe('mcc deploy --plan for hyperpod-eks (the built CLI)', () => {
  it('prints the AWS calls and the Kubernetes requests with their bodies, making none', async () => {
    const run = await mcc(box, ['deploy', '--plan', '--image-uri', IMAGE], NO_AWS, project);
    expect(run.exitCode, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(
      /^mcc deploy would make these AWS calls in us-east-1 and Kubernetes API requests \(none made\):/,
    );
    expect(out).toContain(
      '\n1. sagemaker DescribeCluster: find the EKS cluster orchestrating the HyperPod cluster\n',
    );
    expect(out).toContain('     "ClusterName": "ml-cluster"');
    expect(out).toContain(
      '\n5. Kubernetes POST /api/v1/namespaces: create the namespace (when it does not exist; destroy deletes it only then)\n   Content-Type: application/json\n   {\n     "apiVersion": "v1",',
    );
    expect(out).toContain(
      '\n7. Kubernetes POST /apis/inference.sagemaker.aws.amazon.com/v1/namespaces/team-a/inferenceendpointconfigs: create',
    );
    expect(out).toContain(`"image": "${IMAGE}"`);
    expect(out).toMatch(
      /\n8\. Kubernetes GET \S+\/inferenceendpointconfigs\/llama: wait until the operator reports DeploymentComplete/,
    );
    expect(existsSync(join(project, '.mcc')), 'a plan writes nothing').toBe(false);
  });

  it('gives the same steps as JSON, the Kubernetes ones marked kind "kube"; --kube-context drops the lookup', async () => {
    const run = await mcc(box, ['deploy', '--plan', '--json', '--timeout', '600'], NO_AWS, project);
    const plan = envelope<{ plan: PlanStep[] }>(run).result.plan;
    expect(
      plan.map((s) => (s.kind === 'kube' ? `${s.method} ${s.path}` : `${s.service}:${s.operation}`)),
    ).toEqual([
      'sagemaker:DescribeCluster',
      'eks:DescribeCluster',
      'GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/inferenceendpointconfigs.inference.sagemaker.aws.amazon.com',
      'GET /api/v1/namespaces/team-a',
      'POST /api/v1/namespaces',
      'GET /apis/inference.sagemaker.aws.amazon.com/v1/namespaces/team-a/inferenceendpointconfigs/llama',
      'POST /apis/inference.sagemaker.aws.amazon.com/v1/namespaces/team-a/inferenceendpointconfigs',
      'GET /apis/inference.sagemaker.aws.amazon.com/v1/namespaces/team-a/inferenceendpointconfigs/llama',
    ]);
    expect(plan[6]).toMatchObject({
      contentType: 'application/json',
      body: { kind: 'InferenceEndpointConfig' },
    });
    // No push recorded and no --image-uri: a stand-in, not a guess.
    expect(plan[6]!.body?.spec?.worker?.image).toBe('<image recorded by mcc push>');
    expect(plan.at(-1)!.purpose).toContain('up to 600 s');

    const viaContext = await mcc(
      box,
      ['deploy', '--plan', '--json', '--kube-context', 'ml'],
      NO_AWS,
      project,
    );
    const steps = envelope<{ plan: PlanStep[] }>(viaContext).result.plan;
    expect(steps.every((s) => s.kind === 'kube')).toBe(true);
  });

  it('invoke --local needs a recorded deployment, like invoke', async () => {
    const run = await mcc(box, ['invoke', '--local', '--json'], NO_AWS, project);
    expect(run.exitCode).toBe(2);
    expect(envelope(run).error?.code).toBe('NOT_DEPLOYED');
  });
});
