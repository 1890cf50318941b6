/** A pinned engine image and the CUDA it is built on (the host's NVIDIA driver must support it). */
export interface EngineImage {
  image: string;
  engineVersion: string;
  cuda: string;
}

/** SGLang's release images on Docker Hub; the `-cu129` build runs on CUDA 12 drivers. */
export const SGLANG_IMAGES: readonly EngineImage[] = [
  { image: 'lmsysorg/sglang:v0.5.12-cu129', engineVersion: '0.5.12', cuda: '12.9' },
];

/** The default `--base-image`. */
export const DEFAULT_IMAGE: EngineImage = SGLANG_IMAGES[0]!;
