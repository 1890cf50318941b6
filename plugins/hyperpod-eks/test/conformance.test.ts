import { checkTargetConformance } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { hyperpodEksTarget } from '../src/target.js';

describe('hyperpod-eks conformance', () => {
  it('renders clean for a cluster, and plans its AWS and Kubernetes steps without a call', async () => {
    expect(
      await checkTargetConformance(hyperpodEksTarget, {
        optionValues: { 'cluster-name': 'ml-cluster' },
        shellcheck: 'require',
        requirePlan: true,
      }),
    ).toEqual([]);
  });
});
