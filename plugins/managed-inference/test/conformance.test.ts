import { checkTargetConformance } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { managedInferenceTarget } from '../src/target.js';

describe('managed-inference conformance', () => {
  it('renders clean and plans a deploy without any call', async () => {
    expect(
      await checkTargetConformance(managedInferenceTarget, {
        shellcheck: 'require',
        requirePlan: true,
        optionSets: [{ 'container-engine': 'podman', 'role-arn': 'arn:aws:iam::123456789012:role/own' }],
      }),
    ).toEqual([]);
  });
});
