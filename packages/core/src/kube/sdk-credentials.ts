import type { AwsCredentials } from './eks-token.js';

/**
 * The caller's credentials as the AWS SDK resolves them (default chain, or a named profile): an STS
 * client's own credential provider, so the EKS token is signed by exactly who the other calls are.
 */
export function sdkCredentials(region: string, profile?: string): () => Promise<AwsCredentials> {
  return async () => {
    const { STSClient } = await import('@aws-sdk/client-sts');
    const client = new STSClient({ region, ...(profile ? { profile } : {}) });
    try {
      return await client.config.credentials();
    } finally {
      client.destroy();
    }
  };
}
