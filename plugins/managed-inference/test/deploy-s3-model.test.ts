import { describe, expect, it } from 'vitest';

import { MemoryState, awsError } from '@mcc/sdk/testing';

import { deploy } from '../src/lifecycle/deploy.js';
import { destroy } from '../src/lifecycle/destroy.js';
import { planDeploy } from '../src/lifecycle/plan.js';
import type { DeploymentState } from '../src/lifecycle/state.js';
import { IMAGE, OPTIONS, ROLE_ARN, harness, rejection } from './deploy-harness.js';
import type { Harness } from './deploy-harness.js';
import { projectInput } from './fixtures.js';

/**
 * An LLM whose weights sit under an S3 prefix. An inference component's own container takes only a
 * .tar.gz artifact, so each version runs a SageMaker model whose ModelDataSource is the uncompressed
 * prefix (CreateModel → CreateInferenceComponent with ModelName), as the API reference describes.
 */
const PREFIX = 's3://team-models/llama-3.1-8b';
const NEXT = IMAGE.replace(':0.1.0', ':0.2.0');

function s3Harness(h: Harness = harness()): Harness {
  const input = projectInput({
    model: {
      source: 's3',
      sample: false,
      delivery: 'runtime',
      location: PREFIX,
      format: 'huggingface',
      fileName: 'model',
    },
    server: { id: 'vllm', baseImage: 'vllm/vllm-openai:v0.21.0-cu129', options: {} },
    instance: {
      instanceType: 'ml.g5.2xlarge',
      vcpu: 8,
      memoryGiB: 32,
      acceleratorCount: 1,
      acceleratorMemoryGiB: 24,
    },
  });
  Object.assign(h.context.project.input, {
    model: input.model,
    server: input.server,
    instance: input.instance,
  });
  h.aws
    .on('GetBucketLocation', { LocationConstraint: null })
    .on('ListObjectsV2', { KeyCount: 1, Contents: [{ Key: 'llama-3.1-8b/config.json' }] });
  return h;
}

/** A first deploy of the S3 model done, and a harness over its state for the next. */
async function deployed(): Promise<Harness> {
  const h = s3Harness();
  await deploy(h.context, OPTIONS);
  const next = s3Harness(harness(h.state.read()));
  await next.clock.sleep(3_600_000); // an hour later: a new suffix
  return next;
}

/** DescribeInferenceComponent during an update: not visible yet, Updating, then what runs after. */
function rollout(h: Harness, before: string, after: string): void {
  const running = (ModelName: string) => ({ Specification: { ModelName } });
  h.aws.on(
    'DescribeInferenceComponent',
    { InferenceComponentStatus: 'InService', ...running(before) },
    { InferenceComponentStatus: 'Updating', ...running(before) },
    { InferenceComponentStatus: 'InService', ...running(after) },
  );
}

const deployment = (h: Harness): DeploymentState => h.deployment()!;

