import { usageError } from '@mcc/sdk';

/**
 * The table from a plan's mutating AWS calls to CloudFormation: which resource type each creates,
 * how the template names and refers to it, and where the resource's properties differ from the
 * call's input. Anything a plan does that is not here is refused, never guessed.
 */

/** The account, region and partition as the plan writes them (the account is a placeholder). */
export interface PlanIds {
  partition: string;
  region: string;
  account: string;
}

/** How the template reaches one of a resource's values: `Ref`, or `Fn::GetAtt` of an attribute. */
export type Handle = { ref: true } | { getAtt: string };

type Input = Record<string, unknown>;

export interface ResourceRule {
  kind: 'resource';
  type: string;
  /** The logical id, or its last word when the template has several of the type. */
  logicalName: string;
  /** The input key naming the resource; also the property unless `nameProperty` says otherwise. */
  nameKey: string;
  nameProperty?: string;
  /**
   * Any change replaces it (every property is create-only), and CloudFormation cannot replace a
   * resource with a name of its own: such resources get no name (the plan's per-deploy suffix goes).
   */
  unnamed?: boolean;
  /** How the template gets its name and ARN; absent: not an attribute (literal kept, plus DependsOn). */
  name?: Handle;
  arn?: Handle;
  /** Its ARN as the plan writes it, to recognise it in later calls. */
  arnOf?: (name: string, ids: PlanIds, input: Input) => string;
  /** The noun a plan's `<… ARN>` stand-in uses for it (`<scale-out policy ARN>`). */
  noun?: string;
  /** The input as properties, where CloudFormation's shape differs from the API's. */
  properties?: (input: Input) => Input;
  /**
   * Keys that name another resource of the template: when an earlier resource of `type` has the
   * same values, they are replaced by `property: {Ref}` (the scaling policy's ScalingTargetId).
   */
  linkTo?: { type: string; keys: readonly string[]; property: string };
  outputs?: readonly { suffix: string; description: string; value: 'name' | 'arn' }[];
}

/** A call that adds to a resource an earlier call created (a role's inline policy). */
export interface AmendRule {
  kind: 'amend';
  type: string;
  /** The input key naming the resource it amends, compared with that resource's name. */
  key: string;
  apply(properties: Input, input: Input): void;
}

/**
 * A call that makes sure something shared exists (the SageMaker default bucket): a stack must not
 * own it, so it is reported as a prerequisite rather than made a resource.
 */
export interface PrerequisiteRule {
  kind: 'prerequisite';
  describe(input: Input): string;
}

export type OperationRule = ResourceRule | AmendRule | PrerequisiteRule;

/** IAM takes policy documents as JSON strings; CloudFormation as objects. */
function policyDocument(value: unknown, where: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw usageError('CFN_POLICY_INVALID', `The plan's ${where} is not a JSON policy document.`);
  }
}

const sagemakerArn =
  (kind: string) =>
  (name: string, ids: PlanIds): string =>
    `arn:${ids.partition}:sagemaker:${ids.region}:${ids.account}:${kind}/${name}`;

const appendTo = (properties: Input, key: string, item: unknown): void => {
  const list = Array.isArray(properties[key]) ? (properties[key] as unknown[]) : [];
  properties[key] = [...list, item];
};

