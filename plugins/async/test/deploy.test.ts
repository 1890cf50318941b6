import { awsError } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { ROLE_RETRIES, ROLE_RETRY_MS, deploy } from '../src/lifecycle/deploy.js';
import { destroy } from '../src/lifecycle/destroy.js';
import { planDeploy } from '../src/lifecycle/plan.js';
import { status } from '../src/lifecycle/status.js';
import { ACCOUNT, BUCKET, IMAGE, OPTIONS, ROLE_ARN, harness, rejection } from './fixtures.js';

const TAGS = [
  { Key: 'mcc:project', Value: 'abalone' },
  { Key: 'mcc:managed-by', Value: 'mcc' },
];
const SUFFIX = `-${Math.floor(Date.UTC(2026, 0, 1) / 1000).toString(36)}`;
const RESOURCE_ID = 'endpoint/abalone/variant/AllTraffic';
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';

describe('async deploy', () => {
  it('creates role, default bucket, model, async configuration and endpoint, and records them', async () => {
    const h = harness({ 'max-concurrent-invocations': 8, 'instance-count': 2 });
    const result = await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).toEqual([
      'GetCallerIdentity',
      'GetRole',
      'CreateRole',
      'PutRolePolicy',
      'HeadBucket',
      'CreateBucket',
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
    ]);
    expect(h.aws.input('HeadBucket')).toEqual({ Bucket: BUCKET });
    expect(h.aws.input('CreateBucket')).toEqual({ Bucket: BUCKET });
    const policy = JSON.parse(h.aws.input('PutRolePolicy').PolicyDocument as string) as {
      Statement: { Sid: string; Resource: unknown }[];
    };
    expect(policy.Statement.find((s) => s.Sid === 'ReadRequests')?.Resource).toBe(
      `arn:aws:s3:::${BUCKET}/mcc/abalone/async-input/*`,
    );
    expect(h.aws.input('CreateModel')).toEqual({
      ModelName: `abalone-model${SUFFIX}`,
      ExecutionRoleArn: ROLE_ARN,
      PrimaryContainer: { Image: IMAGE },
      Tags: TAGS,
    });
    expect(h.aws.input('CreateEndpointConfig')).toEqual({
      EndpointConfigName: `abalone-config${SUFFIX}`,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: `abalone-model${SUFFIX}`,
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 2,
        },
      ],
      AsyncInferenceConfig: {
        ClientConfig: { MaxConcurrentInvocationsPerInstance: 8 },
        OutputConfig: {
          S3OutputPath: `s3://${BUCKET}/mcc/abalone/async-output/`,
          S3FailurePath: `s3://${BUCKET}/mcc/abalone/async-failures/`,
        },
      },
      Tags: TAGS,
    });
    expect(h.aws.input('CreateEndpoint')).toEqual({
      EndpointName: 'abalone',
      EndpointConfigName: `abalone-config${SUFFIX}`,
      Tags: TAGS,
    });
    expect(h.progress.lines.some((l) => l.startsWith('waiting: endpoint abalone: Creating'))).toBe(true);
    expect(result.action).toBe('created');
    expect(h.section()).toEqual({
      region: 'us-east-1',
      account: ACCOUNT,
      role: { name: 'mcc-abalone-async', arn: ROLE_ARN, createdByMcc: true, policyName: 'mcc-execution' },
      bucket: { name: BUCKET, createdByMcc: true },
      models: [`abalone-model${SUFFIX}`],
      endpointConfigs: [`abalone-config${SUFFIX}`],
      endpoint: { name: 'abalone', createdByMcc: true },
      paths: {
        input: `s3://${BUCKET}/mcc/abalone/async-input/`,
        output: `s3://${BUCKET}/mcc/abalone/async-output/`,
        failure: `s3://${BUCKET}/mcc/abalone/async-failures/`,
      },
      image: IMAGE,
    });
  });

  it('with given paths and topics skips the bucket and sends the NotificationConfig', async () => {
    const h = harness({
      'output-path': 's3://results/out/',
      'failure-path': 's3://results/failed/',
      'success-topic': 'arn:aws:sns:us-east-1:123456789012:ok',
      'error-topic': 'arn:aws:sns:us-east-1:123456789012:bad',
      'role-arn': 'arn:aws:iam::123456789012:role/own',
    });
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).not.toContain('HeadBucket');
    expect(h.aws.operations()).not.toContain('CreateRole');
    expect(h.aws.input('CreateModel').ExecutionRoleArn).toBe('arn:aws:iam::123456789012:role/own');
    expect(
      (h.aws.input('CreateEndpointConfig').AsyncInferenceConfig as Record<string, unknown>).OutputConfig,
    ).toEqual({
      S3OutputPath: 's3://results/out/',
      S3FailurePath: 's3://results/failed/',
      NotificationConfig: {
        SuccessTopic: 'arn:aws:sns:us-east-1:123456789012:ok',
        ErrorTopic: 'arn:aws:sns:us-east-1:123456789012:bad',
        IncludeInferenceResponseIn: ['SUCCESS_NOTIFICATION_TOPIC'],
      },
    });
  });

  it('with create-topics creates both topics, records them, notifies them and lets the role publish', async () => {
    const h = harness({ 'create-topics': true });
    h.aws.on(
      'CreateTopic',
      { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-success` },
      { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-error` },
    );
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations().slice(4, 9)).toEqual([
      'HeadBucket',
      'CreateBucket',
      'CreateTopic',
      'CreateTopic',
      'CreateModel',
    ]);
    const topics = h.aws.calls.filter((c) => c.operation === 'CreateTopic');
    expect(topics.map((c) => c.service)).toEqual(['sns', 'sns']);
    expect(topics.map((c) => c.input)).toEqual([
      { Name: 'abalone-async-success', Tags: TAGS },
      { Name: 'abalone-async-error', Tags: TAGS },
    ]);
    expect(
      (h.aws.input('CreateEndpointConfig').AsyncInferenceConfig as Record<string, unknown>).OutputConfig,
    ).toEqual({
      S3OutputPath: `s3://${BUCKET}/mcc/abalone/async-output/`,
      S3FailurePath: `s3://${BUCKET}/mcc/abalone/async-failures/`,
      NotificationConfig: {
        SuccessTopic: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-success`,
        ErrorTopic: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-error`,
        IncludeInferenceResponseIn: ['SUCCESS_NOTIFICATION_TOPIC'],
      },
    });
    const policy = JSON.parse(h.aws.input('PutRolePolicy').PolicyDocument as string) as {
      Statement: { Sid: string; Action: unknown; Resource: unknown }[];
    };
    expect(policy.Statement.find((s) => s.Sid === 'NotifyTopics')).toEqual({
      Sid: 'NotifyTopics',
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: [
        `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-success`,
        `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-error`,
      ],
    });
    expect(h.section()!.topics).toEqual([
      {
        name: 'abalone-async-success',
        arn: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-success`,
        createdByMcc: true,
      },
      {
        name: 'abalone-async-error',
        arn: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-error`,
        createdByMcc: true,
      },
    ]);
  });

  it('--plan with create-topics shows both CreateTopic calls and the topics in the configuration', () => {
    const h = harness({ 'create-topics': true });
    const plan = planDeploy(h.context.project, h.state, OPTIONS);
    expect(h.aws.calls).toEqual([]);
    const topics = plan.filter((p) => 'operation' in p && p.operation === 'CreateTopic');
    expect(topics.map((p) => ('input' in p ? { service: p.service, input: p.input } : undefined))).toEqual([
      { service: 'sns', input: { Name: 'abalone-async-success', Tags: TAGS } },
      { service: 'sns', input: { Name: 'abalone-async-error', Tags: TAGS } },
    ]);
    const config = plan.find((p) => 'operation' in p && p.operation === 'CreateEndpointConfig');
    const output = (
      config && 'input' in config ? (config.input.AsyncInferenceConfig as Record<string, unknown>) : {}
    ).OutputConfig as Record<string, unknown>;
    expect(output.NotificationConfig).toEqual({
      SuccessTopic: 'arn:aws:sns:us-east-1:<account>:abalone-async-success',
      ErrorTopic: 'arn:aws:sns:us-east-1:<account>:abalone-async-error',
      IncludeInferenceResponseIn: ['SUCCESS_NOTIFICATION_TOPIC'],
    });
  });

  it('registers scaling to zero: scalable target, backlog policy, wake policy and its alarm', async () => {
    const h = harness({ 'scale-to-zero': true, 'max-instances': 3 });
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations().slice(-5)).toEqual([
      'DescribeEndpoint',
      'RegisterScalableTarget',
      'PutScalingPolicy',
      'PutScalingPolicy',
      'PutMetricAlarm',
    ]);
    expect(h.aws.input('RegisterScalableTarget')).toEqual({
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE_ID,
      ScalableDimension: DIMENSION,
      MinCapacity: 0,
      MaxCapacity: 3,
    });
    expect(h.aws.input('PutScalingPolicy', 0)).toEqual({
      PolicyName: 'abalone-backlog-per-instance',
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE_ID,
      ScalableDimension: DIMENSION,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 4,
        CustomizedMetricSpecification: {
          MetricName: 'ApproximateBacklogSizePerInstance',
          Namespace: 'AWS/SageMaker',
          Dimensions: [{ Name: 'EndpointName', Value: 'abalone' }],
          Statistic: 'Average',
        },
        ScaleInCooldown: 600,
        ScaleOutCooldown: 300,
      },
    });
    expect(h.aws.input('PutScalingPolicy', 1)).toEqual({
      PolicyName: 'abalone-scale-out-from-zero',
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE_ID,
      ScalableDimension: DIMENSION,
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        MetricAggregationType: 'Average',
        Cooldown: 300,
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      },
    });
    const alarm = h.aws.input('PutMetricAlarm');
    expect(alarm).toMatchObject({
      AlarmName: 'abalone-async-backlog-without-capacity',
      Namespace: 'AWS/SageMaker',
      MetricName: 'HasBacklogWithoutCapacity',
      Dimensions: [{ Name: 'EndpointName', Value: 'abalone' }],
      Statistic: 'Average',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: ['arn:aws:autoscaling:policy/wake'],
      Tags: TAGS,
    });
    expect(h.section()?.scaling).toEqual({
      resourceId: RESOURCE_ID,
      alarm: 'abalone-async-backlog-without-capacity',
    });
  });

  it('--plan lists the same requests with placeholders and calls nothing', () => {
    const h = harness({ 'scale-to-zero': true });
    const plan = planDeploy(h.context.project, h.state, OPTIONS);
    expect(h.aws.calls).toEqual([]);
    expect(plan.map((p) => ('operation' in p ? p.operation : ''))).toEqual([
      'GetCallerIdentity',
      'GetRole',
      'CreateRole',
      'PutRolePolicy',
      'HeadBucket',
      'CreateBucket',
      'CreateModel',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'RegisterScalableTarget',
      'PutScalingPolicy',
      'PutScalingPolicy',
      'PutMetricAlarm',
    ]);
    const config = plan.find((p) => 'operation' in p && p.operation === 'CreateEndpointConfig');
    expect(config && 'input' in config ? config.input.AsyncInferenceConfig : undefined).toEqual({
      ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 },
      OutputConfig: {
        S3OutputPath: 's3://sagemaker-us-east-1-<account>/mcc/abalone/async-output/',
        S3FailurePath: 's3://sagemaker-us-east-1-<account>/mcc/abalone/async-failures/',
      },
    });
  });

  it('--plan over a live endpoint shows the update: scaling paused, the switch, the old version deleted', async () => {
    const h = harness({ 'scale-to-zero': true });
    await deploy(h.context, OPTIONS);
    const live = h.section()!;
    h.aws.calls.length = 0;
    const plan = planDeploy(h.context.project, h.state, OPTIONS);
    expect(h.aws.calls).toEqual([]);
    expect(plan.map((p) => ('operation' in p ? p.operation : ''))).toEqual([
      'GetCallerIdentity',
      'DeregisterScalableTarget',
      'CreateModel',
      'CreateEndpointConfig',
      'UpdateEndpoint',
      'DescribeEndpoint',
      'RegisterScalableTarget',
      'PutScalingPolicy',
      'PutScalingPolicy',
      'PutMetricAlarm',
      'DeleteEndpointConfig',
      'DeleteModel',
    ]);
    const deletions = plan.filter((p) => 'operation' in p && p.operation.startsWith('Delete'));
    expect(deletions.map((p) => ('input' in p ? Object.values(p.input)[0] : ''))).toEqual([
      live.endpointConfigs[0],
      live.models[0],
    ]);
  });

  it('a failed endpoint is removed again, with SageMaker’s reason and the container’s last lines', async () => {
    const h = harness();
    h.aws
      .on('DescribeEndpoint', { EndpointStatus: 'Failed', FailureReason: 'ping failed' })
      .on('FilterLogEvents', { events: [{ message: 'loading model\n' }, { message: 'MemoryError' }] });
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.code).toBe('DEPLOY_FAILED');
    expect(error.message).toBe(
      'The async endpoint abalone failed: ping failed\n  | loading model\n  | MemoryError',
    );
    expect(h.aws.input('FilterLogEvents')).toMatchObject({
      logGroupName: '/aws/sagemaker/Endpoints/abalone',
    });
    expect(h.aws.operations().slice(-6)).toEqual([
      'FilterLogEvents',
      'DeleteEndpoint',
      'DeleteEndpointConfig',
      'DeleteModel',
      'DeleteRolePolicy',
      'DeleteRole',
    ]);
    expect(h.section()).toBeUndefined();
  });

  it('retries CreateModel while a new role is not assumable yet', async () => {
    const h = harness();
    const notReady = awsError('ValidationException', `Could not assume role ${ROLE_ARN}`);
    h.aws.on('CreateModel', notReady, notReady, {});
    await deploy(h.context, OPTIONS);
    const creates = h.aws.calls.filter((c) => c.operation === 'CreateModel');
    expect(creates).toHaveLength(3);
    for (const call of creates) {
      expect(call.input).toEqual({
        ModelName: `abalone-model${SUFFIX}`,
        ExecutionRoleArn: ROLE_ARN,
        PrimaryContainer: { Image: IMAGE },
        Tags: TAGS,
      });
    }
    expect(h.clock.sleeps.slice(0, 2)).toEqual([ROLE_RETRY_MS, ROLE_RETRY_MS]);
    expect(h.progress.lines).toContain(
      `waiting: waiting for the new role to be usable (${ROLE_RETRY_MS} ms)`,
    );
    expect(h.progress.lines).toContain(
      `waiting: waiting for the new role to be usable (${2 * ROLE_RETRY_MS} ms)`,
    );
    expect(h.section()!.models).toEqual([`abalone-model${SUFFIX}`]);
  });

  it('gives up on a new role after ROLE_RETRIES tries and removes what it created', async () => {
    const h = harness();
    h.aws.on('CreateModel', awsError('ValidationException', `Could not assume role ${ROLE_ARN}`));
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.message).toContain('Could not assume role');
    expect(h.aws.operations().filter((op) => op === 'CreateModel')).toHaveLength(ROLE_RETRIES);
    expect(h.aws.operations()).not.toContain('CreateEndpointConfig');
    expect(h.aws.operations().slice(-2)).toEqual(['DeleteRolePolicy', 'DeleteRole']);
    expect(h.section()).toBeUndefined();
  });

  it('does not retry CreateModel for a role it did not create', async () => {
    const h = harness({ 'role-arn': 'arn:aws:iam::123456789012:role/own' });
    h.aws.on(
      'CreateModel',
      awsError('ValidationException', 'Could not assume role arn:aws:iam::123456789012:role/own'),
      {},
    );
    await rejection(deploy(h.context, OPTIONS));
    expect(h.aws.operations().filter((op) => op === 'CreateModel')).toHaveLength(1);
    expect(h.aws.input('CreateModel').ExecutionRoleArn).toBe('arn:aws:iam::123456789012:role/own');
    expect(h.clock.sleeps).toEqual([]);
  });

  it('updates a live endpoint to a new image: new model and configuration, then the old ones go', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    const first = h.section()!;
    await h.clock.sleep(60_000); // a later deploy: a new suffix
    h.aws.calls.length = 0;
    let polls = 0;
    h.aws.on('DescribeEndpoint', () =>
      polls++ === 0
        ? { EndpointStatus: 'Updating', EndpointConfigName: first.endpointConfigs[0] }
        : {
            EndpointStatus: 'InService',
            EndpointConfigName: h.aws.input('UpdateEndpoint').EndpointConfigName,
          },
    );
    const newer = `${IMAGE.split('@')[0]}:v2`;
    const result = await deploy(h.context, { ...OPTIONS, imageUri: newer });
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
    const next = (h.aws.input('CreateModel').ModelName as string).slice('abalone-model'.length);
    expect(next).not.toBe(SUFFIX);
    expect(h.aws.input('CreateModel')).toMatchObject({
      ModelName: `abalone-model${next}`,
      PrimaryContainer: { Image: newer },
    });
    expect(h.aws.input('UpdateEndpoint')).toEqual({
      EndpointName: 'abalone',
      EndpointConfigName: `abalone-config${next}`,
    });
    expect(h.aws.input('DeleteEndpointConfig')).toEqual({ EndpointConfigName: first.endpointConfigs[0] });
    expect(h.aws.input('DeleteModel')).toEqual({ ModelName: first.models[0] });
    expect(h.section()).toMatchObject({
      models: [`abalone-model${next}`],
      endpointConfigs: [`abalone-config${next}`],
      image: newer,
    });
    expect(h.section()!.pending).toBeUndefined();
  });

  it('pauses autoscaling for an update and registers it again once the endpoint serves', async () => {
    const h = harness({ 'scale-to-zero': true, 'max-instances': 3 });
    await deploy(h.context, OPTIONS);
    h.aws.calls.length = 0;
    await h.clock.sleep(60_000);
    h.aws
      .on('DescribeEndpoint', { EndpointStatus: 'InService' })
      .on(
        'PutScalingPolicy',
        { PolicyARN: 'arn:aws:autoscaling:policy/backlog' },
        { PolicyARN: 'arn:aws:autoscaling:policy/wake-2' },
      );
    await deploy(h.context, OPTIONS);
    const ops = h.aws.operations();
    expect(ops.indexOf('DeregisterScalableTarget')).toBeLessThan(ops.indexOf('UpdateEndpoint'));
    expect(h.aws.input('DeregisterScalableTarget')).toEqual({
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE_ID,
      ScalableDimension: DIMENSION,
    });
    expect(ops.indexOf('RegisterScalableTarget')).toBeGreaterThan(ops.indexOf('UpdateEndpoint'));
    // The alarm is put again with the new scale-out policy, since deregistering deleted the old one.
    expect(h.aws.input('PutMetricAlarm').AlarmActions).toEqual(['arn:aws:autoscaling:policy/wake-2']);
    expect(h.section()!.scaling).toEqual({
      resourceId: RESOURCE_ID,
      alarm: 'abalone-async-backlog-without-capacity',
    });
  });

  it('resumes a deploy cut short while waiting, without creating anything twice', async () => {
    const h = harness();
    h.aws.on('DescribeEndpoint', { EndpointStatus: 'Creating' });
    const error = await rejection(deploy(h.context, { ...OPTIONS, timeoutSeconds: 60 }));
    expect(error.code).toBe('DEPLOY_TIMEOUT');
    expect(h.section()!.pending?.created).toEqual(['role', 'model', 'endpoint-config', 'endpoint']);
    h.aws.calls.length = 0;
    h.aws.on('DescribeEndpoint', { EndpointStatus: 'InService' });
    const result = await deploy(h.context, OPTIONS);
    expect(result.action).toBe('created');
    // The role, bucket, model, configuration and endpoint are in the state: only the wait is left.
    expect(h.aws.operations()).toEqual(['GetCallerIdentity', 'DescribeEndpoint']);
    expect(h.section()!.pending).toBeUndefined();
  });
});

