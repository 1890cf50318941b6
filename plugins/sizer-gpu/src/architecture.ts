import { usageError } from '@mcc/sdk';

type Config = Readonly<Record<string, unknown>>;

/** Mixture-of-experts layout: every expert's weights are resident, whichever few a token uses. */
export interface Experts {
  /** Routed experts per layer (`num_local_experts`, `num_experts`, `n_routed_experts`). */
  count: number;
  /** Experts a token is routed to (`num_experts_per_tok`); for the explanation only. */
  perToken?: number;
  /** Width of one routed expert's MLP. */
  intermediateSize: number;
  /** Width of the always-on shared expert MLP, if any (Qwen-MoE style). */
  sharedIntermediateSize?: number;
}

/** What the sizer needs of a transformer, read from any of the config.json dialects it knows. */
export interface Architecture {
  /** `architectures[0]`, else `model_type`: for messages. */
  name: string;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  /** Key/value heads (grouped-query attention); 1 for multi-query, = attention heads for MHA. */
  kvHeads: number;
  headDim: number;
  /** Dense MLP width; absent when the config does not say (only needed to count parameters). */
  intermediateSize?: number;
  vocabSize?: number;
  maxPositions?: number;
  tiedEmbeddings: boolean;
  experts?: Experts;
  /** Gated (SwiGLU/GeGLU: gate, up, down) or plain (up, down) MLP. */
  gatedMlp: boolean;
  /** Biases on the q, k and v projections (Qwen2, `attention_bias`). */
  qkvBias: boolean;
  /** Norm parameters per layer, in units of the hidden size (2 RMSNorms = 2, Gemma-2 = 4, LayerNorm w+b doubles). */
  normWidthPerLayer: number;
  /** The final norm's parameters, in units of the hidden size. */
  finalNormWidth: number;
  /** `torch_dtype` (or the newer `dtype`), as written. */
  torchDtype?: string;
  /** `quantization_config`, when the checkpoint is already quantized. */
  quantization?: Config;
}

const isObject = (v: unknown): v is Config => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first key that holds a positive integer. */
function int(config: Config, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const v = config[key];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  }
  return undefined;
}

const bool = (config: Config, key: string): boolean | undefined =>
  typeof config[key] === 'boolean' ? (config[key] as boolean) : undefined;

// Field names by dialect: Llama/Mistral/Qwen/Gemma first, then Falcon and GPT-style spellings.
const KEYS = {
  layers: ['num_hidden_layers', 'n_layer', 'num_layers', 'n_layers'],
  hidden: ['hidden_size', 'n_embd', 'd_model'],
  heads: ['num_attention_heads', 'n_head', 'num_heads', 'n_heads'],
  kvHeads: ['num_key_value_heads', 'num_kv_heads', 'n_head_kv', 'multi_query_group_num'],
  intermediate: ['intermediate_size', 'ffn_hidden_size', 'n_inner', 'ffn_dim'],
  vocab: ['vocab_size', 'padded_vocab_size'],
  positions: ['max_position_embeddings', 'n_positions', 'max_seq_len', 'seq_length', 'max_sequence_length'],
  experts: ['num_local_experts', 'num_experts', 'n_routed_experts'],
} as const;

/** Human names of the required fields, for the error that lists what is missing. */
const REQUIRED: readonly [keyof typeof KEYS, string][] = [
  ['layers', 'the number of layers'],
  ['hidden', 'the hidden size'],
  ['heads', 'the number of attention heads'],
];

/**
 * Multimodal configs (Llava, Gemma-3, Mllama …) keep the language model under `text_config`; its
 * fields win over the top level, which still carries `torch_dtype` and `quantization_config`.
 */
function flatten(config: Config): Config {
  const text = config.text_config;
  return isObject(text) ? { ...config, ...text } : config;
}

function nameOf(config: Config): string {
  const archs = config.architectures;
  if (Array.isArray(archs) && typeof archs[0] === 'string') return archs[0];
  return typeof config.model_type === 'string' ? config.model_type : 'an unnamed architecture';
}

/** Falcon's own rules: `new_decoder_architecture` reads `num_kv_heads`, else `multi_query` means 1. */
function falconKvHeads(config: Config, heads: number): number {
  if (bool(config, 'new_decoder_architecture') === true) return int(config, KEYS.kvHeads) ?? heads;
  if (bool(config, 'multi_query') !== false) return 1;
  return heads;
}

/**
 * Reads the architecture from a model's config.json. Throws a usage error naming `model` and every
 * missing field (with the spellings accepted) when the layers, hidden size or heads are not there.
 */
