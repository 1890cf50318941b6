import {
  createExecutionRole,
  createImageModel,
  modelEndpointRequests,
  projectTags,
  putExecutionRolePolicy,
  s3Requests,
  s3Uri,
} from '@mcc/sdk';
import type { AwsCall } from '@mcc/sdk';

import type { AsyncContext } from '../context.js';
import type { IamDocuments } from '../iam.js';
import type { AsyncPaths } from '../paths.js';

/**
 * Every AWS request the async verbs make, built in one place so that `--plan`, the verbs and the
 * tests see the same shapes (checked against the SageMaker, S3 and Application Auto Scaling API
 * references).
 */

export const tags = (ctx: AsyncContext) => projectTags(ctx);

export const createRole = (ctx: AsyncContext, docs: IamDocuments): AwsCall =>
  createExecutionRole(ctx, 'async', docs);

export const putRolePolicy = (ctx: AsyncContext, docs: IamDocuments): AwsCall =>
  putExecutionRolePolicy(ctx, docs);

/** Creating a topic that exists with the same name and tags returns its ARN (SNS CreateTopic is idempotent). */
export const createTopic = (ctx: AsyncContext, name: string): AwsCall => ({
  service: 'sns',
  operation: 'CreateTopic',
  input: { Name: name, Tags: tags(ctx) },
});

export const deleteTopic = (arn: string): AwsCall => ({
  service: 'sns',
  operation: 'DeleteTopic',
  input: { TopicArn: arn },
});

/** The model: the image (with the model inside) and the role SageMaker runs it with. */
export const createModel = (ctx: AsyncContext, name: string, image: string, roleArn: string): AwsCall =>
  createImageModel(ctx, name, image, roleArn);

/**
 * An instance variant with AsyncInferenceConfig: SageMaker queues requests, reads each from S3 and
 * writes the result to S3OutputPath (or the error to S3FailurePath), telling the topics when set.
 */
export function createEndpointConfig(
  ctx: AsyncContext,
  name: string,
  model: string,
  paths: AsyncPaths,
  topics: { success?: string; error?: string } = {
    ...(ctx.async.successTopic ? { success: ctx.async.successTopic } : {}),
    ...(ctx.async.errorTopic ? { error: ctx.async.errorTopic } : {}),
  },
): AwsCall {
  const { maxConcurrentInvocations, instanceCount } = ctx.async;
  const { success: successTopic, error: errorTopic } = topics;
  const notification =
    successTopic || errorTopic
      ? {
          NotificationConfig: {
            ...(successTopic ? { SuccessTopic: successTopic } : {}),
            ...(errorTopic ? { ErrorTopic: errorTopic } : {}),
            // The message then carries the result too when it is small, sparing a read from S3.
            IncludeInferenceResponseIn: ['SUCCESS_NOTIFICATION_TOPIC'],
          },
        }
      : {};
  return {
    service: 'sagemaker',
    operation: 'CreateEndpointConfig',
    input: {
      EndpointConfigName: name,
      ProductionVariants: [
        {
          VariantName: ctx.endpoint.variantName,
          ModelName: model,
          InstanceType: ctx.endpoint.instanceType,
          InitialInstanceCount: instanceCount,
        },
      ],
      AsyncInferenceConfig: {
        ClientConfig: { MaxConcurrentInvocationsPerInstance: maxConcurrentInvocations },
        OutputConfig: {
          S3OutputPath: s3Uri(paths.output),
          S3FailurePath: s3Uri(paths.failure),
          ...notification,
        },
      },
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

export const createEndpoint = (ctx: AsyncContext, config: string): AwsCall =>
  modelEndpointRequests.createEndpoint(ctx.endpoint.name, config, tags(ctx));

export const updateEndpoint = (ctx: AsyncContext, config: string): AwsCall =>
  modelEndpointRequests.updateEndpoint(ctx.endpoint.name, config);

// S3 requests are the sdk's, built alike for every target.
export const { headBucket, createBucket } = s3Requests;
