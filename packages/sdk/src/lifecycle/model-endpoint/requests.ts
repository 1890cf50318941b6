import type { ExecutionRoleDocuments } from '../../iam.js';
import type { AwsCall } from '../aws.js';

/** What the shared builders read of a target's context: the project's stem and its role's names. */
export interface ProjectRoleNames {
  names: { base: string };
  role: { name: string; policyName: string };
}

/** The tags on everything mcc creates, so a console filter finds a project's resources. */
export function projectTags(ctx: Pick<ProjectRoleNames, 'names'>): { Key: string; Value: string }[] {
  return [
    { Key: 'mcc:project', Value: ctx.names.base },
    { Key: 'mcc:managed-by', Value: 'mcc' },
  ];
}

/** CreateRole for a project's execution role; `kind` names the target in its description. */
export function createExecutionRole(
  ctx: ProjectRoleNames,
  kind: string,
  docs: ExecutionRoleDocuments,
): AwsCall {
  return {
    service: 'iam',
    operation: 'CreateRole',
    input: {
      RoleName: ctx.role.name,
      AssumeRolePolicyDocument: JSON.stringify(docs['execution-role-trust']),
      Description: `SageMaker execution role of the mcc ${kind} project ${ctx.names.base}`,
      Tags: projectTags(ctx),
    },
  };
}

/** PutRolePolicy with the permissions the project shows in iam/. */
export function putExecutionRolePolicy(ctx: ProjectRoleNames, docs: ExecutionRoleDocuments): AwsCall {
  return {
    service: 'iam',
    operation: 'PutRolePolicy',
    input: {
      RoleName: ctx.role.name,
      PolicyName: ctx.role.policyName,
      PolicyDocument: JSON.stringify(docs['execution-role-policy']),
    },
  };
}

/** A model whose image holds the model itself, run with the given role. */
export function createImageModel(
  ctx: ProjectRoleNames,
  name: string,
  image: string,
  roleArn: string,
): AwsCall {
  return {
    service: 'sagemaker',
    operation: 'CreateModel',
    input: {
      ModelName: name,
      ExecutionRoleArn: roleArn,
      PrimaryContainer: { Image: image },
      Tags: projectTags(ctx),
    },
  };
}

/**
 * The requests every model-based endpoint target makes alike (checked against the STS, IAM and
 * SageMaker API references); a target builds only those whose body is its own.
 */
export const modelEndpointRequests = {
  getCallerIdentity: (): AwsCall => ({ service: 'sts', operation: 'GetCallerIdentity', input: {} }),
  getRole: (name: string): AwsCall => ({ service: 'iam', operation: 'GetRole', input: { RoleName: name } }),
  createEndpoint: (
    endpoint: string,
    config: string,
    tags: readonly { Key: string; Value: string }[],
  ): AwsCall => ({
    service: 'sagemaker',
    operation: 'CreateEndpoint',
    input: { EndpointName: endpoint, EndpointConfigName: config, Tags: tags },
  }),
  /** Points the live endpoint at a new configuration; SageMaker switches over and rolls back on failure. */
  updateEndpoint: (endpoint: string, config: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'UpdateEndpoint',
    input: { EndpointName: endpoint, EndpointConfigName: config },
  }),
  describeEndpoint: (name: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'DescribeEndpoint',
    input: { EndpointName: name },
  }),
  deleteEndpoint: (name: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'DeleteEndpoint',
    input: { EndpointName: name },
  }),
  deleteEndpointConfig: (name: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'DeleteEndpointConfig',
    input: { EndpointConfigName: name },
  }),
  deleteModel: (name: string): AwsCall => ({
    service: 'sagemaker',
    operation: 'DeleteModel',
    input: { ModelName: name },
  }),
  deleteRolePolicy: (role: string, policy: string): AwsCall => ({
    service: 'iam',
    operation: 'DeleteRolePolicy',
    input: { RoleName: role, PolicyName: policy },
  }),
  deleteRole: (role: string): AwsCall => ({
    service: 'iam',
    operation: 'DeleteRole',
    input: { RoleName: role },
  }),
};
