import {
  imagePullStatements,
  logWriteStatement,
  POLICY_VERSION,
  regionalArn,
  sageMakerMetricsStatement,
  sageMakerTrustPolicy,
} from '@mcc/sdk';
import type { ExecutionRoleDocuments, PolicyDocument, RoleScope } from '@mcc/sdk';

export type { PolicyDocument, PolicyStatement } from '@mcc/sdk';

/** What the execution role's documents are scoped to. */
export interface IamScope extends RoleScope {
  /** The ECR repository holding this project's image. */
  repository: string;
  /** The endpoint's CloudWatch log group. */
  logGroup: string;
}

/** The two documents under `iam/`, keyed by their file name without `.json`. */
export type IamDocuments = ExecutionRoleDocuments;

/** The log group SageMaker writes a serverless endpoint's container output to. */
export function endpointLogGroup(endpoint: string): string {
  return `/aws/sagemaker/Endpoints/${endpoint}`;
}

export const executionRoleTrust = sageMakerTrustPolicy;

/**
 * What SageMaker does as this role for a serverless endpoint: pull the project's image and write
 * the container's logs and metrics. Nothing else: the model is in the image, so no S3 access.
 */
export function executionRolePolicy(scope: IamScope): PolicyDocument {
  return {
    Version: POLICY_VERSION,
    Statement: [
      ...imagePullStatements(scope, scope.repository),
      logWriteStatement('WriteEndpointLogs', regionalArn(scope, 'logs', `log-group:${scope.logGroup}*`)),
      sageMakerMetricsStatement(),
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
