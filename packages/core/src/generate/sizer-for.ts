import type { Sizer } from '@mcc/sdk';

import type { Logger } from '../logger.js';
import type { ContributionRegistry } from '../registry/contribution-registry.js';

/**
 * The sizer for an accelerator: sizers load one at a time, in id order, until one sizes it, so
 * sizers that are not needed are never imported; one that fails to load is named and skipped.
 */
export async function sizerFor(
  registry: ContributionRegistry,
  accelerator: Sizer['accelerator'],
  logger: Logger,
): Promise<Sizer | undefined> {
  for (const entry of registry.list('sizer')) {
    let sizer: Sizer;
    try {
      sizer = await registry.load('sizer', entry.id);
    } catch (error) {
      logger.warn(`${(error as Error).message} (skipped)`);
      continue;
    }
    if (sizer.accelerator === accelerator) return sizer;
  }
  return undefined;
}
