/**
 * DJL Serving's own GPU image from Docker Hub, pinned: DJL Serving with PyTorch and its Python
 * engine, public in every region (no AWS registry login). It has no Transformers, so the project's
 * requirements.txt adds the Hugging Face libraries its handler needs.
 */
export const DJL_IMAGE = {
  image: 'deepjavalibrary/djl-serving:0.36.0-pytorch-gpu',
  djlServingVersion: '0.36.0',
} as const;

export const DEFAULT_BASE_IMAGE = DJL_IMAGE.image;

/** Python packages the `djl_python.huggingface` handler needs on top of the image. */
export const HF_REQUIREMENTS = ['transformers==4.51.3', 'accelerate==1.6.0'] as const;

/** bitsandbytes, for `quantization=bitsandbytes8|4`. */
export const BITSANDBYTES_REQUIREMENT = 'bitsandbytes==0.45.5';
