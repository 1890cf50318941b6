import { describe, expect, it } from 'vitest';

import type { LlmEngine } from '../src/llm/index.js';
import { LLM_OPTION_KEYS, defineLlmServer, envName, llmContext } from '../src/llm/index.js';
import { llmInput } from './llm/harness.js';

/** A made-up engine with every setting, snake_case flags and a config-file dtype. */
const TOY: LlmEngine = {
  name: 'Toy',
  envPrefix: 'TOY_',
  flagStyle: 'snake',
  command: ['toy-serve'],
  helpArgs: [['--help']],
  hostFlag: '--host',
  portFlag: '--port',
  flags: {
    tensorParallel: '--tp',
    maxModelLen: '--max_len',
    maxConcurrency: '--batch',
    gpuMemory: '--mem',
    dtype: 'config:dtype',
  },
  configFileFlag: '--config',
  dtypes: {
    auto: { dtype: 'auto' },
    bf16: { dtype: 'bf' },
    fp16: { dtype: 'half' },
    fp32: { dtype: 'float' },
    fp8: { dtype: 'auto', quantization: 'fp8' },
    int8: { dtype: 'auto' },
    int4: { dtype: 'auto' },
  },
  quantizations: [],
  sagemakerRoutes: false,
  payload: 'tgi',
};

const toyServer = defineLlmServer({
  id: 'toy',
  summary: 'toy',
  defaultBaseImage: 'toy/image:1',
  engine: TOY,
  templatesDir: new URL('./llm/', import.meta.url),
});

