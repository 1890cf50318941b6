import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { CfnTemplate } from '../src/cloudformation/template.js';
import {
  checkDependencies,
  checkParameters,
  checkPlaceholders,
  checkProperties,
  checkReferences,
  checkTemplate,
  checkTypes,
} from './cloudformation/checks.js';
import type { Environment } from './cloudformation/resolve.js';
import { SCHEMAS } from './cloudformation/schemas.js';

// The checks the export tests rely on, shown to fail: each broken template below must be caught by
// the check meant for it (and by the whole set), so a green export test means something.
const ENV: Environment = {
  accountId: '123456789012',
  region: 'us-east-1',
  partition: 'aws',
  parameters: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/abalone:1.0.0' },
  generatedName: (id) => `stack-${id}-1A2B3C`,
};

function golden(name: string): CfnTemplate {
  const text = readFileSync(new URL(`./__golden__/cloudformation/${name}.json`, import.meta.url), 'utf8');
  return JSON.parse(text.replaceAll('mcc <version> ', 'mcc 0.0.0 ')) as CfnTemplate;
}

type Check = (t: CfnTemplate) => string[];
const withEnv =
  (env: Environment): Check =>
  (t) =>
    checkProperties(t, env);

interface Breakage {
  what: string;
  base: string;
  check: Check;
  /** The values the check resolves with, when not ENV's. */
  env?: Environment;
  expect: RegExp;
  breakIt: (t: CfnTemplate) => void;
}

const props = (t: CfnTemplate, id: string) => t.Resources[id]!.Properties as Record<string, unknown>;

