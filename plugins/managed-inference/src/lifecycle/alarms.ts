import type { AwsCall } from '@mcc/sdk';

import type { ManagedInferenceContext } from '../context.js';
import { TAGS } from './requests.js';

/**
 * The CloudWatch alarm an update rolls back on. mcc keeps one per inference component: the share
 * of its invocations answered with a 5XX, over two consecutive minutes. Client errors (4XX) are the
 * caller's and do not count; minutes without traffic do not breach, so an idle endpoint can update.
 */
export const ERROR_RATE_THRESHOLD_PERCENT = 5;
const PERIOD_SECONDS = 60;
const EVALUATION_PERIODS = 2;

export const errorRateAlarmName = (component: string): string => `${component}-5xx-rate`;

function componentMetric(component: string, id: string, metricName: string) {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/SageMaker',
        MetricName: metricName,
        Dimensions: [{ Name: 'InferenceComponentName', Value: component }],
      },
      Period: PERIOD_SECONDS,
      Stat: 'Sum',
    },
    ReturnData: false,
  };
}

/** Creates the alarm, or sets it again as above (PutMetricAlarm replaces an alarm of the same name). */
export function putErrorRateAlarm(ctx: ManagedInferenceContext): AwsCall {
  const component = ctx.inferenceComponent.name;
  return {
    service: 'cloudwatch',
    operation: 'PutMetricAlarm',
    input: {
      AlarmName: errorRateAlarmName(component),
      AlarmDescription: `mcc: more than ${ERROR_RATE_THRESHOLD_PERCENT}% of ${component}'s invocations answered 5XX for ${EVALUATION_PERIODS} minutes; updates of it roll back when this fires.`,
      Metrics: [
        componentMetric(component, 'errors', 'Invocation5XXErrors'),
        componentMetric(component, 'invocations', 'Invocations'),
        {
          Id: 'errorRate',
          Expression: 'IF(invocations > 0, 100 * errors / invocations, 0)',
          Label: '5XX share of invocations (%)',
          ReturnData: true,
        },
      ],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: ERROR_RATE_THRESHOLD_PERCENT,
      EvaluationPeriods: EVALUATION_PERIODS,
      DatapointsToAlarm: EVALUATION_PERIODS,
      TreatMissingData: 'notBreaching',
      Tags: TAGS(ctx),
    },
  };
}

export const describeAlarms = (names: readonly string[]): AwsCall => ({
  service: 'cloudwatch',
  operation: 'DescribeAlarms',
  input: { AlarmNames: [...names], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
});

export const deleteAlarms = (names: readonly string[]): AwsCall => ({
  service: 'cloudwatch',
  operation: 'DeleteAlarms',
  input: { AlarmNames: [...names] },
});

/** What DescribeAlarms answers, reduced to what mcc reads. */
export interface DescribedAlarms {
  MetricAlarms?: { AlarmName?: string; StateValue?: string; StateReason?: string }[];
  CompositeAlarms?: { AlarmName?: string; StateValue?: string; StateReason?: string }[];
}

export function alarmsIn(described: DescribedAlarms) {
  return [...(described.MetricAlarms ?? []), ...(described.CompositeAlarms ?? [])];
}
