import { awsError } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { ROLE_RETRIES, ROLE_RETRY_MS, deploy } from '../src/lifecycle/deploy.js';
import { planDeploy } from '../src/lifecycle/plan.js';
import {
  ACCOUNT,
  BUCKET,
  IMAGE,
  OPTIONS,
  ROLE_ARN,
  TAGS,
  deployedState,
  harness,
  rejection,
} from './fixtures.js';

const SUFFIX = `-${Math.floor(Date.UTC(2026, 0, 1) / 1000).toString(36)}`;
const MODEL = `abalone-model${SUFFIX}`;
const NEW_IMAGE = IMAGE.replace('a'.repeat(64), 'b'.repeat(64));
const notReady = () =>
  awsError('ValidationException', `Could not assume role ${ROLE_ARN}. Please ensure that the role exists.`);

describe('batch deploy', () => {
  it('creates the role, the default bucket and the model, and records them; starts no job', async () => {
    const h = harness();
    const result = await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).toEqual([
      'GetCallerIdentity',
      'GetRole',
      'CreateRole',
      'PutRolePolicy',
      'HeadBucket',
      'CreateBucket',
      'CreateModel',
    ]);
    expect(h.aws.input('GetRole')).toEqual({ RoleName: 'mcc-abalone-batch' });
    const created = h.aws.input('CreateRole');
    expect(created).toMatchObject({ RoleName: 'mcc-abalone-batch', Tags: TAGS });
    expect(JSON.parse(created.AssumeRolePolicyDocument as string)).toMatchObject({
      Statement: [{ Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const policy = JSON.parse(h.aws.input('PutRolePolicy').PolicyDocument as string) as {
      Statement: { Sid: string; Resource: unknown; Condition?: unknown }[];
    };
    expect(h.aws.input('PutRolePolicy')).toMatchObject({
      RoleName: 'mcc-abalone-batch',
      PolicyName: 'mcc-execution',
    });
    // Scoped to the real account now, not the `*` of iam/.
    expect(policy.Statement.find((s) => s.Sid === 'ListInput')).toMatchObject({
      Resource: `arn:aws:s3:::${BUCKET}`,
      Condition: { StringLike: { 's3:prefix': 'mcc/abalone/batch-input/*' } },
    });
    expect(policy.Statement.find((s) => s.Sid === 'WriteOutput')?.Resource).toBe(
      `arn:aws:s3:::${BUCKET}/mcc/abalone/batch-output/*`,
    );
    expect(h.aws.input('HeadBucket')).toEqual({ Bucket: BUCKET });
    expect(h.aws.input('CreateBucket')).toEqual({ Bucket: BUCKET });
    expect(h.aws.calls.find((c) => c.operation === 'CreateModel')).toEqual({
      service: 'sagemaker',
      operation: 'CreateModel',
      input: { ModelName: MODEL, ExecutionRoleArn: ROLE_ARN, PrimaryContainer: { Image: IMAGE }, Tags: TAGS },
    });
    expect(MODEL.length).toBeLessThanOrEqual(63);
    expect(result).toMatchObject({ action: 'created', endpointName: MODEL, imageUri: IMAGE });
    expect(result.summary).toContain('`mcc invoke` starts a transform job on 1 × ml.m5.large');
    expect(h.section()).toEqual({
      region: 'us-east-1',
      account: ACCOUNT,
      role: { name: 'mcc-abalone-batch', arn: ROLE_ARN, createdByMcc: true, policyName: 'mcc-execution' },
      bucket: { name: BUCKET, createdByMcc: true },
      models: [MODEL],
      image: IMAGE,
      paths: {
        input: `s3://${BUCKET}/mcc/abalone/batch-input/`,
        output: `s3://${BUCKET}/mcc/abalone/batch-output/`,
      },
      jobs: [],
    });
  });

  it('reuses a role that exists, and skips the bucket when both folders are the user’s', async () => {
    const h = harness({ 'input-path': 's3://data/in/', 'output-path': 's3://data/out/' });
    h.aws.on('GetRole', { Role: { Arn: ROLE_ARN } });
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).toEqual(['GetCallerIdentity', 'GetRole', 'CreateModel']);
    expect(h.section()!.role).toEqual({ name: 'mcc-abalone-batch', arn: ROLE_ARN, createdByMcc: false });
    expect(h.section()!.paths).toEqual({ input: 's3://data/in/', output: 's3://data/out/' });
  });

  it('uses the role the user gave without creating or looking for one', async () => {
    const own = 'arn:aws:iam::123456789012:role/own';
    const h = harness({ 'role-arn': own });
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).not.toContain('GetRole');
    expect(h.aws.operations()).not.toContain('CreateRole');
    expect(h.aws.input('CreateModel').ExecutionRoleArn).toBe(own);
  });

  it('retries CreateModel while a role IAM has just created is not usable yet', async () => {
    const h = harness();
    h.aws.on('CreateModel', notReady(), notReady(), {});
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations().filter((op) => op === 'CreateModel')).toHaveLength(3);
    expect(h.clock.sleeps).toEqual([ROLE_RETRY_MS, ROLE_RETRY_MS]);
    expect(h.progress.lines).toContain(
      `waiting: waiting for the new role to be usable (${ROLE_RETRY_MS} ms)`,
    );
  });

  it('gives up after ROLE_RETRIES and removes what it created, newest first', async () => {
    const h = harness();
    h.aws.on('CreateModel', notReady());
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.code).toBe('AWS_VALIDATION');
    expect(error.message).toContain('SageMaker refused CreateModel: Could not assume role');
    expect(h.aws.operations().filter((op) => op === 'CreateModel')).toHaveLength(ROLE_RETRIES);
    expect(h.aws.operations().slice(-2)).toEqual(['DeleteRolePolicy', 'DeleteRole']);
    expect(h.section()).toBeUndefined();
  });

  it('does not retry a role it did not just create', async () => {
    const h = harness();
    h.aws.on('GetRole', { Role: { Arn: ROLE_ARN } }).on('CreateModel', notReady());
    await rejection(deploy(h.context, OPTIONS));
    expect(h.aws.operations().filter((op) => op === 'CreateModel')).toHaveLength(1);
    expect(h.aws.operations()).not.toContain('DeleteRole');
  });

  it('explains AccessDenied by the permission it lacks (and PassRole for CreateModel)', async () => {
    const h = harness();
    h.aws.on(
      'CreateModel',
      awsError(
        'AccessDeniedException',
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sagemaker:CreateModel',
      ),
    );
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.message).toMatch(/^AWS refused CreateModel: your credentials lack sagemaker:CreateModel\./);
    expect(error.suggestions?.[0]).toContain('iam:PassRole on the execution role');
    expect(h.aws.operations().slice(-2)).toEqual(['DeleteRolePolicy', 'DeleteRole']);
  });

  it('with --keep-failed leaves what it created, recorded for destroy', async () => {
    const h = harness();
    h.aws.on('CreateModel', awsError('ValidationException', 'Requested image not found.'));
    const error = await rejection(deploy(h.context, { ...OPTIONS, keepFailed: true }));
    expect(error.message).toBe('SageMaker refused CreateModel: Requested image not found.');
    expect(h.aws.operations()).not.toContain('DeleteRole');
    expect(h.section()!.role?.createdByMcc).toBe(true);
    expect(h.progress.lines).toContain(
      'warn: Keeping what this deploy created (--keep-failed); `mcc destroy` removes it.',
    );
  });

  it('resumes after an interruption: nothing created twice', async () => {
    const h = harness();
    h.aws.on('HeadBucket', awsError('NotFound'), {});
    h.aws.on('CreateBucket', () => {
      h.abort.abort(); // Ctrl-C while the bucket is created
      throw awsError('RequestAborted', 'aborted');
    });
    await rejection(deploy(h.context, OPTIONS));
    expect(h.section()!.pending?.created).toEqual(['role']);
    const resumed = harness({}, h.state.read());
    const result = await deploy(resumed.context, OPTIONS);
    expect(resumed.aws.operations()).toEqual([
      'GetCallerIdentity',
      'HeadBucket',
      'CreateBucket',
      'CreateModel',
    ]);
    expect(result.action).toBe('created');
    expect(resumed.section()!.pending).toBeUndefined();
    expect(resumed.section()!.role?.createdByMcc).toBe(true);
  });

  it('a new image creates a new model and deletes the previous one after', async () => {
    const h = harness({}, deployedState({ bucket: { name: BUCKET, createdByMcc: true } }));
    const result = await deploy(h.context, { ...OPTIONS, imageUri: NEW_IMAGE });
    expect(h.aws.operations()).toEqual(['GetCallerIdentity', 'CreateModel', 'DeleteModel']);
    expect(h.aws.input('CreateModel')).toMatchObject({
      ModelName: MODEL,
      PrimaryContainer: { Image: NEW_IMAGE },
    });
    expect(h.aws.input('DeleteModel')).toEqual({ ModelName: 'abalone-model-a' });
    expect(result.action).toBe('updated');
    expect(h.section()!.models).toEqual([MODEL]);
    expect(h.section()!.image).toBe(NEW_IMAGE);
    expect(h.state.read().targets['other']).toEqual({ kept: true });
  });

  it('keeps a previous model a running job may still use', async () => {
    const job = {
      name: 'abalone-x-0001',
      model: 'abalone-model-a',
      input: 's3://b/in/',
      output: 's3://b/out/abalone-x-0001/',
      startedAt: '2026-01-01T00:00:00.000Z',
      status: 'InProgress',
    };
    const h = harness({}, deployedState({ bucket: { name: BUCKET, createdByMcc: true }, jobs: [job] }));
    await deploy(h.context, { ...OPTIONS, imageUri: NEW_IMAGE });
    expect(h.aws.operations()).not.toContain('DeleteModel');
    expect(h.section()!.models).toEqual(['abalone-model-a', MODEL]);
  });

  it('the same image again changes nothing', async () => {
    const h = harness({}, deployedState());
    const result = await deploy(h.context, OPTIONS);
    expect(h.aws.calls).toEqual([]);
    expect(result.summary).toContain('abalone-model-a');
  });

  it('refuses another region than the recorded one, before any call', async () => {
    const state = deployedState();
    (state.targets['batch'] as { region: string }).region = 'eu-west-1';
    const h = harness({}, state);
    const error = await rejection(Promise.resolve().then(() => deploy(h.context, OPTIONS)));
    expect(error.code).toBe('REGION_MISMATCH');
    expect(h.aws.calls).toEqual([]);
  });

  it('refuses without a pushed image', async () => {
    const h = harness();
    const error = await rejection(deploy(h.context, { keepFailed: false, timeoutSeconds: 60 }));
    expect(error.code).toBe('IMAGE_NOT_PUSHED');
    expect(h.aws.calls).toEqual([]);
  });
});

