import { usageError } from '@mcc/sdk';
import type { DeployOptions } from '@mcc/sdk';

/**
 * The copy range autoscaling keeps, from --min-copies/--max-copies and the project's initial copy
 * count; undefined when neither flag is given (no autoscaling). Throws naming both values when they
 * do not make a range.
 */
export function copyRange(options: DeployOptions, copies: number): { min: number; max: number } | undefined {
  const { minCopies, maxCopies } = options;
  if (minCopies === undefined && maxCopies === undefined) return undefined;
  const min = minCopies ?? Math.min(copies, maxCopies ?? copies);
  const max = maxCopies ?? Math.max(copies, min);
  if (min < 1 || max < min) {
    throw usageError(
      'COPIES_INVALID',
      `--min-copies ${min} and --max-copies ${max} do not make a range: min must be at least 1 and at most max.`,
    );
  }
  return { min, max };
}
