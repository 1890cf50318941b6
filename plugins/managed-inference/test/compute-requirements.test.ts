import { describe, expect, it } from 'vitest';

import type { ProjectInstance } from '@mcc/sdk';

import { computeRequirements } from '../src/lifecycle/compute-requirements.js';

const MiB = 1024 * 1024;
const M5_LARGE: ProjectInstance = {
  instanceType: 'ml.m5.large',
  vcpu: 2,
  memoryGiB: 8,
  acceleratorCount: 0,
  catalogued: true,
};
// (8 GiB - 1 GiB host reserve) x 0.9
const USABLE_MB = 6451;

describe('an inference component’s compute requirements', () => {
  it('reserves a copy’s whole share of the instance when no sizer sized the project', () => {
    expect(computeRequirements(M5_LARGE, { copies: 1, instanceCount: 1 })).toEqual({
      cpuCores: 2,
      minMemoryMb: USABLE_MB,
      accelerators: 0,
    });
  });

  it('reserves the sizer’s estimate, rounded up, and lets a copy grow to its share', () => {
    const sized = { ...M5_LARGE, sizing: { sizer: 'cpu', hostMemoryBytes: 1000 * MiB + 1 } };
    expect(computeRequirements(sized, { copies: 1, instanceCount: 1 })).toEqual({
      cpuCores: 2,
      minMemoryMb: 1001,
      maxMemoryMb: USABLE_MB,
      accelerators: 0,
    });
    expect(computeRequirements(sized, { copies: 2, instanceCount: 1 })).toEqual({
      cpuCores: 1,
      minMemoryMb: 1001,
      maxMemoryMb: Math.floor(USABLE_MB / 2),
      accelerators: 0,
    });
  });

  it('spreads copies over the instances before splitting one', () => {
    // 6 copies on 3 instances: 2 per instance.
    expect(computeRequirements(M5_LARGE, { copies: 6, instanceCount: 3 })).toMatchObject({
      cpuCores: 1,
      minMemoryMb: Math.floor(USABLE_MB / 2),
    });
    // 3 copies on 2 instances: one instance holds 2.
    expect(computeRequirements(M5_LARGE, { copies: 3, instanceCount: 2 }).cpuCores).toBe(1);
  });

  it('gives each copy its accelerators', () => {
    const g5 = { ...M5_LARGE, instanceType: 'ml.g5.12xlarge', vcpu: 48, memoryGiB: 192, acceleratorCount: 4 };
    expect(computeRequirements(g5, { copies: 2, instanceCount: 1 })).toMatchObject({
      cpuCores: 24,
      accelerators: 2,
    });
  });

  it('gives a copy the devices the GPU sizer split the model over', () => {
    const g5 = {
      ...M5_LARGE,
      instanceType: 'ml.g5.12xlarge',
      vcpu: 48,
      memoryGiB: 192,
      acceleratorCount: 4,
      sizing: { sizer: 'gpu', acceleratorMemoryBytes: 40e9, tensorParallelDegree: 2 },
    };
    expect(computeRequirements(g5, { copies: 1, instanceCount: 1 })).toMatchObject({ accelerators: 2 });
  });

  it('refuses copies whose estimates do not fit beside each other, saying how many do', () => {
    const sized = { ...M5_LARGE, sizing: { sizer: 'cpu', hostMemoryBytes: 2500 * MiB } };
    expect(() => computeRequirements(sized, { copies: 3, instanceCount: 1 })).toThrow(
      expect.objectContaining({
        code: 'COPIES_DO_NOT_FIT',
        message: expect.stringContaining('3 copies per ml.m5.large need 2500 MiB each'),
        suggestions: [expect.stringContaining('at most 2 copies')],
      }),
    );
    const huge = { ...M5_LARGE, sizing: { sizer: 'cpu', hostMemoryBytes: 7000 * MiB } };
    expect(() => computeRequirements(huge, { copies: 1, instanceCount: 1 })).toThrow(
      expect.objectContaining({
        suggestions: [expect.stringContaining('does not fit on ml.m5.large at all')],
      }),
    );
  });
});
