import type { Recommendation } from '@mcc/sdk';
import { checkSizerConformance } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { familyRank } from '../src/families.js';
import { cpuSizer } from '../src/sizer.js';
import { catalog } from './fixtures.js';

const rankOf = (r: Recommendation): number => familyRank(r.instanceType.split('.')[1] ?? '') ?? Infinity;

/** The order the sizer documents: fewer vCPUs first, then the family preference, then memory. */
function claimedOrder(a: Recommendation, b: Recommendation): number {
  return a.vcpu - b.vcpu || rankOf(a) - rankOf(b) || a.memoryGiB - b.memoryGiB;
}

describe('sizer-cpu conformance', () => {
  it('ranks as it claims, and only feasible, distinct instances, on the kit catalog', async () => {
    expect(await checkSizerConformance(cpuSizer, { order: claimedOrder })).toEqual([]);
  });

  it('does so on the real catalog too', async () => {
    expect(await checkSizerConformance(cpuSizer, { order: claimedOrder, catalog })).toEqual([]);
  });
});
