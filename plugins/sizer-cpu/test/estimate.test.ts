import { describe, expect, it } from 'vitest';
import {
  estimateServing,
  FIXED_BYTES,
  GiB,
  MiB,
  USABLE_MEMORY_FRACTION,
  WORKER_RUNTIME_BYTES,
} from '../src/estimate.js';
import { formatBytes } from '../src/format.js';

describe('estimateServing', () => {
  it('runs one worker per vCPU when memory allows', () => {
    const e = estimateServing({ vcpu: 2, memoryGiB: 8 }, MiB, 3);
    expect(e).toEqual({
      workers: 2,
      modelBytesInMemory: 3 * MiB,
      perWorkerBytes: WORKER_RUNTIME_BYTES + 3 * MiB,
      estimatedBytes: FIXED_BYTES + 2 * (WORKER_RUNTIME_BYTES + 3 * MiB),
      usableBytes: Math.floor(8 * GiB * USABLE_MEMORY_FRACTION),
    });
  });

  it('runs fewer workers than vCPUs when memory holds fewer copies of the model', () => {
    const e = estimateServing({ vcpu: 16, memoryGiB: 64 }, 5 * GiB, 3);
    expect(e?.workers).toBe(3);
    expect(e!.estimatedBytes).toBeLessThanOrEqual(e!.usableBytes);
    expect(e!.estimatedBytes + e!.perWorkerBytes).toBeGreaterThan(e!.usableBytes);
  });

  it('is undefined when not even one worker fits', () => {
    expect(estimateServing({ vcpu: 2, memoryGiB: 4 }, 2 * GiB, 3)).toBeUndefined();
    expect(estimateServing({ vcpu: 2, memoryGiB: 0.5 }, 0, 3)).toBeUndefined();
  });
});

describe('formatBytes', () => {
  it.each([
    [12, '12 bytes'],
    [300 * 1024, '300 KiB'],
    [MiB, '1 MiB'],
    [1.5 * MiB, '1.5 MiB'],
    [259 * MiB, '259 MiB'],
    [8 * GiB, '8 GiB'],
    [1.25 * GiB, '1.3 GiB'],
  ])('%i → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