describe('batch deploy --plan', () => {
  it('lists the deploy’s calls, then the CreateTransformJob invoke would start, making none', () => {
    const h = harness();
    const plan = planDeploy(h.context.project, h.state, OPTIONS);
    expect(h.aws.calls).toEqual([]);
    expect(h.state.writes).toBe(0);
    expect(plan.map((p) => ('operation' in p ? `${p.service}:${p.operation}` : p.path))).toEqual([
      'sts:GetCallerIdentity',
      'iam:GetRole',
      'iam:CreateRole',
      'iam:PutRolePolicy',
      's3:HeadBucket',
      's3:CreateBucket',
      'sagemaker:CreateModel',
      'sagemaker:CreateTransformJob',
    ]);
    const job = plan.at(-1)!;
    expect(job.purpose).toMatch(/^not made by deploy: the job `mcc invoke` starts over the default input/);
    expect('input' in job && job.input).toEqual({
      TransformJobName: 'abalone-<job-id>',
      ModelName: 'abalone-model-<deploy-id>',
      BatchStrategy: 'MultiRecord',
      MaxPayloadInMB: 6,
      MaxConcurrentTransforms: 1,
      ModelClientConfig: { InvocationsTimeoutInSeconds: 600, InvocationsMaxRetries: 3 },
      TransformInput: {
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri: 's3://sagemaker-us-east-1-<account>/mcc/abalone/batch-input/',
          },
        },
        ContentType: 'text/csv',
        SplitType: 'Line',
        CompressionType: 'None',
      },
      TransformOutput: {
        S3OutputPath: 's3://sagemaker-us-east-1-<account>/mcc/abalone/batch-output/abalone-<job-id>/',
        Accept: 'text/csv',
        AssembleWith: 'Line',
      },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
      Tags: TAGS,
    });
  });

  it('after a deploy: no role or bucket calls, and the previous model’s deletion', () => {
    const h = harness({}, deployedState({ bucket: { name: BUCKET, createdByMcc: true } }));
    const plan = planDeploy(h.context.project, h.state, { ...OPTIONS, imageUri: NEW_IMAGE });
    expect(plan.map((p) => ('operation' in p ? p.operation : ''))).toEqual([
      'GetCallerIdentity',
      'CreateModel',
      'DeleteModel',
      'CreateTransformJob',
    ]);
    const job = plan.at(-1)!;
    expect('input' in job && (job.input.TransformInput as { DataSource: unknown }).DataSource).toEqual({
      S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/mcc/abalone/batch-input/` },
    });
  });
});
