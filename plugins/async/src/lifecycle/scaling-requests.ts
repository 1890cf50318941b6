import type { AwsCall } from '@mcc/sdk';

import type { AsyncContext } from '../context.js';
import { tags } from './requests.js';

/**
 * The Application Auto Scaling and CloudWatch requests that let an async endpoint scale to zero:
 * a scalable target on the variant's instance count with a minimum of 0, a target-tracking policy
 * on the queue per instance (scales in, down to 0, as the queue drains), and a step policy fired by
 * an alarm on HasBacklogWithoutCapacity (target tracking cannot scale out from 0 instances: with
 * none, the per-instance backlog has no value).
 */

const NAMESPACE = 'sagemaker';
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount';

export const scalingResourceId = (ctx: AsyncContext): string =>
  `endpoint/${ctx.endpoint.name}/variant/${ctx.endpoint.variantName}`;

export const backlogPolicyName = (ctx: AsyncContext): string => `${ctx.names.base}-backlog-per-instance`;
export const wakePolicyName = (ctx: AsyncContext): string => `${ctx.names.base}-scale-out-from-zero`;

const endpointDimension = (ctx: AsyncContext) => [{ Name: 'EndpointName', Value: ctx.endpoint.name }];

export function registerScalableTarget(ctx: AsyncContext, min: number, max: number): AwsCall {
  return {
    service: 'application-auto-scaling',
    operation: 'RegisterScalableTarget',
    input: {
      ServiceNamespace: NAMESPACE,
      ResourceId: scalingResourceId(ctx),
      ScalableDimension: DIMENSION,
      MinCapacity: min,
      MaxCapacity: max,
    },
  };
}

/**
 * Keeps about max-concurrent-invocations requests queued per instance: each instance then always
 * has the next batch waiting, and the queue draining to nothing takes the count down to the minimum.
 */
export function putBacklogPolicy(ctx: AsyncContext): AwsCall {
  return {
    service: 'application-auto-scaling',
    operation: 'PutScalingPolicy',
    input: {
      PolicyName: backlogPolicyName(ctx),
      ServiceNamespace: NAMESPACE,
      ResourceId: scalingResourceId(ctx),
      ScalableDimension: DIMENSION,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: ctx.async.maxConcurrentInvocations,
        CustomizedMetricSpecification: {
          MetricName: 'ApproximateBacklogSizePerInstance',
          Namespace: 'AWS/SageMaker',
          Dimensions: endpointDimension(ctx),
          Statistic: 'Average',
        },
        ScaleInCooldown: 600,
        ScaleOutCooldown: 300,
      },
    },
  };
}

/** One instance more whenever requests wait with none running. */
export function putWakePolicy(ctx: AsyncContext): AwsCall {
  return {
    service: 'application-auto-scaling',
    operation: 'PutScalingPolicy',
    input: {
      PolicyName: wakePolicyName(ctx),
      ServiceNamespace: NAMESPACE,
      ResourceId: scalingResourceId(ctx),
      ScalableDimension: DIMENSION,
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        MetricAggregationType: 'Average',
        Cooldown: 300,
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }],
      },
    },
  };
}

export function putBacklogAlarm(ctx: AsyncContext, policyArn: string): AwsCall {
  return {
    service: 'cloudwatch',
    operation: 'PutMetricAlarm',
    input: {
      AlarmName: ctx.names.backlogAlarm,
      AlarmDescription: `Requests wait for ${ctx.endpoint.name} with no instance running: scale out from zero (mcc)`,
      Namespace: 'AWS/SageMaker',
      MetricName: 'HasBacklogWithoutCapacity',
      Dimensions: endpointDimension(ctx),
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'missing',
      AlarmActions: [policyArn],
      Tags: tags(ctx),
    },
  };
}

export const deleteAlarms = (name: string): AwsCall => ({
  service: 'cloudwatch',
  operation: 'DeleteAlarms',
  input: { AlarmNames: [name] },
});

/** Deregistering the target deletes its policies with it. */
export const deregisterScalableTarget = (resourceId: string): AwsCall => ({
  service: 'application-auto-scaling',
  operation: 'DeregisterScalableTarget',
  input: { ServiceNamespace: NAMESPACE, ResourceId: resourceId, ScalableDimension: DIMENSION },
});
