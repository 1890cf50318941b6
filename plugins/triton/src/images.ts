import type { ImageFamily } from './backends.js';

/** A pinned Triton image and the CUDA it is built on (the host's NVIDIA driver must support it). */
export interface TritonImage {
  image: string;
  /** The NGC release, `yy.mm`. */
  release: string;
  cuda: string;
}

/**
 * NVIDIA's Triton images on NGC, one per backend family. 25.01 is built on CUDA 12.8 (Ubuntu 24.04,
 * Python 3.12); data-center GPUs with the R535 drivers SageMaker hosts carry run it through CUDA's
 * forward-compatibility package. The plain `-py3` image holds the FIL, ONNX Runtime, TensorFlow,
 * PyTorch and Python backends; vLLM and TensorRT-LLM each have their own image.
 */
export const TRITON_IMAGES: Readonly<Record<ImageFamily, TritonImage>> = {
  py3: { image: 'nvcr.io/nvidia/tritonserver:25.01-py3', release: '25.01', cuda: '12.8' },
  vllm: { image: 'nvcr.io/nvidia/tritonserver:25.01-vllm-python-py3', release: '25.01', cuda: '12.8' },
  trtllm: { image: 'nvcr.io/nvidia/tritonserver:25.01-trtllm-python-py3', release: '25.01', cuda: '12.8' },
};

/** The server-wide default `--base-image` (the FIL sample's); context() picks the family's own. */
export const DEFAULT_IMAGE: TritonImage = TRITON_IMAGES.py3;

/** True when `image` is one of the pinned Triton images (so the backend's own should replace it). */
export function isPinnedImage(image: string): boolean {
  return Object.values(TRITON_IMAGES).some((pinned) => pinned.image === image);
}