const BREAKAGES: Breakage[] = [
  {
    what: 'an unknown resource type',
    base: 'managed-inference',
    check: checkTypes,
    expect: /AWS::SageMaker::Endpointt is not a known resource type/,
    breakIt: (t) => void (t.Resources.Endpoint!.Type = 'AWS::SageMaker::Endpointt'),
  },
  {
    what: 'a required property missing',
    base: 'managed-inference',
    check: withEnv(ENV),
    expect: /EndpointConfig .*must have required property 'ProductionVariants'/,
    breakIt: (t) => void delete props(t, 'EndpointConfig').ProductionVariants,
  },
  {
    what: 'an unknown property (the API’s name where CloudFormation’s differs)',
    base: 'async',
    check: withEnv(ENV),
    expect: /SuccessTopic .*must NOT have additional properties .*"additionalProperty":"Name"/,
    breakIt: (t) => {
      const p = props(t, 'SuccessTopic');
      p.Name = p.TopicName;
      delete p.TopicName;
    },
  },
  {
    what: 'a nested property of the wrong type',
    base: 'managed-inference',
    check: withEnv(ENV),
    expect:
      /InferenceComponent .*\/Specification\/ComputeResourceRequirements\/MinMemoryRequiredInMb: must be integer/,
    breakIt: (t) => {
      const spec = props(t, 'InferenceComponent').Specification as Record<string, Record<string, unknown>>;
      spec.ComputeResourceRequirements!.MinMemoryRequiredInMb = '1222';
    },
  },
  {
    what: 'a value outside its enumeration (from the SDK)',
    base: 'managed-inference',
    check: withEnv(ENV),
    expect: /Alarm .*\/ComparisonOperator: must be equal to one of the allowed values/,
    breakIt: (t) => void (props(t, 'Alarm').ComparisonOperator = 'GreaterThan'),
  },
  {
    what: 'an instance type SageMaker does not have',
    base: 'serverless',
    check: withEnv(ENV),
    expect:
      /EndpointConfig .*\/ProductionVariants\/0\/InstanceType: must be equal to one of the allowed values/,
    breakIt: (t) => {
      const variants = props(t, 'EndpointConfig').ProductionVariants as Record<string, unknown>[];
      variants[0]!.InstanceType = 'ml.m5.huge';
    },
  },
  {
    what: 'the scaling policy naming its target twice',
    base: 'managed-inference-copies',
    check: withEnv(ENV),
    expect: /ScalingPolicy: ScalingTargetId must be set alone/,
    breakIt: (t) => void (props(t, 'ScalingPolicy').ResourceId = 'inference-component/abalone-ic'),
  },
  {
    what: 'a read-only property set',
    base: 'managed-inference',
    check: withEnv(ENV),
    expect: /Endpoint: sets the read-only property EndpointArn/,
    breakIt: (t) => void (props(t, 'Endpoint').EndpointArn = 'arn:aws:sagemaker:us-east-1:1:endpoint/x'),
  },
  {
    what: 'a policy document left as a JSON string',
    base: 'serverless',
    check: withEnv(ENV),
    expect: /Role: a policy document is not an object/,
    breakIt: (t) => {
      const p = props(t, 'Role');
      p.AssumeRolePolicyDocument = JSON.stringify(p.AssumeRolePolicyDocument);
    },
  },
  {
    what: 'a required parameter without a value',
    base: 'serverless',
    check: withEnv({ ...ENV, parameters: {} }),
    env: { ...ENV, parameters: {} },
    expect: /resolving: parameter ImageUri has no value/,
    breakIt: () => undefined,
  },
  {
    what: 'a Ref to nothing',
    base: 'managed-inference',
    check: checkReferences,
    expect: /InferenceComponent: Ref ImageUrl names nothing the template declares/,
    breakIt: (t) => {
      const spec = props(t, 'InferenceComponent').Specification as Record<string, Record<string, unknown>>;
      spec.Container!.Image = { Ref: 'ImageUrl' };
    },
  },
  {
    what: 'a GetAtt of an attribute the type does not have (the component’s name)',
    base: 'managed-inference',
    check: checkReferences,
    expect: /Alarm: AWS::SageMaker::InferenceComponent has no attribute InferenceComponentName/,
    breakIt: (t) =>
      void (props(t, 'Alarm').AlarmName = { 'Fn::GetAtt': ['InferenceComponent', 'InferenceComponentName'] }),
  },
  {
    what: 'a Sub variable naming no resource',
    base: 'async',
    check: checkReferences,
    expect: /ScalableTarget: Sub Endpoints\.EndpointName names no resource/,
    breakIt: (t) =>
      void (props(t, 'ScalableTarget').ResourceId = {
        'Fn::Sub': 'endpoint/${Endpoints.EndpointName}/variant/AllTraffic',
      }),
  },
  {
    what: 'a Sub variable naming no parameter',
    base: 'async',
    check: checkReferences,
    expect: /Role: Sub AWS::AccountID names nothing/,
    breakIt: (t) => {
      const p = props(t, 'Role');
      p.Description = { 'Fn::Sub': 'role of ${AWS::AccountID}' };
    },
  },
  {
    what: 'a stand-in left',
    base: 'managed-inference',
    check: checkPlaceholders,
    expect: /<account> left in "arn:aws:iam::<account>:role\/x"/,
    breakIt: (t) => void (props(t, 'EndpointConfig').ExecutionRoleArn = 'arn:aws:iam::<account>:role/x'),
  },
  {
    what: 'DependsOn a resource that does not exist',
    base: 'managed-inference',
    check: checkDependencies,
    expect: /Alarm: DependsOn Component, which is not a resource/,
    breakIt: (t) => void (t.Resources.Alarm!.DependsOn = ['Component']),
  },
  {
    what: 'a dependency cycle',
    base: 'managed-inference',
    check: checkDependencies,
    expect: /cycle: .*Role.*Alarm|cycle: .*Alarm.*Role/,
    breakIt: (t) => void (t.Resources.Role!.DependsOn = ['Alarm']),
  },
  {
    what: 'a parameter nothing uses',
    base: 'serverless',
    check: checkParameters,
    expect: /parameter Spare is never used/,
    breakIt: (t) => void (t.Parameters.Spare = { Type: 'String', Description: 'unused', Default: 'x' }),
  },
  {
    what: 'a default outside its allowed values',
    base: 'serverless',
    check: checkParameters,
    expect: /MemorySizeInMB: 1000 is not an allowed value/,
    breakIt: (t) => void (t.Parameters.MemorySizeInMB!.Default = 1000),
  },
  {
    what: 'a default below its minimum',
    base: 'async',
    check: checkParameters,
    expect: /MaxConcurrentInvocationsPerInstance: 0 < 1/,
    breakIt: (t) => void (t.Parameters.MaxConcurrentInvocationsPerInstance!.Default = 0),
  },
  {
    what: 'a default that misses its pattern',
    base: 'managed-inference',
    check: checkParameters,
    expect: /InstanceType: m5\.large does not match/,
    breakIt: (t) => void (t.Parameters.InstanceType!.Default = 'm5.large'),
  },
];

describe('the template checks', () => {
  it('vendor a schema for each resource type the export makes', () => {
    expect([...SCHEMAS.keys()].sort()).toEqual([
      'AWS::ApplicationAutoScaling::ScalableTarget',
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      'AWS::CloudWatch::Alarm',
      'AWS::IAM::Role',
      'AWS::SNS::Topic',
      'AWS::SageMaker::Endpoint',
      'AWS::SageMaker::EndpointConfig',
      'AWS::SageMaker::InferenceComponent',
      'AWS::SageMaker::Model',
    ]);
  });

  it.each(['managed-inference', 'managed-inference-copies', 'managed-inference-role', 'serverless', 'async'])(
    'pass the golden %s template',
    (name) => {
      expect(checkTemplate(golden(name), ENV)).toEqual([]);
    },
  );

  it.each(BREAKAGES)('catch $what', ({ base, check, env, expect: pattern, breakIt }) => {
    const template = golden(base);
    breakIt(template);
    expect(check(template).join('\n')).toMatch(pattern);
    expect(checkTemplate(template, env ?? ENV).join('\n')).toMatch(pattern);
  });
});
