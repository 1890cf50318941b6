import { usageError } from '@mcc/sdk';
import type { Architecture } from './architecture.js';

/** How many parameters the model holds, and where the figure comes from. */
export interface ParameterCount {
  total: number;
  source: 'safetensors' | 'config';
}

/** One MLP block of a given width: gate, up and down projections (or up and down). */
const mlp = (arch: Architecture, width: number): number => (arch.gatedMlp ? 3 : 2) * arch.hiddenSize * width;

/**
 * Parameters counted from the architecture: embeddings (and an untied LM head), per layer the
 * attention projections (q and o over all heads, k and v over the KV heads, optional q/k/v biases),
 * the MLP (every expert and the router for a mixture of experts: all experts stay resident in GPU
 * memory, whichever two a token uses) and the norms. Exact for the Llama, Mistral, Mixtral, Qwen2,
 * Gemma-2 and Falcon layouts; a close estimate for others.
 */
export function countFromConfig(arch: Architecture, model: string): number {
  const missing: string[] = [];
  if (arch.vocabSize === undefined) missing.push('the vocabulary size (vocab_size)');
  if (arch.intermediateSize === undefined && arch.experts === undefined)
    missing.push('the MLP width (intermediate_size or ffn_hidden_size)');
  if (missing.length > 0) {
    throw usageError(
      'MODEL_CONFIG_INCOMPLETE',
      `The config.json of ${model} (${arch.name}) lacks what the GPU sizer needs to count its parameters: ${missing.join('; ')}.`,
      [
        'Pass --config-file with the model’s full config.json, or size a Hub model whose safetensors metadata gives the count.',
      ],
    );
  }
  const h = arch.hiddenSize;
  const q = arch.attentionHeads * arch.headDim;
  const kv = arch.kvHeads * arch.headDim;
  const attention = h * q + 2 * h * kv + q * h + (arch.qkvBias ? q + 2 * kv : 0);
  const { experts } = arch;
  const feedForward = experts
    ? experts.count * mlp(arch, experts.intermediateSize) +
      h * experts.count +
      (experts.sharedIntermediateSize === undefined ? 0 : mlp(arch, experts.sharedIntermediateSize) + h)
    : mlp(arch, arch.intermediateSize!);
  const perLayer = attention + feedForward + arch.normWidthPerLayer * h;
  const embeddings = arch.vocabSize! * h * (arch.tiedEmbeddings ? 1 : 2);
  return arch.layers * perLayer + embeddings + arch.finalNormWidth * h;
}

/**
 * The Hub's exact count (the safetensors metadata, summed over dtypes) when it has one, else the
 * count from config.json. A quantized checkpoint's safetensors count packed integers (eight 4-bit
 * weights in one I32), not parameters, so for those the config is counted instead.
 */
export function countParameters(
  arch: Architecture,
  safetensors: Readonly<Record<string, number>> | undefined,
  model: string,
): ParameterCount {
  if (safetensors && arch.quantization === undefined) {
    const total = Object.values(safetensors).reduce(
      (sum, n) => sum + (Number.isFinite(n) && n > 0 ? n : 0),
      0,
    );
    if (total > 0) return { total, source: 'safetensors' };
  }
  return { total: countFromConfig(arch, model), source: 'config' };
}
