import { describe, expect, it } from 'vitest';

import { MAX_POLL_MS, payloadFromBytes } from '@mcc/sdk';
import { MemoryState, awsError } from '@mcc/sdk/testing';
import type { FakeAws } from '@mcc/sdk/testing';

import { deploy } from '../src/lifecycle/deploy.js';
import { destroy } from '../src/lifecycle/destroy.js';
import { doctor } from '../src/lifecycle/doctor.js';
import { invoke } from '../src/lifecycle/invoke.js';
import { logs } from '../src/lifecycle/logs.js';
import { planDeploy } from '../src/lifecycle/plan.js';
import { status } from '../src/lifecycle/status.js';
import type { DeploymentState } from '../src/lifecycle/state.js';
import { IMAGE, OPTIONS, ROLE_ARN, SAGEMAKER_TRUST, harness, rejection } from './deploy-harness.js';
import type { Harness } from './deploy-harness.js';
import { projectInput } from './fixtures.js';

describe('a first deploy', () => {
  it('makes exactly the calls of the inference-components flow, in order', async () => {
    const h = harness();
    const result = await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).toEqual([
      'GetCallerIdentity',
      'DescribeImages',
      'ListServiceQuotas',
      'GetRole',
      'CreateRole',
      'PutRolePolicy',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'CreateInferenceComponent',
      'DescribeInferenceComponent',
      'DescribeInferenceComponent',
      'PutMetricAlarm',
    ]);
    expect(result).toMatchObject({
      endpointName: 'abalone',
      inferenceComponentName: 'abalone-ic',
      imageUri: IMAGE,
      action: 'created',
      region: 'us-east-1',
    });
  });

  it('sends each request with the fields the API requires', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    const role = h.aws.input('CreateRole');
    expect(role.RoleName).toBe('mcc-abalone-sagemaker');
    expect(JSON.parse(role.AssumeRolePolicyDocument as string).Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    const policy = JSON.parse(h.aws.input('PutRolePolicy').PolicyDocument as string);
    expect(JSON.stringify(policy)).toContain('arn:aws:ecr:us-east-1:123456789012:repository/abalone');
    expect(JSON.stringify(policy)).not.toContain('<account>');

    const config = h.aws.input('CreateEndpointConfig');
    expect(config.EndpointConfigName).toMatch(/^abalone-config-[0-9a-z]{1,7}$/);
    expect(config.ExecutionRoleArn).toBe(ROLE_ARN);
    expect(config.ProductionVariants).toEqual([
      {
        VariantName: 'AllTraffic',
        InstanceType: 'ml.m5.large',
        InitialInstanceCount: 1,
        ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 1, MaxInstanceCount: 1 },
        RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
      },
    ]);
    expect(h.aws.input('CreateEndpoint')).toMatchObject({
      EndpointName: 'abalone',
      EndpointConfigName: config.EndpointConfigName,
    });
    expect(h.aws.input('CreateInferenceComponent')).toEqual({
      InferenceComponentName: 'abalone-ic',
      EndpointName: 'abalone',
      VariantName: 'AllTraffic',
      Specification: {
        Container: { Image: IMAGE, Environment: {} },
        ComputeResourceRequirements: { NumberOfCpuCoresRequired: 2, MinMemoryRequiredInMb: 6451 },
      },
      RuntimeConfig: { CopyCount: 1 },
      Tags: [
        { Key: 'mcc:project', Value: 'abalone' },
        { Key: 'mcc:managed-by', Value: 'mcc' },
      ],
    });
  });

  it('sets up the 5XX-rate alarm later updates roll back on', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    const metric = (Id: string, MetricName: string) => ({
      Id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/SageMaker',
          MetricName,
          Dimensions: [{ Name: 'InferenceComponentName', Value: 'abalone-ic' }],
        },
        Period: 60,
        Stat: 'Sum',
      },
      ReturnData: false,
    });
    const alarm = h.aws.input('PutMetricAlarm');
    expect(alarm).toMatchObject({
      AlarmName: 'abalone-ic-5xx-rate',
      Metrics: [
        metric('errors', 'Invocation5XXErrors'),
        metric('invocations', 'Invocations'),
        {
          Id: 'errorRate',
          Expression: 'IF(invocations > 0, 100 * errors / invocations, 0)',
          ReturnData: true,
        },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      Tags: [
        { Key: 'mcc:project', Value: 'abalone' },
        { Key: 'mcc:managed-by', Value: 'mcc' },
      ],
    });
    // PutMetricAlarm takes either one metric or Metrics, never both.
    expect(alarm).not.toHaveProperty('MetricName');
    expect((alarm.Metrics as { ReturnData: boolean }[]).filter((m) => m.ReturnData)).toHaveLength(1);
    expect(h.deployment()!.rollbackAlarm).toEqual({ name: 'abalone-ic-5xx-rate', createdByMcc: true });
  });

  it('reserves the sizer’s estimate per copy, and refuses copies that cannot fit before any call', async () => {
    const sized = harness();
    sized.context.project.input.instance.sizing = { sizer: 'cpu', hostMemoryBytes: 1_281_359_872 };
    await deploy(sized.context, OPTIONS);
    expect(
      (sized.aws.input('CreateInferenceComponent').Specification as Record<string, unknown>)
        .ComputeResourceRequirements,
    ).toEqual({ NumberOfCpuCoresRequired: 2, MinMemoryRequiredInMb: 1222, MaxMemoryRequiredInMb: 6451 });

    const crowded = harness();
    crowded.context.project.input.instance.sizing = { sizer: 'cpu', hostMemoryBytes: 4_000_000_000 };
    crowded.context.project.input.target.options.copies = 2;
    const error = await rejection(deploy(crowded.context, OPTIONS));
    expect(error.code).toBe('COPIES_DO_NOT_FIT');
    expect(crowded.aws.calls).toEqual([]);
  });

  it('records what it created and polls at most every 15 s', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    const recorded = h.deployment()!;
    expect(recorded.role).toEqual({
      name: 'mcc-abalone-sagemaker',
      arn: ROLE_ARN,
      createdByMcc: true,
      policyName: 'mcc-execution',
    });
    expect(recorded.endpoint).toEqual({ name: 'abalone', createdByMcc: true });
    expect(recorded.inferenceComponent).toMatchObject({ name: 'abalone-ic', image: IMAGE, version: 1 });
    expect(recorded.endpointConfigs).toHaveLength(1);
    expect(recorded.pending).toBeUndefined();
    expect(Math.max(...h.clock.sleeps)).toBeLessThanOrEqual(MAX_POLL_MS);
    expect(h.progress.lines.some((line) => line.startsWith('waiting: endpoint abalone: Creating'))).toBe(
      true,
    );
  });

  it('uses the image the last push recorded, and refuses to deploy without one', async () => {
    const pushed = harness({
      schema: 1,
      targets: {},
      image: { uri: IMAGE, pushedAt: '2026-01-01T00:00:00Z', by: 'push' },
    });
    await deploy(pushed.context, { ...OPTIONS, imageUri: undefined });
    expect(
      (pushed.aws.input('CreateInferenceComponent').Specification as { Container: { Image: string } })
        .Container.Image,
    ).toBe(IMAGE);

    const none = harness();
    const error = await rejection(deploy(none.context, { ...OPTIONS, imageUri: undefined }));
    expect(error.code).toBe('IMAGE_NOT_PUSHED');
    expect(none.aws.calls).toEqual([]);
  });

  it('uses a given role and creates none', async () => {
    const h = harness();
    const given = 'arn:aws:iam::123456789012:role/team-sagemaker';
    h.aws.on('GetRole', { Role: { Arn: given, AssumeRolePolicyDocument: SAGEMAKER_TRUST } });
    await deploy(h.context, { ...OPTIONS, roleArn: given });
    expect(h.aws.operations()).not.toContain('CreateRole');
    expect(h.aws.input('GetRole')).toEqual({ RoleName: 'team-sagemaker' });
    expect(h.aws.input('CreateEndpointConfig').ExecutionRoleArn).toBe(given);
    expect(h.deployment()!.role).toMatchObject({ arn: given, createdByMcc: false });
  });

  it('sets up target tracking of copies when asked', async () => {
    const h = harness();
    await deploy(h.context, { ...OPTIONS, minCopies: 1, maxCopies: 4 });
    expect(h.aws.input('RegisterScalableTarget')).toEqual({
      ServiceNamespace: 'sagemaker',
      ResourceId: 'inference-component/abalone-ic',
      ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
      MinCapacity: 1,
      MaxCapacity: 4,
    });
    expect(h.aws.input('PutScalingPolicy')).toMatchObject({
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: {
          PredefinedMetricType: 'SageMakerInferenceComponentInvocationsPerCopy',
        },
      },
    });
    // One copy fills an instance here, so the endpoint may use up to four instances for four copies.
    expect(
      (h.aws.input('CreateEndpointConfig').ProductionVariants as Record<string, unknown>[])[0]!
        .ManagedInstanceScaling,
    ).toEqual({ Status: 'ENABLED', MinInstanceCount: 1, MaxInstanceCount: 4 });
    expect(h.deployment()!.instances).toEqual({ min: 1, max: 4 });
    const bad = await rejection(deploy(harness().context, { ...OPTIONS, minCopies: 5, maxCopies: 2 }));
    expect(bad.code).toBe('COPIES_INVALID');
  });
});

