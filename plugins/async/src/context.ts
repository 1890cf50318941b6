import { arnPartition, partitionOf, PLAN_ACCOUNT, s3Uri, usageError } from '@mcc/sdk';
import type { ProjectInput } from '@mcc/sdk';
import {
  CONTAINER_ENGINES,
  CONTAINER_ENGINE_OPTION,
  dnsSuffixOf,
  imageNames,
  localRun,
} from '@mcc/sdk/image';
import type { ContainerEngine, ImageKitContext } from '@mcc/sdk/image';

import { asyncSettings } from './async-config.js';
import type { AsyncSettings } from './async-config.js';
import { endpointLogGroup, iamDocuments } from './iam.js';
import type { IamDocuments, IamScope } from './iam.js';
import { MAX_INVOCATION_TIMEOUT_SECONDS, MAX_PAYLOAD_BYTES } from './limits.js';
import { resourceNames } from './names.js';
import type { ResourceNames } from './names.js';
import { OPTION_KEYS } from './options.js';
import { resolvePaths } from './paths.js';
import type { AsyncPaths } from './paths.js';

/**
 * What the async templates read under `ctx`, and what the verbs start from. The image kit's fields
 * (region, image, containerEngine, run, installHint) serve do/build, do/run and do/push.
 */
export interface AsyncContext extends ImageKitContext {
  partition: string;
  dnsSuffix: string;
  names: ResourceNames;
  endpoint: { name: string; configName: string; variantName: string; instanceType: string };
  model: { name: string };
  async: AsyncSettings;
  /** The S3 folders as `s3://` URIs, with `<account>` where the default bucket's account goes. */
  shownPaths: { input: string; output: string; failure: string };
  role: { name: string; arn?: string; createdByMcc: boolean; policyName: string };
  logGroup: string;
  limits: { payloadBytes: number; timeoutSeconds: number };
  iam: IamDocuments;
}

function checkRegion(region: string): void {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw usageError('REGION_INVALID', `Region "${region}" is not an AWS region name such as us-east-1.`);
  }
}

function readRoleArn(input: ProjectInput, partition: string): string | undefined {
  const value = input.target.options[OPTION_KEYS.roleArn];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(value)) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${OPTION_KEYS.roleArn} must be an IAM role ARN, got "${String(value)}".`,
    );
  }
  if (arnPartition(value) !== partition) {
    throw usageError(
      'ROLE_ARN_PARTITION_MISMATCH',
      `Option ${OPTION_KEYS.roleArn} "${value}" is in partition ${arnPartition(value) ?? 'unknown'}, but region ${input.region} is in ${partition}.`,
    );
  }
  return value;
}

function readEngine(input: ProjectInput): ContainerEngine {
  const value = input.target.options[CONTAINER_ENGINE_OPTION] ?? 'auto';
  if (!(CONTAINER_ENGINES as readonly unknown[]).includes(value)) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${CONTAINER_ENGINE_OPTION} must be one of ${CONTAINER_ENGINES.join(', ')}, got "${String(value)}".`,
    );
  }
  return value as ContainerEngine;
}

/** The project's S3 folders for an account (`*` in generated IAM, the real id in `mcc deploy`). */
export function pathsFor(ctx: Pick<AsyncContext, 'async' | 'region' | 'names'>, account: string): AsyncPaths {
  return resolvePaths(ctx.async, ctx.region, ctx.names.base, account);
}

/** The topics SageMaker tells of results in an account: the given ARNs, or the ones create-topics makes. */
export function topicArns(
  ctx: Pick<AsyncContext, 'async' | 'region' | 'partition' | 'names'>,
  account: string,
): { success?: string; error?: string } {
  if (ctx.async.createTopics) {
    const arn = (name: string) => `arn:${ctx.partition}:sns:${ctx.region}:${account}:${name}`;
    return { success: arn(ctx.names.successTopic), error: arn(ctx.names.errorTopic) };
  }
  return {
    ...(ctx.async.successTopic ? { success: ctx.async.successTopic } : {}),
    ...(ctx.async.errorTopic ? { error: ctx.async.errorTopic } : {}),
  };
}

/** Scopes the IAM documents to an account. */
export function iamScope(ctx: Omit<AsyncContext, 'iam'>, account: string): IamScope {
  return {
    partition: ctx.partition,
    region: ctx.region,
    account,
    repository: ctx.image.repository,
    logGroup: ctx.logGroup,
    paths: pathsFor(ctx, account),
    topics: Object.values(topicArns(ctx, account)),
  };
}

export function asyncContext(input: ProjectInput): AsyncContext {
  const { project, region } = input;
  checkRegion(region);
  const partition = partitionOf(region).id;
  const roleArn = readRoleArn(input, partition);
  const settings = asyncSettings(input.target.options, partition);
  const names = resourceNames(project.imageName);
  const shown = resolvePaths(settings, region, names.base, PLAN_ACCOUNT);
  const ctx: Omit<AsyncContext, 'iam'> = {
    region,
    partition,
    dnsSuffix: dnsSuffixOf(region),
    names,
    image: imageNames(project.imageName, project.version, 'linux/amd64'),
    containerEngine: readEngine(input),
    run: localRun(input, names.localContainer),
    installHint: 'npm install -g @mcc/cli',
    endpoint: {
      name: names.endpoint,
      configName: names.endpointConfig,
      variantName: 'AllTraffic',
      instanceType: input.instance.instanceType,
    },
    model: { name: names.model },
    async: settings,
    shownPaths: { input: s3Uri(shown.input), output: s3Uri(shown.output), failure: s3Uri(shown.failure) },
    role: {
      name: names.executionRole,
      ...(roleArn === undefined ? {} : { arn: roleArn }),
      createdByMcc: roleArn === undefined,
      policyName: 'mcc-execution',
    },
    logGroup: endpointLogGroup(names.endpoint),
    limits: { payloadBytes: MAX_PAYLOAD_BYTES, timeoutSeconds: MAX_INVOCATION_TIMEOUT_SECONDS },
  };
  return { ...ctx, iam: iamDocuments(iamScope(ctx, '*')) };
}
