import { McError, listOf } from '@mcc/sdk';
import type { AwsApi, Clock, KubeConnectRequest, KubeConnection, KubeConnector } from '@mcc/sdk';
// A type only: erased at build time, so the client itself still loads on the first connection.
import type { KubeConfig } from '@kubernetes/client-node';

import { eksToken } from './eks-token.js';
import type { AwsCredentials } from './eks-token.js';
import { HttpKubeApi } from './http-kube-api.js';
import { findEksCluster } from './hyperpod-cluster.js';

/** The in-memory kubeconfig's user, whose token mcc signs itself. */
const EKS_USER = 'mcc-eks-token';
/**
 * EKS accepts a token for 15 minutes after it was signed; a fresh one after 10 leaves room for a
 * slow request. Long waits (a deploy polls for up to an hour) cross several.
 */
const TOKEN_REUSE_MS = 10 * 60 * 1000;

export interface KubeConnectorOptions {
  aws: AwsApi;
  /** The caller's AWS credentials, resolved by the SDK's default chain (a profile included). */
  credentials: () => Promise<AwsCredentials>;
  /** `--kube-context`: use this context of KUBECONFIG (or ~/.kube/config) instead of finding the cluster. */
  kubeContext?: string;
  clock: Clock;
}

/**
 * Core's `KubeConnector`. `@kubernetes/client-node` is imported here, on the first connection, so
 * only the verbs that reach a cluster pay its load time (DESIGN.md §7).
 */
export class SdkKubeConnector implements KubeConnector {
  constructor(private readonly options: KubeConnectorOptions) {}

  async connect(request: KubeConnectRequest): Promise<KubeConnection> {
    const client = await import('@kubernetes/client-node');
    const config = new client.KubeConfig();
    if (this.options.kubeContext !== undefined) return this.fromKubeconfig(config, this.options.kubeContext);

    const cluster = await findEksCluster(this.options.aws, request.hyperpodCluster);
    config.loadFromOptions({
      clusters: [
        { name: cluster.name, server: cluster.endpoint, caData: cluster.caData, skipTLSVerify: false },
      ],
      users: [{ name: EKS_USER }],
      contexts: [{ name: cluster.name, cluster: cluster.name, user: EKS_USER }],
      currentContext: cluster.name,
    });
    const token = this.tokens(cluster.name);
    config.addAuthenticator({
      isAuthProvider: (user) => user.name === EKS_USER,
      applyAuthentication: async (_user, opts) => {
        opts.headers = { ...opts.headers, Authorization: `Bearer ${await token()}` };
      },
    });
    return {
      api: new HttpKubeApi(cluster.endpoint, (opts) => config.applyToHTTPSOptions(opts)),
      description: `EKS cluster ${cluster.name} (behind HyperPod cluster ${request.hyperpodCluster})`,
      eksClusterArn: cluster.arn,
    };
  }

  private fromKubeconfig(config: KubeConfig, context: string): KubeConnection {
    config.loadFromDefault();
    const names = config.getContexts().map((c) => c.name);
    if (!names.includes(context)) {
      throw new McError(`--kube-context ${context} is not a context of your kubeconfig.`, {
        code: 'KUBE_CONTEXT_NOT_FOUND',
        exitCode: 2,
        suggestions: [
          names.length > 0
            ? `Its contexts are ${listOf(names)} (KUBECONFIG, else ~/.kube/config).`
            : 'No kubeconfig was found: set KUBECONFIG, or run `aws eks update-kubeconfig --name <cluster>`.',
        ],
      });
    }
    config.setCurrentContext(context);
    const server = config.getCurrentCluster()?.server;
    if (!server) {
      throw new McError(`The kubeconfig context ${context} names no cluster server.`, {
        code: 'KUBE_CONTEXT_INVALID',
        exitCode: 2,
      });
    }
    return {
      api: new HttpKubeApi(server, (opts) => config.applyToHTTPSOptions(opts)),
      description: `kubeconfig context ${context} (${server})`,
    };
  }

  private tokens(clusterName: string): () => Promise<string> {
    let cached: { token: string; at: number } | undefined;
    return async () => {
      const now = this.options.clock.now();
      if (cached && now - cached.at < TOKEN_REUSE_MS) return cached.token;
      const token = await eksToken({
        clusterName,
        region: this.options.aws.region,
        credentials: await this.options.credentials(),
        now: new Date(now),
      });
      cached = { token, at: now };
      return token;
    };
  }
}
