import { listOf, S3_URI_PATTERN, usageError } from '@mcc/sdk';
import type { OptionValues } from '@mcc/sdk';

import { MAX_PAYLOAD_TIMES_CONCURRENCY_MB } from './limits.js';
import {
  ASSEMBLE_WITH,
  BATCH_STRATEGIES,
  MEDIA_TYPE_PATTERN,
  OPTION_KEYS,
  SPLIT_TYPES,
  batchOptions,
} from './options.js';
import type { AssembleWith, BatchStrategy, SplitType } from './options.js';

/** The batch options once read and checked; paths left out are resolved by `mcc deploy`. */
export interface BatchSettings {
  inputPath?: string;
  outputPath?: string;
  contentType: string;
  accept: string;
  splitType: SplitType;
  assembleWith: AssembleWith;
  batchStrategy: BatchStrategy;
  maxPayloadMb: number;
  maxConcurrentTransforms: number;
  instanceCount: number;
  invocationTimeoutSeconds: number;
  invocationRetries: number;
}

const spec = (key: string) => batchOptions.find((option) => option.key === key)!;

function integer(values: OptionValues, key: string): number {
  const { min = 0, max = Number.MAX_SAFE_INTEGER, default: fallback } = spec(key);
  const value = values[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${key} must be an integer from ${min} to ${max}, got "${String(value)}".`,
    );
  }
  return value;
}

function choice<T extends string>(values: OptionValues, key: string, choices: readonly T[]): T {
  const value = values[key] ?? spec(key).default;
  if (!(choices as readonly unknown[]).includes(value)) {
    throw usageError('OPTION_INVALID', `Option ${key} must be ${listOf(choices)}, got "${String(value)}".`);
  }
  return value as T;
}

function text(values: OptionValues, key: string, pattern: RegExp): string | undefined {
  const value = values[key] ?? spec(key).default;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw usageError(
      'OPTION_INVALID',
      `Option ${key} must be ${spec(key).patternHint ?? 'valid'}, got "${String(value)}".`,
    );
  }
  return value;
}

/**
 * Reads the batch options again although core checked each against its spec: a caller that skips
 * core (a test, another front end) gets the same errors, and the rules that bind two options are
 * checked here, at generation, rather than by SageMaker after the role and model exist.
 */
export function batchSettings(values: OptionValues): BatchSettings {
  const inputPath = text(values, OPTION_KEYS.inputPath, S3_URI_PATTERN);
  const outputPath = text(values, OPTION_KEYS.outputPath, S3_URI_PATTERN);
  const settings: BatchSettings = {
    ...(inputPath === undefined ? {} : { inputPath }),
    ...(outputPath === undefined ? {} : { outputPath }),
    contentType: text(values, OPTION_KEYS.contentType, MEDIA_TYPE_PATTERN)!,
    accept: text(values, OPTION_KEYS.accept, MEDIA_TYPE_PATTERN)!,
    splitType: choice(values, OPTION_KEYS.splitType, SPLIT_TYPES),
    assembleWith: choice(values, OPTION_KEYS.assembleWith, ASSEMBLE_WITH),
    batchStrategy: choice(values, OPTION_KEYS.batchStrategy, BATCH_STRATEGIES),
    maxPayloadMb: integer(values, OPTION_KEYS.maxPayloadMb),
    maxConcurrentTransforms: integer(values, OPTION_KEYS.maxConcurrentTransforms),
    instanceCount: integer(values, OPTION_KEYS.instanceCount),
    invocationTimeoutSeconds: integer(values, OPTION_KEYS.invocationTimeout),
    invocationRetries: integer(values, OPTION_KEYS.invocationRetries),
  };
  checkCombination(settings);
  return settings;
}

/** The API's own rules across options: refused now, with the values that break them. */
function checkCombination(s: BatchSettings): void {
  const product = s.maxPayloadMb * s.maxConcurrentTransforms;
  if (product > MAX_PAYLOAD_TIMES_CONCURRENCY_MB) {
    throw usageError(
      'OPTION_INVALID',
      `${OPTION_KEYS.maxPayloadMb} (${s.maxPayloadMb}) × ${OPTION_KEYS.maxConcurrentTransforms} (${s.maxConcurrentTransforms}) is ${product} MB; SageMaker allows at most ${MAX_PAYLOAD_TIMES_CONCURRENCY_MB} MB in flight per instance.`,
      [
        `Lower one of them, e.g. --option ${OPTION_KEYS.maxConcurrentTransforms}=${Math.max(1, Math.floor(MAX_PAYLOAD_TIMES_CONCURRENCY_MB / Math.max(1, s.maxPayloadMb)))}.`,
      ],
    );
  }
  if (s.maxPayloadMb === 0 && s.batchStrategy === 'MultiRecord') {
    throw usageError(
      'OPTION_INVALID',
      `${OPTION_KEYS.maxPayloadMb}=0 (chunked streaming) leaves no size to fill a mini-batch to, so ${OPTION_KEYS.batchStrategy}=MultiRecord cannot be used with it.`,
      [
        `Use --option ${OPTION_KEYS.batchStrategy}=SingleRecord, or a ${OPTION_KEYS.maxPayloadMb} from 1 to 100.`,
      ],
    );
  }
}

/**
 * Combinations SageMaker accepts but that rarely do what was meant, in words: shown in the README
 * and repeated by `mcc deploy` and `mcc invoke` (a context has no logger: it is pure).
 */
export function settingsWarnings(s: BatchSettings): string[] {
  const warnings: string[] = [];
  if (s.splitType === 'Line' && s.assembleWith === 'None') {
    warnings.push(
      `With ${OPTION_KEYS.splitType}=Line and ${OPTION_KEYS.assembleWith}=None the results of consecutive requests are joined with no separator, so lines may run together; ${OPTION_KEYS.assembleWith}=Line keeps one result per line.`,
    );
  }
  if (s.assembleWith === 'Line' && (s.splitType === 'RecordIO' || s.splitType === 'TFRecord')) {
    warnings.push(
      `${OPTION_KEYS.assembleWith}=Line puts a newline after each result; that only reads back record by record when the results are text (${OPTION_KEYS.splitType}=${s.splitType} inputs are binary records).`,
    );
  }
  if (s.splitType === 'None' && s.batchStrategy === 'MultiRecord') {
    warnings.push(
      `With ${OPTION_KEYS.splitType}=None each input object is one request, so ${OPTION_KEYS.batchStrategy}=MultiRecord batches nothing and an object larger than ${OPTION_KEYS.maxPayloadMb}=${s.maxPayloadMb} MB fails the job.`,
    );
  }
  if (s.batchStrategy === 'MultiRecord' && s.assembleWith === 'Line' && !/csv/i.test(s.accept)) {
    warnings.push(
      `The server answers a mini-batch of many records as one ${s.accept} document, so with ${OPTION_KEYS.accept}=${s.accept} the output has one line per mini-batch, not per record; ${OPTION_KEYS.accept}=text/csv gives one line per record.`,
    );
  }
  return warnings;
}
