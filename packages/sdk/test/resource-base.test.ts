import { describe, expect, it } from 'vitest';

import { BASE_MAX_LENGTH, DEPLOY_SUFFIX_MAX_LENGTH, resourceBase } from '../src/lifecycle/resource-base.js';

describe('resourceBase, the stem of every SageMaker name', () => {
  it('keeps SageMaker’s alphabet and no edge hyphens', () => {
    expect(resourceBase('team/Abalone_v2.1')).toBe('team-abalone-v2-1');
    expect(resourceBase('--x--')).toBe('x');
    expect(resourceBase('___')).toBe('mcc-project');
  });

  it('shortens long names with a fingerprint, so two that share a head stay apart', () => {
    const a = resourceBase(`${'a'.repeat(60)}-one`);
    const b = resourceBase(`${'a'.repeat(60)}-two`);
    expect(a.length).toBeLessThanOrEqual(BASE_MAX_LENGTH);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^a+-[0-9a-f]{6}$/);
    // the longest name a target derives (`-config` plus a deploy suffix) fits SageMaker's 63
    expect(`${a}-config`.length + DEPLOY_SUFFIX_MAX_LENGTH).toBeLessThanOrEqual(63);
  });
});
