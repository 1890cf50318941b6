import type { AwsCall } from '@mcc/sdk';

import type { ManagedInferenceContext } from '../context.js';
import type { IamDocuments } from '../iam.js';
import { s3PrefixUri } from '../s3-location.js';
import type { S3Location } from '../s3-location.js';
import type { ComputeRequirements } from './compute-requirements.js';

/**
 * Every AWS request the managed-inference verbs make, built in one place so that `--plan`, the
 * verbs and the tests see the same shapes (checked against the AWS API reference).
 */

/** The tags on everything mcc creates, so a console filter finds a project's resources. */
export const TAGS = (ctx: ManagedInferenceContext) => [
  { Key: 'mcc:project', Value: ctx.names.base },
  { Key: 'mcc:managed-by', Value: 'mcc' },
];

/** Application Auto Scaling's names for an inference component's copy count. */
export const COPY_COUNT_DIMENSION = 'sagemaker:inference-component:DesiredCopyCount';
export const INVOCATIONS_PER_COPY_METRIC = 'SageMakerInferenceComponentInvocationsPerCopy';
/** Invocations per copy per minute the target-tracking policy aims at. */
export const INVOCATIONS_PER_COPY_TARGET = 100;

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

/** The two roles mcc manages: SageMaker's execution role and the CodeBuild role of `mcc submit`. */
export type ManagedRole = 'execution' | 'codebuild';

const ROLE_USES: Readonly<Record<ManagedRole, string>> = {
  execution: 'SageMaker execution role',
  codebuild: 'CodeBuild role',
};

export function createRole(ctx: ManagedInferenceContext, role: ManagedRole, docs: IamDocuments): AwsCall {
  return {
    service: 'iam',
    operation: 'CreateRole',
    input: {
      RoleName: ctx.roles[role].name,
      AssumeRolePolicyDocument: JSON.stringify(docs[`${role}-role-trust`]),
      Description: `${ROLE_USES[role]} of the mcc project ${ctx.names.base}`,
      Tags: TAGS(ctx),
    },
  };
}

export function putRolePolicy(ctx: ManagedInferenceContext, role: ManagedRole, docs: IamDocuments): AwsCall {
  return {
    service: 'iam',
    operation: 'PutRolePolicy',
    input: {
      RoleName: ctx.roles[role].name,
      PolicyName: ctx.roles[role].policyName,
      PolicyDocument: JSON.stringify(docs[`${role}-role-policy`]),
    },
  };
}

export function createEndpointConfig(
  ctx: ManagedInferenceContext,
  configName: string,
  roleArn: string,
  instances: { min: number; max: number },
): AwsCall {
  const count = ctx.endpoint.instanceCount;
  return {
    service: 'sagemaker',
    operation: 'CreateEndpointConfig',
    input: {
      EndpointConfigName: configName,
      // Required for endpoints that host inference components: SageMaker pulls the image with it.
      ExecutionRoleArn: roleArn,
      ProductionVariants: [
        {
          VariantName: ctx.endpoint.variantName,
          InstanceType: ctx.endpoint.instanceType,
          InitialInstanceCount: count,
          ManagedInstanceScaling: {
            Status: 'ENABLED',
            MinInstanceCount: instances.min,
            MaxInstanceCount: instances.max,
          },
          RoutingConfig: { RoutingStrategy: 'LEAST_OUTSTANDING_REQUESTS' },
        },
      ],
      Tags: TAGS(ctx),
    },
  };
}

export function createEndpoint(ctx: ManagedInferenceContext, configName: string): AwsCall {
  return {
    service: 'sagemaker',
    operation: 'CreateEndpoint',
    input: { EndpointName: ctx.endpoint.name, EndpointConfigName: configName, Tags: TAGS(ctx) },
  };
}

export const describeEndpoint = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DescribeEndpoint',
  input: { EndpointName: name },
});

/** What one version of the inference component runs: the image, its reservation, its environment. */
export interface ComponentSpec {
  image: string;
  compute: ComputeRequirements;
  environment: Readonly<Record<string, string>>;
  /**
   * A model SageMaker copies from S3 into /opt/ml/model before the container starts. An inference
   * component's own container takes only a .tar.gz artifact, so a prefix needs a SageMaker model:
   * each version creates one with this name, and the component runs it.
   */
  model?: { name: string; data: S3Location };
  /** How long SageMaker waits for the first /ping (and the S3 copy) of a model loaded at start-up. */
  startupSeconds?: number;
}

/** SageMaker's longest wait for a download or a container's first /ping, in seconds. */
export const MAX_STARTUP_SECONDS = 3600;

function specification({ image, compute, environment, model, startupSeconds }: ComponentSpec) {
  const startup = {
    ...(model ? { ModelDataDownloadTimeoutInSeconds: MAX_STARTUP_SECONDS } : {}),
    ...(startupSeconds === undefined ? {} : { ContainerStartupHealthCheckTimeoutInSeconds: startupSeconds }),
  };
  return {
    // The model holds the image and environment when there is one; else the component does.
    ...(model ? { ModelName: model.name } : { Container: { Image: image, Environment: { ...environment } } }),
    ...(Object.keys(startup).length > 0 ? { StartupParameters: startup } : {}),
    ComputeResourceRequirements: {
      NumberOfCpuCoresRequired: compute.cpuCores,
      MinMemoryRequiredInMb: compute.minMemoryMb,
      ...(compute.maxMemoryMb === undefined ? {} : { MaxMemoryRequiredInMb: compute.maxMemoryMb }),
      ...(compute.accelerators > 0 ? { NumberOfAcceleratorDevicesRequired: compute.accelerators } : {}),
    },
  };
}

