import type { SizingRequest } from '../../sizer.js';

const MiB = 1024 * 1024;

/**
 * The `config.json` architecture of a small (about 1.2 billion parameters) Llama-style model:
 * enough for a GPU sizer to size weights and KV cache.
 */
export const SMALL_LLM_CONFIG: Readonly<Record<string, unknown>> = {
  architectures: ['LlamaForCausalLM'],
  model_type: 'llama',
  hidden_size: 2048,
  intermediate_size: 8192,
  num_hidden_layers: 16,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  vocab_size: 128256,
  max_position_embeddings: 131072,
  torch_dtype: 'bfloat16',
  tie_word_embeddings: true,
};

/**
 * Requests every sizer of an accelerator should answer with at least one instance from the test
 * catalog: small predictive models for a CPU sizer, a small LLM from the Hub for a GPU sizer.
 */
export function defaultSizingRequests(accelerator: 'cpu' | 'gpu'): SizingRequest[] {
  if (accelerator === 'cpu') {
    const server = { id: 'sklearn', accelerator, memoryPerModelByte: 3 };
    return [
      {
        model: {
          source: 'local',
          location: '/models/model.joblib',
          sizeBytes: 50 * MiB,
          sample: false,
          delivery: 'copy',
        },
        server,
      },
      {
        model: {
          source: 'local',
          location: '/models/big.joblib',
          sizeBytes: 2048 * MiB,
          sample: false,
          delivery: 'copy',
        },
        server,
      },
    ];
  }
  const id = 'example-org/small-llm';
  return [
    {
      model: {
        source: 'huggingface',
        location: id,
        sizeBytes: 2470 * MiB,
        sample: false,
        delivery: 'runtime',
        hub: {
          id,
          revision: 'main',
          gated: false,
          config: SMALL_LLM_CONFIG,
          safetensorsParameters: { BF16: 1_235_814_400 },
        },
      },
      server: { id: 'vllm', accelerator },
      workload: { maxModelLen: 4096, concurrency: 4 },
    },
  ];
}
