import { createRequire } from 'node:module';

/**
 * Enumerations the CloudFormation model in @aws-cdk/aws-service-spec dropped (the registry schemas
 * leave many enum-like strings open too), taken from the AWS SDK's own exported enums, which are
 * the APIs' lists. The SDK clients are dependencies of @mcc/core, resolved from there.
 */
const fromCore = createRequire(new URL('../../../core/package.json', import.meta.url));
type Enums = Record<string, Record<string, string>>;
const sagemaker = fromCore('@aws-sdk/client-sagemaker') as Enums;
const cloudwatch = fromCore('@aws-sdk/client-cloudwatch') as Enums;
const scaling = fromCore('@aws-sdk/client-application-auto-scaling') as Enums;

const values = (e: Record<string, string> | undefined): string[] => {
  if (!e) throw new Error('an SDK enum is missing');
  return Object.values(e);
};

/** Per resource type: JSON pointer of a property's schema inside the resource schema → allowed values. */
export const SDK_ENUMS: Readonly<Record<string, Readonly<Record<string, string[]>>>> = {
  'AWS::SageMaker::EndpointConfig': {
    '/definitions/ProductionVariant/properties/InstanceType': values(sagemaker.ProductionVariantInstanceType),
    '/definitions/RoutingConfig/properties/RoutingStrategy': values(sagemaker.RoutingStrategy),
    '/definitions/ManagedInstanceScaling/properties/Status': values(sagemaker.ManagedInstanceScalingStatus),
  },
  'AWS::CloudWatch::Alarm': {
    '/properties/ComparisonOperator': values(cloudwatch.ComparisonOperator),
    '/properties/Statistic': values(cloudwatch.Statistic),
    '/definitions/MetricStat/properties/Stat': values(cloudwatch.Statistic),
  },
  'AWS::ApplicationAutoScaling::ScalableTarget': {
    '/properties/ScalableDimension': values(scaling.ScalableDimension),
    '/properties/ServiceNamespace': values(scaling.ServiceNamespace),
  },
  'AWS::ApplicationAutoScaling::ScalingPolicy': {
    '/properties/PolicyType': values(scaling.PolicyType),
    '/properties/ScalableDimension': values(scaling.ScalableDimension),
    '/properties/ServiceNamespace': values(scaling.ServiceNamespace),
    '/definitions/PredefinedMetricSpecification/properties/PredefinedMetricType': values(scaling.MetricType),
    '/definitions/CustomizedMetricSpecification/properties/Statistic': values(scaling.MetricStatistic),
    '/definitions/StepScalingPolicyConfiguration/properties/AdjustmentType': values(scaling.AdjustmentType),
    '/definitions/StepScalingPolicyConfiguration/properties/MetricAggregationType': values(
      scaling.MetricAggregationType,
    ),
  },
};
