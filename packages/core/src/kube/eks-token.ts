/** AWS credentials as the SDK resolves them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The prefix EKS (aws-iam-authenticator) expects before the encoded URL. */
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** The header naming the cluster, signed so a token for one cluster is refused by another. */
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** Seconds the presigned URL is valid for, the value the authenticator's own clients use. */
export const PRESIGN_SECONDS = 60;

/** STS's regional host; China's regions live under their own DNS suffix. */
export function stsHost(region: string): string {
  return `sts.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

export interface EksTokenRequest {
  clusterName: string;
  region: string;
  credentials: AwsCredentials;
  /** The signing time; defaults to now (tests pin it). */
  now?: Date;
}

/**
 * A bearer token for an EKS cluster's API server: a presigned STS `GetCallerIdentity` URL, which
 * the cluster's authenticator calls to learn who the caller is, base64url-encoded without padding
 * behind `k8s-aws-v1.`. No request to AWS is made here; the signature is computed locally.
 */
export async function eksToken(request: EksTokenRequest): Promise<string> {
  // Loaded here, not at the top: core's index is imported by every command, and only the verbs that
  // reach an EKS cluster sign a token.
  const [{ Sha256 }, { SignatureV4 }] = await Promise.all([
    import('@aws-crypto/sha256-js'),
    import('@smithy/signature-v4'),
  ]);
  const host = stsHost(request.region);
  const signer = new SignatureV4({
    credentials: request.credentials,
    region: request.region,
    service: 'sts',
    sha256: Sha256,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: host,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host, [CLUSTER_ID_HEADER]: request.clusterName },
    },
    { expiresIn: PRESIGN_SECONDS, ...(request.now ? { signingDate: request.now } : {}) },
  );
  const query = Object.entries(signed.query ?? {})
    .flatMap(([key, value]) => (Array.isArray(value) ? value.map((v) => [key, v]) : [[key, value]]))
    .map(([key, value]) => `${encodeURIComponent(String(key))}=${encodeURIComponent(String(value))}`)
    .join('&');
  const url = `https://${host}/?${query}`;
  return EKS_TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}
