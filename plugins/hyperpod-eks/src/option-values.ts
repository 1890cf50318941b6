import { usageError } from '@mcc/sdk';
import type { OptionValues } from '@mcc/sdk';

// Core validates options from their specs; these readers guard the types the context relies on, so
// a caller that skipped validation gets an error naming the option rather than `NaN` in a manifest.

export function readInteger(values: OptionValues, key: string): number | undefined {
  const value = values[key];
  if (value === undefined) return undefined;
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