describe('@mcc/sdk/llm', () => {
  it('names environment variables after flags and config keys', () => {
    expect(envName('VLLM_', '--max-model-len')).toBe('VLLM_MAX_MODEL_LEN');
    expect(envName('TRTLLM_', '--max_seq_len')).toBe('TRTLLM_MAX_SEQ_LEN');
    expect(envName('TRTLLM_', 'config:dtype')).toBe('TRTLLM_DTYPE');
  });

  it('declares a GPU server for Hub and S3 models with one directory format and no HTTP layers', () => {
    expect(toyServer.kind).toBe('server');
    expect(toyServer.accelerator).toBe('gpu');
    expect(toyServer.sources).toEqual(['huggingface', 's3']);
    expect(toyServer.formats).toEqual([
      expect.objectContaining({ id: 'huggingface', layout: 'directory', extensions: [] }),
    ]);
    expect(toyServer.httpLayers).toEqual([]);
    // The engine has no chat-template, quantization or LoRA setting: those options are left out.
    expect(toyServer.options.map((o) => o.key)).toEqual([
      LLM_OPTION_KEYS.tensorParallel,
      LLM_OPTION_KEYS.maxModelLen,
      LLM_OPTION_KEYS.maxConcurrency,
      LLM_OPTION_KEYS.gpuMemory,
      LLM_OPTION_KEYS.dtype,
    ]);
  });

  it('bakes the options, in the engine words, under their variables', () => {
    const ctx = llmContext(
      llmInput({
        serverId: 'toy',
        options: {
          'max-model-len': 2048,
          'max-concurrency': 8,
          'gpu-memory-utilization': 0.5,
          dtype: 'bf16',
        },
      }),
      'toy',
      TOY,
    );
    expect(ctx.defaults).toEqual([
      {
        option: 'tensor-parallel-degree',
        env: 'TOY_TP',
        flag: '--tp',
        value: '4',
        origin: 'every GPU of ml.g5.12xlarge',
      },
      { option: 'max-model-len', env: 'TOY_MAX_LEN', flag: '--max_len', value: '2048' },
      { option: 'max-concurrency', env: 'TOY_BATCH', flag: '--batch', value: '8' },
      { option: 'gpu-memory-utilization', env: 'TOY_MEM', flag: '--mem', value: '0.5' },
      { option: 'dtype', env: 'TOY_DTYPE', flag: 'config:dtype', value: 'bf' },
    ]);
    expect(ctx.proxy).toBe(true);
    expect(ctx.payloadFile).toBe('tests/payloads/generate.json');
  });

  it("takes the tensor-parallel degree from the option, else the sizer, else the instance's GPUs", () => {
    const tp = (change: Partial<Parameters<typeof llmInput>[0]>) =>
      llmContext(llmInput({ serverId: 'toy', ...change }), 'toy', TOY);
    expect(tp({}).tensorParallelDegree).toBe(4);
    expect(tp({ instance: { sizing: { sizer: 'gpu', tensorParallelDegree: 2 } } }).tensorParallelDegree).toBe(
      2,
    );
    expect(
      tp({
        options: { 'tensor-parallel-degree': 1 },
        instance: { sizing: { sizer: 'gpu', tensorParallelDegree: 2 } },
      }).tensorParallelDegree,
    ).toBe(1);
  });

  it("starts the engine with the sizer's context length unless max-model-len is given", () => {
    const sizing = { sizer: 'gpu', tensorParallelDegree: 2, maxModelLen: 4096, concurrency: 4 };
    const sized = llmContext(llmInput({ serverId: 'toy', instance: { sizing } }), 'toy', TOY);
    expect(sized.defaults.find((d) => d.option === 'max-model-len')).toEqual({
      option: 'max-model-len',
      env: 'TOY_MAX_LEN',
      flag: '--max_len',
      value: '4096',
      origin: "the gpu sizer's context length: its KV-cache estimate holds 4 × 4096 tokens",
    });
    expect(sized.settingRows.find((r) => r.option === 'max-model-len')?.origin).toMatch(/gpu sizer/);
    // Concurrency is recorded, not baked: the engine batches more, shorter sequences into the same cache.
    expect(sized.defaults.some((d) => d.option === 'max-concurrency')).toBe(false);
    const given = llmContext(
      llmInput({ serverId: 'toy', instance: { sizing }, options: { 'max-model-len': 1024 } }),
      'toy',
      TOY,
    );
    expect(given.defaults.find((d) => d.option === 'max-model-len')).toEqual({
      option: 'max-model-len',
      env: 'TOY_MAX_LEN',
      flag: '--max_len',
      value: '1024',
    });
    // An engine without the setting is left alone rather than refused.
    const flags = { ...TOY.flags };
    delete flags.maxModelLen;
    const noLength = llmContext(llmInput({ serverId: 'toy', instance: { sizing } }), 'toy', {
      ...TOY,
      flags,
    });
    expect(noLength.defaults.some((d) => d.option === 'max-model-len')).toBe(false);
  });

  it('serves the commit the Hub resolved the named revision to', () => {
    const commit = 'f'.repeat(40);
    const hub = { id: 'meta-llama/Llama-3.2-1B-Instruct', revision: 'main', commit, gated: true };
    const pinned = llmContext(llmInput({ serverId: 'toy', model: { hub } }), 'toy', TOY);
    expect(pinned).toMatchObject({ hubRevision: commit, hubRevisionName: 'main' });
    const atCommit = llmContext(
      llmInput({ serverId: 'toy', model: { hub: { ...hub, revision: commit } } }),
      'toy',
      TOY,
    );
    expect(atCommit).toMatchObject({ hubRevision: commit, hubRevisionName: null });
    const offline = llmContext(llmInput({ serverId: 'toy' }), 'toy', TOY);
    expect(offline).toMatchObject({ hubRevision: null, hubRevisionName: null });
  });

  it('refuses what the engine cannot do, naming the value', () => {
    const ctx = (change: Partial<Parameters<typeof llmInput>[0]>) => () =>
      llmContext(llmInput({ serverId: 'toy', ...change }), 'toy', TOY);
    expect(ctx({ options: { dtype: 'fp8' } })).toThrow(/no "quantization" setting: Toy does not offer it/);
    expect(ctx({ instance: { instanceType: 'ml.c5.xlarge', acceleratorCount: 0 } })).toThrow(
      /Toy needs GPUs, and ml\.c5\.xlarge has none/,
    );
    expect(ctx({ baseImage: 'toy image; rm -rf /' })).toThrow(/is not an image reference/);
  });

  it('never puts a token in the context', () => {
    const ctx = llmContext(llmInput({ serverId: 'toy' }), 'toy', TOY);
    expect(JSON.stringify(ctx)).not.toMatch(/token|hf_/i);
  });
});