describe('faults during a deploy', () => {
  it('retries a new role SageMaker cannot assume yet, on that message only', async () => {
    const h = harness();
    const notYet = awsError(
      'ValidationException',
      'Could not assume role arn:aws:iam::123456789012:role/mcc-abalone-sagemaker.',
    );
    h.aws.on('CreateEndpointConfig', notYet, notYet, {});
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations().filter((op) => op === 'CreateEndpointConfig')).toHaveLength(3);

    const other = harness();
    other.aws.on('CreateEndpointConfig', awsError('ValidationException', 'Instance type ml.x is not valid.'));
    const error = await rejection(deploy(other.context, OPTIONS));
    expect(error.message).toMatch(/Instance type ml.x is not valid/);
    expect(other.aws.operations().filter((op) => op === 'CreateEndpointConfig')).toHaveLength(1);
  });

  it('explains ResourceLimitExceeded by its quota, and removes what the run created', async () => {
    const h = harness();
    h.aws.on(
      'CreateEndpoint',
      awsError(
        'ResourceLimitExceeded',
        "The account-level service limit 'ml.m5.large for endpoint usage' is 0 Instances, with current utilization of 0 Instances and a request delta of 1 Instances.",
      ),
    );
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.code).toBe('QUOTA_EXCEEDED');
    expect(error.suggestions!.join(' ')).toContain('"ml.m5.large for endpoint usage"');
    const after = h.aws.operations().slice(h.aws.operations().indexOf('CreateEndpoint') + 1);
    expect(after).toEqual(['DeleteEndpointConfig', 'DeleteRolePolicy', 'DeleteRole']);
    expect(h.deployment()).toBeUndefined();
  });

  it('surfaces a failed endpoint’s reason and last log lines, then cleans up in reverse order', async () => {
    const h = harness();
    h.aws
      .on('DescribeEndpoint', {
        EndpointStatus: 'Failed',
        FailureReason: 'The primary container did not pass the ping health check.',
      })
      .on('FilterLogEvents', {
        events: [
          { message: 'serve: model from /opt/ml/model' },
          { message: 'ModuleNotFoundError: sklearn\n' },
        ],
      });
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.code).toBe('DEPLOY_FAILED');
    expect(error.message).toContain('did not pass the ping health check');
    expect(error.message).toContain('| ModuleNotFoundError: sklearn');
    expect(h.aws.input('FilterLogEvents')).toMatchObject({
      logGroupName: '/aws/sagemaker/Endpoints/abalone',
      startTime: expect.any(Number),
    });
    const after = h.aws.operations().slice(h.aws.operations().indexOf('FilterLogEvents') + 1);
    expect(after).toEqual(['DeleteEndpoint', 'DeleteEndpointConfig', 'DeleteRolePolicy', 'DeleteRole']);
    expect(h.deployment()).toBeUndefined();
  });

  it('keeps what failed with --keep-failed', async () => {
    const h = harness();
    h.aws.on('DescribeInferenceComponent', {
      InferenceComponentStatus: 'Failed',
      FailureReason: 'out of memory',
    });
    const error = await rejection(deploy(h.context, { ...OPTIONS, keepFailed: true }));
    expect(error.message).toContain('out of memory');
    expect(h.aws.operations().some((op) => op.startsWith('Delete'))).toBe(false);
    expect(h.deployment()!.inferenceComponent?.name).toBe('abalone-ic');
  });

  it('resumes a deploy interrupted after the endpoint config was created, without duplicates', async () => {
    const interrupted: DeploymentState = {
      region: 'us-east-1',
      role: { name: 'mcc-abalone-sagemaker', arn: ROLE_ARN, createdByMcc: true, policyName: 'mcc-execution' },
      endpointConfigs: ['abalone-config-t0'],
      pending: { startedAt: '2026-01-01T00:00:00.000Z', created: ['role', 'endpoint-config'] },
    };
    const h = harness({ schema: 1, targets: { 'managed-inference': interrupted } });
    await deploy(h.context, OPTIONS);
    expect(h.aws.operations()).not.toContain('CreateRole');
    expect(h.aws.operations()).not.toContain('CreateEndpointConfig');
    expect(h.aws.input('CreateEndpoint').EndpointConfigName).toBe('abalone-config-t0');
    expect(h.deployment()!.endpointConfigs).toEqual(['abalone-config-t0']);
  });

  it('stops waiting on Ctrl-C, keeps what exists, and says how to resume', async () => {
    const controller = new AbortController();
    const h = harness(undefined, controller.signal);
    h.aws.on('DescribeEndpoint', () => {
      controller.abort();
      return { EndpointStatus: 'Creating' };
    });
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.code).toBe('INTERRUPTED');
    expect(h.aws.operations().some((op) => op.startsWith('Delete'))).toBe(false);
    expect(h.deployment()!.pending?.created).toEqual(['role', 'endpoint-config', 'endpoint']);
  });
});

