import {
  createExecutionRole,
  createImageModel,
  modelEndpointRequests,
  projectTags,
  putExecutionRolePolicy,
} from '@mcc/sdk';
import type { AwsCall } from '@mcc/sdk';

import type { ServerlessContext } from '../context.js';
import type { IamDocuments } from '../iam.js';

/**
 * Every AWS request the serverless verbs make, built in one place so that `--plan`, the verbs and
 * the tests see the same shapes (checked against the SageMaker API reference).
 */

export const tags = (ctx: ServerlessContext) => projectTags(ctx);

export const createRole = (ctx: ServerlessContext, docs: IamDocuments): AwsCall =>
  createExecutionRole(ctx, 'serverless', docs);

export const putRolePolicy = (ctx: ServerlessContext, docs: IamDocuments): AwsCall =>
  putExecutionRolePolicy(ctx, docs);

/** The model: the image (with the model inside) and the role SageMaker runs it with. */
export const createModel = (ctx: ServerlessContext, name: string, image: string, roleArn: string): AwsCall =>
  createImageModel(ctx, name, image, roleArn);

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
