import { isMcError } from '@mcc/sdk';
import { describe, expect, it } from 'vitest';

import { defaultBucket, iamScope, managedInferenceContext } from '../src/context.js';
import { iamDocuments } from '../src/iam.js';
import { managedInferenceTarget } from '../src/target.js';
import { projectInput } from './fixtures.js';

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('managed-inference context', () => {
  it('is what the target hands to templates', () => {
    const input = projectInput();
    expect(managedInferenceTarget.context(input)).toEqual(managedInferenceContext(input));
  });

  it('derives image, endpoint, component, CodeBuild and log names from the project', () => {
    const ctx = managedInferenceContext(projectInput());
    expect(ctx.region).toBe('us-east-1');
    expect(ctx.partition).toBe('aws');
    expect(ctx.image).toEqual({
      repository: 'abalone',
      tag: '0.1.0',
      local: 'abalone:0.1.0',
      latest: 'abalone:latest',
      platform: 'linux/amd64',
    });
    expect(ctx.endpoint).toEqual({
      name: 'abalone',
      configName: 'abalone-config',
      variantName: 'AllTraffic',
      instanceType: 'ml.m5.large',
      instanceCount: 1,
    });
    expect(ctx.model.name).toBe('abalone-model');
    expect(ctx.inferenceComponent).toEqual({ name: 'abalone-ic', copies: 1 });
    expect(ctx.codebuild).toMatchObject({
      project: 'abalone-build',
      bucketPattern: 'sagemaker-us-east-1-*',
      sourcePrefix: 'mcc/abalone/source/',
      artifactPrefix: 'mcc/abalone/artifacts/',
      imageUriFile: 'image-uri.txt',
    });
    expect(ctx.codebuild.bucket).toBeUndefined();
    expect(ctx.codebuild.baseImageRegistry).toBeUndefined();
    expect(ctx.logGroups).toEqual({
      endpoint: '/aws/sagemaker/Endpoints/abalone',
      inferenceComponent: '/aws/sagemaker/InferenceComponents/abalone-ic',
      codebuild: '/aws/codebuild/abalone-build',
    });
    expect(ctx.roles.execution).toEqual({
      name: 'mcc-abalone-sagemaker',
      createdByMcc: true,
      policyName: 'mcc-execution',
    });
    expect(ctx.containerEngine).toBe('auto');
    expect(ctx.run).toEqual({
      container: 'abalone-local',
      port: 8080,
      gpu: false,
      passEnv: [],
      timeoutSeconds: 120,
      invocationPath: 'invocations',
    });
    expect(ctx.modelData).toBeUndefined();
  });

  it('reads instance-count, copies, container-engine and bucket from the options', () => {
    const ctx = managedInferenceContext(
      projectInput({
        options: { 'instance-count': 4, copies: 8, 'container-engine': 'podman', bucket: 'my-bucket' },
      }),
    );
    expect(ctx.endpoint.instanceCount).toBe(4);
    expect(ctx.inferenceComponent.copies).toBe(8);
    expect(ctx.containerEngine).toBe('podman');
    expect(ctx.codebuild.bucket).toBe('my-bucket');
    expect(ctx.codebuild.bucketPattern).toBe('my-bucket');
  });

  it('uses defaults for options core left unset', () => {
    const input = projectInput();
    input.target.options = {};
    const ctx = managedInferenceContext(input);
    expect(ctx.endpoint.instanceCount).toBe(1);
    expect(ctx.inferenceComponent.copies).toBe(1);
    expect(ctx.containerEngine).toBe('auto');
  });

  it('records a given role ARN and creates no execution role then', () => {
    const arn = 'arn:aws:iam::123456789012:role/sm';
    const ctx = managedInferenceContext(projectInput({ options: { 'role-arn': arn } }));
    expect(ctx.roles.execution).toMatchObject({ arn, createdByMcc: false });
  });

  it('refuses a role ARN from another partition than the region', () => {
    const error = errorOf(() =>
      managedInferenceContext(
        projectInput({ region: 'cn-north-1', options: { 'role-arn': 'arn:aws:iam::123456789012:role/sm' } }),
      ),
    );
    expect(isMcError(error) && error.code).toBe('ROLE_ARN_PARTITION_MISMATCH');
    expect(isMcError(error) && error.exitCode).toBe(2);
    expect(String((error as Error).message)).toMatch(/arn:aws:iam::123456789012:role\/sm.*aws-cn/);
  });

  it.each([
    ['instance-count', 'two', /instance-count must be an integer/],
    ['copies', 1.5, /copies must be an integer/],
    ['container-engine', 'nerdctl', /container-engine must be auto, docker or podman/],
    ['role-arn', 42, /role-arn must be a string/],
  ])('names option %s and its value when it has the wrong type', (key, value, message) => {
    const error = errorOf(() => managedInferenceContext(projectInput({ options: { [key]: value } })));
    expect(isMcError(error) && error.code).toBe('OPTION_INVALID');
    expect((error as Error).message).toMatch(message);
  });

  it('refuses something that is not a region name', () => {
    const error = errorOf(() => managedInferenceContext(projectInput({ region: 'Virginia' })));
    expect(isMcError(error) && error.code).toBe('REGION_INVALID');
  });

  it.each([
    ['us-east-1', 'aws', 'amazonaws.com'],
    ['eu-central-2', 'aws', 'amazonaws.com'],
    ['cn-northwest-1', 'aws-cn', 'amazonaws.com.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
  ])('knows %s is in partition %s', (region, partition, dnsSuffix) => {
    const ctx = managedInferenceContext(projectInput({ region }));
    expect(ctx.partition).toBe(partition);
    expect(ctx.dnsSuffix).toBe(dnsSuffix);
  });

  it('gives a GPU project GPUs, the hub variables and a longer wait when run locally', () => {
    const ctx = managedInferenceContext(
      projectInput({
        model: { source: 'huggingface', sample: false, delivery: 'runtime', location: 'org/model' },
        instance: { instanceType: 'ml.g5.xlarge', acceleratorCount: 1 },
      }),
    );
    expect(ctx.run).toEqual({
      container: 'abalone-local',
      port: 8080,
      gpu: true,
      passEnv: ['HF_TOKEN', 'HF_ENDPOINT'],
      timeoutSeconds: 600,
      invocationPath: 'invocations',
    });
  });

  it('lets the execution role read a model fetched from S3 at runtime; do/run syncs it on the host, so no AWS keys enter the container', () => {
    const ctx = managedInferenceContext(
      projectInput({
        model: { source: 's3', sample: false, delivery: 'runtime', location: 's3://models/team/abalone/' },
      }),
    );
    expect(ctx.modelData).toEqual({ bucket: 'models', prefix: 'team/abalone/' });
    expect(ctx.run.modelUri).toBe('s3://models/team/abalone/');
    expect(ctx.run.passEnv).toEqual([]);
  });

  it('recognises a private ECR base image the build must log in to', () => {
    const ctx = managedInferenceContext(
      projectInput({
        server: {
          baseImage: '763104351884.dkr.ecr.us-west-2.amazonaws.com/djl-inference:0.29.0-lmi11.0.0-cu124',
        },
      }),
    );
    expect(ctx.codebuild.baseImageRegistry).toEqual({
      registry: '763104351884.dkr.ecr.us-west-2.amazonaws.com',
      account: '763104351884',
      region: 'us-west-2',
      repository: 'djl-inference',
    });
    for (const other of [
      'python:3.12-slim',
      'public.ecr.aws/docker/library/python:3.12',
      'nvcr.io/nvidia/tritonserver:24.08-py3',
    ]) {
      expect(
        managedInferenceContext(projectInput({ server: { baseImage: other } })).codebuild.baseImageRegistry,
      ).toBeUndefined();
    }
  });

  it('serialises without undefined values (no absent option leaves a key behind)', () => {
    const ctx = managedInferenceContext(projectInput());
    expect(JSON.stringify(ctx)).not.toMatch(/undefined|NaN/);
    expect(Object.values(ctx.codebuild)).not.toContain(undefined);
    expect('modelData' in ctx).toBe(false);
  });

  it('scopes the IAM documents to an account for mcc deploy', () => {
    const ctx = managedInferenceContext(projectInput());
    const docs = iamDocuments(iamScope(ctx, '123456789012'));
    const text = JSON.stringify(docs);
    expect(text).not.toMatch(/:\*:/);
    expect(text).toContain('arn:aws:ecr:us-east-1:123456789012:repository/abalone');
    expect(text).toContain(`arn:aws:s3:::${defaultBucket('us-east-1', '123456789012')}/mcc/abalone/source/*`);
    expect(docs['codebuild-role-trust'].Statement[0]?.Condition).toEqual({
      ArnLike: { 'aws:SourceArn': 'arn:aws:codebuild:us-east-1:123456789012:project/abalone-build' },
      StringEquals: { 'aws:SourceAccount': '123456789012' },
    });
  });
});
