import { usageError } from '@mcc/sdk';
import type { DeployOptions } from '@mcc/sdk';

import type { ManagedInferenceContext } from '../context.js';

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

/**
 * The instances managed instance scaling may run: the project's count, widened so the copy range
 * fits at the copies one instance holds (the initial copies spread over the initial instances).
 * Without it, copies autoscaling adds beyond the first instances would never be placed.
 */
export function instanceRange(
  ctx: ManagedInferenceContext,
  range: { min: number; max: number } | undefined,
): { min: number; max: number } {
  const count = ctx.endpoint.instanceCount;
  if (!range) return { min: count, max: count };
  const perInstance = Math.max(1, Math.ceil(ctx.inferenceComponent.copies / count));
  return {
    min: Math.min(count, Math.max(1, Math.ceil(range.min / perInstance))),
    max: Math.max(count, Math.ceil(range.max / perInstance)),
  };
}
