import { describe, expect, it } from 'vitest';

import { MemoryState, awsError } from '@mcc/sdk/testing';

import { deploy } from '../src/lifecycle/deploy.js';
import { planDeploy } from '../src/lifecycle/plan.js';
import type { ServerlessState } from '../src/lifecycle/state.js';
import { IMAGE, OPTIONS, ROLE_ARN, harness, rejection } from './harness.js';

const TAGS = [
  { Key: 'mcc:project', Value: 'abalone' },
  { Key: 'mcc:managed-by', Value: 'mcc' },
];

/** The state a first deploy leaves, for the update and destroy tests. */
const DEPLOYED: ServerlessState = {
  region: 'us-east-1',
  account: '123456789012',
  role: { name: 'mcc-abalone-serverless', arn: ROLE_ARN, createdByMcc: true, policyName: 'mcc-execution' },
  models: ['abalone-model-old'],
  endpointConfigs: ['abalone-config-old'],
  endpoint: { name: 'abalone', createdByMcc: true },
  image: 'old-image',
};

describe('a first serverless deploy', () => {
  it('makes the calls of the serverless flow, in order, and records the state', async () => {
    const h = harness();
    const result = await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).toEqual([
      'GetCallerIdentity',
      'GetRole',
      'CreateRole',
      'PutRolePolicy',
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
    ]);
    expect(result).toMatchObject({
      endpointName: 'abalone',
      imageUri: IMAGE,
      action: 'created',
      region: 'us-east-1',
    });
    const section = h.section()!;
    expect(section.endpoint).toEqual({ name: 'abalone', createdByMcc: true });
    expect(section.models).toEqual([h.aws.input('CreateModel').ModelName]);
    expect(section.endpointConfigs).toEqual([h.aws.input('CreateEndpointConfig').EndpointConfigName]);
    expect(section.pending).toBeUndefined();
    expect(section.image).toBe(IMAGE);
  });

  it('sends each request with exactly the fields the API requires', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    const role = h.aws.input('CreateRole');
    expect(role.RoleName).toBe('mcc-abalone-serverless');
    expect(JSON.parse(role.AssumeRolePolicyDocument as string).Statement[0]).toMatchObject({
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    const policy = h.aws.input('PutRolePolicy');
    expect(policy).toMatchObject({ RoleName: 'mcc-abalone-serverless', PolicyName: 'mcc-execution' });
    expect(policy.PolicyDocument).toContain('arn:aws:ecr:us-east-1:123456789012:repository/abalone');

    const model = h.aws.input('CreateModel');
    expect(model).toEqual({
      ModelName: expect.stringMatching(/^abalone-model-[0-9a-z]{1,7}$/),
      ExecutionRoleArn: ROLE_ARN,
      PrimaryContainer: { Image: IMAGE },
      Tags: TAGS,
    });
    const config = h.aws.input('CreateEndpointConfig');
    expect(config).toEqual({
      EndpointConfigName: expect.stringMatching(/^abalone-config-[0-9a-z]{1,7}$/),
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: model.ModelName,
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
      Tags: TAGS,
    });
    // A serverless variant carries no instance fields: SageMaker refuses them with ServerlessConfig.
    const variant = (config.ProductionVariants as Record<string, unknown>[])[0]!;
    expect(variant).not.toHaveProperty('InstanceType');
    expect(variant).not.toHaveProperty('InitialInstanceCount');
    expect(h.aws.input('CreateEndpoint')).toEqual({
      EndpointName: 'abalone',
      EndpointConfigName: config.EndpointConfigName,
      Tags: TAGS,
    });
    expect(h.aws.input('DescribeEndpoint')).toEqual({ EndpointName: 'abalone' });
  });

  it('sends ProvisionedConcurrency when set, and uses a given role without touching IAM', async () => {
    const h = harness(undefined, {
      options: {
        'memory-mb': 4096,
        'max-concurrency': 20,
        'provisioned-concurrency': 2,
        'role-arn': 'arn:aws:iam::123456789012:role/own',
      },
    });
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).not.toContain('CreateRole');
    expect(h.aws.operations()).not.toContain('GetRole');
    expect(h.aws.input('CreateModel').ExecutionRoleArn).toBe('arn:aws:iam::123456789012:role/own');
    expect(
      (h.aws.input('CreateEndpointConfig').ProductionVariants as { ServerlessConfig: unknown }[])[0]!
        .ServerlessConfig,
    ).toEqual({
      MemorySizeInMB: 4096,
      MaxConcurrency: 20,
      ProvisionedConcurrency: 2,
    });
    expect(h.section()!.role).toEqual({
      name: 'own',
      arn: 'arn:aws:iam::123456789012:role/own',
      createdByMcc: false,
    });
  });

  it('shows progress while waiting and times out with the status, keeping what it made for a resume', async () => {
    const h = harness();
    h.aws.on('DescribeEndpoint', { EndpointStatus: 'Creating' });
    const error = await rejection(deploy(h.context, { ...OPTIONS, timeoutSeconds: 60 }));
    expect(error.code).toBe('DEPLOY_TIMEOUT');
    expect(error.message).toContain('endpoint abalone is still Creating');
    expect(h.progress.lines.some((line) => line.startsWith('waiting: endpoint abalone: Creating'))).toBe(
      true,
    );
    expect(h.aws.operations()).not.toContain('DeleteEndpoint');
    expect(h.section()!.pending?.created).toEqual(['role', 'model', 'endpoint-config', 'endpoint']);

    // The next deploy resumes: it creates nothing again and only waits.
    h.aws.on('DescribeEndpoint', { EndpointStatus: 'InService' });
    const before = h.aws.calls.length;
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations().slice(before)).toEqual(['GetCallerIdentity', 'DescribeEndpoint']);
    expect(h.section()!.pending).toBeUndefined();
  });

  it('reports FailureReason and the last log lines, and removes what the run created, newest first', async () => {
    const h = harness();
    h.aws
      .on('DescribeEndpoint', { EndpointStatus: 'Failed', FailureReason: 'Ping failed: container exited' })
      .on('FilterLogEvents', { events: [{ message: 'MemoryError\n' }] });
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.code).toBe('DEPLOY_FAILED');
    expect(error.message).toContain('The serverless endpoint abalone failed: Ping failed: container exited');
    expect(error.message).toContain('| MemoryError');
    expect(h.aws.input('FilterLogEvents')).toMatchObject({
      logGroupName: '/aws/sagemaker/Endpoints/abalone',
    });
    const ops = h.aws.operations();
    expect(ops.slice(ops.indexOf('FilterLogEvents') + 1)).toEqual([
      'DeleteEndpoint',
      'DeleteEndpointConfig',
      'DeleteModel',
      'DeleteRolePolicy',
      'DeleteRole',
    ]);
    expect(h.section()).toBeUndefined();
  });

  it('keeps what failed with --keep-failed', async () => {
    const h = harness();
    h.aws.on('DescribeEndpoint', { EndpointStatus: 'Failed', FailureReason: 'bad' });
    await rejection(deploy(h.context, { ...OPTIONS, keepFailed: true }));
    expect(h.aws.operations()).not.toContain('DeleteEndpoint');
    expect(h.section()!.endpoint).toBeDefined();
  });

  it('retries CreateModel while a new role is not assumable yet', async () => {
    const h = harness();
    h.aws.on(
      'CreateModel',
      awsError(
        'ValidationException',
        'Could not assume role arn:aws:iam::123456789012:role/mcc-abalone-serverless',
      ),
      {},
    );
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations().filter((op) => op === 'CreateModel')).toHaveLength(2);
  });

  it('repeats the context’s fit warnings before any call', async () => {
    const h = harness();
    h.context.project.input.instance.sizing = { sizer: 'cpu', hostMemoryBytes: 3 * 1024 ** 3 };
    await deploy(h.context, OPTIONS);
    expect(h.progress.lines[0]).toMatch(/^warn: .*more than memory-mb=2048/);
  });

  it('refuses to deploy without an image before any call', async () => {
    const h = harness();
    const error = await rejection(deploy(h.context, { ...OPTIONS, imageUri: undefined }));
    expect(error.code).toBe('IMAGE_NOT_PUSHED');
    expect(h.aws.calls).toEqual([]);
  });
});

