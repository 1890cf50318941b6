import { listOf, usageError } from '@mcc/sdk';
import type { OptionValues } from '@mcc/sdk';

// Core validates options from their specs; these readers only guard the types the context relies on,
// so a caller that skipped validation gets a clear error rather than `NaN` in a generated file.

export function readInteger(values: OptionValues, key: string, fallback: number): number {
  const value = values[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw usageError('OPTION_INVALID', `Option ${key} must be an integer, got "${String(value)}".`);
  }
  return value;
}

export function readString(values: OptionValues, key: string): string | undefined {
  const value = values[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw usageError('OPTION_INVALID', `Option ${key} must be a string, got "${String(value)}".`);
  }
  return value;
}

export function readChoice<T extends string>(
  values: OptionValues,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = values[key] ?? fallback;
  if (!choices.includes(value as T)) {
    throw usageError('OPTION_INVALID', `Option ${key} must be ${listOf(choices)}, got "${String(value)}".`);
  }
  return value as T;
}
