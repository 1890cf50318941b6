import { describe, expect, it } from 'vitest';
import { readArchitecture } from '../src/architecture.js';
import { countFromConfig, countParameters } from '../src/parameters.js';
import { kvBytesPerToken } from '../src/estimate.js';
import { FALCON_7B, GEMMA_2_9B, hfConfigs, LLAMA_8B, MIXTRAL, QWEN_72B, type Config } from './fixtures.js';

const arch = (config: Config) => readArchitecture(config, 'org/model');

describe('parameters counted from config.json', () => {
  // Each shared fixture carries the model's true count (_mcc_fixture.params): the count must be exact.
  it.each(Object.entries(hfConfigs))('%s: matches the published count exactly', (_name, config) => {
    const expected = (config._mcc_fixture as { params: number }).params;
    expect(countFromConfig(arch(config), 'org/model')).toBe(expected);
  });

  it('Llama-3.1-8B by hand: 32 × 218,112,000 per layer + 2 × 525,336,576 embeddings + 4096 = 8,030,261,248', () => {
    // per layer: q 4096×4096 = 16,777,216; k, v 4096×(8×128) = 4,194,304 each; o 16,777,216;
    // MLP 3 × 4096 × 14336 = 176,160,768; two RMSNorms 8192 → 218,112,000.
    // embeddings and the untied LM head: 128256 × 4096 = 525,336,576 each; final norm 4096.
    expect(32 * 218_112_000 + 2 * 525_336_576 + 4096).toBe(8_030_261_248);
    expect(countFromConfig(arch(LLAMA_8B), 'm')).toBe(8_030_261_248);
  });

  it('Mixtral-8x7B counts all 8 experts (46.7B), not the 2 a token uses (12.9B)', () => {
    // per layer: attention 41,943,040 + 8 experts × 3 × 4096 × 14336 (1,409,286,144) + router 4096 × 8
    // + norms 8192 = 1,451,270,144; × 32 + 2 × 32000 × 4096 + 4096 = 46,702,792,704.
    const a = arch(MIXTRAL);
    expect(a.experts).toEqual({ count: 8, perToken: 2, intermediateSize: 14336 });
    expect(countFromConfig(a, 'm')).toBe(46_702_792_704);
  });

  it('Qwen2.5-72B counts the q/k/v biases (8192 + 2 × 1024 per layer)', () => {
    expect(arch(QWEN_72B).qkvBias).toBe(true);
    expect(arch(LLAMA_8B).qkvBias).toBe(false);
  });

  it('Gemma-2-9B uses its explicit head_dim 256 (16 × 256 = 4096 ≠ hidden 3584) and tied embeddings', () => {
    const a = arch(GEMMA_2_9B);
    expect(a).toMatchObject({ headDim: 256, kvHeads: 8, tiedEmbeddings: true, normWidthPerLayer: 4 });
    // KV per token: 2 × 42 layers × 8 KV heads × 256 × 2 B = 344,064 B (336 KiB)
    expect(kvBytesPerToken(a, 2)).toBe(344_064);
  });

  it('Falcon-7B in its own dialect (n_head, n_layer, multi_query): 71 heads, 1 KV head, plain 4h MLP', () => {
    const native: Config = {
      architectures: ['FalconForCausalLM'],
      model_type: 'falcon',
      hidden_size: 4544,
      n_head: 71,
      n_layer: 32,
      multi_query: true,
      new_decoder_architecture: false,
      vocab_size: 65024,
      bias: false,
      torch_dtype: 'bfloat16',
    };
    const a = arch(native);
    expect(a).toMatchObject({
      layers: 32,
      attentionHeads: 71,
      kvHeads: 1,
      headDim: 64,
      intermediateSize: 18176,
      gatedMlp: false,
    });
    // fused qkv 4544 × (71 + 2) × 64 + dense 4544² + MLP 2 × 4544 × 18176 + LayerNorm w+b 9088
    // = 207,070,080 per layer; × 32 + 65024 × 4544 (tied) + ln_f 9088 = 6,921,720,704.
    expect(countFromConfig(a, 'm')).toBe(6_921_720_704);
    expect(countFromConfig(arch(FALCON_7B), 'm')).toBe(6_921_720_704);
    // KV per token: 2 × 32 × 1 × 64 × 2 B = 8192 B
    expect(kvBytesPerToken(a, 2)).toBe(8192);
  });

  it("Falcon-40B's new decoder architecture reads num_kv_heads (8)", () => {
    const a = arch({
      model_type: 'falcon',
      hidden_size: 8192,
      n_head: 128,
      n_layer: 60,
      new_decoder_architecture: true,
      num_kv_heads: 8,
      vocab_size: 65024,
    });
    expect(a).toMatchObject({ kvHeads: 8, headDim: 64, normWidthPerLayer: 4 });
  });

  it('reads a multimodal config through text_config, keeping the top-level torch_dtype', () => {
    const text: Config = { ...LLAMA_8B };
    delete text._mcc_fixture;
    delete text.architectures;
    delete text.torch_dtype;
    const { torch_dtype } = LLAMA_8B;
    const nested: Config = {
      architectures: ['LlavaForConditionalGeneration'],
      torch_dtype,
      text_config: text,
      vision_config: { hidden_size: 1024 },
    };
    const a = arch(nested);
    expect(a.torchDtype).toBe('bfloat16');
    expect(countFromConfig(a, 'm')).toBe(8_030_261_248);
  });

  it("prefers the Hub's exact safetensors count, summed over dtypes, unless the checkpoint is quantized", () => {
    expect(countParameters(arch(LLAMA_8B), { BF16: 8_000_000_000, F32: 30_000 }, 'm')).toEqual({
      total: 8_000_030_000,
      source: 'safetensors',
    });
    const awq = arch({ ...LLAMA_8B, quantization_config: { quant_method: 'awq', bits: 4 } });
    expect(countParameters(awq, { I32: 1_000_000_000 }, 'm')).toEqual({
      total: 8_030_261_248,
      source: 'config',
    });
  });

  it('names every missing field and the spellings accepted', () => {
    expect(() => arch({ architectures: ['Weird'], hidden_size: 10 })).toThrow(
      expect.objectContaining({
        code: 'MODEL_CONFIG_INCOMPLETE',
        exitCode: 2,
        message: expect.stringMatching(
          /org\/model \(Weird\).*number of layers \(num_hidden_layers or n_layer.*attention heads/,
        ),
      }),
    );
    const noVocab: Config = { ...LLAMA_8B };
    delete noVocab.vocab_size;
    expect(() => countFromConfig(arch(noVocab), 'org/model')).toThrow(/vocabulary size \(vocab_size\)/);
  });
});
