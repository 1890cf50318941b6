import { arnPartition, partitionOf, usageError } from '@mcc/sdk';
import type { ProjectInput } from '@mcc/sdk';
import {
  CONTAINER_ENGINES,
  CONTAINER_ENGINE_OPTION,
  dnsSuffixOf,
  imageNames,
  localRun,
} from '@mcc/sdk/image';
import type { ContainerEngine, ImageKitContext } from '@mcc/sdk/image';

import { fitWarnings } from './fit.js';
import { endpointLogGroup, iamDocuments } from './iam.js';
import type { IamDocuments, IamScope } from './iam.js';
import { INVOCATION_TIMEOUT_SECONDS, MAX_IMAGE_BYTES, MAX_PAYLOAD_BYTES } from './limits.js';
import { resourceNames } from './names.js';
import type { ResourceNames } from './names.js';
import { OPTION_KEYS } from './options.js';
import { serverlessConfig } from './serverless-config.js';
import type { ServerlessConfig } from './serverless-config.js';

/**
 * What the serverless templates read under `ctx`, and what the verbs start from. The image kit's
 * fields (region, image, containerEngine, run, installHint) serve do/build, do/run and do/push.
 */
export interface ServerlessContext extends ImageKitContext {
  partition: string;
  dnsSuffix: string;
  names: ResourceNames;
  endpoint: { name: string; configName: string; variantName: string };
  model: { name: string };
  serverless: ServerlessConfig;
  role: {
    name: string;
    /** Set when the user gave a role: mcc creates none and `iam/` stays as a reference. */
    arn?: string;
    createdByMcc: boolean;
    policyName: string;
  };
  logGroup: string;
  /** The service's fixed limits, for the README and `mcc invoke`. */
  limits: { payloadBytes: number; timeoutSeconds: number; imageBytes: number };
  /** What may not fit serverless (memory, model size): shown in the README and by `mcc deploy`. */
  warnings: string[];
  /** The documents written under `iam/`, with `*` for the account. */
  iam: IamDocuments;
}

function checkRegion(region: string): void {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw usageError('REGION_INVALID', `Region "${region}" is not an AWS region name such as us-east-1.`);
  }
}

/**
 * Core refuses GPU servers for this target already (`accelerators: ['cpu']`); the context refuses
 * a GPU instance too, so a caller that skipped core (a test, another front end) still cannot
 * produce a project that serverless could never run.
 */
function checkNoAccelerators(input: ProjectInput): void {
  if (input.instance.acceleratorCount > 0) {
    throw usageError(
      'TARGET_NO_GPU',
      `SageMaker serverless endpoints have no GPUs, but the project is sized for ${input.instance.instanceType} with ${input.instance.acceleratorCount} accelerator(s).`,
      ['Choose a CPU server and instance, or --target managed-inference for GPU serving.'],
    );
  }
}

function readRoleArn(input: ProjectInput, partition: string): string | undefined {
  const value = input.target.options[OPTION_KEYS.roleArn];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw usageError(
      'OPTION_INVALID',
      `Option ${OPTION_KEYS.roleArn} must be a string, got "${String(value)}".`,
    );
  }
  const rolePartition = arnPartition(value);
  if (rolePartition !== partition) {
    throw usageError(
      'ROLE_ARN_PARTITION_MISMATCH',
      `Option ${OPTION_KEYS.roleArn} "${value}" is in partition ${rolePartition ?? 'unknown'}, but region ${input.region} is in ${partition}.`,
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

/** Scopes the IAM documents to an account: `*` at generation, the real id in `mcc deploy`. */
export function iamScope(ctx: Omit<ServerlessContext, 'iam'>, account: string): IamScope {
  return {
    partition: ctx.partition,
    region: ctx.region,
    account,
    repository: ctx.image.repository,
    logGroup: ctx.logGroup,
  };
}

export function serverlessContext(input: ProjectInput): ServerlessContext {
  const { project, region } = input;
  checkRegion(region);
  checkNoAccelerators(input);
  const partition = partitionOf(region).id;
  const roleArn = readRoleArn(input, partition);
  const serverless = serverlessConfig(input.target.options);
  const names = resourceNames(project.imageName);
  const ctx: Omit<ServerlessContext, 'iam'> = {
    region,
    partition,
    dnsSuffix: dnsSuffixOf(region),
    names,
    // Serverless endpoints run x86_64 only.
    image: imageNames(project.imageName, project.version, 'linux/amd64'),
    containerEngine: readEngine(input),
    run: localRun(input, names.localContainer),
    installHint: 'npm install -g @mcc/cli',
    endpoint: { name: names.endpoint, configName: names.endpointConfig, variantName: 'AllTraffic' },
    model: { name: names.model },
    serverless,
    role: {
      name: names.executionRole,
      ...(roleArn === undefined ? {} : { arn: roleArn }),
      createdByMcc: roleArn === undefined,
      policyName: 'mcc-execution',
    },
    logGroup: endpointLogGroup(names.endpoint),
    limits: {
      payloadBytes: MAX_PAYLOAD_BYTES,
      timeoutSeconds: INVOCATION_TIMEOUT_SECONDS,
      imageBytes: MAX_IMAGE_BYTES,
    },
    warnings: fitWarnings(input, serverless.memoryMb),
  };
  return { ...ctx, iam: iamDocuments(iamScope(ctx, '*')) };
}