describe('an update', () => {
  const deployed = () => harness({ schema: 1, targets: { serverless: structuredClone(DEPLOYED) } });

  it('creates a new model and configuration, calls UpdateEndpoint, then retires the old ones', async () => {
    const h = deployed();
    h.aws.on(
      'DescribeEndpoint',
      { EndpointStatus: 'Updating', EndpointConfigName: 'abalone-config-old' },
      (call, nth) => ({
        EndpointStatus: 'InService',
        EndpointConfigName: nth >= 1 ? h.aws.input('CreateEndpointConfig').EndpointConfigName : '',
      }),
    );
    const result = await deploy(h.context, OPTIONS);
    expect(result.action).toBe('updated');
    expect(h.aws.operations()).toEqual([
      'GetCallerIdentity',
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DeleteEndpointConfig',
      'DeleteModel',
    ]);
    const config = h.aws.input('CreateEndpointConfig').EndpointConfigName as string;
    expect(h.aws.input('UpdateEndpoint')).toEqual({ EndpointName: 'abalone', EndpointConfigName: config });
    expect(h.aws.input('CreateModel').ExecutionRoleArn).toBe(ROLE_ARN);
    expect(h.aws.input('DeleteEndpointConfig')).toEqual({ EndpointConfigName: 'abalone-config-old' });
    expect(h.aws.input('DeleteModel')).toEqual({ ModelName: 'abalone-model-old' });
    expect(h.section()).toMatchObject({
      endpointConfigs: [config],
      image: IMAGE,
      endpoint: DEPLOYED.endpoint,
    });
  });

  it('reports a rolled-back update and removes only the new model and configuration', async () => {
    const h = deployed();
    h.aws.on(
      'DescribeEndpoint',
      { EndpointStatus: 'Updating' },
      {
        EndpointStatus: 'InService',
        EndpointConfigName: 'abalone-config-old',
        FailureReason: 'new variant failed health checks',
      },
    );
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.message).toContain(
      'The update of abalone was rolled back; it still serves abalone-config-old: new variant failed health checks',
    );
    const ops = h.aws.operations();
    expect(ops).not.toContain('DeleteEndpoint');
    expect(ops).not.toContain('DeleteRole');
    expect(h.aws.input('DeleteEndpointConfig').EndpointConfigName).not.toBe('abalone-config-old');
    expect(h.section()).toMatchObject({
      endpointConfigs: ['abalone-config-old'],
      models: ['abalone-model-old'],
      image: 'old-image',
    });
  });
});

