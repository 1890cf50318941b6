import type { Architecture } from './architecture.js';

/** Tensor-parallel degrees the engines accept on one instance (GPU counts are 1, 4 or 8). */
export const TP_DEGREES: readonly number[] = [1, 2, 4, 8];

/**
 * Whether a model can be split over `tp` GPUs: every GPU takes the same number of attention heads,
 * and of KV heads, or (more GPUs than KV heads, as vLLM allows) each GPU holds a copy of one KV head.
 */
export function splits(arch: Architecture, tp: number): boolean {
  return arch.attentionHeads % tp === 0 && (arch.kvHeads % tp === 0 || tp % arch.kvHeads === 0);
}

/** The degrees of TP_DEGREES this model splits over. */
export function validDegrees(arch: Architecture): number[] {
  return TP_DEGREES.filter((tp) => splits(arch, tp));
}

/** KV heads each GPU caches: its share, or one replicated head when there are more GPUs than KV heads. */
export function kvHeadsPerGpu(arch: Architecture, tp: number): number {
  return Math.max(1, arch.kvHeads / tp);
}