/** The SageMaker model a version with S3 model data runs: the image, its environment, the prefix. */
export function createModel(
  ctx: ManagedInferenceContext,
  spec: ComponentSpec & Required<Pick<ComponentSpec, 'model'>>,
  roleArn: string,
): AwsCall {
  return {
    service: 'sagemaker',
    operation: 'CreateModel',
    input: {
      ModelName: spec.model.name,
      // SageMaker reads the S3 prefix and pulls the image with it.
      ExecutionRoleArn: roleArn,
      PrimaryContainer: {
        Image: spec.image,
        ...(Object.keys(spec.environment).length > 0 ? { Environment: { ...spec.environment } } : {}),
        ModelDataSource: {
          S3DataSource: {
            S3Uri: s3PrefixUri(spec.model.data),
            S3DataType: 'S3Prefix',
            CompressionType: 'None',
          },
        },
      },
      Tags: TAGS(ctx),
    },
  };
}

export const deleteModel = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DeleteModel',
  input: { ModelName: name },
});

export function createInferenceComponent(ctx: ManagedInferenceContext, spec: ComponentSpec): AwsCall {
  return {
    service: 'sagemaker',
    operation: 'CreateInferenceComponent',
    input: {
      InferenceComponentName: ctx.inferenceComponent.name,
      EndpointName: ctx.endpoint.name,
      VariantName: ctx.endpoint.variantName,
      Specification: specification(spec),
      RuntimeConfig: { CopyCount: ctx.inferenceComponent.copies },
      Tags: TAGS(ctx),
    },
  };
}

/**
 * A new version of the component: copies are replaced one at a time, and the update rolls back by
 * itself if the alarms fire or a new copy fails, so the endpoint keeps answering throughout.
 */
export function updateInferenceComponent(
  ctx: ManagedInferenceContext,
  spec: ComponentSpec,
  rollbackAlarms: readonly string[],
): AwsCall {
  return {
    service: 'sagemaker',
    operation: 'UpdateInferenceComponent',
    input: {
      InferenceComponentName: ctx.inferenceComponent.name,
      Specification: specification(spec),
      RuntimeConfig: { CopyCount: ctx.inferenceComponent.copies },
      DeploymentConfig: {
        RollingUpdatePolicy: {
          MaximumBatchSize: { Type: 'COPY_COUNT', Value: 1 },
          WaitIntervalInSeconds: 60,
          MaximumExecutionTimeoutInSeconds: 3600,
          RollbackMaximumBatchSize: { Type: 'COPY_COUNT', Value: 1 },
        },
        ...(rollbackAlarms.length > 0
          ? { AutoRollbackConfiguration: { Alarms: rollbackAlarms.map((AlarmName) => ({ AlarmName })) } }
          : {}),
      },
    },
  };
}

export const describeInferenceComponent = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DescribeInferenceComponent',
  input: { InferenceComponentName: name },
});

export const scalableResourceId = (component: string): string => `inference-component/${component}`;
export const scalingPolicyName = (component: string): string => `${component}-copies`;

export function registerScalableTarget(component: string, min: number, max: number): AwsCall {
  return {
    service: 'application-auto-scaling',
    operation: 'RegisterScalableTarget',
    input: {
      ServiceNamespace: 'sagemaker',
      ResourceId: scalableResourceId(component),
      ScalableDimension: COPY_COUNT_DIMENSION,
      MinCapacity: min,
      MaxCapacity: max,
    },
  };
}

export function putScalingPolicy(component: string): AwsCall {
  return {
    service: 'application-auto-scaling',
    operation: 'PutScalingPolicy',
    input: {
      PolicyName: scalingPolicyName(component),
      ServiceNamespace: 'sagemaker',
      ResourceId: scalableResourceId(component),
      ScalableDimension: COPY_COUNT_DIMENSION,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: INVOCATIONS_PER_COPY_TARGET,
        PredefinedMetricSpecification: { PredefinedMetricType: INVOCATIONS_PER_COPY_METRIC },
        ScaleInCooldown: 300,
        ScaleOutCooldown: 60,
      },
    },
  };
}

export function deregisterScalableTarget(component: string): AwsCall {
  return {
    service: 'application-auto-scaling',
    operation: 'DeregisterScalableTarget',
    input: {
      ServiceNamespace: 'sagemaker',
      ResourceId: scalableResourceId(component),
      ScalableDimension: COPY_COUNT_DIMENSION,
    },
  };
}

export const deleteInferenceComponent = (name: string): AwsCall => ({
  service: 'sagemaker',
  operation: 'DeleteInferenceComponent',
  input: { InferenceComponentName: name },
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