describe('the pre-flight', () => {
  const created = (aws: FakeAws) => aws.operations().filter((op) => /^(Create|Put|Update)/.test(op));

  it('stops before creating anything when the image is not in ECR, naming the fix', async () => {
    const h = harness();
    h.aws.on(
      'DescribeImages',
      awsError('ImageNotFoundException', "The image with imageId {imageTag:'0.1.0'} does not exist"),
    );
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.code).toBe('PREFLIGHT_FAILED');
    expect(error.message).toMatch(/image: .*is not in ECR.*mcc push/);
    expect(h.aws.input('DescribeImages')).toEqual({
      registryId: '123456789012',
      repositoryName: 'abalone',
      imageIds: [{ imageTag: '0.1.0' }],
    });
    expect(created(h.aws)).toEqual([]);
    expect(h.deployment()).toBeUndefined();
  });

  it('refuses an image from another region or outside ECR without asking AWS', async () => {
    const h = harness();
    const error = await rejection(
      deploy(h.context, { ...OPTIONS, imageUri: IMAGE.replace('us-east-1', 'eu-west-1') }),
    );
    expect(error.message).toMatch(/is in eu-west-1, but the endpoint would be in us-east-1/);
    const hub = harness();
    const other = await rejection(
      deploy(hub.context, { ...OPTIONS, imageUri: 'docker.io/library/python:3.12' }),
    );
    expect(other.message).toMatch(/not an Amazon ECR image/);
    expect(hub.aws.operations()).not.toContain('DescribeImages');
  });

  it('lists every failure at once: a role SageMaker cannot assume and a quota too small', async () => {
    const h = harness();
    h.aws
      .on('GetRole', {
        Role: {
          AssumeRolePolicyDocument: encodeURIComponent(
            '{"Statement":[{"Principal":{"Service":"ec2.amazonaws.com"}}]}',
          ),
        },
      })
      .on(
        'ListServiceQuotas',
        { Quotas: [{ QuotaName: 'ml.m5.xlarge for endpoint usage', Value: 4 }], NextToken: 'p2' },
        {
          Quotas: [{ QuotaName: 'ml.m5.large for endpoint usage', Value: 0 }],
        },
      );
    const error = await rejection(
      deploy(h.context, { ...OPTIONS, roleArn: 'arn:aws:iam::123456789012:role/ec2-only' }),
    );
    expect(error.message).toMatch(/role: .*does not let sagemaker.amazonaws.com assume it/);
    expect(error.message).toMatch(/quota: "ml.m5.large for endpoint usage" is 0 in us-east-1/);
    expect(h.aws.input('ListServiceQuotas', 1)).toMatchObject({ ServiceCode: 'sagemaker', NextToken: 'p2' });
    expect(created(h.aws)).toEqual([]);
  });

  it('only warns when the quotas cannot be read', async () => {
    const h = harness();
    h.aws.on('ListServiceQuotas', awsError('AccessDeniedException', 'not allowed'));
    await deploy(h.context, OPTIONS);
    expect(h.progress.lines).toContain(
      'warn: quota: could not read the SageMaker quotas (AccessDeniedException); SageMaker will check them.',
    );
  });
});

