import { modelEndpointRequests } from '@mcc/sdk';
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

// The requests every model-based endpoint makes alike come from the sdk.
export const {
  getCallerIdentity,
  getRole,
  describeEndpoint,
  deleteEndpoint,
  deleteEndpointConfig,
  deleteModel,
  deleteRolePolicy,
  deleteRole,
} = modelEndpointRequests;

export const createEndpoint = (ctx: ServerlessContext, config: string): AwsCall =>
  modelEndpointRequests.createEndpoint(ctx.endpoint.name, config, tags(ctx));

export const updateEndpoint = (ctx: ServerlessContext, config: string): AwsCall =>
  modelEndpointRequests.updateEndpoint(ctx.endpoint.name, config);
