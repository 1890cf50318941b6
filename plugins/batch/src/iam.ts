import type { BatchPaths } from './paths.js';
import type { S3Location } from './s3-location.js';

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
  /** Every job's log streams start with this (the job names' stem). */
  jobPrefix: string;
  paths: BatchPaths;
}

/** The two documents under `iam/`, keyed by their file name without `.json`. */
export interface IamDocuments {
  'execution-role-trust': PolicyDocument;
  'execution-role-policy': PolicyDocument;
}

/** The log group every transform job writes to; a job's streams are `<job-name>/<instance>…`. */
export const TRANSFORM_LOG_GROUP = '/aws/sagemaker/TransformJobs';

const VERSION = '2012-10-17';

function arn(scope: IamScope, service: string, resource: string): string {
  return `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`;
}

/** S3 ARNs carry neither region nor account. */
const bucketArn = (scope: IamScope, at: S3Location) => `arn:${scope.partition}:s3:::${at.bucket}`;
const objectsArn = (scope: IamScope, at: S3Location) =>
  `arn:${scope.partition}:s3:::${at.bucket}/${at.prefix}*`;

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
 * What SageMaker does as this role for a transform job: pull the image, write the job's logs and
 * metrics, list and read the input folder, write the output folder. S3 access is per folder (the
 * default bucket is shared with everything else SageMaker does in the account), and listing is
 * limited to the input folder by the s3:prefix condition.
 */
export function executionRolePolicy(scope: IamScope): PolicyDocument {
  const { input, output } = scope.paths;
  return {
    Version: VERSION,
    Statement: [
      // GetAuthorizationToken has no resource type: IAM only accepts `*` for it.
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'PullProjectImage',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: arn(scope, 'ecr', `repository/${scope.repository}`),
      },
      {
        Sid: 'WriteJobLogs',
        Effect: 'Allow',
        Action: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:DescribeLogStreams',
        ],
        Resource: [
          arn(scope, 'logs', `log-group:${scope.logGroup}`),
          arn(scope, 'logs', `log-group:${scope.logGroup}:log-stream:${scope.jobPrefix}*`),
        ],
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
        Sid: 'ListInput',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: bucketArn(scope, input),
        Condition: { StringLike: { 's3:prefix': `${input.prefix}*` } },
      },
      { Sid: 'ReadInput', Effect: 'Allow', Action: 's3:GetObject', Resource: objectsArn(scope, input) },
      { Sid: 'WriteOutput', Effect: 'Allow', Action: 's3:PutObject', Resource: objectsArn(scope, output) },
    ],
  };
}

/** Built in TypeScript so that `mcc deploy` creates exactly what the project shows, scoped to the account. */
export function iamDocuments(scope: IamScope): IamDocuments {
  return {
    'execution-role-trust': executionRoleTrust(),
    'execution-role-policy': executionRolePolicy(scope),
  };
}
