import {
  imagePullStatements,
  logWriteStatement,
  POLICY_VERSION,
  regionalArn,
  s3BucketArn,
  s3ObjectsArn,
  sageMakerMetricsStatement,
  sageMakerTrustPolicy,
} from '@mcc/sdk';
import type { ExecutionRoleDocuments, PolicyDocument, RoleScope } from '@mcc/sdk';

import type { BatchPaths } from './paths.js';

export type { PolicyDocument, PolicyStatement } from '@mcc/sdk';

/** What the execution role's documents are scoped to. */
export interface IamScope extends RoleScope {
  repository: string;
  logGroup: string;
  /** Every job's log streams start with this (the job names' stem). */
  jobPrefix: string;
  paths: BatchPaths;
}

/** The two documents under `iam/`, keyed by their file name without `.json`. */
export type IamDocuments = ExecutionRoleDocuments;

/** The log group every transform job writes to; a job's streams are `<job-name>/<instance>…`. */
export const TRANSFORM_LOG_GROUP = '/aws/sagemaker/TransformJobs';

export const executionRoleTrust = sageMakerTrustPolicy;

/**
 * What SageMaker does as this role for a transform job: pull the image, write the job's logs and
 * metrics, list and read the input folder, write the output folder. S3 access is per folder (the
 * default bucket is shared with everything else SageMaker does in the account), and listing is
 * limited to the input folder by the s3:prefix condition.
 */
export function executionRolePolicy(scope: IamScope): PolicyDocument {
  const { input, output } = scope.paths;
  return {
    Version: POLICY_VERSION,
    Statement: [
      ...imagePullStatements(scope, scope.repository),
      logWriteStatement('WriteJobLogs', [
        regionalArn(scope, 'logs', `log-group:${scope.logGroup}`),
        regionalArn(scope, 'logs', `log-group:${scope.logGroup}:log-stream:${scope.jobPrefix}*`),
      ]),
      sageMakerMetricsStatement(),
      {
        Sid: 'ListInput',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: s3BucketArn(scope.partition, input.bucket),
        Condition: { StringLike: { 's3:prefix': `${input.prefix}*` } },
      },
      {
        Sid: 'ReadInput',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: s3ObjectsArn(scope.partition, input),
      },
      {
        Sid: 'WriteOutput',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: s3ObjectsArn(scope.partition, output),
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
