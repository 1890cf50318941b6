import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { envelope, mcc, sandbox } from './helpers/cli.js';
import type { CliResult, Sandbox } from './helpers/cli.js';
import { AwsFault, startFakeAws } from './fake-aws/server.js';
import type { FakeAws, Handler, RecordedRequest } from './fake-aws/server.js';
import type { Protocol } from './fake-aws/protocols.js';
import { unflattenQuery } from './fake-aws/query-form.js';

// The real AWS SDK path of the lifecycle verbs (SdkAwsApi), from the built CLI to a fake AWS on
// loopback reached through AWS_ENDPOINT_URL: endpoint resolution, signing, each client's wire
// protocol and its error parsing, as users' machines would run them. The calls' logic is covered
// with mocked clients in plugins/managed-inference/test; here the point is the wire.

const ACCOUNT = '123456789012';
const ACCESS_KEY_ID = 'AKIAFAKEFORMCCTESTS0';
const SECRET = 'fake-secret-access-key-for-mcc-tests';
const REGION = 'us-east-1';
const IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/abalone:0.1.0`;
const ROLE = 'mcc-abalone-sagemaker';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
const COMPONENT = 'abalone-ic';
const DEPLOY_ARGS = ['deploy', '--image-uri', IMAGE, '--min-copies', '1', '--max-copies', '2', '--json'];

/** The protocol each signing name must arrive in, as the installed clients declare it. */
const PROTOCOL_OF: Readonly<Record<string, Protocol>> = {
  sts: 'awsQuery',
  iam: 'awsQuery',
  ecr: 'awsJson1_1',
  servicequotas: 'awsJson1_1',
  sagemaker: 'awsJson1_1',
  'application-autoscaling': 'awsJson1_1',
  logs: 'awsJson1_1',
  codebuild: 'awsJson1_1',
  monitoring: 'awsJson1_0',
};

/**
 * A first deploy with autoscaling, as `service:Operation` with the signing names AWS uses
 * (`monitoring` is CloudWatch). The endpoint answers Creating once, so DescribeEndpoint is polled
 * twice. When the verbs learn new calls, add them here in their place.
 */
const DEPLOY_CALLS = [
  'sts:GetCallerIdentity',
  'ecr:DescribeImages',
  'servicequotas:ListServiceQuotas',
  'iam:GetRole',
  'iam:CreateRole',
  'iam:PutRolePolicy',
  'sagemaker:CreateEndpointConfig',
  'sagemaker:CreateEndpoint',
  'sagemaker:DescribeEndpoint',
  'sagemaker:DescribeEndpoint',
  'sagemaker:CreateInferenceComponent',
  'sagemaker:DescribeInferenceComponent',
  'monitoring:PutMetricAlarm',
  'application-autoscaling:RegisterScalableTarget',
  'application-autoscaling:PutScalingPolicy',
];

/** What `mcc destroy` removes after that deploy, newest first, waiting for each to be gone. */
const DESTROY_CALLS = [
  'application-autoscaling:DeregisterScalableTarget',
  'monitoring:DeleteAlarms',
  'sagemaker:DeleteInferenceComponent',
  'sagemaker:DescribeInferenceComponent',
  'sagemaker:DeleteEndpoint',
  'sagemaker:DescribeEndpoint',
  'sagemaker:DeleteEndpointConfig',
  'iam:DeleteRolePolicy',
  'iam:DeleteRole',
];

type Fields = Record<string, unknown>;
const fields = (r: RecordedRequest): Fields => r.input as Fields;
const field = (r: RecordedRequest, name: string): string => String(fields(r)[name]);

/** A value with every number and boolean as the string the awsQuery form carries. */
function asForm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asForm);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asForm(v)]));
  }
  return String(value);
}

/** The list without the repeats of each run of equal neighbours (a status polled while waiting). */
const withoutRepeats = (list: readonly string[]): string[] => list.filter((x, i) => x !== list[i - 1]);

/**
 * A small account behind the handlers: what was created is described, what was deleted is not
 * found, in the error shapes AWS uses (IAM's NoSuchEntity 404, SageMaker's ValidationException).
 * `creatingPolls`: how many DescribeEndpoint calls answer Creating before InService.
 */
function fakeAccount(creatingPolls = 0) {
  const roles = new Map<string, string>();
  const configs = new Set<string>();
  const endpoints = new Map<string, { polls: number }>();
  const components = new Set<string>();
  const alarms = new Set<string>();
  const arn = (kind: string, name: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${kind}/${name}`;
  const notFound = (kind: string, name: string) =>
    new AwsFault('ValidationException', `Could not find ${kind} "${arn(kind, name)}".`);
  const handlers: Record<string, Handler> = {
    GetCallerIdentity: () => ({
      UserId: 'AIDAFAKE',
      Account: ACCOUNT,
      Arn: `arn:aws:iam::${ACCOUNT}:user/t`,
    }),
    DescribeImages: (r) => ({
      imageDetails: [
        {
          registryId: ACCOUNT,
          repositoryName: field(r, 'repositoryName'),
          imageDigest: `sha256:${'0'.repeat(64)}`,
          imageTags: ['0.1.0'],
          imagePushedAt: new Date(),
        },
      ],
    }),
    ListServiceQuotas: () => ({
      Quotas: [{ ServiceCode: 'sagemaker', QuotaName: 'ml.m5.large for endpoint usage', Value: 4 }],
    }),
    GetRole: (r) => {
      const name = field(r, 'RoleName');
      const trust = roles.get(name);
      if (trust === undefined) {
        throw new AwsFault('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
      }
      return {
        Role: { Path: '/', RoleName: name, RoleId: 'AROAFAKE', Arn: ROLE_ARN, CreateDate: new Date() },
      };
    },
    CreateRole: (r) => {
      const name = field(r, 'RoleName');
      roles.set(name, field(r, 'AssumeRolePolicyDocument'));
      return {
        Role: {
          Path: '/',
          RoleName: name,
          RoleId: 'AROAFAKE',
          Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
          CreateDate: new Date(),
        },
      };
    },
    PutRolePolicy: () => ({}),
    DeleteRolePolicy: () => ({}),
    DeleteRole: (r) => {
      roles.delete(field(r, 'RoleName'));
      return {};
    },
    CreateEndpointConfig: (r) => {
      configs.add(field(r, 'EndpointConfigName'));
      return { EndpointConfigArn: arn('endpoint-config', field(r, 'EndpointConfigName')) };
    },
    DeleteEndpointConfig: (r) => {
      if (!configs.delete(field(r, 'EndpointConfigName'))) {
        throw notFound('endpoint-config', field(r, 'EndpointConfigName'));
      }
      return {};
    },
    CreateEndpoint: (r) => {
      endpoints.set(field(r, 'EndpointName'), { polls: 0 });
      return { EndpointArn: arn('endpoint', field(r, 'EndpointName')) };
    },
    DescribeEndpoint: (r) => {
      const name = field(r, 'EndpointName');
      const endpoint = endpoints.get(name);
      if (!endpoint) throw notFound('endpoint', name);
      endpoint.polls += 1;
      return {
        EndpointName: name,
        EndpointArn: arn('endpoint', name),
        EndpointStatus: endpoint.polls > creatingPolls ? 'InService' : 'Creating',
        CreationTime: new Date(),
      };
    },
    DeleteEndpoint: (r) => {
      if (!endpoints.delete(field(r, 'EndpointName'))) throw notFound('endpoint', field(r, 'EndpointName'));
      return {};
    },
    CreateInferenceComponent: (r) => {
      components.add(field(r, 'InferenceComponentName'));
      return { InferenceComponentArn: arn('inference-component', field(r, 'InferenceComponentName')) };
    },
    DescribeInferenceComponent: (r) => {
      const name = field(r, 'InferenceComponentName');
      if (!components.has(name)) throw notFound('inference-component', name);
      return {
        InferenceComponentName: name,
        EndpointName: 'abalone',
        InferenceComponentStatus: 'InService',
        RuntimeConfig: { DesiredCopyCount: 1, CurrentCopyCount: 1 },
      };
    },
    DeleteInferenceComponent: (r) => {
      const name = field(r, 'InferenceComponentName');
      if (!components.delete(name)) throw notFound('inference-component', name);
      return {};
    },
    RegisterScalableTarget: () => ({
      ScalableTargetARN: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/fake`,
    }),
    PutScalingPolicy: (r) => ({
      PolicyARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:fake:policyName/${field(r, 'PolicyName')}`,
      Alarms: [],
    }),
    DeregisterScalableTarget: () => ({}),
    PutMetricAlarm: (r) => {
      alarms.add(field(r, 'AlarmName'));
      return {};
    },
    DescribeAlarms: (r) => ({
      MetricAlarms: ((fields(r).AlarmNames ?? []) as string[])
        .filter((name) => alarms.has(name))
        .map((name) => ({ AlarmName: name, StateValue: 'OK', StateUpdatedTimestamp: new Date() })),
      CompositeAlarms: [],
    }),
    DeleteAlarms: (r) => {
      const names = (fields(r).AlarmNames ?? []) as string[];
      const missing = names.filter((name) => !alarms.has(name));
      if (missing.length > 0) throw new AwsFault('ResourceNotFound', `${missing.join(', ')} not found`, 404);
      for (const name of names) alarms.delete(name);
      return {};
    },
    FilterLogEvents: () => ({ events: [] }),
  };
  return { handlers, roles, configs, endpoints, components, alarms };
}

