import { describe, expect, it } from 'vitest';
import type { InstanceInfo, Recommendation, Workload } from '@mcc/sdk';
import { gpuSizer } from '../src/sizer.js';
import { readArchitecture } from '../src/architecture.js';
import { estimatePerGpu, GPU_MEMORY_FRACTION } from '../src/estimate.js';
import { splits, validDegrees } from '../src/tensor-parallel.js';
import {
  catalog,
  catalogOf,
  FALCON_7B,
  GEMMA_2_9B,
  GiB,
  gpu,
  hfConfigs,
  instances,
  LLAMA_8B,
  MiB,
  MIXTRAL,
  QWEN_72B,
  request,
  TINYLLAMA,
  type Config,
} from './fixtures.js';

const recommend = (config: Config, workload?: Workload, c = catalog): Recommendation[] =>
  gpuSizer.recommend(request(config, workload), { catalog: c });

const WORKLOADS: Workload[] = [
  {},
  { dtype: 'int4' },
  { dtype: 'fp8', maxModelLen: 2048, concurrency: 32 },
  { dtype: 'fp32', concurrency: 1 },
  { concurrency: 16 },
];

describe('the GPU sizer', () => {
  it('is a sizer for GPU servers, and returns nothing for a CPU server', () => {
    expect(gpuSizer).toMatchObject({ kind: 'sizer', id: 'gpu', accelerator: 'gpu' });
    const cpu = { ...request(LLAMA_8B), server: { id: 'sklearn', accelerator: 'cpu' as const } };
    expect(gpuSizer.recommend(cpu, { catalog })).toEqual([]);
  });

  it('Llama-3.1-8B bf16 by hand: 16.06e9 B weights + 2 GiB KV + 1.85 GiB overhead = 18.8 GiB, fits one 24 GB GPU', () => {
    // weights: 8,030,261,248 params × 2 B = 16,060,522,496 B (14.96 GiB)
    // KV per token: 2 × 32 layers × 8 KV heads × 128 × 2 B = 131,072 B; × 4096 tokens × 4 sequences = 2 GiB
    // overhead: 1 GiB + 5% × (16,060,522,496 + 2,147,483,648) = 1,073,741,824 + 910,400,307.2 → 1,984,142,132
    // total 20,192,148,276 B (18.81 GiB) ≤ A10G/L4 usable 22888 MiB × 0.9 = 21,599,826,739 B (20.12 GiB)
    const list = recommend(LLAMA_8B);
    const top = list[0]!;
    expect(top).toMatchObject({
      instanceType: 'ml.g6.2xlarge', // $1.222: the cheapest priced instance where it fits
      acceleratorCount: 1,
      tensorParallelDegree: 1,
      estimatedMemoryBytes: 20_192_148_276,
      usableMemoryBytes: 21_599_826_739,
      breakdown: { weightsBytes: 16_060_522_496, kvCacheBytes: 2 * GiB, overheadBytes: 1_984_142_132 },
      priceUsdPerHour: 1.222,
    });
    expect(list.map((r) => r.instanceType).slice(0, 3)).toEqual([
      'ml.g6.2xlarge',
      'ml.g5.xlarge',
      'ml.g5.2xlarge',
    ]);
    // A 16 GiB T4 (14.4 GiB usable) is too small for one copy, so g4dn's single-GPU sizes are absent.
    expect(list.some((r) => r.instanceType === 'ml.g4dn.xlarge')).toBe(false);
    expect(top.reason).toContain('needs 18.8 GiB of 20.1 GiB usable');
    expect(top.reason).toContain('8.03B parameters');
    expect(top.reason).toContain(
      '4 sequences × 4096 tokens × 128 KiB per token (2 × 32 layers × 8 KV heads × 128 head dim × 2 B)',
    );
    expect(top.reason).toContain('overhead 1.8 GiB');
    expect(top.reason).toContain('$1.222/hour');
  });

  it('splits over 4 T4s with TP 4 and says the T4 has no bf16', () => {
    const g4 = recommend(LLAMA_8B).find((r) => r.instanceType === 'ml.g4dn.12xlarge')!;
    // per GPU: 16,060,522,496 / 4 = 4,015,130,624 weights + KV 131,072 / 4 × 16,384 tokens = 512 MiB
    expect(g4.tensorParallelDegree).toBe(4);
    expect(g4.breakdown!.kvCacheBytes).toBe(4 * 512 * MiB);
    expect(g4.reason).toMatch(/split over 4 \(tensor-parallel degree 4\).*T4 has no bf16/);
  });

  it.each(Object.keys(hfConfigs))(
    '%s: never recommends an instance where it does not fit, and misses none where it does',
    (name) => {
      const config = hfConfigs[name]!;
      const arch = readArchitecture(config, name);
      for (const workload of WORKLOADS) {
        const list = recommend(config, workload);
        const byType = new Map(list.map((r) => [r.instanceType, r]));
        expect(byType.size).toBe(list.length);
        for (const r of list) {
          const info = catalog.get(r.instanceType)!;
          expect(info.accelerator?.kind).toBe('gpu');
          const tp = r.tensorParallelDegree!;
          expect(tp).toBeLessThanOrEqual(info.accelerator!.count);
          expect(splits(arch, tp)).toBe(true);
          expect(r.estimatedMemoryBytes).toBeLessThanOrEqual(r.usableMemoryBytes!);
          const perGpuUsable = Math.floor(info.accelerator!.memoryPerDeviceMiB * MiB * GPU_MEMORY_FRACTION);
          expect(r.usableMemoryBytes).toBe(perGpuUsable * tp);
          // Per GPU, too: weights split evenly, each GPU's KV cache and overhead.
          expect(
            Math.ceil(r.breakdown!.weightsBytes / tp) +
              (r.breakdown!.kvCacheBytes + r.breakdown!.overheadBytes) / tp,
          ).toBeLessThanOrEqual(perGpuUsable);
        }
        // Completeness: every GPU instance left out has no split where the estimate fits.
        const weightsBytes = list[0]?.breakdown?.weightsBytes;
        if (weightsBytes === undefined) continue;
        const kvBytes = workload.dtype === 'fp32' ? 4 : 2;
        const tokens =
          Math.min(workload.maxModelLen ?? 4096, arch.maxPositions ?? Infinity) * (workload.concurrency ?? 4);
        for (const info of instances) {
          if (info.accelerator?.kind !== 'gpu' || byType.has(info.instanceType)) continue;
          for (const tp of validDegrees(arch).filter((d) => d <= info.accelerator!.count)) {
            expect(
              estimatePerGpu({ arch, weightsBytes, kvBytes, tokens }, info.accelerator.memoryPerDeviceMiB, tp)
                .fits,
            ).toBe(false);
          }
        }
      }
    },
  );

  it.each(Object.keys(hfConfigs))(
    '%s: ranks priced instances cheapest first, then unpriced by GPU memory',
    (name) => {
      const list = recommend(hfConfigs[name]!);
      const firstUnpriced = list.findIndex((r) => r.priceUsdPerHour === undefined);
      const priced = firstUnpriced < 0 ? list : list.slice(0, firstUnpriced);
      const unpriced = firstUnpriced < 0 ? [] : list.slice(firstUnpriced);
      expect(unpriced.every((r) => r.priceUsdPerHour === undefined)).toBe(true);
      const prices = priced.map((r) => r.priceUsdPerHour!);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      const memory = (r: Recommendation) =>
        r.acceleratorCount * catalog.get(r.instanceType)!.accelerator!.memoryPerDeviceMiB;
      const memories = unpriced.map(memory);
      expect(memories).toEqual([...memories].sort((a, b) => a - b));
      for (const r of unpriced) expect(r.reason).toContain("price unknown in mcc's catalog");
    },
  );

  it('ranks by headroom between equal prices, and unpriced instances by total GPU memory then count', () => {
    const small = gpu('ml.a.xlarge', 1, 24_000, 2);
    const large = gpu('ml.b.xlarge', 1, 48_000, 2);
    const mid = gpu('ml.c.2xlarge', 2, 24_000); // 48,000 MiB in all, unpriced
    const big = gpu('ml.d.4xlarge', 4, 48_000); // 192,000 MiB, unpriced
    const one = gpu('ml.e.xlarge', 1, 48_000); // 48,000 MiB on one GPU, unpriced
    const list = recommend(TINYLLAMA, {}, catalogOf([big, mid, small, one, large]));
    expect(list.map((r) => r.instanceType)).toEqual([
      'ml.b.xlarge',
      'ml.a.xlarge',
      'ml.e.xlarge',
      'ml.c.2xlarge',
      'ml.d.4xlarge',
    ]);
  });

  it('counts every expert of Mixtral: 93.4e9 B of weights do not fit 4 × 24 GB, so 8 GPUs it is', () => {
    // 46,702,792,704 × 2 B = 93,405,585,408 B; / 4 GPUs = 23,351,396,352 B > 21,599,826,739 usable on an A10G
    const list = recommend(MIXTRAL);
    expect(list[0]).toMatchObject({ instanceType: 'ml.g6.48xlarge', tensorParallelDegree: 8 });
    expect(list[0]!.breakdown!.weightsBytes).toBe(93_405_585_408);
    expect(list.some((r) => r.instanceType === 'ml.g5.12xlarge')).toBe(false);
    expect(list[0]!.reason).toContain('all 8 experts resident, 2 used per token');
  });

  it('Qwen2.5-72B bf16 (145.4e9 B) needs eight 24 GB GPUs; in int4 (36.4e9 B) four 16 GB T4s', () => {
    expect(recommend(QWEN_72B)[0]).toMatchObject({ instanceType: 'ml.g6.48xlarge', tensorParallelDegree: 8 });
    // int4 per GPU: 36,353,101,824 / 4 = 8.46 GiB + KV 2 × 80 × 2 × 128 × 2 B × 16,384 = 1.25 GiB
    // + overhead 1 GiB + 5% × 9.71 GiB = 1.49 GiB → 11.2 GiB ≤ 14.4 GiB usable of a T4 ($4.89, g4dn.12xlarge)
    const int4 = recommend(QWEN_72B, { dtype: 'int4' })[0]!;
    expect(int4).toMatchObject({ instanceType: 'ml.g4dn.12xlarge', tensorParallelDegree: 4 });
    expect(int4.breakdown!.weightsBytes).toBe(72_706_203_648 / 2);
  });

  it('Gemma-2-9B: 5.25 GiB of KV cache (336 KiB per token × 16,384) is what keeps it off one 24 GB GPU', () => {
    // weights 9,241,705,984 × 2 = 18,483,411,968 B (17.2 GiB) + KV 344,064 × 16,384 = 5.25 GiB > 20.1 GiB usable
    const list = recommend(GEMMA_2_9B);
    expect(list.every((r) => r.tensorParallelDegree! > 1 || r.usableMemoryBytes! > 40 * GiB)).toBe(true);
    // One 512-token sequence: KV 344,064 × 512 = 168 MiB; 17.2 + 0.16 + (1 + 0.87) overhead = 19.2 GiB ≤ 20.1
    const short = recommend(GEMMA_2_9B, { maxModelLen: 512, concurrency: 1 })[0]!;
    expect(short).toMatchObject({ instanceType: 'ml.g6.2xlarge', tensorParallelDegree: 1 });
    expect(short.breakdown!.kvCacheBytes).toBe(344_064 * 512);
  });

  describe('tensor parallelism', () => {
    it('keeps Falcon-7B (71 heads) on one GPU, even on 4- and 8-GPU instances', () => {
      const list = recommend(FALCON_7B, { concurrency: 64 });
      expect(list.length).toBeGreaterThan(0);
      for (const r of list) expect(r.tensorParallelDegree).toBe(1);
      const multi = list.find((r) => r.acceleratorCount > 1)!;
      expect(multi.reason).toContain('71 attention heads and 1 KV head split no further');
    });

    it('uses the widest split that fits an instance, and only degrees dividing the heads', () => {
      for (const r of recommend(LLAMA_8B)) expect(r.tensorParallelDegree).toBe(r.acceleratorCount);
      expect(validDegrees(readArchitecture(LLAMA_8B, 'm'))).toEqual([1, 2, 4, 8]);
      expect(validDegrees(readArchitecture(FALCON_7B, 'm'))).toEqual([1]);
    });

    it('honours a fixed degree: only instances with that many GPUs, all split that way', () => {
      const list = recommend(LLAMA_8B, { tensorParallelDegree: 2 });
      expect(list.length).toBeGreaterThan(0);
      for (const r of list) {
        expect(r.tensorParallelDegree).toBe(2);
        expect(r.acceleratorCount).toBeGreaterThanOrEqual(2);
      }
      expect(list[0]!.reason).toContain('uses 2 of its 4 GPUs, the degree given');
    });

    it.each([
      [
        FALCON_7B,
        2,
        /degree 2 is not possible for org\/model: it does not split the model's 71 attention heads and 1 KV heads evenly\. Accepted: 1\./,
      ],
      [LLAMA_8B, 3, /degree 3 is not possible .*an instance has 1, 2, 4 or 8 GPUs.*Accepted: 1, 2, 4 or 8/],
      [LLAMA_8B, 16, /Accepted: 1, 2, 4 or 8/],
    ] as const)('rejects a degree that does not split the heads (%#)', (config, tp, message) => {
      expect(() => recommend(config, { tensorParallelDegree: tp })).toThrow(
        expect.objectContaining({
          code: 'INVALID_TENSOR_PARALLEL_DEGREE',
          exitCode: 2,
          message: expect.stringMatching(message),
        }),
      );
    });
  });

  describe('dtype and workload', () => {
    it.each([
      ['fp32', 4, 4],
      ['bf16', 2, 2],
      ['fp16', 2, 2],
      ['float16', 2, 2],
      ['fp8', 1, 2],
      ['int8', 1, 2],
      ['int4', 0.5, 2],
      ['auto', 2, 2], // the config's torch_dtype, bfloat16
    ] as const)('%s: %d B per parameter, %d B per KV element', (dtype, perParam, kvBytes) => {
      const r = recommend(LLAMA_8B, { dtype, maxModelLen: 1024, concurrency: 1 })[0]!;
      expect(r.breakdown!.weightsBytes).toBe(Math.ceil(8_030_261_248 * perParam));
      // 2 × 32 layers × 8 KV heads × 128 × bytes × 1024 tokens, whatever the split (8 KV heads divide by it)
      expect(r.breakdown!.kvCacheBytes).toBe(2 * 32 * 8 * 128 * kvBytes * 1024);
    });

    it('reads a pre-quantized checkpoint under auto (AWQ 4-bit → int4)', () => {
      const awq = { ...LLAMA_8B, quantization_config: { quant_method: 'awq', bits: 4 } };
      const r = recommend(awq)[0]!;
      expect(r.breakdown!.weightsBytes).toBe(8_030_261_248 / 2);
      expect(r.reason).toContain("int4, the checkpoint's quantization");
    });

    it('rejects an unknown dtype, naming it and the accepted ones', () => {
      expect(() => recommend(LLAMA_8B, { dtype: 'fp4' })).toThrow(
        expect.objectContaining({
          code: 'INVALID_DTYPE',
          exitCode: 2,
          message: expect.stringContaining(
            'dtype "fp4" is not one the GPU sizer knows. Accepted: auto, fp32, bf16, fp16, fp8, int8 or int4',
          ),
        }),
      );
    });

    it("caps the default context at the model's (TinyLlama: 2048) and rejects a longer one", () => {
      expect(recommend(TINYLLAMA)[0]!.reason).toContain('4 sequences × 2048 tokens');
      expect(() => recommend(TINYLLAMA, { maxModelLen: 4096 })).toThrow(
        /max model length 4096 is longer than org\/model supports: its max_position_embeddings is 2048/,
      );
      expect(() => recommend(TINYLLAMA, { concurrency: 0 })).toThrow(
        /concurrency 0 .* whole number of 1 or more/,
      );
    });

    it('reports the context length and concurrency it sized for, so generate can start the engine so', () => {
      expect(recommend(TINYLLAMA)[0]).toMatchObject({ maxModelLen: 2048, concurrency: 4 });
      expect(recommend(LLAMA_8B, { maxModelLen: 8192, concurrency: 2 })[0]).toMatchObject({
        maxModelLen: 8192,
        concurrency: 2,
      });
    });

    it('holds the estimate against the gpu-memory-utilization given, and rejects one outside (0, 1]', () => {
      const usual = recommend(LLAMA_8B)[0]!;
      const half = recommend(LLAMA_8B, { gpuMemoryUtilization: 0.5 });
      const same = half.find((r) => r.instanceType === usual.instanceType);
      expect(same).toBeUndefined(); // 18.8 GiB is more than half of a 24 GB GPU
      for (const r of half) expect(r.estimatedMemoryBytes).toBeLessThanOrEqual(r.usableMemoryBytes!);
      expect(half[0]!.reason).toContain('50% of the GPU, the GPU memory utilization given');
      const all = recommend(LLAMA_8B, { gpuMemoryUtilization: 1 })[0]!;
      const info = catalog.get(all.instanceType)!;
      expect(all.usableMemoryBytes).toBe(
        Math.floor(info.accelerator!.memoryPerDeviceMiB * MiB) * all.tensorParallelDegree!,
      );
      for (const bad of [0, -0.5, 1.2, Number.NaN]) {
        expect(() => recommend(LLAMA_8B, { gpuMemoryUtilization: bad })).toThrow(
          expect.objectContaining({ code: 'INVALID_WORKLOAD', message: expect.stringMatching(/at most 1/) }),
        );
      }
    });

    it("prefers the Hub's safetensors count", () => {
      const r = gpuSizer.recommend(
        request(LLAMA_8B, {}, { safetensorsParameters: { BF16: 8_000_000_000 } }),
        { catalog },
      )[0]!;
      expect(r.breakdown!.weightsBytes).toBe(16_000_000_000);
      expect(r.reason).toContain("the Hub's safetensors count");
    });
  });

  it('returns nothing when nothing fits, and skips Neuron and CPU instances', () => {
    expect(recommend(QWEN_72B, { concurrency: 256, maxModelLen: 32768 })).toEqual([]);
    const neuronAndCpu: InstanceInfo[] = instances.filter((i) => i.accelerator?.kind !== 'gpu');
    expect(neuronAndCpu.length).toBeGreaterThan(0);
    expect(recommend(TINYLLAMA, {}, catalogOf(neuronAndCpu))).toEqual([]);
  });

  it('asks for config.json when the model has none (offline Hub, S3)', () => {
    expect(() => recommend(undefined as unknown as Config)).toThrow(
      expect.objectContaining({
        code: 'MODEL_CONFIG_MISSING',
        message: expect.stringContaining('--offline'),
      }),
    );
  });
});
