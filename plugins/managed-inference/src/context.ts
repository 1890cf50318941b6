import { usageError } from '@mcc/sdk';
import type { ProjectInput } from '@mcc/sdk';
import { imageNames, localRun } from '@mcc/sdk/image';
import type { ImageKitContext } from '@mcc/sdk/image';

import { parseEcrImage } from './base-image.js';
import type { EcrImage } from './base-image.js';
import { codebuildLogGroup, iamDocuments, sagemakerLogGroups } from './iam.js';
import type { IamDocuments, IamScope } from './iam.js';
import { resourceNames } from './names.js';
import type { ResourceNames } from './names.js';
import { readChoice, readInteger, readString } from './option-values.js';
import { CONTAINER_ENGINES, OPTION_KEYS } from './options.js';
import { arnPartition, partitionOf } from './partition.js';
import { parseS3Uri } from './s3-location.js';
import type { S3Location } from './s3-location.js';

/**
 * What the managed-inference templates read under `ctx`, and what the deploy verbs start from. The
 * image kit's fields (region, image, containerEngine, run, installHint) serve do/build, do/run and
 * do/push.
 */
export interface ManagedInferenceContext extends ImageKitContext {
  /** ARN partition (`aws`, `aws-cn`, `aws-us-gov`) and the DNS suffix of its endpoints. */
  partition: string;
  dnsSuffix: string;
  names: ResourceNames;
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
  /** A model fetched at runtime from S3, which the execution role must read. */
  modelData?: S3Location;
  /** The Secrets Manager secret with a Hugging Face token, which the execution role may read. */
  hfTokenSecret?: string;
  /** The documents written under `iam/`, with `*` for the account. */
  iam: IamDocuments;
}

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
  const groups = sagemakerLogGroups(names);
  const runtime = model.delivery === 'runtime';
  const modelData =
    runtime && model.source === 's3' && model.location ? parseS3Uri(model.location) : undefined;

  const ctx: Omit<ManagedInferenceContext, 'iam'> = {
    region,
    partition: partition.id,
    dnsSuffix: partition.dnsSuffix,
    names,
    // SageMaker hosts run x86_64 unless the instance is Graviton; images are built for this.
    image: imageNames(project.imageName, project.version, 'linux/amd64'),
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
    run: localRun(input, names.localContainer),
    ...optional('modelData', modelData),
    ...optional('hfTokenSecret', readString(options, OPTION_KEYS.hfTokenSecret)),
    installHint: 'npm install -g @mcc/cli',
    remoteBuild: { verb: 'submit', service: 'CodeBuild' },
  };
  return { ...ctx, iam: iamDocuments(iamScope(ctx, '*')) };
}

// Leaves absent keys out rather than `undefined`, so the context serialises cleanly.
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