describe('a model from S3 on managed inference', () => {
  it('creates a SageMaker model over the prefix, then a component that runs it', async () => {
    const h = s3Harness();
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).toEqual([
      'GetCallerIdentity',
      'DescribeImages',
      'GetBucketLocation',
      'ListObjectsV2',
      'ListServiceQuotas',
      'GetRole',
      'CreateRole',
      'PutRolePolicy',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'CreateModel',
      'CreateInferenceComponent',
      'DescribeInferenceComponent',
      'DescribeInferenceComponent',
      'PutMetricAlarm',
    ]);
    // The prefix with its slash, so `llama-3.1-8b` does not also match `llama-3.1-8b-old/`.
    expect(h.aws.input('ListObjectsV2')).toEqual({
      Bucket: 'team-models',
      Prefix: 'llama-3.1-8b/',
      MaxKeys: 1,
    });
    const model = h.aws.input('CreateModel');
    expect(model.ModelName).toMatch(/^abalone-model-[0-9a-z]{1,7}$/);
    expect(model).toEqual({
      ModelName: model.ModelName,
      ExecutionRoleArn: ROLE_ARN,
      PrimaryContainer: {
        Image: IMAGE,
        ModelDataSource: {
          S3DataSource: {
            S3Uri: 's3://team-models/llama-3.1-8b/',
            S3DataType: 'S3Prefix',
            CompressionType: 'None',
          },
        },
      },
      Tags: [
        { Key: 'mcc:project', Value: 'abalone' },
        { Key: 'mcc:managed-by', Value: 'mcc' },
      ],
    });
    const component = h.aws.input('CreateInferenceComponent');
    const spec = component.Specification as Record<string, unknown>;
    // The model carries image and data; a Container here as well would be a second definition.
    expect(spec).not.toHaveProperty('Container');
    expect(spec.ModelName).toBe(model.ModelName);
    expect(spec.StartupParameters).toEqual({
      ModelDataDownloadTimeoutInSeconds: 3600,
      ContainerStartupHealthCheckTimeoutInSeconds: 3600,
    });
    expect(spec.ComputeResourceRequirements).toMatchObject({ NumberOfAcceleratorDevicesRequired: 1 });
    expect(deployment(h).models).toEqual([model.ModelName]);
    expect(deployment(h).inferenceComponent).toMatchObject({ model: model.ModelName, version: 1 });
    // The execution role may list and read exactly that prefix.
    const policy = JSON.stringify(JSON.parse(h.aws.input('PutRolePolicy').PolicyDocument as string));
    expect(policy).toContain('"Resource":"arn:aws:s3:::team-models/llama-3.1-8b*"');
    expect(policy).toContain('"s3:prefix":"llama-3.1-8b*"');
  });

  it('plans exactly the requests the deploy sends', async () => {
    const h = s3Harness();
    await deploy(h.context, OPTIONS);
    const plan = planDeploy(s3Harness().context.project, new MemoryState(), OPTIONS);
    const planned = (operation: string) => plan.find((call) => call.operation === operation)!.input;
    expect(plan.map((call) => call.operation)).toContain('CreateModel');
    expect(planned('GetBucketLocation')).toEqual(h.aws.input('GetBucketLocation'));
    expect(planned('ListObjectsV2')).toEqual(h.aws.input('ListObjectsV2'));
    const name = h.aws.input('CreateModel').ModelName as string;
    const real = JSON.stringify(h.aws.input('CreateModel')).replaceAll(name, 'abalone-model-<deploy-id>');
    expect(JSON.stringify(planned('CreateModel'))).toBe(
      real.replace(ROLE_ARN, ROLE_ARN.replace('123456789012', '<account>')),
    );
    expect(JSON.stringify(planned('CreateInferenceComponent'))).toBe(
      JSON.stringify(h.aws.input('CreateInferenceComponent')).replaceAll(name, 'abalone-model-<deploy-id>'),
    );
  });

  describe('the pre-flight', () => {
    it('refuses a bucket in another region before creating anything', async () => {
      const h = s3Harness();
      h.aws.on('GetBucketLocation', { LocationConstraint: 'eu-west-1' });
      const error = await rejection(deploy(h.context, OPTIONS));
      expect(error.code).toBe('PREFLIGHT_FAILED');
      expect(error.message).toContain('the bucket team-models is in eu-west-1');
      expect(error.message).toContain("the endpoint's region (us-east-1)");
      expect(h.aws.operations().filter((op) => /^(Create|Put)/.test(op))).toEqual([]);
    });

    it('refuses an empty prefix and a missing bucket, naming them', async () => {
      const empty = s3Harness();
      empty.aws.on('ListObjectsV2', { KeyCount: 0 });
      const emptyError = await rejection(deploy(empty.context, OPTIONS));
      expect(emptyError.message).toContain('nothing is stored under s3://team-models/llama-3.1-8b/');
      const missing = s3Harness();
      missing.aws.on('GetBucketLocation', awsError('NoSuchBucket', 'The specified bucket does not exist'));
      const missingError = await rejection(deploy(missing.context, OPTIONS));
      expect(missingError.message).toContain('the bucket team-models does not exist');
      expect(missing.aws.operations()).not.toContain('CreateModel');
    });

    it('only warns when the deployer may not read the bucket: the execution role is what counts', async () => {
      const h = s3Harness();
      h.aws.on('GetBucketLocation', awsError('AccessDenied', 'Access Denied'));
      await deploy(h.context, OPTIONS);
      expect(h.progress.lines).toContain(
        'warn: model data: could not read s3://team-models/llama-3.1-8b/ (AccessDenied); SageMaker will check it with the execution role.',
      );
      expect(h.aws.operations()).toContain('CreateModel');
    });
  });

  describe('an update', () => {
    it('runs a new model, then deletes the one the previous version ran', async () => {
      const again = await deployed();
      const first = deployment(again).models![0]!;
      rollout(again, first, 'will be replaced below');
      again.aws.on('CreateModel', (call) => {
        rollout(again, first, call.input.ModelName as string);
        return {};
      });
      const result = await deploy(again.context, { ...OPTIONS, imageUri: NEXT });
      expect(result.action).toBe('updated');
      const second = again.aws.input('CreateModel').ModelName as string;
      expect(second).not.toBe(first);
      expect(again.aws.operations()).toEqual([
        'GetCallerIdentity',
        'DescribeImages',
        'GetBucketLocation',
        'ListObjectsV2',
        'DescribeAlarms',
        'CreateModel',
        'UpdateInferenceComponent',
        'DescribeInferenceComponent',
        'DescribeInferenceComponent',
        'DescribeInferenceComponent',
        'DeleteModel',
      ]);
      expect((again.aws.input('CreateModel').PrimaryContainer as { Image: string }).Image).toBe(NEXT);
      expect(again.aws.input('UpdateInferenceComponent').Specification).toMatchObject({ ModelName: second });
      expect(again.aws.input('DeleteModel')).toEqual({ ModelName: first });
      expect(deployment(again).models).toEqual([second]);
      expect(deployment(again).inferenceComponent).toMatchObject({ image: NEXT, model: second, version: 2 });
    });

    it('reports a rollback by the model still running, and deletes only the new model', async () => {
      const again = await deployed();
      const first = deployment(again).models![0]!;
      rollout(again, first, first);
      const error = await rejection(deploy(again.context, { ...OPTIONS, imageUri: NEXT }));
      expect(error.code).toBe('DEPLOY_ROLLED_BACK');
      const second = again.aws.input('CreateModel').ModelName as string;
      expect(error.message).toContain(`still serves ${first}`);
      expect(again.aws.input('DeleteModel')).toEqual({ ModelName: second });
      expect(deployment(again).models).toEqual([first]);
      expect(deployment(again).inferenceComponent).toMatchObject({ image: IMAGE, model: first, version: 1 });
    });

    it('resumes an update cut short as an update, reusing the model it created', async () => {
      const again = await deployed();
      const first = deployment(again).models![0]!;
      const state = again.state.read();
      const cut = state.targets['managed-inference'] as DeploymentState;
      cut.models!.push('abalone-model-cut');
      cut.pending = { startedAt: '2026-01-01T02:00:00.000Z', created: ['model'] };
      const resumed = s3Harness(harness(state));
      rollout(resumed, first, 'abalone-model-cut');
      await deploy(resumed.context, { ...OPTIONS, imageUri: NEXT });
      expect(resumed.aws.operations()).not.toContain('CreateModel');
      expect(resumed.aws.operations()).not.toContain('CreateEndpointConfig');
      expect(resumed.aws.input('UpdateInferenceComponent').Specification).toMatchObject({
        ModelName: 'abalone-model-cut',
      });
      expect(deployment(resumed).models).toEqual(['abalone-model-cut']);
    });
  });

  it('removes the model with the component when a first deploy fails, component first', async () => {
    const h = s3Harness();
    h.aws.on('DescribeInferenceComponent', {
      InferenceComponentStatus: 'Failed',
      FailureReason: 'model data download timed out',
    });
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.message).toContain('model data download timed out');
    const deletes = h.aws.operations().filter((op) => op.startsWith('Delete'));
    expect(deletes.slice(0, 3)).toEqual(['DeleteInferenceComponent', 'DeleteModel', 'DeleteEndpoint']);
    expect(h.deployment()).toBeUndefined();
  });

  it('destroy deletes every recorded model once the component is gone', async () => {
    const h = s3Harness();
    await deploy(h.context, OPTIONS);
    const model = deployment(h).models![0]!;
    const gone = harness(h.state.read());
    gone.aws
      .on(
        'DescribeInferenceComponent',
        awsError('ValidationException', 'Could not find inference component.'),
      )
      .on('DescribeEndpoint', awsError('ValidationException', 'Could not find endpoint.'))
      .on('DeleteModel', awsError('ValidationException', 'Could not find model.'));
    const result = await destroy(gone.context);
    const deletes = gone.aws.operations().filter((op) => op.startsWith('Delete'));
    expect(deletes.indexOf('DeleteModel')).toBeGreaterThan(deletes.indexOf('DeleteInferenceComponent'));
    expect(deletes.indexOf('DeleteModel')).toBeLessThan(deletes.indexOf('DeleteEndpoint'));
    expect(gone.aws.input('DeleteModel')).toEqual({ ModelName: model });
    // Already gone is noted, not an error.
    expect(result.alreadyGone).toContainEqual({ kind: 'model', name: model });
    expect(gone.deployment()).toBeUndefined();
  });
});
