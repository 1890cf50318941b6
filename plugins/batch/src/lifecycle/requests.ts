import {
  createExecutionRole,
  createImageModel,
  modelEndpointRequests,
  projectTags,
  putExecutionRolePolicy,
  s3Requests,
  s3Uri,
} from '@mcc/sdk';
import type { AwsCall, S3Location } from '@mcc/sdk';

import type { BatchContext } from '../context.js';
import type { IamDocuments } from '../iam.js';

/**
 * Every AWS request the batch verbs make, built in one place so that `--plan`, the verbs and the
 * tests see the same shapes (SageMaker, IAM and S3 API references).
 */

export const tags = (ctx: BatchContext) => projectTags(ctx);

export const createRole = (ctx: BatchContext, docs: IamDocuments): AwsCall =>
  createExecutionRole(ctx, 'batch', docs);

export const putRolePolicy = (ctx: BatchContext, docs: IamDocuments): AwsCall =>
  putExecutionRolePolicy(ctx, docs);

/** The model: the image (with the model inside) and the role SageMaker runs it with. */
export const createModel = (ctx: BatchContext, name: string, image: string, roleArn: string): AwsCall =>
  createImageModel(ctx, name, image, roleArn);

export const describeModel = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DescribeModel',
  input: { ModelName: name },
});

/** One job: where it reads, how records are cut and batched, where results go, on what instances. */
export interface JobSpec {
  name: string;
  model: string;
  /** `s3://bucket/prefix/` (every object under it) or one object's URI. */
  inputUri: string;
  /** This job's own results folder, `<output>/<job-name>/`. */
  output: S3Location;
  /** The payload's type when the user named one for this run; else the project's. */
  contentType?: string;
  accept?: string;
}

/**
 * CreateTransformJob with every field set explicitly, SageMaker's defaults included, so the job
 * that runs is the one the README and `--plan` describe. Inputs are never compressed by mcc.
 */
export function createTransformJob(ctx: BatchContext, job: JobSpec): AwsCall {
  const b = ctx.batch;
  return {
    service: 'sagemaker',
    operation: 'CreateTransformJob',
    input: {
      TransformJobName: job.name,
      ModelName: job.model,
      BatchStrategy: b.batchStrategy,
      MaxPayloadInMB: b.maxPayloadMb,
      MaxConcurrentTransforms: b.maxConcurrentTransforms,
      ModelClientConfig: {
        InvocationsTimeoutInSeconds: b.invocationTimeoutSeconds,
        InvocationsMaxRetries: b.invocationRetries,
      },
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: job.inputUri } },
        ContentType: job.contentType ?? b.contentType,
        SplitType: b.splitType,
        CompressionType: 'None',
      },
      TransformOutput: {
        S3OutputPath: s3Uri(job.output),
        Accept: job.accept ?? b.accept,
        AssembleWith: b.assembleWith,
      },
      TransformResources: { InstanceType: ctx.instanceType, InstanceCount: b.instanceCount },
      Tags: tags(ctx),
    },
  };
}

export const describeTransformJob = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DescribeTransformJob',
  input: { TransformJobName: name },
});

export const stopTransformJob = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'StopTransformJob',
  input: { TransformJobName: name },
});

// The requests every SageMaker model target makes alike come from the sdk.
export const { getCallerIdentity, getRole, deleteRolePolicy, deleteRole, deleteModel } =
  modelEndpointRequests;

// S3 requests are the sdk's, built alike for every target.
export const { headBucket, createBucket, listObjects, getObjectHead, putObject } = s3Requests;
