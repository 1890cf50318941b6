import { usageError } from '@mcc/sdk';

/**
 * AWS's LMI images (`djl-inference`), pinned. The tag names the DJL Serving release, the LMI
 * release and the CUDA toolkit; the instance's NVIDIA driver must support that CUDA version
 * (SageMaker's GPU hosts do for these images, through the CUDA compatibility package).
 */
export const LMI_IMAGE = {
  repository: 'djl-inference',
  /** LMI V17 (DJL Serving 0.35.0): vLLM 0.11.1. */
  tag: '0.35.0-lmi17.0.0-cu128',
  cudaVersion: '12.8',
  vllmVersion: '0.11.1',
} as const;

/**
 * The registry account holding AWS's deep learning containers in each region (most regions share
 * 763104351884; opt-in, GovCloud and China regions have their own). A region not listed here has
 * no known copy: the user names an image with --base-image.
 */
export const DLC_REGISTRIES: Readonly<Record<string, string>> = {
  'af-south-1': '626614931356',
  'ap-east-1': '871362719292',
  'ap-northeast-1': '763104351884',
  'ap-northeast-2': '763104351884',
  'ap-northeast-3': '364406365360',
  'ap-south-1': '763104351884',
  'ap-southeast-1': '763104351884',
  'ap-southeast-2': '763104351884',
  'ap-southeast-3': '907027046896',
  'ca-central-1': '763104351884',
  'ca-west-1': '204538143572',
  'cn-north-1': '727897471807',
  'cn-northwest-1': '727897471807',
  'eu-central-1': '763104351884',
  'eu-north-1': '763104351884',
  'eu-south-1': '692866216735',
  'eu-west-1': '763104351884',
  'eu-west-2': '763104351884',
  'eu-west-3': '763104351884',
  'il-central-1': '780543022126',
  'me-central-1': '914824155844',
  'me-south-1': '217643126080',
  'sa-east-1': '763104351884',
  'us-east-1': '763104351884',
  'us-east-2': '763104351884',
  'us-gov-east-1': '446045086412',
  'us-gov-west-1': '442386744353',
  'us-west-1': '763104351884',
  'us-west-2': '763104351884',
};

/** The registry host of a region (China's ECR lives under amazonaws.com.cn). */
function registryHost(account: string, region: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${account}.dkr.ecr.${region}.${suffix}`;
}

/** The pinned LMI image in a region. */
export function lmiImage(region: string): string {
  const account = DLC_REGISTRIES[region];
  if (account === undefined) {
    throw usageError(
      'BASE_IMAGE_UNAVAILABLE',
      `AWS publishes no LMI image (${LMI_IMAGE.repository}:${LMI_IMAGE.tag}) that mcc knows of in ${region}.`,
      [
        `Copy the image into your own ECR repository in ${region} and pass it with --base-image.`,
        'Or deploy in a region such as us-east-1 or us-west-2.',
      ],
    );
  }
  return `${registryHost(account, region)}/${LMI_IMAGE.repository}:${LMI_IMAGE.tag}`;
}

/**
 * us-east-1's copy: what listings show as the server's default. A project records its own region's
 * copy (`lmiImage`, the server's `baseImageFor`).
 */
export const DEFAULT_BASE_IMAGE = lmiImage('us-east-1');

/** The CUDA version of an image when it is a copy of the pinned one (in any region). */
export function cudaVersionOf(image: string): string | undefined {
  return image.endsWith(`/${LMI_IMAGE.repository}:${LMI_IMAGE.tag}`) ? LMI_IMAGE.cudaVersion : undefined;
}
