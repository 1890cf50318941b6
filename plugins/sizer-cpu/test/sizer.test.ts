import { describe, expect, it } from 'vitest';
import type { Recommendation } from '@mcc/sdk';
import { cpuSizer, MAX_RECOMMENDATIONS } from '../src/sizer.js';
import { USABLE_MEMORY_FRACTION } from '../src/estimate.js';
import { catalog, GiB, MiB, request } from './fixtures.js';

const recommend = (...args: Parameters<typeof request>): Recommendation[] =>
  cpuSizer.recommend(request(...args), { catalog });

const usable = (r: Recommendation): number => r.memoryGiB * GiB * USABLE_MEMORY_FRACTION;

describe('the CPU sizer', () => {
  it('is a sizer for CPU servers', () => {
    expect(cpuSizer).toMatchObject({ kind: 'sizer', id: 'cpu', accelerator: 'cpu' });
  });

  it('recommends ml.m5.large for the sample model', () => {
    const sample = cpuSizer.recommend(
      {
        model: { source: 'sample', sample: true, delivery: 'train', sizeBytes: MiB },
        server: { id: 'sklearn', accelerator: 'cpu' },
      },
      { catalog },
    );
    expect(sample[0]?.instanceType).toBe('ml.m5.large');
  });

  it.each([0, 10 * 1024, 50 * MiB, 500 * MiB])(
    'recommends ml.m5.large for a small model (%i bytes)',
    (size) => {
      expect(recommend(size)[0]?.instanceType).toBe('ml.m5.large');
    },
  );

  it('returns a handful, best first, with alternatives of the same size in the stated family order', () => {
    const list = recommend(MiB);
    expect(list.length).toBeGreaterThan(1);
    expect(list.length).toBeLessThanOrEqual(MAX_RECOMMENDATIONS);
    expect(list.map((r) => r.instanceType)).toEqual([
      'ml.m5.large',
      'ml.m6i.large',
      'ml.c5.large',
      'ml.c6i.large',
      'ml.r5.large',
    ]);
  });

  it('recommends only CPU instances of the families it knows (no GPU, burstable or Graviton)', () => {
    for (const size of [0, MiB, GiB, 20e9]) {
      for (const r of recommend(size)) {
        expect(r.acceleratorCount).toBe(0);
        expect(r.instanceType).toMatch(/^ml\.(m5|m6i|c5|c6i|r5)\./);
      }
    }
  });

  it.each([MiB, 300 * MiB, 2e9, 8e9, 20e9, 60e9])(
    'keeps every estimate within the usable memory, sorted by vCPUs (%i-byte model)',
    (size) => {
      const list = recommend(size);
      expect(list.length).toBeGreaterThan(0);
      for (const r of list) {
        expect(r.estimatedMemoryBytes).toBeLessThanOrEqual(usable(r));
        // At least the runtime of one worker and the model held three times.
        expect(r.estimatedMemoryBytes).toBeGreaterThan(size * 3);
      }
      const vcpus = list.map((r) => r.vcpu);
      expect(vcpus).toEqual([...vcpus].sort((a, b) => a - b));
    },
  );

  it('moves to a memory-optimized instance for a mid-sized model, before a bigger general-purpose one', () => {
    // 2 GB × 3 leaves no room on 8 GiB; r5.large (16 GiB, 2 vCPU) fits two workers.
    expect(
      recommend(2e9)
        .map((r) => r.instanceType)
        .slice(0, 2),
    ).toEqual(['ml.r5.large', 'ml.m5.xlarge']);
  });

  it('recommends a big-memory instance for a 20 GB model', () => {
    const [first] = recommend(20e9);
    expect(first?.instanceType).toBe('ml.r5.4xlarge');
    expect(first?.memoryGiB).toBeGreaterThanOrEqual(64);
    expect(first?.estimatedMemoryBytes).toBeGreaterThan(3 * 20e9);
  });

  it('recommends nothing for a model too big for every instance (10 TB)', () => {
    expect(recommend(10e12)).toEqual([]);
  });

  it("honours the server's memory per model byte", () => {
    // 2 GB held once fits on ml.m5.large; held three times (the default) it does not.
    expect(recommend(2e9, { memoryPerModelByte: 1 })[0]?.instanceType).toBe('ml.m5.large');
    expect(recommend(2e9)[0]?.instanceType).not.toBe('ml.m5.large');
    // A nonsensical factor falls back to the default rather than sizing for nothing.
    expect(recommend(2e9, { memoryPerModelByte: 0 })).toEqual(recommend(2e9));
  });

  it('sizes for the runtime alone when the model size is unknown, and says so', () => {
    const [first] = recommend(undefined);
    expect(first?.instanceType).toBe('ml.m5.large');
    expect(first?.reason).toContain('model size unknown');
  });

  it('recommends nothing for a GPU server', () => {
    expect(recommend(MiB, { accelerator: 'gpu' })).toEqual([]);
  });

  it('passes on a known price and leaves an unknown one out', () => {
    const list = recommend(2e9);
    const m5xl = list.find((r) => r.instanceType === 'ml.m5.xlarge');
    expect(m5xl?.priceUsdPerHour).toBe(0.23);
    expect(m5xl?.reason).toContain('$0.23/hour');
    expect(list.find((r) => r.instanceType === 'ml.r5.large')).not.toHaveProperty('priceUsdPerHour');
  });
});

describe('the reason of a recommendation', () => {
  it('gives every figure of the estimate in one sentence', () => {
    const [first] = recommend(MiB);
    expect(first?.reason).toBe(
      'ml.m5.large (general purpose, 2 vCPU, 8 GiB) needs about 1.2 GiB of its 6.4 GiB usable (80%): ' +
        '704 MiB for the system, nginx and server plus 2 workers (one per vCPU) × 259 MiB ' +
        '(256 MiB runtime + the 1 MiB model × 3).',
    );
  });

  it('says when memory allows fewer workers than vCPUs', () => {
    const [first] = recommend(20e9);
    expect(first?.reason).toContain('ml.r5.4xlarge (memory optimized, 16 vCPU, 128 GiB)');
    expect(first?.reason).toContain('1 worker (memory allows 1 of 16 vCPUs)');
    expect(first?.reason).toContain('the 18.6 GiB model × 3');
    expect(first?.reason).toContain('102.4 GiB usable');
  });

  it('names the figures of every recommendation', () => {
    for (const r of recommend(300 * MiB)) {
      expect(r.reason).toContain(`${r.vcpu} vCPU`);
      expect(r.reason).toContain(`${r.memoryGiB} GiB`);
      expect(r.reason).toContain(`${Math.round((r.estimatedMemoryBytes / GiB) * 10) / 10} GiB`);
      expect(r.reason.split('. ')).toHaveLength(1);
    }
  });
});
