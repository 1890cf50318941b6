import { isMcError } from '@mcc/sdk';
import { describe, expect, it } from 'vitest';

import { lmiServer } from '../src/server.js';
import { projectInput } from './fixtures.js';
import type { Overrides } from './fixtures.js';

function usageErrorOf(overrides: Overrides): {
  code: string;
  message: string;
  suggestions: readonly string[];
} {
  try {
    lmiServer.context(projectInput(overrides));
  } catch (error) {
    if (isMcError(error)) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('LMI context', () => {
  it('is a GPU server for Hub and S3 models with one directory format and no HTTP layer', () => {
    expect(lmiServer).toMatchObject({
      kind: 'server',
      id: 'lmi',
      accelerator: 'gpu',
      sources: ['huggingface', 's3'],
      httpLayers: [],
      formats: [{ id: 'huggingface', extensions: [], layout: 'directory' }],
    });
    expect(lmiServer.options.slice(0, 5).map((o) => o.key)).toEqual([
      'tensor-parallel-degree',
      'max-model-len',
      'max-concurrency',
      'gpu-memory-utilization',
      'dtype',
    ]);
    const keys = lmiServer.options.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("defaults TP to the sizer's degree, else to every GPU", () => {
    const sized = projectInput({
      instance: { acceleratorCount: 4, sizing: { sizer: 'gpu', tensorParallelDegree: 2 } },
    });
    expect(lmiServer.context(sized).tensorParallelDegree).toBe(2);
    const unsized = projectInput({
      instance: { acceleratorCount: 4 },
      model: { hub: { id: 'x/y', revision: 'main', gated: false, config: { num_attention_heads: 32 } } },
    });
    expect(lmiServer.context(unsized).tensorParallelDegree).toBe(4);
  });

  it("bakes the sizer's context length unless max-model-len is given, and says so", () => {
    const sizing = { sizer: 'gpu', tensorParallelDegree: 1, maxModelLen: 4096, concurrency: 4 };
    const sized = lmiServer.context(projectInput({ instance: { sizing } }));
    const line = sized.properties.find((p) => p.key === 'option.max_model_len');
    expect(line).toMatchObject({ value: 4096, option: 'max-model-len' });
    expect(line?.description).toMatch(/from the gpu sizer: its KV-cache estimate holds 4 × 4096 tokens/);
    expect(sized.properties.find((p) => p.key === 'option.tensor_parallel_degree')?.description).toMatch(
      /from the gpu sizer/,
    );
    const given = lmiServer.context(
      projectInput({ instance: { sizing }, options: { 'max-model-len': 8192 } }),
    );
    expect(given.properties.find((p) => p.key === 'option.max_model_len')).toMatchObject({
      value: 8192,
      description: 'longest sequence (prompt and output) in tokens',
    });
  });

  it('pins the commit the Hub resolved the named branch to', () => {
    const commit = 'a'.repeat(40);
    const ctx = lmiServer.context(
      projectInput({
        model: { hub: { id: 'Qwen/Qwen2.5-0.5B-Instruct', revision: 'main', commit, gated: false } },
      }),
    );
    const line = ctx.properties.find((p) => p.key === 'option.revision');
    expect(line?.value).toBe(commit);
    expect(line?.description).toMatch(/where `main` pointed when the project was generated/);
    const offline = lmiServer.context(projectInput());
    expect(offline.properties.some((p) => p.key === 'option.revision')).toBe(false);
  });

  it('refuses a TP degree above the GPU count and no GPU (the heads are the sizer’s check)', () => {
    expect(usageErrorOf({ options: { 'tensor-parallel-degree': 2 } }).message).toMatch(
      /tensor-parallel-degree 2 is more than the 1 GPU\(s\) of ml\.g5\.2xlarge/,
    );
    const noGpu = usageErrorOf({ instance: { instanceType: 'ml.m5.xlarge', acceleratorCount: 0 } });
    expect(noGpu.code).toBe('INSTANCE_NO_GPU');
    expect(noGpu.message).toMatch(/ml\.m5\.xlarge has no GPU/);
  });

  it('refuses LoRA settings without enable-lora, naming them', () => {
    const error = usageErrorOf({ options: { 'max-loras': 4, 'max-lora-rank': 16 } });
    expect(error.message).toBe('max-loras and max-lora-rank need enable-lora=true; LoRA is off.');
    expect(error.suggestions[0]).toMatch(/enable-lora=true/);
  });

  it('refuses a local model, naming the sources it takes', () => {
    const error = usageErrorOf({ model: { source: 'local', location: '/models/x', hub: undefined } });
    expect(error.code).toBe('MODEL_SOURCE_UNSUPPORTED');
    expect(error.message).toMatch(/Hugging Face Hub or S3, not "local"/);
  });

  it('writes no dtype line for auto and no quantize line for none', () => {
    const ctx = lmiServer.context(projectInput());
    const keys = ctx.properties.map((p) => p.key);
    expect(keys).not.toContain('option.dtype');
    expect(keys).not.toContain('option.quantize');
    expect(keys).not.toContain('option.max_model_len');
  });
});