describe('deploy --plan', () => {
  it('lists the first deploy’s requests, identical to a run’s but for the placeholders, with no call', () => {
    const h = harness();
    const plan = planDeploy(h.context.project, new MemoryState(), OPTIONS);
    expect(plan.map((call) => call.operation)).toEqual([
      'GetCallerIdentity',
      'GetRole',
      'CreateRole',
      'PutRolePolicy',
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
    ]);
    expect(h.aws.calls).toEqual([]);
    const config = plan.find((call) => call.operation === 'CreateEndpointConfig')!;
    expect(config.input).toEqual({
      EndpointConfigName: 'abalone-config-<deploy-id>',
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: 'abalone-model-<deploy-id>',
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
        },
      ],
      Tags: TAGS,
    });
    expect(plan.every((call) => 'purpose' in call && call.purpose.length > 0)).toBe(true);
  });

  it('plans an update from the recorded state: UpdateEndpoint and retiring the old resources', () => {
    const h = harness();
    const store = new MemoryState({ schema: 1, targets: { serverless: DEPLOYED } });
    const plan = planDeploy(h.context.project, store, OPTIONS);
    expect(plan.map((call) => call.operation)).toEqual([
      'GetCallerIdentity',
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'DescribeEndpoint',
      'DeleteEndpointConfig',
      'DeleteModel',
    ]);
    expect(plan.find((call) => call.operation === 'CreateModel')!.input).toMatchObject({
      ExecutionRoleArn: ROLE_ARN,
      PrimaryContainer: { Image: IMAGE },
    });
  });

  it('matches what a real first deploy sends, field by field', async () => {
    const h = harness();
    const plan = planDeploy(h.context.project, new MemoryState(), OPTIONS);
    await deploy(h.context, OPTIONS);
    const run = h.aws.input('CreateEndpointConfig');
    const planned = plan.find((call) => call.operation === 'CreateEndpointConfig')!.input as Record<
      string,
      unknown
    >;
    const normalise = (text: string) => text.replace(/-<deploy-id>|-[0-9a-z]{1,7}$/g, '');
    expect(JSON.stringify(planned).replace(/-<deploy-id>/g, '')).toBe(
      JSON.stringify(run).replace(/-[0-9a-z]{6,7}"/g, '"'),
    );
    expect(normalise(String(planned.EndpointConfigName))).toBe(normalise(String(run.EndpointConfigName)));
  });
});
