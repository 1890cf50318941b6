import {
  ECR_PULL_ACTIONS,
  imagePullStatements,
  logWriteStatement,
  sageMakerMetricsStatement,
  sageMakerTrustPolicy,
} from '@mcc/sdk';
import type { PolicyDocument, PolicyStatement } from '@mcc/sdk';

import type { EcrImage } from './base-image.js';
import type { ResourceNames } from './names.js';
import type { S3Location } from './s3-location.js';

export type { PolicyDocument, PolicyStatement } from '@mcc/sdk';

/** What the four IAM documents are scoped to. */
export interface IamScope {
  partition: string;
  region: string;
  /** `*` in generated files (unknown until deploy); `mcc deploy` passes the real account id. */
  account: string;
  /** The ECR repository holding this project's image. */
  repository: string;
  names: ResourceNames;
  /** CodeBuild source and artifact bucket: a name, or a pattern such as `sagemaker-us-east-1-*`. */
  bucket: string;
  /** Key prefixes in that bucket, each ending in `/`. */
  sourcePrefix: string;
  artifactPrefix: string;
  /** A private ECR base image CodeBuild must pull. */
  baseImage?: EcrImage;
  /** Where a model fetched at runtime from S3 lives. */
  modelData?: S3Location;
  /** A secret holding a Hugging Face token the container reads at start-up. */
  hfTokenSecret?: string;
}

const VERSION = '2012-10-17';

// Layer and manifest reads: what both an image pull and a push's existence checks need.
const ECR_PULL = ECR_PULL_ACTIONS;
const ECR_PUSH = [
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
];

function arn(scope: IamScope, service: string, resource: string): string {
  return `arn:${scope.partition}:${service}:${scope.region}:${scope.account}:${resource}`;
}

function repositoryArn(scope: IamScope): string {
  return arn(scope, 'ecr', `repository/${scope.repository}`);
}

function logGroupArn(scope: IamScope, name: string): string {
  return arn(scope, 'logs', `log-group:${name}`);
}

function s3Arn(scope: IamScope, path: string): string {
  return `arn:${scope.partition}:s3:::${path}`;
}

/** Log groups SageMaker writes to; `*` keeps names `mcc deploy` suffixes covered. */
export function sagemakerLogGroups(names: ResourceNames): { endpoint: string; inferenceComponent: string } {
  return {
    endpoint: `/aws/sagemaker/Endpoints/${names.endpoint}`,
    inferenceComponent: `/aws/sagemaker/InferenceComponents/${names.inferenceComponent}`,
  };
}

export function codebuildLogGroup(names: ResourceNames): string {
  return `/aws/codebuild/${names.codebuildProject}`;
}

export const executionRoleTrust = sageMakerTrustPolicy;

/** What the endpoint's instances do as this role: pull the image, write logs and metrics. */
export function executionRolePolicy(scope: IamScope): PolicyDocument {
  const groups = sagemakerLogGroups(scope.names);
  const statements: PolicyStatement[] = [
    ...imagePullStatements(scope, scope.repository),
    logWriteStatement('WriteEndpointLogs', [
      logGroupArn(scope, `${groups.endpoint}*`),
      logGroupArn(scope, `${groups.inferenceComponent}*`),
    ]),
    sageMakerMetricsStatement(),
  ];
  if (scope.modelData) statements.push(...modelDataStatements(scope, scope.modelData));
  if (scope.hfTokenSecret) {
    statements.push({
      Sid: 'ReadHuggingFaceToken',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: scope.hfTokenSecret,
    });
  }
  return { Version: VERSION, Statement: statements };
}

function modelDataStatements(scope: IamScope, data: S3Location): PolicyStatement[] {
  const list: PolicyStatement = {
    Sid: 'ListModelData',
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: s3Arn(scope, data.bucket),
  };
  if (data.prefix !== '') list.Condition = { StringLike: { 's3:prefix': `${data.prefix}*` } };
  return [
    list,
    {
      Sid: 'ReadModelData',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: s3Arn(scope, `${data.bucket}/${data.prefix}*`),
    },
  ];
}

export function codebuildRoleTrust(scope: IamScope): PolicyDocument {
  // Confused-deputy guard: only this project's builds may assume the role.
  const condition: Record<string, Record<string, string>> = {
    ArnLike: { 'aws:SourceArn': arn(scope, 'codebuild', `project/${scope.names.codebuildProject}`) },
  };
  if (scope.account !== '*') condition.StringEquals = { 'aws:SourceAccount': scope.account };
  return {
    Version: VERSION,
    Statement: [
      {
        Sid: 'CodeBuildAssumesRole',
        Effect: 'Allow',
        Principal: { Service: 'codebuild.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: condition,
      },
    ],
  };
}

/** What the build does as this role: read the uploaded source, push the image, write its logs. */
export function codebuildRolePolicy(scope: IamScope): PolicyDocument {
  const group = codebuildLogGroup(scope.names);
  const statements: PolicyStatement[] = [
    { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'PushProjectImage',
      Effect: 'Allow',
      Action: [...ECR_PULL, ...ECR_PUSH],
      Resource: repositoryArn(scope),
    },
  ];
  if (scope.baseImage) {
    const base = scope.baseImage;
    statements.push({
      Sid: 'PullBaseImage',
      Effect: 'Allow',
      Action: ECR_PULL,
      Resource: `arn:${scope.partition}:ecr:${base.region}:${base.account}:repository/${base.repository}`,
    });
  }
  statements.push(
    {
      Sid: 'WriteBuildLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [logGroupArn(scope, group), logGroupArn(scope, `${group}:*`)],
    },
    {
      Sid: 'ReadBuildSource',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: s3Arn(scope, `${scope.bucket}/${scope.sourcePrefix}*`),
    },
    {
      Sid: 'WriteBuildArtifacts',
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: s3Arn(scope, `${scope.bucket}/${scope.artifactPrefix}*`),
    },
    {
      Sid: 'LocateBuildBucket',
      Effect: 'Allow',
      Action: ['s3:GetBucketAcl', 's3:GetBucketLocation'],
      Resource: s3Arn(scope, scope.bucket),
    },
  );
  return { Version: VERSION, Statement: statements };
}

/** The four documents under `iam/`, keyed by their file name without `.json`. */
export interface IamDocuments {
  'execution-role-trust': PolicyDocument;
  'execution-role-policy': PolicyDocument;
  'codebuild-role-trust': PolicyDocument;
  'codebuild-role-policy': PolicyDocument;
}

/** Built in TypeScript so that `mcc deploy` creates exactly what the project shows, scoped to the account. */
export function iamDocuments(scope: IamScope): IamDocuments {
  return {
    'execution-role-trust': executionRoleTrust(),
    'execution-role-policy': executionRolePolicy(scope),
    'codebuild-role-trust': codebuildRoleTrust(scope),
    'codebuild-role-policy': codebuildRolePolicy(scope),
  };
}
