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

  it('refuses a TP degree above the GPU count, one that does not divide the heads, and no GPU', () => {
    expect(usageErrorOf({ options: { 'tensor-parallel-degree': 2 } }).message).toMatch(
      /tensor-parallel-degree 2 is more than the 1 GPU\(s\) of ml\.g5\.2xlarge/,
    );
    expect(
      usageErrorOf({ options: { 'tensor-parallel-degree': 4 }, instance: { acceleratorCount: 4 } }).message,
    ).toMatch(/does not divide the 14 attention heads of Qwen\/Qwen2\.5-0\.5B-Instruct/);
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