describe('doctor', () => {
  it('reports every check without creating anything, including a missing image', async () => {
    const h = harness();
    const result = await doctor(h.context, { ...OPTIONS, imageUri: undefined });
    expect(result.account).toBe('123456789012');
    expect(result.checks.map((c) => `${c.name}:${c.status}`)).toEqual([
      'credentials:ok',
      'image:fail',
      'quota:warn',
    ]);
    expect(h.aws.operations()).toEqual(['GetCallerIdentity', 'ListServiceQuotas']);
  });
});

describe('a second deploy', () => {
  const NEXT = IMAGE.replace(':0.1.0', ':0.2.0');

  /** A first deploy done, and a harness over its state for the second. */
  async function deployed(): Promise<Harness> {
    const h = harness();
    await deploy(h.context, OPTIONS);
    return harness(h.state.read());
  }

  /** DescribeInferenceComponent as SageMaker answers it while an update runs, then after. */
  function rollout(h: Harness, after: string, extra: Record<string, unknown> = {}): void {
    const running = (image: string) => ({
      Specification: { Container: { DeployedImage: { SpecifiedImage: image } } },
    });
    h.aws.on(
      'DescribeInferenceComponent',
      { InferenceComponentStatus: 'InService', ...running(IMAGE) }, // the update not visible yet
      { InferenceComponentStatus: 'Updating', ...running(IMAGE) },
      { InferenceComponentStatus: 'InService', ...running(after), ...extra },
    );
  }

  it('rolls the new image out to the existing component, creating nothing', async () => {
    const again = await deployed();
    rollout(again, NEXT);
    const result = await deploy(again.context, { ...OPTIONS, imageUri: NEXT });
    expect(result.action).toBe('updated');
    expect(again.aws.operations()).toEqual([
      'GetCallerIdentity',
      'DescribeImages',
      'DescribeAlarms',
      'UpdateInferenceComponent',
      'DescribeInferenceComponent',
      'DescribeInferenceComponent',
      'DescribeInferenceComponent',
    ]);
    expect(again.aws.input('DescribeAlarms')).toEqual({
      AlarmNames: ['abalone-ic-5xx-rate'],
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
    });
    expect(again.aws.input('UpdateInferenceComponent')).toEqual({
      InferenceComponentName: 'abalone-ic',
      Specification: {
        Container: { Image: NEXT, Environment: {} },
        ComputeResourceRequirements: { NumberOfCpuCoresRequired: 2, MinMemoryRequiredInMb: 6451 },
      },
      RuntimeConfig: { CopyCount: 1 },
      DeploymentConfig: {
        RollingUpdatePolicy: {
          MaximumBatchSize: { Type: 'COPY_COUNT', Value: 1 },
          WaitIntervalInSeconds: 60,
          MaximumExecutionTimeoutInSeconds: 3600,
          RollbackMaximumBatchSize: { Type: 'COPY_COUNT', Value: 1 },
        },
        AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'abalone-ic-5xx-rate' }] },
      },
    });
    expect(again.deployment()!.inferenceComponent).toMatchObject({ image: NEXT, version: 2 });
  });

  it('adds the user’s alarms to mcc’s own, after checking they exist and are quiet', async () => {
    const again = await deployed();
    rollout(again, NEXT);
    await deploy(again.context, { ...OPTIONS, imageUri: NEXT, rollbackAlarms: ['p99', 'p99', 'errors'] });
    expect(again.aws.input('DescribeAlarms').AlarmNames).toEqual(['p99', 'errors', 'abalone-ic-5xx-rate']);
    const config = again.aws.input('UpdateInferenceComponent').DeploymentConfig as {
      AutoRollbackConfiguration: { Alarms: { AlarmName: string }[] };
    };
    expect(config.AutoRollbackConfiguration.Alarms.map((a) => a.AlarmName)).toEqual([
      'p99',
      'errors',
      'abalone-ic-5xx-rate',
    ]);
  });

  it('refuses a missing or firing alarm of the user’s before changing anything', async () => {
    const missing = await deployed();
    missing.aws.on('DescribeAlarms', {
      MetricAlarms: [{ AlarmName: 'abalone-ic-5xx-rate', StateValue: 'OK' }],
    });
    const error = await rejection(
      deploy(missing.context, { ...OPTIONS, imageUri: NEXT, rollbackAlarms: ['no-such'] }),
    );
    expect(error.code).toBe('ROLLBACK_ALARM_NOT_FOUND');
    expect(error.message).toContain('no-such');
    expect(missing.aws.operations()).not.toContain('UpdateInferenceComponent');

    const firing = await deployed();
    firing.aws.on('DescribeAlarms', {
      MetricAlarms: [
        { AlarmName: 'p99', StateValue: 'ALARM' },
        { AlarmName: 'abalone-ic-5xx-rate', StateValue: 'OK' },
      ],
    });
    const fired = await rejection(
      deploy(firing.context, { ...OPTIONS, imageUri: NEXT, rollbackAlarms: ['p99'] }),
    );
    expect(fired.code).toBe('ROLLBACK_ALARM_FIRING');
    expect(firing.aws.operations()).not.toContain('UpdateInferenceComponent');
    expect(firing.deployment()!.inferenceComponent).toMatchObject({ image: IMAGE, version: 1 });
  });

  it('rolls a fix out without mcc’s alarm when that alarm is firing for the running version', async () => {
    const again = await deployed();
    rollout(again, NEXT);
    again.aws.on('DescribeAlarms', {
      MetricAlarms: [{ AlarmName: 'abalone-ic-5xx-rate', StateValue: 'ALARM', StateReason: '12% 5XX' }],
    });
    await deploy(again.context, { ...OPTIONS, imageUri: NEXT });
    expect(again.aws.input('UpdateInferenceComponent').DeploymentConfig).not.toHaveProperty(
      'AutoRollbackConfiguration',
    );
    expect(again.progress.lines.some((line) => line.includes('running version is failing (12% 5XX)'))).toBe(
      true,
    );
  });

  it('sets mcc’s alarm up first for a deployment that has none, and keeps it', async () => {
    const again = await deployed();
    const state = again.state.read();
    delete (state.targets['managed-inference'] as DeploymentState).rollbackAlarm;
    const older = harness(state);
    rollout(older, NEXT);
    await deploy(older.context, { ...OPTIONS, imageUri: NEXT });
    expect(older.aws.operations().slice(2, 4)).toEqual(['PutMetricAlarm', 'UpdateInferenceComponent']);
    expect(older.deployment()!.rollbackAlarm).toEqual({ name: 'abalone-ic-5xx-rate', createdByMcc: true });
  });

  it('reports an update SageMaker rolled back, naming the alarm, and keeps the old version recorded', async () => {
    const again = await deployed();
    rollout(again, IMAGE, { FailureReason: 'Rolled back: alarm abalone-ic-5xx-rate went into ALARM.' });
    let describes = 0;
    again.aws.on('DescribeAlarms', (call) => ({
      MetricAlarms: (call.input.AlarmNames as string[]).map((AlarmName) => ({
        AlarmName,
        StateValue: describes++ === 0 ? 'OK' : 'ALARM',
        StateReason: 'Threshold Crossed: 2 datapoints [40.0, 35.5] > 5.0',
      })),
    }));
    const error = await rejection(deploy(again.context, { ...OPTIONS, imageUri: NEXT }));
    expect(error.code).toBe('DEPLOY_ROLLED_BACK');
    expect(error.message).toContain(
      `The update of abalone-ic to ${NEXT} was rolled back; it still serves ${IMAGE}.`,
    );
    expect(error.message).toContain('Reason: Rolled back: alarm abalone-ic-5xx-rate went into ALARM.');
    expect(error.message).toContain('Alarm fired: abalone-ic-5xx-rate: Threshold Crossed');
    expect(again.aws.operations().filter((op) => op.startsWith('Delete'))).toEqual([]);
    const after = again.deployment()!;
    expect(after.inferenceComponent).toMatchObject({ image: IMAGE, version: 1 });
    expect(after.rollbackAlarm?.name).toBe('abalone-ic-5xx-rate');
    expect(after.pending).toBeUndefined();
  });

  it('reports a failed update with its reason and removes nothing', async () => {
    const again = await deployed();
    again.aws.on(
      'DescribeInferenceComponent',
      { InferenceComponentStatus: 'Updating' },
      { InferenceComponentStatus: 'Failed', FailureReason: 'The new copies did not pass the ping check.' },
    );
    const error = await rejection(deploy(again.context, { ...OPTIONS, imageUri: NEXT }));
    expect(error.code).toBe('DEPLOY_FAILED');
    expect(error.message).toContain('did not pass the ping check');
    expect(again.aws.operations().filter((op) => op.startsWith('Delete'))).toEqual([]);
    expect(again.deployment()!.endpoint?.name).toBe('abalone');
  });
});

