import type { AwsApi, AwsCall, AwsService } from '@mcc/sdk';

/** The AWS SDK client class of each service, in `@aws-sdk/client-<service>`. */
export const CLIENT_CLASSES: Readonly<Record<AwsService, string>> = {
  sts: 'STSClient',
  iam: 'IAMClient',
  ecr: 'ECRClient',
  s3: 'S3Client',
  sagemaker: 'SageMakerClient',
  'sagemaker-runtime': 'SageMakerRuntimeClient',
  'application-auto-scaling': 'ApplicationAutoScalingClient',
  cloudwatch: 'CloudWatchClient',
  'cloudwatch-logs': 'CloudWatchLogsClient',
  codebuild: 'CodeBuildClient',
  'service-quotas': 'ServiceQuotasClient',
  eks: 'EKSClient',
  sns: 'SNSClient',
};

interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}
type ClientConstructor = new (config: Record<string, unknown>) => SdkClient;
type CommandConstructor = new (input: unknown) => unknown;
type ServiceModule = Record<string, unknown>;

export interface SdkAwsApiOptions {
  region: string;
  /** A named profile (`--profile`); otherwise the SDK's default chain (AWS_PROFILE included). */
  profile?: string;
  signal?: AbortSignal;
}

/**
 * `AwsApi` over the AWS SDK for JavaScript v3. Each service's module is imported on its first call,
 * so a verb loads only the clients it uses and `generate` loads none. The SDK resolves credentials
 * (default chain, AWS_PROFILE) and endpoints (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>) itself;
 * nothing here overrides that. Its own retries are off (`maxAttempts: 1`): `RetryingAwsApi` retries
 * throttling with a policy that tests can see.
 */
export class SdkAwsApi implements AwsApi {
  readonly region: string;
  private readonly clients = new Map<AwsService, Promise<{ client: SdkClient; module: ServiceModule }>>();

  constructor(private readonly options: SdkAwsApiOptions) {
    this.region = options.region;
  }

  async call<O>(call: AwsCall): Promise<O> {
    const { client, module } = await this.client(call.service);
    const Command = module[`${call.operation}Command`] as CommandConstructor | undefined;
    if (typeof Command !== 'function') {
      throw new Error(`@aws-sdk/client-${call.service} has no ${call.operation}Command`);
    }
    const sent = await client.send(new Command(call.input), { abortSignal: this.options.signal });
    return sent as O;
  }

  private client(service: AwsService): Promise<{ client: SdkClient; module: ServiceModule }> {
    let loaded = this.clients.get(service);
    if (!loaded) {
      loaded = (async () => {
        // The SDK warns on every run under Node 20, which mcc supports: seven lines of stderr the
        // user can do nothing about. Their own setting of the variable wins.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
        const module = (await import(`@aws-sdk/client-${service}`)) as ServiceModule;
        const Client = module[CLIENT_CLASSES[service]] as ClientConstructor;
        const config: Record<string, unknown> = { region: this.region, maxAttempts: 1 };
        if (this.options.profile) config.profile = this.options.profile;
        // A bucket may live in another region than the one calls go to; S3 answers with a redirect.
        if (service === 's3') config.followRegionRedirects = true;
        return { client: new Client(config), module };
      })();
      this.clients.set(service, loaded);
    }
    return loaded;
  }
}