describe('async status and destroy', () => {
  it('status reports the endpoint, its instances and the results folder', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    h.aws.on('DescribeEndpoint', {
      EndpointStatus: 'InService',
      ProductionVariants: [{ CurrentInstanceCount: 0 }],
    });
    const result = await status(h.context);
    expect(h.aws.calls.at(-1)).toEqual({
      service: 'sagemaker',
      operation: 'DescribeEndpoint',
      input: { EndpointName: 'abalone' },
    });
    expect(result).toEqual({
      region: 'us-east-1',
      deployed: true,
      resources: [
        {
          kind: 'endpoint',
          name: 'abalone',
          status: 'InService',
          detail: `0 instance(s); results in s3://${BUCKET}/mcc/abalone/async-output/`,
        },
      ],
    });
  });

  it('destroy removes alarm, scalable target, endpoint, configuration, model and role, newest first, and keeps the bucket', async () => {
    const h = harness({ 'scale-to-zero': true });
    await deploy(h.context, OPTIONS);
    const before = h.aws.calls.length;
    // FakeAws counts calls per operation across the test: the deploy's two checks came first.
    h.aws.on(
      'DescribeEndpoint',
      {},
      {},
      { EndpointStatus: 'Deleting' },
      awsError('ValidationException', 'Could not find endpoint "abalone".'),
    );
    const result = await destroy(h.context, { keepImages: true });
    const calls = h.aws.calls.slice(before);
    expect(calls.map((c) => c.operation)).toEqual([
      'DeleteAlarms',
      'DeregisterScalableTarget',
      'DeleteEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DeleteEndpointConfig',
      'DeleteModel',
      'DeleteRolePolicy',
      'DeleteRole',
    ]);
    expect(calls[0]!.input).toEqual({ AlarmNames: ['abalone-async-backlog-without-capacity'] });
    expect(calls[1]!.input).toEqual({
      ServiceNamespace: 'sagemaker',
      ResourceId: RESOURCE_ID,
      ScalableDimension: DIMENSION,
    });
    expect(calls[5]!.input).toEqual({ EndpointConfigName: `abalone-config${SUFFIX}` });
    expect(calls[6]!.input).toEqual({ ModelName: `abalone-model${SUFFIX}` });
    expect(calls[7]!.input).toEqual({ RoleName: 'mcc-abalone-async', PolicyName: 'mcc-execution' });
    expect(result.deleted.map((d) => d.kind)).toEqual([
      'alarm',
      'scalable target',
      'endpoint',
      'endpoint configuration',
      'model',
      'execution role',
    ]);
    expect(h.progress.lines).toContain(
      `step: Keeping the S3 bucket ${BUCKET}: it holds the requests and results`,
    );
    expect(h.section()).toBeUndefined();
  });

  it('destroy deletes the topics create-topics made, after the models and before the role, tolerating one already gone', async () => {
    const h = harness({ 'create-topics': true });
    h.aws.on(
      'CreateTopic',
      { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-success` },
      { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-error` },
    );
    await deploy(h.context, OPTIONS);
    const before = h.aws.calls.length;
    h.aws.on(
      'DescribeEndpoint',
      {},
      {},
      awsError('ValidationException', 'Could not find endpoint "abalone".'),
    );
    h.aws.on('DeleteTopic', awsError('NotFoundException', 'Topic does not exist'), {});
    const result = await destroy(h.context, { keepImages: true });
    const calls = h.aws.calls.slice(before);
    expect(calls.map((c) => c.operation)).toEqual([
      'DeleteEndpoint',
      'DescribeEndpoint',
      'DeleteEndpointConfig',
      'DeleteModel',
      'DeleteTopic',
      'DeleteTopic',
      'DeleteRolePolicy',
      'DeleteRole',
    ]);
    expect(calls.filter((c) => c.operation === 'DeleteTopic')).toEqual([
      {
        service: 'sns',
        operation: 'DeleteTopic',
        input: { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-error` },
      },
      {
        service: 'sns',
        operation: 'DeleteTopic',
        input: { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:abalone-async-success` },
      },
    ]);
    expect(result.alreadyGone).toEqual([{ kind: 'SNS topic', name: 'abalone-async-error' }]);
    expect(result.deleted).toContainEqual({ kind: 'SNS topic', name: 'abalone-async-success' });
    expect(h.section()).toBeUndefined();
  });
});
