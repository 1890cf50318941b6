import { checkTargetConformance } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { hyperpodEksTarget } from '../src/target.js';

describe('hyperpod-eks conformance', () => {
  it('renders clean for a cluster (it has no planDeploy: most of its deploy is Kubernetes requests)', async () => {
    expect(
      await checkTargetConformance(hyperpodEksTarget, {
        optionValues: { 'cluster-name': 'ml-cluster' },
        shellcheck: 'require',
      }),
    ).toEqual([]);
  });
});
