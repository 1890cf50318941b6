import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { envelope, mcc, sandbox, tree } from './helpers/cli.js';

interface Sized {
  rank: number;
  instanceType: string;
  gpuCount: number;
  tensorParallelDegree: number;
  estimatedMemoryGiB: number;
  usableMemoryGiB: number;
  pricePerHour: number | null;
  breakdown: { weightsGiB: number; kvCacheGiB: number; overheadGiB: number };
  reason: string;
}
interface Result {
  model: { id: string; configFile?: string };
  sizer: string;
  workload: Record<string, unknown>;
  recommendations: Sized[];
}

// The shared model configs, as the GPU sizer's own tests use them.
const configs = fileURLToPath(
  new URL('../../../plugins/sizer-gpu/test/fixtures/hf-configs/', import.meta.url),
);
const LLAMA = join(configs, 'meta-llama__Llama-3.1-8B-Instruct.json');
const MIXTRAL = join(configs, 'mistralai__Mixtral-8x7B-Instruct-v0.1.json');
const QWEN = join(configs, 'Qwen__Qwen2.5-72B-Instruct.json');
const FALCON = join(configs, 'tiiuae__falcon-7b.json');

describe('mcc size --config-file --json', () => {
  it('ranks Llama-3.1-8B: ml.g6.2xlarge first (18.81 GiB of 20.12 GiB, $1.222), every field present', async () => {
    const box = await sandbox();
    const run = await mcc(box, [
      'size',
      'meta-llama/Llama-3.1-8B-Instruct',
      '--config-file',
      LLAMA,
      '--json',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    const env = envelope<Result>(run);
    expect(env).toMatchObject({ status: 0, warnings: [] });
    const r = env.result;
    expect(r.model).toEqual({ id: 'meta-llama/Llama-3.1-8B-Instruct', configFile: LLAMA });
    expect(r.sizer).toBe('gpu');
    // 16.06e9 B weights (14.96 GiB) + 2 GiB KV (131,072 B × 4096 × 4) + 1.85 GiB overhead = 18.81 GiB
    expect(r.recommendations[0]).toEqual({
      rank: 1,
      instanceType: 'ml.g6.2xlarge',
      gpuCount: 1,
      tensorParallelDegree: 1,
      estimatedMemoryGiB: 18.81,
      usableMemoryGiB: 20.12,
      pricePerHour: 1.222,
      breakdown: { weightsGiB: 14.96, kvCacheGiB: 2, overheadGiB: 1.85 },
      reason: expect.stringContaining('ml.g6.2xlarge (1 × NVIDIA L4'),
    });
    const unpriced = r.recommendations.filter((s) => s.pricePerHour === null);
    expect(unpriced.length).toBeGreaterThan(0);
    expect(r.recommendations.indexOf(unpriced[0]!)).toBe(r.recommendations.length - unpriced.length);
    for (const s of r.recommendations) expect(s.estimatedMemoryGiB).toBeLessThanOrEqual(s.usableMemoryGiB);
    expect(await tree(box.cwd)).toEqual([]);
  });

  it('passes the workload flags to the sizer: Mixtral in int4 with 2 × 8192 tokens', async () => {
    const box = await sandbox();
    const run = await mcc(box, [
      'size',
      '--config-file',
      MIXTRAL,
      '--dtype',
      'int4',
      '--max-model-len',
      '8192',
      '--concurrency',
      '2',
      '--json',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    const r = envelope<Result>(run).result;
    expect(r.workload).toEqual({ dtype: 'int4', maxModelLen: 8192, concurrency: 2 });
    // 46.7e9 params × 0.5 B = 23.35e9 B (21.75 GiB): two 24 GB GPUs, so the cheapest 4-GPU instance
    expect(r.recommendations[0]).toMatchObject({ instanceType: 'ml.g4dn.12xlarge', tensorParallelDegree: 4 });
    expect(r.recommendations[0]!.breakdown.weightsGiB).toBe(21.75);
    expect(r.recommendations[0]!.reason).toContain('2 sequences × 8192 tokens');
  });

  it('holds the estimate against the --gpu-memory-utilization given, as the engine will', async () => {
    const box = await sandbox();
    const run = await mcc(box, ['size', '--config-file', LLAMA, '--gpu-memory-utilization', '0.8', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const r = envelope<Result>(run).result;
    expect(r.workload).toEqual({ dtype: 'auto', gpuMemoryUtilization: 0.8 });
    // 18.81 GiB no longer fits 80% of an L4's 22.5 GiB: the next cheapest instance with more memory.
    expect(r.recommendations[0]!.instanceType).not.toBe('ml.g6.2xlarge');
    expect(r.recommendations[0]!.reason).toContain('80% of the GPU, the GPU memory utilization given');
    for (const s of r.recommendations) expect(s.estimatedMemoryGiB).toBeLessThanOrEqual(s.usableMemoryGiB);
  });

  it('prints a table and the top reason without --json', async () => {
    const box = await sandbox();
    const run = await mcc(box, ['size', '--config-file', LLAMA]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/#\s+INSTANCE\s+GPUS\s+TP\s+NEEDS\s+USABLE\s+PER HOUR/);
    expect(run.stdout).toMatch(/1\s+ml\.g6\.2xlarge\s+1\s+1\s+18\.81 GiB\s+20\.12 GiB\s+\$1\.222/);
    expect(run.stdout).toContain('Recommended: ml.g6.2xlarge');
  });
});

describe('mcc size: bad input, exit 2, nothing written', () => {
  const cases: [string, string[], string, RegExp][] = [
    [
      'an unknown dtype',
      ['--config-file', LLAMA, '--dtype', 'fp4'],
      'INVALID_DTYPE',
      /dtype "fp4".*Accepted: auto, fp32, bf16, fp16, fp8, int8 or int4/,
    ],
    [
      'a TP degree that does not divide the heads',
      ['--config-file', FALCON, '--tensor-parallel-degree', '2'],
      'INVALID_TENSOR_PARALLEL_DEGREE',
      /degree 2 is not possible.*71 attention heads.*Accepted: 1\./,
    ],
    [
      'a model too large for every instance',
      ['--config-file', QWEN, '--concurrency', '256', '--max-model-len', '32768'],
      'MODEL_TOO_LARGE',
      /fits no GPU instance in mcc's catalog: it needs about 2831\.2 GiB .*KV cache 2560 GiB.*splits over at most 8 GPUs\. The largest GPU instance in mcc's catalog is ml\.p5e\.48xlarge: 8 × NVIDIA H200, 1128 GiB in all\./,
    ],
    [
      'a fixed TP degree too small, naming the smallest split that fits',
      ['--config-file', QWEN, '--tensor-parallel-degree', '1'],
      'MODEL_TOO_LARGE',
      /with tensor-parallel degree 1\. The smallest split that fits is ml\.g6e\.12xlarge with tensor-parallel degree 4/,
    ],
    [
      'a context longer than the model’s',
      ['--config-file', LLAMA, '--max-model-len', '200000'],
      'INVALID_WORKLOAD',
      /max_position_embeddings is 131072/,
    ],
    ['a concurrency of 0', ['--config-file', LLAMA, '--concurrency', '0'], 'USAGE', /concurrency/],
    [
      'a GPU memory utilization above 1',
      ['--config-file', LLAMA, '--gpu-memory-utilization', '1.5'],
      'INVALID_WORKLOAD',
      /--gpu-memory-utilization "1\.5" is not accepted: give a fraction above 0 and at most 1/,
    ],
    [
      'a missing config file',
      ['--config-file', 'nope.json'],
      'CONFIG_FILE_NOT_FOUND',
      /"[^"]*nope\.json" cannot be read/,
    ],
    ['no model at all', [], 'MODEL_REQUIRED', /Hugging Face Hub id/],
    ['a Hub id with --offline', ['org/model', '--offline'], 'MODEL_CONFIG_MISSING', /--offline.*org\/model/],
  ];

  it.each(cases)('%s', async (_name, args, code, message) => {
    const box = await sandbox();
    const run = await mcc(box, ['size', ...args, '--json']);
    expect(run.exitCode, run.stderr).toBe(2);
    const env = envelope(run);
    expect(env.error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await tree(box.cwd)).toEqual([]);
  });

  it('a config without layers or heads, naming what is missing', async () => {
    const box = await sandbox();
    await writeFile(
      join(box.cwd, 'config.json'),
      JSON.stringify({ architectures: ['Mystery'], hidden_size: 4096 }),
    );
    const run = await mcc(box, ['size', '--config-file', 'config.json', '--json']);
    expect(run.exitCode).toBe(2);
    expect(envelope(run).error).toMatchObject({
      code: 'MODEL_CONFIG_INCOMPLETE',
      message: expect.stringMatching(
        /config\.json of config\.json \(Mystery\).*number of layers.*attention heads/,
      ),
    });
    expect(await tree(box.cwd)).toEqual(['config.json']);
  });
});
