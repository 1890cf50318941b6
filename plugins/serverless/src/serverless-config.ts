import { listOf, usageError } from '@mcc/sdk';
import type { OptionValues } from '@mcc/sdk';

import { MAX_CONCURRENCY_LIMIT, MEMORY_STEPS_MB } from './limits.js';
import { DEFAULT_MAX_CONCURRENCY, DEFAULT_MEMORY_MB, OPTION_KEYS } from './options.js';

/** ProductionVariantServerlessConfig as mcc sends it (ProvisionedConcurrency left out when unset). */
export interface ServerlessConfig {
  memoryMb: number;
  maxConcurrency: number;
  provisionedConcurrency?: number;
}

function integer(values: OptionValues, key: string, fallback?: number): number | undefined {
  const value = values[key] ?? fallback;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw usageError('OPTION_INVALID', `Option ${key} must be an integer, got "${String(value)}".`);
  }
  return value;
}

/**
 * Reads and checks the serverless options beyond what core's bounds check: memory comes in 1 GB
 * steps only, and provisioned concurrency cannot exceed the maximum (SageMaker would refuse both
 * at CreateEndpointConfig, after the role is made; failing at generation costs nothing).
 */
export function serverlessConfig(values: OptionValues): ServerlessConfig {
  const memoryMb = integer(values, OPTION_KEYS.memoryMb, DEFAULT_MEMORY_MB)!;
  if (!(MEMORY_STEPS_MB as readonly number[]).includes(memoryMb)) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${OPTION_KEYS.memoryMb} is ${memoryMb}, but serverless endpoints take ${listOf(MEMORY_STEPS_MB.map(String))} MB only.`,
      [
        `Choose the step at or above what the model needs, e.g. --option ${OPTION_KEYS.memoryMb}=${nextStep(memoryMb)}.`,
      ],
    );
  }
  const maxConcurrency = integer(values, OPTION_KEYS.maxConcurrency, DEFAULT_MAX_CONCURRENCY)!;
  if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY_LIMIT) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${OPTION_KEYS.maxConcurrency} is ${maxConcurrency}; it must be from 1 to ${MAX_CONCURRENCY_LIMIT}.`,
    );
  }
  const provisioned = integer(values, OPTION_KEYS.provisionedConcurrency);
  if (provisioned !== undefined && (provisioned < 1 || provisioned > maxConcurrency)) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${OPTION_KEYS.provisionedConcurrency} is ${provisioned}; it must be from 1 to ${OPTION_KEYS.maxConcurrency} (${maxConcurrency}).`,
      [
        `Lower ${OPTION_KEYS.provisionedConcurrency}, or raise ${OPTION_KEYS.maxConcurrency} to at least ${provisioned}.`,
      ],
    );
  }
  return {
    memoryMb,
    maxConcurrency,
    ...(provisioned === undefined ? {} : { provisionedConcurrency: provisioned }),
  };
}

/** The smallest allowed step at or above `mb`, else the largest. */
export function nextStep(mb: number): number {
  return MEMORY_STEPS_MB.find((step) => step >= mb) ?? MEMORY_STEPS_MB.at(-1)!;
}
