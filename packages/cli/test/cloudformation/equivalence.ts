import type { PlannedCall } from '@mcc/sdk';

import type { CfnTemplate } from '../../src/cloudformation/template.js';
import { resolveTemplate } from './resolve.js';
import type { Environment } from './resolve.js';

/**
 * "The same resources and parameters --plan shows": each mutating call of a first deploy's plan,
 * paired in order with the template's resources, and the input the call would send next to the
 * resource's properties resolved with the parameters' defaults and the plan's own stand-ins for the
 * account and image, so both sides read alike. Written from the CloudFormation documentation, not
 * from the exporter's table, so the two can disagree. The documented differences are applied to
 * the call's side:
 * - a role's inline policies (PutRolePolicy) are the role's Policies, documents as objects;
 * - the model and endpoint configuration have no name of their own (CloudFormation makes one);
 * - an SNS topic's Name is its TopicName;
 * - a scaling policy names its scalable target by the target's Ref (ScalingTargetId);
 * - a `<… ARN>` a call returned is the ARN of the resource that returns it;
 * - the SageMaker default bucket (s3 CreateBucket) is a prerequisite, not a resource.
 */

const TYPES: Record<string, string> = {
  'iam:CreateRole': 'AWS::IAM::Role',
  'sagemaker:CreateModel': 'AWS::SageMaker::Model',
  'sagemaker:CreateEndpointConfig': 'AWS::SageMaker::EndpointConfig',
  'sagemaker:CreateEndpoint': 'AWS::SageMaker::Endpoint',
  'sagemaker:CreateInferenceComponent': 'AWS::SageMaker::InferenceComponent',
  'cloudwatch:PutMetricAlarm': 'AWS::CloudWatch::Alarm',
  'application-auto-scaling:RegisterScalableTarget': 'AWS::ApplicationAutoScaling::ScalableTarget',
  'application-auto-scaling:PutScalingPolicy': 'AWS::ApplicationAutoScaling::ScalingPolicy',
  'sns:CreateTopic': 'AWS::SNS::Topic',
};
const UNNAMED: Record<string, string> = {
  'AWS::SageMaker::Model': 'ModelName',
  'AWS::SageMaker::EndpointConfig': 'EndpointConfigName',
};
const READS = /^(Describe|Get|List|Head)/;

export interface Pair {
  call: string;
  logicalId: string;
  expected: unknown;
  actual: unknown;
}

export const planEnvironment = (region: string): Environment => ({
  accountId: '<account>',
  region,
  partition: 'aws',
  parameters: { ImageUri: '<image recorded by mcc push>' },
  generatedName: (id) => `<name CloudFormation gives ${id}>`,
});

type Input = Record<string, unknown>;

function mapStrings(value: unknown, f: (s: string, path: string) => string, path = ''): unknown {
  if (typeof value === 'string') return f(value, path);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, f, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f, `${path}.${k}`)]));
  }
  return value;
}

function at(value: unknown, path: string): unknown {
  let node = value;
  for (const part of path.match(/[^.[\]]+/g) ?? [])
    node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

export function pairPlanWithTemplate(
  plan: readonly PlannedCall[],
  template: CfnTemplate,
  region: string,
): {
  pairs: Pair[];
  types: { plan: string[]; template: string[] };
} {
  const resolved = resolveTemplate(template, planEnvironment(region));
  const env = planEnvironment(region);
  const calls = plan.filter(
    (c): c is Extract<PlannedCall, { service: string }> =>
      c.kind !== 'kube' && !READS.test(c.operation) && !c.madeBy,
  );
  const creating = calls.filter((c) => TYPES[`${c.service}:${c.operation}`]);
  const ids = Object.keys(template.Resources);
  const renames = new Map<string, string>();
  creating.forEach((call, i) => {
    const type = TYPES[`${call.service}:${call.operation}`]!;
    const key = UNNAMED[type];
    if (key && ids[i]) renames.set(String((call.input as Input)[key]), env.generatedName(ids[i]));
  });
  const pairs = creating.map((call, i): Pair => {
    const type = TYPES[`${call.service}:${call.operation}`]!;
    const id = ids[i] ?? '(none)';
    const actual = structuredClone(resolved[id] ?? {}) as Input;
    let expected = structuredClone(call.input) as Input;
    if (UNNAMED[type]) delete expected[UNNAMED[type]];
    if (type === 'AWS::IAM::Role') {
      expected.AssumeRolePolicyDocument = JSON.parse(String(expected.AssumeRolePolicyDocument));
      const policies = calls
        .filter((c) => c.operation === 'PutRolePolicy' && (c.input as Input).RoleName === expected.RoleName)
        .map((c) => ({
          PolicyName: (c.input as Input).PolicyName,
          PolicyDocument: JSON.parse(String((c.input as Input).PolicyDocument)),
        }));
      if (policies.length > 0) expected.Policies = policies;
    }
    if (type === 'AWS::SNS::Topic') {
      const { Name, ...rest } = expected;
      expected = { TopicName: Name, ...rest };
    }
    if (type === 'AWS::ApplicationAutoScaling::ScalingPolicy' && typeof actual.ScalingTargetId === 'string') {
      const [ResourceId, ScalableDimension, ServiceNamespace] = actual.ScalingTargetId.split('|');
      delete actual.ScalingTargetId;
      Object.assign(actual, { ResourceId, ScalableDimension, ServiceNamespace });
    }
    expected = mapStrings(expected, (s, path) => {
      if (/^<[^<>]* ARN>$/.test(s)) {
        const got = at(actual, path);
        return typeof got === 'string' && got.startsWith('arn:') ? got : s;
      }
      let out = s;
      for (const [from, to] of renames) out = out.split(from).join(to);
      return out;
    }) as Input;
    return { call: `${call.service} ${call.operation}`, logicalId: id, expected, actual };
  });
  return {
    pairs,
    types: {
      plan: creating.map((c) => TYPES[`${c.service}:${c.operation}`]!),
      template: Object.values(template.Resources).map((r) => r.Type),
    },
  };
}
