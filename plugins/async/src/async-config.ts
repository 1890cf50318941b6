import { arnPartition, S3_URI_PATTERN, usageError } from '@mcc/sdk';
import type { OptionValues } from '@mcc/sdk';

import { MAX_CONCURRENT_INVOCATIONS_LIMIT } from './limits.js';
import {
  DEFAULT_INSTANCE_COUNT,
  DEFAULT_MAX_CONCURRENT_INVOCATIONS,
  MAX_INSTANCES_LIMIT,
  OPTION_KEYS,
  TOPIC_ARN_PATTERN,
} from './options.js';

/** The async options once read and checked; paths left out are resolved by `mcc deploy`. */
export interface AsyncSettings {
  outputPath?: string;
  failurePath?: string;
  successTopic?: string;
  errorTopic?: string;
  /** Present (true) with create-topics: `mcc deploy` creates the project's two topics. */
  createTopics?: true;
  maxConcurrentInvocations: number;
  instanceCount: number;
  /** Present with scale-to-zero: the scalable target's bounds. */
  scaling?: { minInstances: number; maxInstances: number };
}

function integer(
  values: OptionValues,
  key: string,
  min: number,
  max: number,
  fallback?: number,
): number | undefined {
  const value = values[key] ?? fallback;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${key} must be an integer from ${min} to ${max}, got "${String(value)}".`,
    );
  }
  return value;
}

function text(values: OptionValues, key: string, pattern: RegExp, hint: string): string | undefined {
  const value = values[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw usageError('OPTION_INVALID', `Option ${key} must be ${hint}, got "${String(value)}".`);
  }
  return value;
}

function flag(values: OptionValues, key: string): boolean {
  const value = values[key] ?? false;
  if (typeof value !== 'boolean') {
    throw usageError('OPTION_INVALID', `Option ${key} must be true or false, got "${String(value)}".`);
  }
  return value;
}

function topic(values: OptionValues, key: string, partition: string): string | undefined {
  const arn = text(
    values,
    key,
    TOPIC_ARN_PATTERN,
    'an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)',
  );
  if (arn !== undefined && arnPartition(arn) !== partition) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${key} "${arn}" is in partition ${arnPartition(arn) ?? 'unknown'}, but the project's region is in ${partition}.`,
    );
  }
  return arn;
}

/**
 * Reads the async options again although core checked each against its spec: a caller that skips
 * core (a test, another front end) gets the same clear errors, and the combinations core cannot
 * see (scaling bounds around the starting count) fail at generation rather than after the role
 * and model exist.
 */
export function asyncSettings(values: OptionValues, partition: string): AsyncSettings {
  const s3 = (key: string) => text(values, key, S3_URI_PATTERN, 'an s3://bucket/folder/ URI');
  const outputPath = s3(OPTION_KEYS.outputPath);
  const failurePath = s3(OPTION_KEYS.failurePath);
  const successTopic = topic(values, OPTION_KEYS.successTopic, partition);
  const errorTopic = topic(values, OPTION_KEYS.errorTopic, partition);
  const createTopics = flag(values, OPTION_KEYS.createTopics);
  if (createTopics && (successTopic !== undefined || errorTopic !== undefined)) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${OPTION_KEYS.createTopics}=true creates the project's topics; ${OPTION_KEYS.successTopic} and ${OPTION_KEYS.errorTopic} name existing ones.`,
      [`Use either ${OPTION_KEYS.createTopics}=true or the topic ARNs, not both.`],
    );
  }
  const maxConcurrentInvocations = integer(
    values,
    OPTION_KEYS.maxConcurrentInvocations,
    1,
    MAX_CONCURRENT_INVOCATIONS_LIMIT,
    DEFAULT_MAX_CONCURRENT_INVOCATIONS,
  )!;
  const instanceCount = integer(
    values,
    OPTION_KEYS.instanceCount,
    1,
    MAX_INSTANCES_LIMIT,
    DEFAULT_INSTANCE_COUNT,
  )!;
  const scaleToZero = flag(values, OPTION_KEYS.scaleToZero);
  const min = integer(values, OPTION_KEYS.minInstances, 0, MAX_INSTANCES_LIMIT);
  const max = integer(values, OPTION_KEYS.maxInstances, 1, MAX_INSTANCES_LIMIT);
  if (!scaleToZero && (min !== undefined || max !== undefined)) {
    throw usageError(
      'OPTION_INVALID',
      `Options ${OPTION_KEYS.minInstances} and ${OPTION_KEYS.maxInstances} bound autoscaling, which only ${OPTION_KEYS.scaleToZero}=true turns on.`,
      [`Add --option ${OPTION_KEYS.scaleToZero}=true, or leave the bounds out.`],
    );
  }
  let scaling: AsyncSettings['scaling'];
  if (scaleToZero) {
    const minInstances = min ?? 0;
    const maxInstances = max ?? instanceCount;
    if (minInstances > maxInstances || instanceCount > maxInstances) {
      throw usageError(
        'OPTION_INVALID',
        `With ${OPTION_KEYS.scaleToZero}=true, ${OPTION_KEYS.minInstances} (${minInstances}) and ${OPTION_KEYS.instanceCount} (${instanceCount}) must not exceed ${OPTION_KEYS.maxInstances} (${maxInstances}).`,
      );
    }
    scaling = { minInstances, maxInstances };
  }
  return {
    ...(outputPath === undefined ? {} : { outputPath }),
    ...(failurePath === undefined ? {} : { failurePath }),
    ...(successTopic === undefined ? {} : { successTopic }),
    ...(errorTopic === undefined ? {} : { errorTopic }),
    ...(createTopics ? { createTopics: true as const } : {}),
    maxConcurrentInvocations,
    instanceCount,
    ...(scaling === undefined ? {} : { scaling }),
  };
}
