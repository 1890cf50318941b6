import { checkSizerConformance } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { gpuSizer } from '../src/sizer.js';
import { LLAMA_8B, MIXTRAL, QWEN_72B, TINYLLAMA, catalog, request } from './fixtures.js';

// The GPU sizer claims cheapest first among priced instances, unpriced ones after: the kit's default order.
describe('sizer-gpu conformance', () => {
  it('ranks cheapest first, only feasible and distinct instances, on the kit catalog', async () => {
    expect(await checkSizerConformance(gpuSizer)).toEqual([]);
  });

  it('does so on the real catalog for small, mixture-of-experts and large models and several workloads', async () => {
    const requests = [
      request(TINYLLAMA),
      request(LLAMA_8B, { maxModelLen: 8192, concurrency: 8 }),
      request(LLAMA_8B, { dtype: 'int4' }),
      request(MIXTRAL),
      request(QWEN_72B, { tensorParallelDegree: 8 }),
    ];
    expect(await checkSizerConformance(gpuSizer, { catalog, requests })).toEqual([]);
  });
});