describe('the plan', () => {
  it('lists the calls a first deploy makes, and makes none', () => {
    const h = harness();
    const plan = planDeploy(h.context.project, h.state, OPTIONS);
    expect(plan.map((c) => c.operation)).toEqual([
      'GetCallerIdentity',
      'DescribeImages',
      'ListServiceQuotas',
      'GetRole',
      'CreateRole',
      'PutRolePolicy',
      'CreateEndpointConfig',
      'CreateEndpoint',
      'DescribeEndpoint',
      'CreateInferenceComponent',
      'DescribeInferenceComponent',
      'PutMetricAlarm',
    ]);
    expect(plan.every((c) => c.purpose.length > 0)).toBe(true);
    expect(h.aws.calls).toEqual([]);
  });

  it('lists the calls of an update, with the alarms it rolls back on', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    const plan = planDeploy(h.context.project, h.state, { ...OPTIONS, rollbackAlarms: ['p99'] });
    expect(plan.map((c) => c.operation)).toEqual([
      'GetCallerIdentity',
      'DescribeImages',
      'DescribeAlarms',
      'UpdateInferenceComponent',
      'DescribeInferenceComponent',
    ]);
    expect(plan[2]!.input.AlarmNames).toEqual(['p99', 'abalone-ic-5xx-rate']);
    expect(plan[3]!.input.DeploymentConfig).toMatchObject({
      AutoRollbackConfiguration: { Alarms: [{ AlarmName: 'p99' }, { AlarmName: 'abalone-ic-5xx-rate' }] },
    });
  });

  it('builds the same requests as the deploy itself', async () => {
    const h = harness();
    const plan = planDeploy(h.context.project, h.state, OPTIONS);
    await deploy(h.context, OPTIONS);
    const planned = plan.find((c) => c.operation === 'CreateInferenceComponent')!;
    expect(planned.input).toEqual(h.aws.input('CreateInferenceComponent'));
  });
});

