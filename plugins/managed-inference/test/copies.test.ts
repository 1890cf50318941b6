import { describe, expect, it } from 'vitest';

import { managedInferenceContext } from '../src/context.js';
import { copyRange, instanceRange } from '../src/lifecycle/copies.js';
import { projectInput } from './fixtures.js';

const ctx = (instanceCount: number, copies: number) =>
  managedInferenceContext(projectInput({ options: { 'instance-count': instanceCount, copies } }));

describe('the instances managed instance scaling may run', () => {
  it('is the project’s count when copies are not autoscaled', () => {
    expect(instanceRange(ctx(2, 2), undefined)).toEqual({ min: 2, max: 2 });
  });

  it('widens to hold the copy range at the copies one instance holds', () => {
    // Two copies share each of 1 instance: 8 copies need 4 instances, 1 copy needs 1.
    expect(instanceRange(ctx(1, 2), { min: 1, max: 8 })).toEqual({ min: 1, max: 4 });
    // Never narrower than the project's own count.
    expect(instanceRange(ctx(3, 3), { min: 3, max: 2 + 1 })).toEqual({ min: 3, max: 3 });
    expect(instanceRange(ctx(3, 3), { min: 1, max: 5 })).toEqual({ min: 1, max: 5 });
  });

  it('follows the copy range the flags give', () => {
    expect(
      instanceRange(ctx(1, 1), copyRange({ keepFailed: false, timeoutSeconds: 60, maxCopies: 3 }, 1)),
    ).toEqual({ min: 1, max: 3 });
  });
});
