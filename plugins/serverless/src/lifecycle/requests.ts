import type { AwsCall } from '@mcc/sdk';

import type { ServerlessContext } from '../context.js';
import type { IamDocuments } from '../iam.js';

/**
 * Every AWS request the serverless verbs make, built in one place so that `--plan`, the verbs and
 * the tests see the same shapes (checked against the SageMaker API reference).
 */

/** The tags on everything mcc creates, so a console filter finds a project's resources. */
export const tags = (ctx: ServerlessContext) => [
  { Key: 'mcc:project', Value: ctx.names.base },
  { Key: 'mcc:managed-by', Value: 'mcc' },
];

export const getCallerIdentity = (): AwsCall => ({
  service: 'sts',
  operation: 'GetCallerIdentity',
  input: {},
});

export const getRole = (name: string): AwsCall => ({
  service: 'iam',
  operation: 'GetRole',
  input: { RoleName: name },
});

export function createRole(ctx: ServerlessContext, docs: IamDocuments): AwsCall {
  return {
    service: 'iam',
    operation: 'CreateRole',
    input: {
      RoleName: ctx.role.name,
      AssumeRolePolicyDocument: JSON.stringify(docs['execution-role-trust']),
      Description: `SageMaker execution role of the mcc serverless project ${ctx.names.base}`,
      Tags: tags(ctx),
    },
  };
}

export function putRolePolicy(ctx: ServerlessContext, docs: IamDocuments): AwsCall {
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

/** The model: the image (with the model inside) and the role SageMaker pulls it with. */
export function createModel(ctx: ServerlessContext, name: string, image: string, roleArn: string): AwsCall {
  return {
    service: 'sagemaker',
    operation: 'CreateModel',
    input: {
      ModelName: name,
      ExecutionRoleArn: roleArn,
      PrimaryContainer: { Image: image },
      Tags: tags(ctx),
    },
  };
}

/**
 * A serverless variant: ServerlessConfig instead of an instance type and count, which SageMaker
 * refuses together with it.
 */
export function createEndpointConfig(ctx: ServerlessContext, name: string, model: string): AwsCall {
  const { memoryMb, maxConcurrency, provisionedConcurrency } = ctx.serverless;
  return {
    service: 'sagemaker',
    operation: 'CreateEndpointConfig',
    input: {
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: ctx.endpoint.variantName,
          ModelName: model,
          ServerlessConfig: {
            MemorySizeInMB: memoryMb,
            MaxConcurrency: maxConcurrency,
            ...(provisionedConcurrency === undefined
              ? {}
              : { ProvisionedConcurrency: provisionedConcurrency }),
          },
        },
      ],
      Tags: tags(ctx),
    },
  };
}

export function createEndpoint(ctx: ServerlessContext, config: string): AwsCall {
  return {
    service: 'sagemaker',
    operation: 'CreateEndpoint',
    input: { EndpointName: ctx.endpoint.name, EndpointConfigName: config, Tags: tags(ctx) },
  };
}

/** Points the live endpoint at a new configuration; SageMaker switches over and rolls back on failure. */
export const updateEndpoint = (ctx: ServerlessContext, config: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'UpdateEndpoint',
  input: { EndpointName: ctx.endpoint.name, EndpointConfigName: config },
});

export const describeEndpoint = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DescribeEndpoint',
  input: { EndpointName: name },
});

export const deleteEndpoint = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DeleteEndpoint',
  input: { EndpointName: name },
});

export const deleteEndpointConfig = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DeleteEndpointConfig',
  input: { EndpointConfigName: name },
});

export const deleteModel = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DeleteModel',
  input: { ModelName: name },
});

export const deleteRolePolicy = (role: string, policy: string): AwsCall => ({
  service: 'iam',
  operation: 'DeleteRolePolicy',
  input: { RoleName: role, PolicyName: policy },
});

export const deleteRole = (role: string): AwsCall => ({
  service: 'iam',
  operation: 'DeleteRole',
  input: { RoleName: role },
});

/** Log lines of the endpoint's container from `startTime`, a page at a time. */
export function filterLogEvents(
  logGroup: string,
  startTime: number,
  limit: number,
  nextToken?: string,
): AwsCall {
  return {
    service: 'cloudwatch-logs',
    operation: 'FilterLogEvents',
    input: { logGroupName: logGroup, startTime, limit, ...(nextToken ? { nextToken } : {}) },
  };
}
