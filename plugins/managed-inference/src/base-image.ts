/** A base image hosted in a private ECR registry (e.g. an AWS Deep Learning Container). */
export interface EcrImage {
  /** `<account>.dkr.ecr.<region>.<suffix>`, what `docker login` needs. */
  registry: string;
  account: string;
  region: string;
  repository: string;
}

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9._/-]+?)(?::[\w.-]+)?(?:@sha256:[a-f0-9]{64})?$/;

/**
 * Recognises a private ECR base image: pulling it in CodeBuild needs a registry login and pull
 * rights on that repository, which the buildspec and the CodeBuild role then include.
 */
export function parseEcrImage(image: string): EcrImage | undefined {
  const match = ECR_IMAGE.exec(image);
  if (!match) return undefined;
  const [, account, region, repository] = match as unknown as [string, string, string, string];
  return { registry: image.slice(0, image.indexOf('/')), account, region, repository };
}