export function readArchitecture(raw: Config, model: string): Architecture {
  const config = flatten(raw);
  const name = nameOf(config);
  const missing = REQUIRED.filter(([key]) => int(config, KEYS[key]) === undefined).map(
    ([key, words]) => `${words} (${KEYS[key].join(' or ')})`,
  );
  if (missing.length > 0) {
    throw usageError(
      'MODEL_CONFIG_INCOMPLETE',
      `The config.json of ${model} (${name}) lacks what the GPU sizer needs: ${missing.join('; ')}. Accepted: a transformer config in the Llama/Mistral/Qwen/Gemma, Falcon or GPT style, or one with a text_config.`,
      ['Pass --config-file with the model’s full config.json, or choose --instance-type yourself.'],
    );
  }
  const layers = int(config, KEYS.layers)!;
  const hiddenSize = int(config, KEYS.hidden)!;
  const attentionHeads = int(config, KEYS.heads)!;
  const type = `${name} ${typeof config.model_type === 'string' ? config.model_type : ''}`.toLowerCase();
  const falcon = type.includes('falcon') || 'new_decoder_architecture' in config;
  const kvHeads = falcon
    ? falconKvHeads(config, attentionHeads)
    : (int(config, KEYS.kvHeads) ?? (bool(config, 'multi_query') === true ? 1 : attentionHeads));
  // Gemma-2 and others set head_dim explicitly (256 × 16 heads ≠ 3584 hidden); else hidden / heads.
  const headDim = int(config, ['head_dim', 'kv_channels']) ?? hiddenSize / attentionHeads;
  if (!Number.isInteger(headDim)) {
    throw usageError(
      'MODEL_CONFIG_INCOMPLETE',
      `The config.json of ${model} (${name}) has hidden size ${hiddenSize} not divisible by its ${attentionHeads} attention heads and no head_dim.`,
      ['Pass --config-file with a config.json that sets head_dim.'],
    );
  }
  if (attentionHeads % kvHeads !== 0) {
    throw usageError(
      'MODEL_CONFIG_INCOMPLETE',
      `The config.json of ${model} (${name}) has ${kvHeads} key/value heads, which do not divide its ${attentionHeads} attention heads.`,
    );
  }

  // Falcon's plain MLP is 4 × hidden unless said otherwise; GPT-style configs leave n_inner null.
  const plainMlp = falcon || /\b(gpt2|gpt_neox|gptj|gpt_bigcode|bloom|opt|phi)\b/.test(type);
  const intermediateSize = int(config, KEYS.intermediate) ?? (plainMlp ? 4 * hiddenSize : undefined);
  const arch: Architecture = {
    name,
    layers,
    hiddenSize,
    attentionHeads,
    kvHeads,
    headDim,
    tiedEmbeddings: bool(config, 'tie_word_embeddings') ?? (falcon || type.includes('gemma')),
    gatedMlp: !plainMlp,
    qkvBias:
      bool(config, 'attention_bias') ?? (falcon ? bool(config, 'bias') === true : type.includes('qwen2')),
    // RMSNorm has a weight only; Falcon's LayerNorms have a bias too, two of them in the new decoder.
    normWidthPerLayer: falcon
      ? bool(config, 'new_decoder_architecture') === true
        ? 4
        : 2
      : /gemma[23]/.test(type)
        ? 4
        : 2,
    finalNormWidth: falcon ? 2 : 1,
  };
  if (intermediateSize !== undefined) arch.intermediateSize = intermediateSize;
  const vocab = int(config, KEYS.vocab);
  if (vocab !== undefined) arch.vocabSize = vocab;
  const positions = int(config, KEYS.positions);
  if (positions !== undefined) arch.maxPositions = positions;
  const dtype = raw.torch_dtype ?? raw.dtype ?? config.torch_dtype;
  if (typeof dtype === 'string') arch.torchDtype = dtype;
  const quantization = raw.quantization_config ?? config.quantization_config;
  if (isObject(quantization)) arch.quantization = quantization;

  const expertCount = int(config, KEYS.experts);
  if (expertCount !== undefined && expertCount > 1) {
    const expertWidth =
      int(config, ['moe_intermediate_size', 'expert_intermediate_size']) ?? intermediateSize;
    if (expertWidth !== undefined) {
      const experts: Experts = { count: expertCount, intermediateSize: expertWidth };
      const perToken = int(config, ['num_experts_per_tok', 'moe_top_k', 'top_k']);
      if (perToken !== undefined) experts.perToken = perToken;
      const shared = int(config, ['shared_expert_intermediate_size']);
      if (shared !== undefined) experts.sharedIntermediateSize = shared;
      arch.experts = experts;
    }
  }
  return arch;
}