describe('status and destroy', () => {
  it('reports each recorded resource as AWS sees it', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    const look = harness(h.state.read());
    look.aws.on('DescribeEndpoint', { EndpointStatus: 'InService' }).on('DescribeInferenceComponent', {
      InferenceComponentStatus: 'InService',
      RuntimeConfig: { CurrentCopyCount: 1, DesiredCopyCount: 1 },
    });
    const result = await status(look.context);
    expect(look.aws.operations()).toEqual([
      'DescribeEndpoint',
      'DescribeInferenceComponent',
      'DescribeAlarms',
    ]);
    expect(result.deployed).toBe(true);
    expect(result.resources).toEqual([
      { kind: 'endpoint', name: 'abalone', status: 'InService' },
      { kind: 'inference-component', name: 'abalone-ic', status: 'InService', detail: '1 of 1 copies' },
      { kind: 'rollback-alarm', name: 'abalone-ic-5xx-rate', status: 'OK' },
    ]);
  });

  it('deletes in reverse order, tolerates what is already gone, and clears the state', async () => {
    const h = harness();
    await deploy(h.context, { ...OPTIONS, minCopies: 1, maxCopies: 2 });
    const gone = harness(h.state.read());
    const missing = awsError('ValidationException', 'Could not find inference component "abalone-ic".');
    gone.aws
      .on('DeleteInferenceComponent', missing)
      .on(
        'DescribeEndpoint',
        { EndpointStatus: 'Deleting' },
        awsError('ValidationException', 'Could not find endpoint "abalone".'),
      );
    const result = await destroy(gone.context);
    expect(gone.aws.operations()).toEqual([
      'DeregisterScalableTarget',
      'DeleteAlarms',
      'DeleteInferenceComponent',
      'DeleteEndpoint',
      'DescribeEndpoint',
      'DescribeEndpoint',
      'DeleteEndpointConfig',
      'DeleteRolePolicy',
      'DeleteRole',
    ]);
    expect(result.alreadyGone).toEqual([{ kind: 'inference component', name: 'abalone-ic' }]);
    expect(gone.aws.input('DeleteAlarms')).toEqual({ AlarmNames: ['abalone-ic-5xx-rate'] });
    expect(result.deleted.map((d) => d.kind)).toEqual([
      'autoscaling target',
      'CloudWatch alarm',
      'endpoint',
      'endpoint configuration',
      'execution role',
    ]);
    expect(gone.deployment()).toBeUndefined();
  });

  it('still shows the endpoint when the alarm cannot be read', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    const look = harness(h.state.read());
    look.aws
      .on('DescribeEndpoint', { EndpointStatus: 'InService' })
      .on('DescribeAlarms', awsError('AccessDenied', 'not allowed to cloudwatch:DescribeAlarms'));
    const result = await status(look.context);
    expect(result.deployed).toBe(true);
    expect(result.resources.at(-1)).toEqual({
      kind: 'rollback-alarm',
      name: 'abalone-ic-5xx-rate',
      status: 'unknown',
      detail: 'AccessDenied: not allowed to cloudwatch:DescribeAlarms',
    });
  });

  it('leaves a role it did not create', async () => {
    const h = harness();
    h.aws.on('GetRole', { Role: { AssumeRolePolicyDocument: SAGEMAKER_TRUST } });
    await deploy(h.context, { ...OPTIONS, roleArn: 'arn:aws:iam::123456789012:role/team' });
    const gone = harness(h.state.read());
    gone.aws
      .on('DescribeEndpoint', awsError('ValidationException', 'Could not find endpoint.'))
      .on(
        'DescribeInferenceComponent',
        awsError('ValidationException', 'Could not find inference component.'),
      );
    await destroy(gone.context);
    expect(gone.aws.operations()).not.toContain('DeleteRole');
    expect(gone.aws.operations()).not.toContain('DeleteRolePolicy');
  });
});

