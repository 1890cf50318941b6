/** A pinned engine image and the CUDA it is built on (the host's NVIDIA driver must support it). */
export interface EngineImage {
  image: string;
  engineVersion: string;
  cuda: string;
}

/**
 * NVIDIA's TensorRT-LLM release images on NGC, which carry `trtllm-serve` (an OpenAI-compatible
 * server). 1.2 is built on the NGC 25.12 stack, CUDA 13.1: the host needs an R580 or newer driver
 * (or CUDA forward compatibility).
 */
export const TRTLLM_IMAGES: readonly EngineImage[] = [
  { image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0', engineVersion: '1.2.0', cuda: '13.1' },
];

/** The default `--base-image`. */
export const DEFAULT_IMAGE: EngineImage = TRTLLM_IMAGES[0]!;
