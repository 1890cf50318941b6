/**
 * IAM documents as data, and the statements every SageMaker execution role mcc writes shares:
 * targets build their role from these so that `iam/*.json` in a project, the role `mcc deploy`
 * creates and the CloudFormation export agree, and a fix to one statement reaches every target.
 */

/** An IAM policy statement, in the shape IAM reads (hence the capitalised keys). */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal?: { Service: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A policy document, as `iam/*.json` holds it and IAM reads it. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Where an execution role's resources are: `account` is `*` in generated files, the real id at deploy. */
export interface RoleScope {
  partition: string;
  region: string;
  account: string;
}

/** The two documents of an execution role under `iam/`, keyed by their file name without `.json`. */
export interface ExecutionRoleDocuments {
  'execution-role-trust': PolicyDocument;
  'execution-role-policy': PolicyDocument;
}

/** The policy language version every document mcc writes declares. */
export const POLICY_VERSION = '2012-10-17';

/** Layer and manifest reads: what an image pull needs, and nothing that writes. */
export const ECR_PULL_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
];

const LOG_WRITE_ACTIONS = [
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'logs:DescribeLogStreams',
];

/** An ARN of a regional, account-owned resource: `arn:aws:logs:us-east-1:123…:log-group:…`. */
export function regionalArn(scope: RoleScope, service: string, resource: string): string {
  return `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`;
}

/** S3 ARNs carry neither region nor account: the bucket, or the objects under a prefix. */
export function s3BucketArn(partition: string, bucket: string): string {
  return `arn:${partition}:s3:::${bucket}`;
}

/** The objects under a prefix, for object-level actions (GetObject, PutObject). */
export function s3ObjectsArn(partition: string, at: { bucket: string; prefix: string }): string {
  return `arn:${partition}:s3:::${at.bucket}/${at.prefix}*`;
}

/** The trust policy of every execution role: SageMaker, and only SageMaker, assumes it. */
export function sageMakerTrustPolicy(): PolicyDocument {
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: 'SageMakerAssumesRole',
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

/** Pulling the project's image: the registry login (IAM only takes `*` for it) and reads of one repository. */
export function imagePullStatements(scope: RoleScope, repository: string): PolicyStatement[] {
  return [
    { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'PullProjectImage',
      Effect: 'Allow',
      Action: ECR_PULL_ACTIONS,
      Resource: regionalArn(scope, 'ecr', `repository/${repository}`),
    },
  ];
}

/** Writing the container's log lines to the given log-group (or log-stream) ARNs. */
export function logWriteStatement(sid: string, resources: string | string[]): PolicyStatement {
  return { Sid: sid, Effect: 'Allow', Action: LOG_WRITE_ACTIONS, Resource: resources };
}

/** PutMetricData has no resource type either: the namespace condition is what scopes it. */
export function sageMakerMetricsStatement(): PolicyStatement {
  return {
    Sid: 'PublishSageMakerMetrics',
    Effect: 'Allow',
    Action: 'cloudwatch:PutMetricData',
    Resource: '*',
    Condition: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } },
  };
}
