/** A pinned engine image and the CUDA it is built on (the host's NVIDIA driver must support it). */
export interface EngineImage {
  image: string;
  engineVersion: string;
  cuda: string;
}

/**
 * vLLM's own OpenAI-server images on Docker Hub. From v0.20 the unsuffixed tags are built on CUDA
 * 13, which needs a newer NVIDIA driver than many hosts have; the `-cu129` build runs on the CUDA 12
 * drivers SageMaker's GPU hosts carry.
 */
export const VLLM_IMAGES: readonly EngineImage[] = [
  { image: 'vllm/vllm-openai:v0.21.0-cu129', engineVersion: '0.21.0', cuda: '12.9' },
];

/** The default `--base-image`. */
export const DEFAULT_IMAGE: EngineImage = VLLM_IMAGES[0]!;
