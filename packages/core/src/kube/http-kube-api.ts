import { request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RequestOptions as HttpsRequestOptions } from 'node:https';

import { KUBE_MERGE_PATCH, McError, kubeApiError, kubePath } from '@mcc/sdk';
import type {
  KubeApi,
  KubeListOptions,
  KubeLogOptions,
  KubeObject,
  KubeRawRequest,
  KubeRawResponse,
  KubeResource,
} from '@mcc/sdk';

/** Adds TLS material and credentials to a request (a kubeconfig's, or an EKS token). */
export type PrepareRequest = (options: HttpsRequestOptions) => Promise<void>;

interface Sent {
  method: string;
  path: string;
  /** A JSON value, serialised here; raw bytes go as they are. */
  body?: unknown;
  raw?: Buffer;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

/**
 * `KubeApi` as plain HTTP requests to the API server, with authentication and TLS from the caller
 * (core builds it from `@kubernetes/client-node`'s KubeConfig). Plain requests keep every path,
 * verb and content type visible, which a fake API server in tests can assert one by one, and avoid
 * the generic client's discovery round trips.
 */
export class HttpKubeApi implements KubeApi {
  constructor(
    readonly server: string,
    private readonly prepare: PrepareRequest,
  ) {}

  async get<T extends KubeObject>(
    resource: KubeResource,
    name: string,
    namespace?: string,
  ): Promise<T | undefined> {
    const response = await this.send({ method: 'GET', path: this.path(resource, namespace, name) }, [404]);
    return response.status === 404 ? undefined : (JSON.parse(response.text) as T);
  }

  async create<T extends KubeObject>(resource: KubeResource, object: KubeObject): Promise<T> {
    const response = await this.send({
      method: 'POST',
      path: this.path(resource, object.metadata.namespace),
      body: object,
      contentType: 'application/json',
    });
    return JSON.parse(response.text) as T;
  }

  async mergePatch<T extends KubeObject>(
    resource: KubeResource,
    name: string,
    patch: Readonly<Record<string, unknown>>,
    namespace?: string,
  ): Promise<T> {
    const response = await this.send({
      method: 'PATCH',
      path: this.path(resource, namespace, name),
      body: patch,
      contentType: KUBE_MERGE_PATCH,
    });
    return JSON.parse(response.text) as T;
  }

  async delete(resource: KubeResource, name: string, namespace?: string): Promise<boolean> {
    const response = await this.send({ method: 'DELETE', path: this.path(resource, namespace, name) }, [404]);
    return response.status !== 404;
  }

  async list<T extends KubeObject>(resource: KubeResource, options: KubeListOptions = {}): Promise<T[]> {
    const query = options.labelSelector ? `?labelSelector=${encodeURIComponent(options.labelSelector)}` : '';
    const response = await this.send({ method: 'GET', path: this.path(resource, options.namespace) + query });
    return (JSON.parse(response.text) as { items?: T[] }).items ?? [];
  }

  async podLogs(namespace: string, pod: string, options: KubeLogOptions): Promise<void> {
    const query = new URLSearchParams();
    if (options.container) query.set('container', options.container);
    if (options.sinceSeconds !== undefined) query.set('sinceSeconds', String(options.sinceSeconds));
    if (options.tailLines !== undefined) query.set('tailLines', String(options.tailLines));
    if (options.timestamps) query.set('timestamps', 'true');
    if (options.follow) query.set('follow', 'true');
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
    const search = query.size > 0 ? `?${query.toString()}` : '';
    const response = await this.open({ method: 'GET', path: path + search, signal: options.signal });
    if ((response.statusCode ?? 0) >= 300) {
      throw await this.failure(response, await readAll(response));
    }
    let pending = '';
    response.setEncoding('utf8');
    try {
      for await (const chunk of response as AsyncIterable<string>) {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) options.onLine(line);
      }
    } catch (error) {
      // Ctrl-C on a followed log ends it; anything else is a broken connection worth reporting.
      if (!options.signal?.aborted) throw error;
    }
    if (pending) options.onLine(pending);
  }

  async request(request: KubeRawRequest): Promise<KubeRawResponse> {
    const response = await this.open({
      method: request.method,
      path: request.path,
      ...(request.body === undefined
        ? {}
        : {
            raw: Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8'),
            ...(request.contentType ? { contentType: request.contentType } : {}),
          }),
      ...(request.accept ? { accept: request.accept } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const body = await readBytes(response);
    const type = response.headers['content-type'];
    return { status: response.statusCode ?? 0, contentType: typeof type === 'string' ? type : '', body };
  }

  /** The same paths targets' plans print (sdk's `kubePath`). */
  private path(resource: KubeResource, namespace?: string, name?: string): string {
    return kubePath(resource, namespace, name);
  }

  private async send(sent: Sent, accepted: number[] = []): Promise<{ status: number; text: string }> {
    const response = await this.open(sent);
    const text = await readAll(response);
    const status = response.statusCode ?? 0;
    if ((status >= 200 && status < 300) || accepted.includes(status)) return { status, text };
    throw await this.failure(response, text);
  }

  private async failure(response: IncomingMessage, text: string): Promise<Error> {
    const status = response.statusCode ?? 0;
    let reason = response.statusMessage ?? '';
    let message = text.trim() || `HTTP ${status}`;
    try {
      const parsed = JSON.parse(text) as { reason?: unknown; message?: unknown };
      if (typeof parsed.reason === 'string') reason = parsed.reason;
      if (typeof parsed.message === 'string') message = parsed.message;
    } catch {
      // Not a Kubernetes Status object (a proxy's page): keep the raw text.
    }
    return kubeApiError(status, reason, message);
  }

  private async open(sent: Sent): Promise<IncomingMessage> {
    const url = new URL(sent.path, this.server.endsWith('/') ? this.server : `${this.server}/`);
    // The server may live under a path prefix (a proxy); keep it.
    const prefix = new URL(this.server).pathname.replace(/\/$/, '');
    const options: HttpsRequestOptions = {
      method: sent.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port || undefined,
      path: `${prefix}${sent.path}`,
      headers: {
        Accept: sent.accept ?? 'application/json',
        ...(sent.contentType ? { 'Content-Type': sent.contentType } : {}),
      },
      ...(sent.signal ? { signal: sent.signal } : {}),
    };
    await this.prepare(options);
    const payload =
      sent.raw ?? (sent.body === undefined ? undefined : Buffer.from(JSON.stringify(sent.body)));
    return new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      // A kubeconfig's agent is an https one; plain http (a local proxy, tests) goes without it.
      if (!secure) delete options.agent;
      const req = secure ? httpsRequest(options, resolve) : httpRequest(options as RequestOptions, resolve);
      req.on('error', (error) => {
        if (sent.signal?.aborted) reject(error);
        else
          reject(
            new McError(`Cannot reach the Kubernetes API server ${this.server}: ${error.message}`, {
              code: 'KUBE_UNREACHABLE',
              cause: error,
              suggestions: [
                'Check the network path to the cluster (VPN, security groups, a private endpoint needs access from inside the VPC).',
              ],
            }),
          );
      });
      if (payload) {
        req.setHeader('Content-Length', payload.length);
        req.end(payload);
      } else req.end();
    });
  }
}

async function readBytes(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readAll(response: IncomingMessage): Promise<string> {
  return (await readBytes(response)).toString('utf8');
}
