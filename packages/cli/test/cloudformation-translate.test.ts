import { isMcError } from '@mcc/sdk';
import type { PlannedCall } from '@mcc/sdk';
import { describe, expect, it } from 'vitest';

import { reduceDependencies } from '../src/cloudformation/dependencies.js';
import { logicalIds } from '../src/cloudformation/logical-ids.js';
import { serializeTemplate } from '../src/cloudformation/serialize.js';
import { translateString } from '../src/cloudformation/string-values.js';
import type { Mentionable } from '../src/cloudformation/string-values.js';
import type { CfnResource } from '../src/cloudformation/template.js';
import { translatePlan } from '../src/cloudformation/translate.js';
import type { ExportRequest } from '../src/cloudformation/translate.js';
import { checkTemplate } from './cloudformation/checks.js';

// The translator on hand-written plans: what a third-party target's plan gets, and what is refused.
const IDS = { partition: 'aws', region: 'eu-west-1', account: '<account>' };
const aws = (service: string, operation: string, input: Record<string, unknown>): PlannedCall => ({
  service: service as never,
  operation,
  input,
  purpose: `${operation} for the test`,
});
const request = (plan: PlannedCall[], extra: Partial<ExportRequest> = {}): ExportRequest => ({
  plan,
  targetId: 'acme-target',
  projectName: 'demo',
  region: 'eu-west-1',
  mccVersion: '9.9.9',
  ...extra,
});

/** A third party's serverless-like target, with its own names: nothing of mcc's targets in it. */
const THIRD_PARTY: PlannedCall[] = [
  aws('sts', 'GetCallerIdentity', {}),
  aws('sagemaker', 'CreateModel', {
    ModelName: 'demo-m-<deploy-id>',
    ExecutionRoleArn: 'arn:aws:iam::210987654321:role/Given',
    PrimaryContainer: { Image: '<image recorded by mcc push>', Environment: { MODE: 'fast' } },
  }),
  aws('sagemaker', 'CreateEndpointConfig', {
    EndpointConfigName: 'demo-c-<deploy-id>',
    ProductionVariants: [
      {
        VariantName: 'v1',
        ModelName: 'demo-m-<deploy-id>',
        ServerlessConfig: { MemorySizeInMB: 3072, MaxConcurrency: 7 },
      },
    ],
  }),
  aws('sagemaker', 'CreateEndpoint', { EndpointName: 'demo-ep', EndpointConfigName: 'demo-c-<deploy-id>' }),
  aws('sagemaker', 'DescribeEndpoint', { EndpointName: 'demo-ep' }),
  aws('cloudwatch', 'PutMetricAlarm', {
    AlarmName: 'demo-ep-errors',
    AlarmDescription: 'errors on demo-ep',
    Namespace: 'AWS/SageMaker',
    MetricName: 'Invocation5XXErrors',
    Dimensions: [{ Name: 'EndpointName', Value: 'demo-ep' }],
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  }),
];

