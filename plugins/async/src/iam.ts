import {
  imagePullStatements,
  logWriteStatement,
  POLICY_VERSION,
  regionalArn,
  s3ObjectsArn,
  sageMakerMetricsStatement,
  sageMakerTrustPolicy,
} from '@mcc/sdk';
import type { ExecutionRoleDocuments, PolicyDocument, PolicyStatement, RoleScope } from '@mcc/sdk';

import type { AsyncPaths } from './paths.js';

export type { PolicyDocument, PolicyStatement } from '@mcc/sdk';

/** What the execution role's documents are scoped to. */
export interface IamScope extends RoleScope {
  repository: string;
  logGroup: string;
  paths: AsyncPaths;
  /** The SNS topics SageMaker tells of results, when any. */
  topics: string[];
}

/** The two documents under `iam/`, keyed by their file name without `.json`. */
export type IamDocuments = ExecutionRoleDocuments;

/** The log group SageMaker writes an endpoint's container output to. */
export function endpointLogGroup(endpoint: string): string {
  return `/aws/sagemaker/Endpoints/${endpoint}`;
}

export const executionRoleTrust = sageMakerTrustPolicy;

/**
 * What SageMaker does as this role for an async endpoint: pull the image, write logs and metrics,
 * read each request from the input folder, write its result or failure, and, when topics are set,
 * publish to them. S3 access is per folder, never the whole bucket: the default bucket is shared
 * with everything else SageMaker does in the account.
 */
export function executionRolePolicy(scope: IamScope): PolicyDocument {
  const statements: PolicyStatement[] = [
    ...imagePullStatements(scope, scope.repository),
    logWriteStatement('WriteEndpointLogs', regionalArn(scope, 'logs', `log-group:${scope.logGroup}*`)),
    sageMakerMetricsStatement(),
    {
      Sid: 'ReadRequests',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: s3ObjectsArn(scope.partition, scope.paths.input),
    },
    {
      Sid: 'WriteResults',
      Effect: 'Allow',
      Action: 's3:PutObject',
      Resource: [
        s3ObjectsArn(scope.partition, scope.paths.output),
        s3ObjectsArn(scope.partition, scope.paths.failure),
      ],
    },
  ];
  if (scope.topics.length > 0) {
    statements.push({ Sid: 'NotifyTopics', Effect: 'Allow', Action: 'sns:Publish', Resource: scope.topics });
  }
  return { Version: POLICY_VERSION, Statement: statements };
}

/** Built in TypeScript so that `mcc deploy` creates exactly what the project shows, scoped to the account. */
export function iamDocuments(scope: IamScope): IamDocuments {
  return {
    'execution-role-trust': executionRoleTrust(),
    'execution-role-policy': executionRolePolicy(scope),
  };
}