/** SNS topic attributes (strings in the API) that are properties of AWS::SNS::Topic. */
const TOPIC_ATTRIBUTES = new Set(['DisplayName', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig']);
const TOPIC_FLAGS = new Set(['FifoTopic', 'ContentBasedDeduplication']);

function topicProperties(input: Input): Input {
  const { Name, Attributes, ...rest } = input;
  const out: Input = { TopicName: Name, ...rest };
  for (const [key, value] of Object.entries((Attributes ?? {}) as Record<string, string>)) {
    if (TOPIC_ATTRIBUTES.has(key)) out[key] = value;
    else if (TOPIC_FLAGS.has(key)) out[key] = value === 'true';
    else {
      throw usageError(
        'CFN_UNSUPPORTED',
        `The plan sets the SNS topic attribute ${key}, which the export does not translate.`,
      );
    }
  }
  return out;
}

export const OPERATIONS: Readonly<Record<string, OperationRule>> = {
  'iam:CreateRole': {
    kind: 'resource',
    type: 'AWS::IAM::Role',
    logicalName: 'Role',
    nameKey: 'RoleName',
    name: { ref: true },
    arn: { getAtt: 'Arn' },
    noun: 'role',
    arnOf: (name, ids, input) =>
      `arn:${ids.partition}:iam::${ids.account}:role${typeof input.Path === 'string' ? input.Path : '/'}${name}`,
    properties: (input) => ({
      ...input,
      AssumeRolePolicyDocument: policyDocument(input.AssumeRolePolicyDocument, 'CreateRole trust policy'),
    }),
  },
  'iam:PutRolePolicy': {
    kind: 'amend',
    type: 'AWS::IAM::Role',
    key: 'RoleName',
    apply: (properties, input) =>
      appendTo(properties, 'Policies', {
        PolicyName: input.PolicyName,
        PolicyDocument: policyDocument(input.PolicyDocument, `PutRolePolicy ${String(input.PolicyName)}`),
      }),
  },
  'iam:AttachRolePolicy': {
    kind: 'amend',
    type: 'AWS::IAM::Role',
    key: 'RoleName',
    apply: (properties, input) => appendTo(properties, 'ManagedPolicyArns', input.PolicyArn),
  },
  'sagemaker:CreateModel': {
    kind: 'resource',
    type: 'AWS::SageMaker::Model',
    logicalName: 'Model',
    nameKey: 'ModelName',
    unnamed: true,
    name: { getAtt: 'ModelName' },
    arn: { ref: true },
    arnOf: sagemakerArn('model'),
  },
  'sagemaker:CreateEndpointConfig': {
    kind: 'resource',
    type: 'AWS::SageMaker::EndpointConfig',
    logicalName: 'EndpointConfig',
    nameKey: 'EndpointConfigName',
    unnamed: true,
    name: { getAtt: 'EndpointConfigName' },
    arn: { ref: true },
    arnOf: sagemakerArn('endpoint-config'),
  },
  'sagemaker:CreateEndpoint': {
    kind: 'resource',
    type: 'AWS::SageMaker::Endpoint',
    logicalName: 'Endpoint',
    nameKey: 'EndpointName',
    name: { getAtt: 'EndpointName' },
    arn: { ref: true },
    arnOf: sagemakerArn('endpoint'),
    outputs: [
      { suffix: 'Name', description: 'The endpoint to invoke', value: 'name' },
      { suffix: 'Arn', description: 'The endpoint’s ARN', value: 'arn' },
    ],
  },
  'sagemaker:CreateInferenceComponent': {
    kind: 'resource',
    type: 'AWS::SageMaker::InferenceComponent',
    logicalName: 'InferenceComponent',
    nameKey: 'InferenceComponentName',
    // CloudFormation offers no attribute with the component's name; the name is kept as given.
    arn: { ref: true },
    arnOf: sagemakerArn('inference-component'),
    outputs: [
      {
        suffix: 'Name',
        description: 'The inference component invocations name (InvokeEndpoint InferenceComponentName)',
        value: 'name',
      },
    ],
  },
  'cloudwatch:PutMetricAlarm': {
    kind: 'resource',
    type: 'AWS::CloudWatch::Alarm',
    logicalName: 'Alarm',
    nameKey: 'AlarmName',
    name: { ref: true },
    arn: { getAtt: 'Arn' },
    noun: 'alarm',
    arnOf: (name, ids) => `arn:${ids.partition}:cloudwatch:${ids.region}:${ids.account}:alarm:${name}`,
  },
  'application-auto-scaling:RegisterScalableTarget': {
    kind: 'resource',
    type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    logicalName: 'ScalableTarget',
    // Its "name" is the scaled resource's id; nothing refers to a scalable target by it.
    nameKey: 'ResourceId',
  },
  'application-auto-scaling:PutScalingPolicy': {
    kind: 'resource',
    type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
    logicalName: 'ScalingPolicy',
    nameKey: 'PolicyName',
    arn: { getAtt: 'Arn' },
    noun: 'policy',
    // CloudFormation takes the target either by its Ref or by the three keys, not both.
    linkTo: {
      type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      keys: ['ServiceNamespace', 'ResourceId', 'ScalableDimension'],
      property: 'ScalingTargetId',
    },
  },
  'sns:CreateTopic': {
    kind: 'resource',
    type: 'AWS::SNS::Topic',
    logicalName: 'Topic',
    nameKey: 'Name',
    nameProperty: 'TopicName',
    name: { getAtt: 'TopicName' },
    arn: { ref: true },
    noun: 'topic',
    arnOf: (name, ids) => `arn:${ids.partition}:sns:${ids.region}:${ids.account}:${name}`,
    properties: topicProperties,
  },
  's3:CreateBucket': {
    kind: 'prerequisite',
    describe: (input) => `the S3 bucket ${String(input.Bucket)}`,
  },
};

/** The rule for a call, by `service:operation`. */
export function ruleFor(service: string, operation: string): OperationRule | undefined {
  return OPERATIONS[`${service}:${operation}`];
}