function refusal(run: () => unknown): { code: string; message: string; exitCode: number } {
  try {
    run();
  } catch (error) {
    if (isMcError(error)) return { code: error.code, message: error.message, exitCode: error.exitCode };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('translatePlan', () => {
  it('translates a third-party target’s plan with the same table, and the result passes the checks', () => {
    const { template } = translatePlan(request(THIRD_PARTY));
    expect(Object.keys(template.Resources)).toEqual(['Model', 'EndpointConfig', 'Endpoint', 'Alarm']);
    expect(template.Parameters.ExecutionRoleArn!.Default).toBe('arn:aws:iam::210987654321:role/Given');
    expect(template.Parameters.MemorySizeInMB!.Default).toBe(3072);
    const variant = (template.Resources.EndpointConfig!.Properties.ProductionVariants as unknown[])[0];
    expect(variant).toMatchObject({ ModelName: { 'Fn::GetAtt': ['Model', 'ModelName'] } });
    expect(template.Resources.Alarm!.Properties.AlarmDescription).toBe('errors on demo-ep');
    expect(template.Description).toBe(
      'demo: the acme-target deployment mcc deploy makes, exported by mcc 9.9.9 (mcc export cloudformation).',
    );
    const env = {
      accountId: '123456789012',
      region: 'eu-west-1',
      partition: 'aws',
      parameters: { ImageUri: 'img' },
      generatedName: (id: string) => `gen-${id}`,
    };
    expect(checkTemplate(template, env)).toEqual([]);
  });

  it('gives the same bytes for the same plan, in JSON and YAML', () => {
    for (const format of ['json', 'yaml'] as const) {
      const a = serializeTemplate(translatePlan(request(THIRD_PARTY)).template, format);
      const b = serializeTemplate(translatePlan(request(structuredClone(THIRD_PARTY))).template, format);
      expect(a).toBe(b);
    }
  });

  it('refuses a Kubernetes request, naming the target and the request that changes the cluster', () => {
    const plan: PlannedCall[] = [
      { kind: 'kube', method: 'GET', path: '/api/v1/namespaces/a', purpose: 'look' },
      { kind: 'kube', method: 'POST', path: '/api/v1/namespaces', body: {}, purpose: 'create' },
    ];
    const error = refusal(() => translatePlan(request(plan)));
    expect(error).toMatchObject({ code: 'CFN_UNSUPPORTED', exitCode: 2 });
    expect(error.message).toContain('The acme-target target deploys through the Kubernetes API');
    expect(error.message).toContain('POST /api/v1/namespaces');
  });

  it('refuses a mutating call the table does not know, and lets reads of any service pass', () => {
    const plan = [aws('ec2', 'DescribeSubnets', {}), aws('lambda', 'CreateFunction', { FunctionName: 'f' })];
    const error = refusal(() => translatePlan(request(plan)));
    expect(error).toMatchObject({ code: 'CFN_UNSUPPORTED', exitCode: 2 });
    expect(error.message).toMatch(/^The acme-target target calls lambda CreateFunction to deploy/);
  });

  it('refuses a policy put on a role the plan does not create', () => {
    const plan = [aws('iam', 'PutRolePolicy', { RoleName: 'theirs', PolicyName: 'p', PolicyDocument: '{}' })];
    expect(refusal(() => translatePlan(request(plan))).message).toContain('iam PutRolePolicy on theirs');
  });

  it('refuses a stand-in it cannot translate rather than writing it', () => {
    const plan = [
      aws('sagemaker', 'CreateEndpoint', {
        EndpointName: 'e',
        EndpointConfigName: '<config made elsewhere>',
      }),
    ];
    expect(refusal(() => translatePlan(request(plan)))).toMatchObject({
      code: 'CFN_PLACEHOLDER',
      exitCode: 2,
    });
  });

  it('resolves a returned ARN stand-in to the latest resource of its noun', () => {
    const plan = [
      aws('application-auto-scaling', 'RegisterScalableTarget', {
        ServiceNamespace: 'sagemaker',
        ResourceId: 'endpoint/e/variant/v',
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        MinCapacity: 0,
        MaxCapacity: 2,
      }),
      aws('application-auto-scaling', 'PutScalingPolicy', {
        PolicyName: 'first',
        ServiceNamespace: 'sagemaker',
        ResourceId: 'endpoint/e/variant/v',
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        PolicyType: 'StepScaling',
      }),
      aws('application-auto-scaling', 'PutScalingPolicy', {
        PolicyName: 'second',
        ServiceNamespace: 'sagemaker',
        ResourceId: 'endpoint/e/variant/v',
        ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        PolicyType: 'StepScaling',
      }),
      aws('cloudwatch', 'PutMetricAlarm', { AlarmName: 'a', AlarmActions: ['<wake-up policy ARN>'] }),
    ];
    const { template } = translatePlan(request(plan));
    expect(template.Resources.Alarm!.Properties.AlarmActions).toEqual([
      { 'Fn::GetAtt': ['SecondScalingPolicy', 'Arn'] },
    ]);
    expect(template.Resources.FirstScalingPolicy!.Properties.ScalingTargetId).toEqual({
      Ref: 'ScalableTarget',
    });
  });

  it('makes a role from CreateRole and its PutRolePolicy calls, documents as objects, and reports shared buckets', () => {
    const plan = [
      aws('iam', 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: '{"Version":"2012-10-17"}' }),
      aws('iam', 'PutRolePolicy', { RoleName: 'r', PolicyName: 'a', PolicyDocument: '{"Statement":[]}' }),
      aws('iam', 'AttachRolePolicy', { RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
      aws('s3', 'HeadBucket', { Bucket: 'b-eu-west-1-<account>' }),
      aws('s3', 'CreateBucket', { Bucket: 'b-eu-west-1-<account>' }),
    ];
    const { template, prerequisites } = translatePlan(request(plan));
    expect(template.Resources.Role!.Properties).toEqual({
      RoleName: 'r',
      AssumeRolePolicyDocument: { Version: '2012-10-17' },
      Policies: [{ PolicyName: 'a', PolicyDocument: { Statement: [] } }],
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
    expect(prerequisites).toEqual(['the S3 bucket b-eu-west-1-<account>']);
  });

  it('refuses a plan that creates nothing (a template needs a resource)', () => {
    const plan = [aws('sts', 'GetCallerIdentity', {}), aws('s3', 'CreateBucket', { Bucket: 'b' })];
    expect(refusal(() => translatePlan(request(plan)))).toMatchObject({ code: 'CFN_EMPTY', exitCode: 2 });
  });

  it('refuses a policy document that is not JSON', () => {
    const plan = [aws('iam', 'CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: '{' })];
    expect(refusal(() => translatePlan(request(plan))).code).toBe('CFN_POLICY_INVALID');
  });
});

describe('translateString', () => {
  const earlier: Mentionable[] = [
    {
      logicalId: 'Endpoint',
      identifiers: [
        { text: 'abalone', handle: { getAtt: 'EndpointName' } },
        { text: 'arn:aws:sagemaker:eu-west-1:<account>:endpoint/abalone', handle: { ref: true } },
      ],
    },
    { logicalId: 'InferenceComponent', identifiers: [{ text: 'abalone-ic' }] },
  ];
  const t = (value: string, mode: 'identifier' | 'opaque' | 'text' = 'identifier') =>
    translateString(value, earlier, IDS, mode);

  it('turns a name or ARN into GetAtt or Ref, and an embedded name into Fn::Sub', () => {
    expect(t('abalone').value).toEqual({ 'Fn::GetAtt': ['Endpoint', 'EndpointName'] });
    expect(t('arn:aws:sagemaker:eu-west-1:<account>:endpoint/abalone').value).toEqual({ Ref: 'Endpoint' });
    expect(t('endpoint/abalone/variant/AllTraffic').value).toEqual({
      'Fn::Sub': 'endpoint/${Endpoint.EndpointName}/variant/AllTraffic',
    });
  });

  it('matches whole names only', () => {
    expect(t('abalone-ic-5xx').value).toBe('abalone-ic-5xx');
    expect(t('abalones').value).toBe('abalones');
  });

  it('keeps a name the template cannot reference, and says it must come after it', () => {
    expect(t('inference-component/abalone-ic')).toEqual({
      value: 'inference-component/abalone-ic',
      dependsOn: ['InferenceComponent'],
    });
  });

  it('generalises the account, and with it the partition and region; a given ARN stays as it is', () => {
    expect(t('arn:aws:logs:eu-west-1:<account>:log-group:/x').value).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/x',
    });
    expect(t('s3://sagemaker-eu-west-1-<account>/p/').value).toEqual({
      'Fn::Sub': 's3://sagemaker-${AWS::Region}-${AWS::AccountId}/p/',
    });
    expect(t('arn:aws:secretsmanager:eu-west-1:123456789012:secret:s').value).toBe(
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:s',
    );
  });

  it('escapes ${ in the literal text of Fn::Sub', () => {
    expect(t('${HOME}/abalone').value).toEqual({ 'Fn::Sub': '${!HOME}/${Endpoint.EndpointName}' });
    expect(t('${HOME}').value).toBe('${HOME}');
  });

  it('reads descriptions for nothing but stand-ins, and opaque values only as a whole', () => {
    expect(t('the abalone endpoint', 'text').value).toBe('the abalone endpoint');
    expect(t('abalone', 'text').value).toBe('abalone');
    expect(t('abalone', 'opaque').value).toEqual({ 'Fn::GetAtt': ['Endpoint', 'EndpointName'] });
    expect(t('path/abalone', 'opaque').value).toBe('path/abalone');
    expect(t('account <account>', 'text').value).toEqual({ 'Fn::Sub': 'account ${AWS::AccountId}' });
  });

  it('drops the per-deploy suffix', () => {
    expect(t('name-<deploy-id>').value).toBe('name');
  });
});

describe('logicalIds', () => {
  it('uses the type word alone, or the distinguishing part of the names', () => {
    expect(
      logicalIds([
        { word: 'Topic', label: 'demo-async-success' },
        { word: 'Topic', label: 'demo-async-error' },
        { word: 'Endpoint', label: 'demo' },
        { word: 'Alarm', label: 'x' },
        { word: 'Alarm', label: 'x' },
      ]),
    ).toEqual(['SuccessTopic', 'ErrorTopic', 'Endpoint', 'XAlarm', 'XAlarm2']);
  });
});

describe('reduceDependencies', () => {
  const resource = (properties: CfnResource['Properties']): CfnResource => ({
    Type: 'T',
    Properties: properties,
  });

  it('keeps only the DependsOn a resource does not already reach through references', () => {
    const resources = {
      A: resource({}),
      B: resource({ a: { Ref: 'A' } }),
      C: resource({ b: { 'Fn::Sub': '${B.Name}' } }),
    };
    reduceDependencies(
      resources,
      new Map([
        ['C', new Set(['A', 'B'])],
        ['B', new Set(['A'])],
      ]),
    );
    expect(resources.C.DependsOn).toBeUndefined();
    expect(resources.B.DependsOn).toBeUndefined();
    const more = { A: resource({}), B: resource({}), C: resource({ b: { Ref: 'B' } }) };
    reduceDependencies(more, new Map([['C', new Set(['A', 'B'])]]));
    expect(more.C.DependsOn).toEqual(['A']);
  });

  it('throws on a cycle', () => {
    const resources = { A: resource({ b: { Ref: 'B' } }), B: resource({}) };
    expect(() => reduceDependencies(resources, new Map([['B', new Set(['A'])]]))).toThrow(
      /depend on each other/,
    );
  });
});