describe('invoke', () => {
  it('sends the payload to the inference component and returns the answer', async () => {
    const h = harness();
    await deploy(h.context, OPTIONS);
    const call = harness(h.state.read());
    call.aws.on('InvokeEndpoint', {
      Body: new TextEncoder().encode('{"predictions": [9.5]}'),
      ContentType: 'application/json',
    });
    const result = await invoke(call.context, {
      payload: payloadFromBytes(Buffer.from('M,0.455,0.365\n')),
      contentType: 'text/csv',
    });
    expect(result).toEqual({ contentType: 'application/json', body: '{"predictions": [9.5]}' });
    expect(call.aws.operations()).toEqual(['InvokeEndpoint']);
    const input = call.aws.input('InvokeEndpoint');
    expect(input).toMatchObject({
      EndpointName: 'abalone',
      InferenceComponentName: 'abalone-ic',
      ContentType: 'text/csv',
      Accept: 'application/json',
    });
    expect(Buffer.from(input.Body as Uint8Array).toString()).toBe('M,0.455,0.365\n');
  });

  it('refuses before a deploy, and above 6 MB, without calling AWS', async () => {
    const none = harness();
    await expect(
      invoke(none.context, { payload: payloadFromBytes(Buffer.from('1')), contentType: 'text/csv' }),
    ).rejects.toMatchObject({
      code: 'NOT_DEPLOYED',
    });
    const h = harness();
    await deploy(h.context, OPTIONS);
    const big = harness(h.state.read());
    await expect(
      invoke(big.context, {
        payload: payloadFromBytes(Buffer.alloc(6 * 1024 * 1024 + 1)),
        contentType: 'text/csv',
      }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(big.aws.calls).toEqual([]);
  });
});

describe('logs', () => {
  it('prints both log groups’ lines oldest first, skipping a group that does not exist yet', async () => {
    const h = harness();
    h.aws.on('FilterLogEvents', (call) => {
      if (call.input.logGroupName === '/aws/sagemaker/Endpoints/abalone')
        throw awsError('ResourceNotFoundException', 'The specified log group does not exist.');
      return call.input.nextToken
        ? { events: [{ eventId: 'b', timestamp: 3, message: 'third\n', logStreamName: 's' }] }
        : {
            events: [{ eventId: 'a', timestamp: 1, message: 'first', logStreamName: 's' }],
            nextToken: 'page2',
          };
    });
    const lines: string[] = [];
    await logs(h.context, {
      follow: false,
      sinceMinutes: 10,
      onLine: (line) => lines.push(`${line.timestamp} ${line.message}`),
    });
    expect(lines).toEqual(['1 first', '3 third']);
    expect(h.aws.input('FilterLogEvents')).toMatchObject({
      logGroupName: '/aws/sagemaker/InferenceComponents/abalone-ic',
      startTime: h.clock.now() - 10 * 60_000,
    });
    expect(h.aws.input('FilterLogEvents', 1)).toMatchObject({ nextToken: 'page2' });
  });

  it('follows new lines without repeating any, until Ctrl-C', async () => {
    const controller = new AbortController();
    const h = harness(undefined, controller.signal);
    let polls = 0;
    h.aws.on('FilterLogEvents', (call) => {
      if (call.input.logGroupName !== '/aws/sagemaker/InferenceComponents/abalone-ic') return { events: [] };
      polls++;
      if (polls === 3) controller.abort();
      return {
        events: [
          { eventId: 'same', timestamp: 5, message: 'once' },
          ...(polls > 1 ? [{ eventId: `n${polls}`, timestamp: 5 + polls, message: `new ${polls}` }] : []),
        ],
      };
    });
    const lines: string[] = [];
    await logs(h.context, { follow: true, sinceMinutes: 1, onLine: (line) => lines.push(line.message) });
    expect(lines).toEqual(['once', 'new 2', 'new 3']);
    expect(h.clock.sleeps).toEqual([2_000, 2_000]);
  });
});

describe('a gated Hugging Face model', () => {
  const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hf-token-AbCdEf';

  function hubHarness(options: Record<string, string | number> = {}): Harness {
    const h = harness();
    const input = projectInput({
      model: {
        source: 'huggingface',
        sample: false,
        delivery: 'runtime',
        location: 'meta-llama/Llama-3.1-8B-Instruct',
        format: 'huggingface',
        fileName: 'model',
        hub: { id: 'meta-llama/Llama-3.1-8B-Instruct', revision: 'main', gated: true },
      },
      options,
    });
    h.context.project.input.model = input.model;
    h.context.project.input.target = input.target;
    return h;
  }

  const environment = (h: Harness) =>
    (h.aws.input('CreateInferenceComponent').Specification as { Container: { Environment: object } })
      .Container.Environment;

  it('is refused before any call without a token or a secret, saying how to give one', async () => {
    const h = hubHarness();
    const error = await rejection(deploy(h.context, OPTIONS));
    expect(error.code).toBe('HF_TOKEN_REQUIRED');
    expect(error.suggestions!.join(' ')).toContain('--option hf-token-secret=');
    expect(h.aws.calls).toEqual([]);
  });

  it('gets the deployer’s HF_TOKEN in its environment, with a warning, and the plan never shows it', async () => {
    const h = hubHarness();
    await deploy(h.context, { ...OPTIONS, hfToken: 'hf_s3cret' });
    expect(environment(h)).toEqual({ HF_TOKEN: 'hf_s3cret' });
    expect(h.progress.lines.some((line) => line.startsWith('warn: HF_TOKEN goes into'))).toBe(true);
    const plan = planDeploy(hubHarness().context.project, new MemoryState(), {
      ...OPTIONS,
      hfToken: 'hf_s3cret',
    });
    expect(JSON.stringify(plan)).not.toContain('hf_s3cret');
    expect(JSON.stringify(plan)).toContain('<HF_TOKEN from your environment, not shown>');
  });

  it('reads the token from a secret when one is configured: only its ARN travels, and the role may read it', async () => {
    const h = hubHarness({ 'instance-count': 1, copies: 1, 'hf-token-secret': SECRET });
    await deploy(h.context, { ...OPTIONS, hfToken: 'hf_s3cret' });
    expect(environment(h)).toEqual({ MCC_HF_TOKEN_SECRET_ARN: SECRET });
    expect(JSON.stringify(h.aws.calls)).not.toContain('hf_s3cret');
    const policy = JSON.parse(h.aws.input('PutRolePolicy').PolicyDocument as string);
    expect(policy.Statement).toContainEqual({
      Sid: 'ReadHuggingFaceToken',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: SECRET,
    });
  });
});
