import type { AsyncPaths } from './paths.js';

/** An IAM policy statement, in the shape IAM reads (hence the capitalised keys). */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal?: { Service: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** What the execution role's documents are scoped to. */
export interface IamScope {
  partition: string;
  region: string;
  /** `*` in generated files (unknown until deploy); `mcc deploy` passes the real account id. */
  account: string;
  repository: string;
  logGroup: string;
  paths: AsyncPaths;
  /** The SNS topics SageMaker tells of results, when any. */
  topics: string[];
}

/** The two documents under `iam/`, keyed by their file name without `.json`. */
export interface IamDocuments {
  'execution-role-trust': PolicyDocument;
  'execution-role-policy': PolicyDocument;
}

const VERSION = '2012-10-17';

function arn(scope: IamScope, service: string, resource: string): string {
  return `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`;
}

/** S3 object ARNs carry neither region nor account. */
function objects(scope: IamScope, location: { bucket: string; prefix: string }): string {
  return `arn:${scope.partition}:s3:::${location.bucket}/${location.prefix}*`;
}

/** The log group SageMaker writes an endpoint's container output to. */
export function endpointLogGroup(endpoint: string): string {
  return `/aws/sagemaker/Endpoints/${endpoint}`;
}

export function executionRoleTrust(): PolicyDocument {
  return {
    Version: VERSION,
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

/**
 * What SageMaker does as this role for an async endpoint: pull the image, write logs and metrics,
 * read each request from the input folder, write its result or failure, and, when topics are set,
 * publish to them. S3 access is per folder, never the whole bucket: the default bucket is shared
 * with everything else SageMaker does in the account.
 */
export function executionRolePolicy(scope: IamScope): PolicyDocument {
  const statements: PolicyStatement[] = [
    // GetAuthorizationToken has no resource type: IAM only accepts `*` for it.
    { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'PullProjectImage',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: arn(scope, 'ecr', `repository/${scope.repository}`),
    },
    {
      Sid: 'WriteEndpointLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: arn(scope, 'logs', `log-group:${scope.logGroup}*`),
    },
    {
      // PutMetricData has no resource type either; the namespace condition is what scopes it.
      Sid: 'PublishSageMakerMetrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } },
    },
    {
      Sid: 'ReadRequests',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: objects(scope, scope.paths.input),
    },
    {
      Sid: 'WriteResults',
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: [objects(scope, scope.paths.output), objects(scope, scope.paths.failure)],
    },
  ];
  if (scope.topics.length > 0) {
    statements.push({ Sid: 'NotifyTopics', Effect: 'Allow', Action: 'sns:Publish', Resource: scope.topics });
  }
  return { Version: VERSION, Statement: statements };
}

/** Built in TypeScript so that `mcc deploy` creates exactly what the project shows, scoped to the account. */
export function iamDocuments(scope: IamScope): IamDocuments {
  return {
    'execution-role-trust': executionRoleTrust(),
    'execution-role-policy': executionRolePolicy(scope),
  };
}
