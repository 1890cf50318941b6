import { usageError } from '@mcc/sdk';
import type { ProjectInput } from '@mcc/sdk';

import { parseEcrImage } from './base-image.js';
import type { EcrImage } from './base-image.js';
import { codebuildLogGroup, iamDocuments, sagemakerLogGroups } from './iam.js';
import type { IamDocuments, IamScope } from './iam.js';
import { imageTag, resourceNames } from './names.js';
import type { ResourceNames } from './names.js';
import { readChoice, readInteger, readString } from './option-values.js';
import { CONTAINER_ENGINES, OPTION_KEYS } from './options.js';
import type { ContainerEngine } from './options.js';
import { arnPartition, partitionOf } from './partition.js';
import { parseS3Uri, s3PrefixUri } from './s3-location.js';
import type { S3Location } from './s3-location.js';

/** What the managed-inference templates read under `ctx`, and what the deploy verbs start from. */
export interface ManagedInferenceContext {
  region: string;
  /** ARN partition (`aws`, `aws-cn`, `aws-us-gov`) and the DNS suffix of its endpoints. */
  partition: string;
  dnsSuffix: string;
  names: ResourceNames;
  image: {
    /** The ECR repository, also the local image name. */
    repository: string;
    tag: string;
    /** `<repository>:<tag>` and `<repository>:latest`, as built locally. */
    local: string;
    latest: string;
    /** SageMaker hosts run x86_64 unless the instance is Graviton; images are built for this. */
    platform: string;
  };
  containerEngine: ContainerEngine;
  endpoint: {
    name: string;
    /** Base name; `mcc deploy` may add a short unique suffix per deployment. */
    configName: string;
    variantName: string;
    instanceType: string;
    instanceCount: number;
  };
  model: { name: string };
  inferenceComponent: { name: string; copies: number };
  roles: {
    /** `arn` set: the user's role is used and mcc creates none; `iam/execution-role-*` stay as a reference. */
    execution: { name: string; arn?: string; createdByMcc: boolean; policyName: string };
    codebuild: { name: string; policyName: string };
  };
  codebuild: {
    project: string;
    /** The bucket the user chose; absent means `sagemaker-<region>-<account>`, known at submit time. */
    bucket?: string;
    /** The bucket as it appears in IAM documents before the account is known. */
    bucketPattern: string;
    sourcePrefix: string;
    artifactPrefix: string;
    /** Artifact holding the pushed image URI, also exported as the IMAGE_URI build variable. */
    imageUriFile: string;
    /** A private ECR base image the build must log in to before pulling. */
    baseImageRegistry?: EcrImage;
  };
  logGroups: { endpoint: string; inferenceComponent: string; codebuild: string };
  /** Local runs (`do/run`). */
  run: {
    port: number;
    /** Instances with accelerators: the local container gets the host's GPUs. */
    gpu: boolean;
    /** Variables passed from the caller's environment by name, never by value. */
    passEnv: string[];
    /** How long `do/run` waits for `/ping`. */
    timeoutSeconds: number;
    /** The S3 prefix `do/run` syncs a local copy of the model from, for an S3 model. */
    modelUri?: string;
  };
  /** A model fetched at runtime from S3, which the execution role must read. */
  modelData?: S3Location;
  /** The Secrets Manager secret with a Hugging Face token, which the execution role may read. */
  hfTokenSecret?: string;
  /** How users get the `mcc` CLI the AWS do/ scripts call. */
  installHint: string;
  /** The documents written under `iam/`, with `*` for the account. */
  iam: IamDocuments;
}

const SAGEMAKER_PORT = 8080;
const HF_ENV = ['HF_TOKEN', 'HF_ENDPOINT'];

function checkRegion(region: string): void {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw usageError('REGION_INVALID', `Region "${region}" is not an AWS region name such as us-east-1.`);
  }
}

function checkRolePartition(roleArn: string | undefined, partition: string, region: string): void {
  const rolePartition = roleArn === undefined ? undefined : arnPartition(roleArn);
  if (rolePartition !== undefined && rolePartition !== partition) {
    throw usageError(
      'ROLE_ARN_PARTITION_MISMATCH',
      `Option role-arn "${roleArn}" is in partition ${rolePartition}, but region ${region} is in ${partition}.`,
      [
        `Use a role ARN that starts with arn:${partition}:iam::, or choose a region of partition ${rolePartition}.`,
      ],
    );
  }
}

