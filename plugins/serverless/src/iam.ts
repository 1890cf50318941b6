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
  /** The ECR repository holding this project's image. */
  repository: string;
  /** The endpoint's CloudWatch log group. */
  logGroup: string;
}

/** The two documents under `iam/`, keyed by their file name without `.json`. */
export interface IamDocuments {
  'execution-role-trust': PolicyDocument;
  'execution-role-policy': PolicyDocument;
}

const VERSION = '2012-10-17';

// Layer and manifest reads: what an image pull needs, and nothing that writes.
const ECR_PULL = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

function arn(scope: IamScope, service: string, resource: string): string {
  return `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`;
}

/** The log group SageMaker writes a serverless endpoint's container output to. */
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
 * What SageMaker does as this role for a serverless endpoint: pull the project's image and write
 * the container's logs and metrics. Nothing else: the model is in the image, so no S3 access.
 */
export function executionRolePolicy(scope: IamScope): PolicyDocument {
  return {
    Version: VERSION,
    Statement: [
      // GetAuthorizationToken has no resource type: IAM only accepts `*` for it.
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'PullProjectImage',
        Effect: 'Allow',
        Action: ECR_PULL,
        Resource: arn(scope, 'ecr', `repository/${scope.repository}`),
      },
      {
        Sid: 'WriteEndpointLogs',
        Effect: 'Allow',
        Action: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:DescribeLogStreams',
        ],
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