let box: Sandbox;
let template: string;
let home: string;

/** AWS settings of a user with keys in the environment and an endpoint override, nothing else. */
function awsEnv(endpointUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_REGION: REGION,
    AWS_ENDPOINT_URL: endpointUrl,
    // An empty home: no ~/.aws/config or credentials of the machine's user can be read.
    HOME: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** A fresh copy of the generated project, so that each scenario starts from no state. */
async function project(name: string): Promise<string> {
  const dir = join(box.root, 'runs', name);
  await cp(template, dir, { recursive: true });
  return dir;
}

/** The one request with this operation; fails naming what arrived when there is not exactly one. */
function only(fake: FakeAws, operation: string): RecordedRequest {
  const found = fake.requests.filter((r) => r.operation === operation);
  expect(found.length, `${operation} among ${fake.operations().join(', ')}`).toBe(1);
  return found[0]!;
}

async function deploymentState(dir: string): Promise<Fields | undefined> {
  const state = JSON.parse(await readFile(join(dir, '.mcc', 'state.json'), 'utf8')) as {
    targets: Record<string, Fields>;
  };
  return state.targets['managed-inference'];
}

beforeAll(async () => {
  box = await sandbox();
  home = join(box.root, 'home');
  await mkdir(home);
  const generated = await mcc(box, ['generate', 'abalone', '--yes', '--offline']);
  expect(generated.exitCode, generated.stderr).toBe(0);
  template = join(box.cwd, 'abalone');
}, 60_000);

afterAll(async () => {
  await rm(box.root, { recursive: true, force: true });
});

describe('mcc deploy, status and destroy through the AWS SDK to AWS_ENDPOINT_URL', () => {
  const account = fakeAccount(1);
  let fake: FakeAws;
  let dir: string;
  let plan: CliResult;
  let run: CliResult;

  beforeAll(async () => {
    fake = await startFakeAws({ handlers: account.handlers, secretAccessKey: SECRET });
    dir = await project('deploy');
    plan = await mcc(box, [...DEPLOY_ARGS, '--plan'], awsEnv(fake.url), dir);
    expect(fake.requests, '--plan makes no call').toEqual([]);
    run = await mcc(box, DEPLOY_ARGS, awsEnv(fake.url), dir);
  }, 30_000);

  afterAll(async () => {
    await fake?.close();
  });

  it('deploys, making every call of a first deploy in order, each answered', () => {
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fake.problems).toEqual([]);
    expect(fake.operations()).toEqual(DEPLOY_CALLS);
    expect(fake.requests.every((r) => r.status === 200 || r.fault === 'NoSuchEntity')).toBe(true);
  });

  it('signs each request with the keys from the environment, for its service and the region', () => {
    for (const r of fake.requests) {
      const what = `${r.service}:${r.operation}`;
      expect(r.signatureValid, what).toBe(true);
      expect(r.accessKeyId, what).toBe(ACCESS_KEY_ID);
      expect(r.region, what).toBe(REGION);
      expect(r.protocol, what).toBe(PROTOCOL_OF[r.service]);
    }
    expect(only(fake, 'DescribeImages').targetPrefix).toBe('AmazonEC2ContainerRegistry_V20150921');
    expect(only(fake, 'ListServiceQuotas').targetPrefix).toBe('ServiceQuotasV20190624');
    expect(only(fake, 'CreateEndpoint').targetPrefix).toBe('SageMaker');
    expect(only(fake, 'RegisterScalableTarget').targetPrefix).toBe('AnyScaleFrontendService');
    expect(only(fake, 'PutMetricAlarm').targetPrefix).toBe('GraniteServiceVersion20100801');
  });

  it('sends every call --plan shows, field for field, with its placeholders filled in', () => {
    expect(plan.exitCode, plan.stderr).toBe(0);
    const deployId = field(only(fake, 'CreateEndpointConfig'), 'EndpointConfigName').replace(/^.*-/, '');
    const text = JSON.stringify(envelope<{ plan: unknown }>(plan).result.plan)
      .replaceAll('<account>', ACCOUNT)
      .replaceAll('<deploy-id>', deployId);
    const calls = JSON.parse(text) as { operation: string; input: unknown }[];
    expect(withoutRepeats(fake.requests.map((r) => r.operation))).toEqual(calls.map((c) => c.operation));
    // The SDK drops members its model does not know, so a misnamed field would be missing here.
    for (const call of calls) {
      const sent = fake.requests.find((r) => r.operation === call.operation)!;
      const what = `${sent.service}:${sent.operation}`;
      if (sent.protocol === 'awsQuery') {
        expect(unflattenQuery(sent.input as Record<string, string>), what).toEqual(asForm(call.input));
      } else {
        expect(sent.input, what).toEqual(call.input);
      }
    }
  });

  it('sends STS and IAM as forms with Action=, and the JSON services their fields as given', () => {
    expect(fields(only(fake, 'GetCallerIdentity'))).toEqual({
      Action: 'GetCallerIdentity',
      Version: '2011-06-15',
    });
    const createRole = fields(only(fake, 'CreateRole'));
    expect(createRole).toMatchObject({
      Action: 'CreateRole',
      Version: '2010-05-08',
      RoleName: ROLE,
      'Tags.member.1.Key': 'mcc:project',
      'Tags.member.1.Value': 'abalone',
      'Tags.member.2.Key': 'mcc:managed-by',
    });
    expect(JSON.parse(String(createRole.AssumeRolePolicyDocument))).toMatchObject({
      Statement: [{ Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const policy = fields(only(fake, 'PutRolePolicy'));
    expect(policy).toMatchObject({ Action: 'PutRolePolicy', RoleName: ROLE, PolicyName: 'mcc-execution' });
    // Scoped to the account GetCallerIdentity answered, not left as `*`.
    expect(String(policy.PolicyDocument)).toContain(`arn:aws:ecr:${REGION}:${ACCOUNT}:repository/abalone`);

    expect(fields(only(fake, 'DescribeImages'))).toEqual({
      registryId: ACCOUNT,
      repositoryName: 'abalone',
      imageIds: [{ imageTag: '0.1.0' }],
    });
    expect(fields(only(fake, 'ListServiceQuotas'))).toEqual({ ServiceCode: 'sagemaker', MaxResults: 100 });
    const config = fields(only(fake, 'CreateEndpointConfig'));
    expect(config).toMatchObject({
      EndpointConfigName: expect.stringMatching(/^abalone-config-[0-9a-z]+$/),
      ExecutionRoleArn: ROLE_ARN,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 1,
          // --max-copies 2, and one copy fills an ml.m5.large: room for a second instance.
          ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 1, MaxInstanceCount: 2 },
          RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
        },
      ],
    });
    expect(fields(only(fake, 'CreateEndpoint'))).toEqual({
      EndpointName: 'abalone',
      EndpointConfigName: config.EndpointConfigName,
      Tags: [
        { Key: 'mcc:project', Value: 'abalone' },
        { Key: 'mcc:managed-by', Value: 'mcc' },
      ],
    });
    expect(fields(only(fake, 'CreateInferenceComponent'))).toMatchObject({
      InferenceComponentName: COMPONENT,
      EndpointName: 'abalone',
      VariantName: 'AllTraffic',
      Specification: {
        Container: { Image: IMAGE, Environment: {} },
        ComputeResourceRequirements: {
          NumberOfCpuCoresRequired: expect.any(Number),
          MinMemoryRequiredInMb: expect.any(Number),
        },
      },
      RuntimeConfig: { CopyCount: 1 },
    });
    expect(fields(only(fake, 'RegisterScalableTarget'))).toEqual({
      ServiceNamespace: 'sagemaker',
      ResourceId: `inference-component/${COMPONENT}`,
      ScalableDimension: 'sagemaker:inference-component:DesiredCopyCount',
      MinCapacity: 1,
      MaxCapacity: 2,
    });
    expect(fields(only(fake, 'PutScalingPolicy'))).toMatchObject({
      PolicyName: `${COMPONENT}-copies`,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 100,
        PredefinedMetricSpecification: {
          PredefinedMetricType: 'SageMakerInferenceComponentInvocationsPerCopy',
        },
      },
    });
    expect(fields(only(fake, 'PutMetricAlarm'))).toMatchObject({
      AlarmName: `${COMPONENT}-5xx-rate`,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      Metrics: [
        {
          Id: 'errors',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SageMaker',
              MetricName: 'Invocation5XXErrors',
              Dimensions: [{ Name: 'InferenceComponentName', Value: COMPONENT }],
            },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        { Id: 'invocations', MetricStat: { Metric: { MetricName: 'Invocations' } } },
        { Id: 'errorRate', Expression: expect.stringContaining('errors / invocations'), ReturnData: true },
      ],
    });
  });

  it('prints the deployment as JSON and records it in .mcc/state.json', async () => {
    const out = envelope<Fields>(run);
    expect(out.result).toEqual({
      endpointName: 'abalone',
      inferenceComponentName: COMPONENT,
      imageUri: IMAGE,
      action: 'created',
      region: REGION,
      // What the deploy says it called is what reached AWS.
      calls: fake.requests.map((r) => r.operation),
    });
    const deployment = await deploymentState(dir);
    expect(deployment).toMatchObject({
      region: REGION,
      account: ACCOUNT,
      role: { name: ROLE, arn: ROLE_ARN, createdByMcc: true, policyName: 'mcc-execution' },
      endpointConfigs: [fields(only(fake, 'CreateEndpointConfig')).EndpointConfigName],
      endpoint: { name: 'abalone', createdByMcc: true },
      inferenceComponent: { name: COMPONENT, createdByMcc: true, image: IMAGE, version: 1 },
      rollbackAlarm: { name: `${COMPONENT}-5xx-rate`, createdByMcc: true },
      autoscaling: { min: 1, max: 2 },
    });
    expect(deployment).not.toHaveProperty('pending');
  });

  it('status: AWS_ENDPOINT_URL_SAGEMAKER takes SageMaker to its own endpoint, over AWS_ENDPOINT_URL', async () => {
    const sagemaker = await startFakeAws({ handlers: account.handlers, secretAccessKey: SECRET });
    try {
      fake.reset();
      const status = await mcc(
        box,
        ['status', '--json'],
        awsEnv(fake.url, { AWS_ENDPOINT_URL_SAGEMAKER: sagemaker.url }),
        dir,
      );
      expect(status.exitCode, status.stderr).toBe(0);
      expect(sagemaker.problems).toEqual([]);
      expect(sagemaker.operations()).toEqual([
        'sagemaker:DescribeEndpoint',
        'sagemaker:DescribeInferenceComponent',
      ]);
      expect(sagemaker.requests.every((r) => r.signatureValid && r.region === REGION)).toBe(true);
      expect(fake.problems).toEqual([]);
      expect(fake.operations(), 'the others still use AWS_ENDPOINT_URL').toEqual([
        'monitoring:DescribeAlarms',
      ]);
      expect(envelope(status).result).toEqual({
        region: REGION,
        deployed: true,
        resources: [
          { kind: 'endpoint', name: 'abalone', status: 'InService' },
          { kind: 'inference-component', name: COMPONENT, status: 'InService', detail: '1 of 1 copies' },
          { kind: 'rollback-alarm', name: `${COMPONENT}-5xx-rate`, status: 'OK' },
        ],
      });
    } finally {
      await sagemaker.close();
    }
  });

  it('destroy --yes deletes what the deploy created, newest first, and clears the state', async () => {
    // Someone deleted the alarm by hand: CloudWatch's awsJson1_0 error must read as "already gone".
    account.alarms.clear();
    fake.reset();
    const destroyed = await mcc(box, ['destroy', '--yes', '--json'], awsEnv(fake.url), dir);
    expect(destroyed.exitCode, destroyed.stderr).toBe(0);
    expect(fake.problems).toEqual([]);
    expect(fake.operations()).toEqual(DESTROY_CALLS);
    expect(only(fake, 'DeleteAlarms')).toMatchObject({
      protocol: 'awsJson1_0',
      input: { AlarmNames: [`${COMPONENT}-5xx-rate`] },
      fault: 'ResourceNotFound',
    });
    expect(fields(only(fake, 'DeleteRole'))).toEqual({
      Action: 'DeleteRole',
      Version: '2010-05-08',
      RoleName: ROLE,
    });
    expect(fields(only(fake, 'DeleteInferenceComponent'))).toEqual({ InferenceComponentName: COMPONENT });
    expect(envelope(destroyed).result).toMatchObject({
      region: REGION,
      alreadyGone: [{ kind: 'CloudWatch alarm', name: `${COMPONENT}-5xx-rate` }],
      deleted: [
        { kind: 'autoscaling target' },
        { kind: 'inference component' },
        { kind: 'endpoint' },
        { kind: 'endpoint configuration' },
        { kind: 'execution role' },
      ],
    });
    const left = [account.endpoints, account.components, account.configs, account.roles, account.alarms];
    expect(left.map((kind) => [...kind.keys()]).flat(), 'left in the fake account').toEqual([]);
    expect(await deploymentState(dir)).toBeUndefined();
  });
});

