import { arnPartition, partitionOf, PLAN_ACCOUNT, s3Uri, usageError } from '@mcc/sdk';
import type { ProjectInput } from '@mcc/sdk';
import { containerEngineOf, dnsSuffixOf, imageNames, localRun } from '@mcc/sdk/image';
import type { ImageKitContext } from '@mcc/sdk/image';

import { batchSettings, settingsWarnings } from './batch-config.js';
import type { BatchSettings } from './batch-config.js';
import { TRANSFORM_LOG_GROUP, iamDocuments } from './iam.js';
import type { IamDocuments, IamScope } from './iam.js';
import { MAX_INVOCATION_TIMEOUT_SECONDS, MAX_PAYLOAD_MB_LIMIT, REAL_TIME_PAYLOAD_MB } from './limits.js';
import { resourceNames } from './names.js';
import type { ResourceNames } from './names.js';
import { OPTION_KEYS, ROLE_ARN_PATTERN } from './options.js';
import { resolvePaths } from './paths.js';
import type { BatchPaths } from './paths.js';

/**
 * What the batch templates read under `ctx`, and what the verbs start from. The image kit's fields
 * (region, image, containerEngine, run, installHint) serve do/build, do/run and do/push.
 */
export interface BatchContext extends ImageKitContext {
  partition: string;
  dnsSuffix: string;
  names: ResourceNames;
  model: { name: string };
  /** The project's instance type: every job runs on instance-count of them. */
  instanceType: string;
  batch: BatchSettings;
  /** The S3 folders as `s3://` URIs, with `<account>` where the default bucket's account goes. */
  shownPaths: { input: string; output: string };
  role: { name: string; arn?: string; createdByMcc: boolean; policyName: string };
  logGroup: string;
  limits: { maxPayloadMb: number; realTimePayloadMb: number; maxTimeoutSeconds: number };
  /** Option combinations that rarely do what was meant (README, deploy, invoke). */
  warnings: string[];
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
  if (typeof value !== 'string' || !ROLE_ARN_PATTERN.test(value)) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${OPTION_KEYS.roleArn} must be an IAM role ARN such as arn:aws:iam::123456789012:role/my-role, got "${String(value)}".`,
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

/** The project's S3 folders for an account (`*` in generated IAM, the real id in `mcc deploy`). */
export function pathsFor(ctx: Pick<BatchContext, 'batch' | 'region' | 'names'>, account: string): BatchPaths {
  return resolvePaths(ctx.batch, ctx.region, ctx.names.base, account);
}

/** Scopes the IAM documents to an account. */
export function iamScope(ctx: Omit<BatchContext, 'iam'>, account: string): IamScope {
  return {
    partition: ctx.partition,
    region: ctx.region,
    account,
    repository: ctx.image.repository,
    logGroup: ctx.logGroup,
    jobPrefix: `${ctx.names.base}-`,
    paths: pathsFor(ctx, account),
  };
}

export function batchContext(input: ProjectInput): BatchContext {
  const { project, region } = input;
  checkRegion(region);
  const partition = partitionOf(region).id;
  const roleArn = readRoleArn(input, partition);
  const settings = batchSettings(input.target.options);
  const names = resourceNames(project.imageName);
  const shown = resolvePaths(settings, region, names.base, PLAN_ACCOUNT);
  const ctx: Omit<BatchContext, 'iam'> = {
    region,
    partition,
    dnsSuffix: dnsSuffixOf(region),
    names,
    image: imageNames(project.imageName, project.version, 'linux/amd64'),
    containerEngine: containerEngineOf(input.target.options),
    run: localRun(input, names.localContainer),
    installHint: 'npm install -g @mcc/cli',
    model: { name: names.model },
    instanceType: input.instance.instanceType,
    batch: settings,
    shownPaths: { input: s3Uri(shown.input), output: s3Uri(shown.output) },
    role: {
      name: names.executionRole,
      ...(roleArn === undefined ? {} : { arn: roleArn }),
      createdByMcc: roleArn === undefined,
      policyName: 'mcc-execution',
    },
    logGroup: TRANSFORM_LOG_GROUP,
    limits: {
      maxPayloadMb: MAX_PAYLOAD_MB_LIMIT,
      realTimePayloadMb: REAL_TIME_PAYLOAD_MB,
      maxTimeoutSeconds: MAX_INVOCATION_TIMEOUT_SECONDS,
    },
    warnings: settingsWarnings(settings),
  };
  return { ...ctx, iam: iamDocuments(iamScope(ctx, '*')) };
}