/**
 * Variables a locally run container needs to fetch its model itself: a Hub model's token. An S3
 * model is synced on the host and mounted, as SageMaker copies it, so no AWS keys enter the container.
 */
function passEnvFor(model: ProjectInput['model']): string[] {
  return model.delivery === 'runtime' && model.source === 'huggingface' ? HF_ENV : [];
}

/** Scopes the IAM documents to an account: `*` at generation, the real id in `mcc deploy`. */
export function iamScope(ctx: Omit<ManagedInferenceContext, 'iam'>, account: string): IamScope {
  return {
    partition: ctx.partition,
    region: ctx.region,
    account,
    repository: ctx.image.repository,
    names: ctx.names,
    bucket: ctx.codebuild.bucket ?? defaultBucket(ctx.region, account),
    sourcePrefix: ctx.codebuild.sourcePrefix,
    artifactPrefix: ctx.codebuild.artifactPrefix,
    baseImage: ctx.codebuild.baseImageRegistry,
    modelData: ctx.modelData,
    hfTokenSecret: ctx.hfTokenSecret,
  };
}

/** The bucket SageMaker's own tools default to; `mcc submit` creates it when missing. */
export function defaultBucket(region: string, account: string): string {
  return `sagemaker-${region}-${account}`;
}

export function managedInferenceContext(input: ProjectInput): ManagedInferenceContext {
  const { project, region, instance, model } = input;
  const options = input.target.options;
  checkRegion(region);
  const partition = partitionOf(region);
  const roleArn = readString(options, OPTION_KEYS.roleArn);
  checkRolePartition(roleArn, partition.id, region);
  const bucket = readString(options, OPTION_KEYS.bucket);
  const names = resourceNames(project.imageName);
  const tag = imageTag(project.version);
  const groups = sagemakerLogGroups(names);
  const runtime = model.delivery === 'runtime';
  const gpu = instance.acceleratorCount > 0;
  const modelData =
    runtime && model.source === 's3' && model.location ? parseS3Uri(model.location) : undefined;

  const ctx: Omit<ManagedInferenceContext, 'iam'> = {
    region,
    partition: partition.id,
    dnsSuffix: partition.dnsSuffix,
    names,
    image: {
      repository: project.imageName,
      tag,
      local: `${project.imageName}:${tag}`,
      latest: `${project.imageName}:latest`,
      platform: 'linux/amd64',
    },
    containerEngine: readChoice(options, OPTION_KEYS.containerEngine, CONTAINER_ENGINES, 'auto'),
    endpoint: {
      name: names.endpoint,
      configName: names.endpointConfig,
      variantName: 'AllTraffic',
      instanceType: instance.instanceType,
      instanceCount: readInteger(options, OPTION_KEYS.instanceCount, 1),
    },
    model: { name: names.model },
    inferenceComponent: {
      name: names.inferenceComponent,
      copies: readInteger(options, OPTION_KEYS.copies, 1),
    },
    roles: {
      execution: {
        name: names.executionRole,
        ...(roleArn === undefined ? {} : { arn: roleArn }),
        createdByMcc: roleArn === undefined,
        policyName: 'mcc-execution',
      },
      codebuild: { name: names.codebuildRole, policyName: 'mcc-codebuild' },
    },
    codebuild: {
      project: names.codebuildProject,
      ...(bucket === undefined ? {} : { bucket }),
      bucketPattern: bucket ?? defaultBucket(region, '*'),
      sourcePrefix: `mcc/${names.base}/source/`,
      artifactPrefix: `mcc/${names.base}/artifacts/`,
      imageUriFile: 'image-uri.txt',
      ...optional('baseImageRegistry', parseEcrImage(input.server.baseImage)),
    },
    logGroups: { ...groups, codebuild: codebuildLogGroup(names) },
    run: {
      port: SAGEMAKER_PORT,
      gpu,
      passEnv: passEnvFor(model),
      // Runtime downloads and GPU engines take minutes to load; a baked-in predictive model, seconds.
      timeoutSeconds: runtime || gpu ? 600 : 120,
      ...optional('modelUri', modelData && s3PrefixUri(modelData)),
    },
    ...optional('modelData', modelData),
    ...optional('hfTokenSecret', readString(options, OPTION_KEYS.hfTokenSecret)),
    installHint: 'npm install -g @mcc/cli',
  };
  return { ...ctx, iam: iamDocuments(iamScope(ctx, '*')) };
}

// Leaves absent keys out rather than `undefined`, so the context serialises cleanly.
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