describe('AWS errors through the SDK', () => {
  let fake: FakeAws;

  beforeAll(async () => {
    fake = await startFakeAws({ handlers: {}, secretAccessKey: SECRET });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('a ValidationException from CreateEndpointConfig fails the deploy with its message, and removes the role it made', async () => {
    const account = fakeAccount();
    const message =
      "1 validation error detected: Value 'ml.m5.large' at 'productionVariants.1.member.instanceType' failed to satisfy constraint";
    fake.handlers = {
      ...account.handlers,
      CreateEndpointConfig: () => {
        throw new AwsFault('ValidationException', message);
      },
    };
    fake.reset();
    const dir = await project('refused');
    const run = await mcc(box, ['deploy', '--image-uri', IMAGE, '--json'], awsEnv(fake.url), dir);
    expect(run.exitCode).toBe(1);
    const out = envelope(run);
    expect(out.status).toBe(1);
    expect(out.error?.message).toContain(message);
    // Named as AWS's answer, not as a bug of mcc's.
    expect(out.error).toMatchObject({ code: 'AWS_REQUEST_FAILED' });
    expect(out.error?.message).toContain('(ValidationException)');
    expect(fake.problems).toEqual([]);
    expect(fake.operations()).toEqual([
      'sts:GetCallerIdentity',
      'ecr:DescribeImages',
      'servicequotas:ListServiceQuotas',
      'iam:GetRole',
      'iam:CreateRole',
      'iam:PutRolePolicy',
      'sagemaker:CreateEndpointConfig',
      'iam:DeleteRolePolicy',
      'iam:DeleteRole',
    ]);
    expect(fields(only(fake, 'DeleteRolePolicy'))).toMatchObject({
      RoleName: ROLE,
      PolicyName: 'mcc-execution',
    });
    expect(account.roles.size).toBe(0);
    expect(await deploymentState(dir), 'nothing is left recorded').toBeUndefined();
  });

  it('doctor reports a missing image as a failed check: exit 1, and the JSON envelope says 1 too', async () => {
    const account = fakeAccount();
    fake.handlers = {
      ...account.handlers,
      DescribeImages: () => {
        throw new AwsFault(
          'ImageNotFoundException',
          "The image with imageId {imageTag:'0.1.0'} does not exist",
        );
      },
    };
    fake.reset();
    const dir = await project('doctor');
    const run = await mcc(box, ['doctor', '--image-uri', IMAGE, '--json'], awsEnv(fake.url), dir);
    expect(run.exitCode).toBe(1);
    const out = envelope<{ checks: { name: string; status: string }[] }>(run);
    expect(out.status).toBe(1);
    expect(out.result.checks).toContainEqual(expect.objectContaining({ name: 'image', status: 'fail' }));
    expect(fake.operations().filter((op) => /:(Create|Put|Delete)/.test(op))).toEqual([]);
  });

  it('without credentials, stops at the first call with AWS_CREDENTIALS_MISSING on one line, sending nothing', async () => {
    fake.handlers = fakeAccount().handlers;
    fake.reset();
    const dir = await project('no-credentials');
    const env = awsEnv(fake.url);
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const json = await mcc(box, ['deploy', '--image-uri', IMAGE, '--json'], env, dir);
    expect(json.exitCode).toBe(1);
    const error = envelope(json).error;
    expect(error?.code).toBe('AWS_CREDENTIALS_MISSING');
    expect(error?.message).toMatch(/^No usable AWS credentials: [^\n]+$/);

    const text = await mcc(box, ['deploy', '--image-uri', IMAGE], env, dir);
    expect(text.exitCode).toBe(1);
    // The error is the end of stderr: one line, then its suggestions, and no stack trace.
    const lines = text.stderr.trimEnd().split('\n');
    const at = lines.findIndex((line) => line.startsWith('Error ['));
    expect(lines[at], text.stderr).toMatch(
      /^Error \[AWS_CREDENTIALS_MISSING\]: No usable AWS credentials: .+/,
    );
    expect(lines.slice(at + 1).length).toBeGreaterThan(0);
    expect(
      lines.slice(at + 1).every((line) => line.startsWith('  → ')),
      text.stderr,
    ).toBe(true);
    expect(fake.requests).toEqual([]);
    expect(existsSync(join(dir, '.mcc', 'state.json')), 'nothing recorded').toBe(false);
  });
});
