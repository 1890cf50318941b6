import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake API server received it. */
export interface KubeRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, when there was one sent as JSON. */
  body?: unknown;
  /** The body as sent, whatever its type (a proxied CSV payload). */
  raw: string;
}

/** Where a pod proxy request goes: `/api/v1/namespaces/<ns>/pods/<pod>:<port>/proxy/<path>`. */
export interface ProxyTarget {
  namespace: string;
  pod: string;
  port: number;
  /** The path after `/proxy/`, without its leading slash. */
  path: string;
}

/** What a proxied pod answers. */
export interface ProxyAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A SelfSubjectAccessReview's question, as `spec.resourceAttributes` asks it. */
export interface AccessAttributes {
  verb?: string;
  group?: string;
  resource?: string;
  namespace?: string;
}

/** An answer a test forces for matching requests (RBAC refusals, admission errors). */
export interface KubeFault {
  method: string;
  /** Matches the path (without the query) exactly or by pattern. */
  path: string | RegExp;
  status: number;
  reason: string;
  message: string;
}

/** Any stored object: what a client sent, with the server's metadata added. */
export type StoredObject = Record<string, unknown> & {
  metadata: Record<string, unknown> & { name: string; namespace?: string; labels?: Record<string, string> };
};

/** The CRD the HyperPod inference operator installs, and the API group it serves. */
export const IEC_CRD_PATH =
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/inferenceendpointconfigs.inference.sagemaker.aws.amazon.com';
const IEC_GROUP_PREFIX = '/apis/inference.sagemaker.aws.amazon.com/';
const SELF_SUBJECT_ACCESS_REVIEWS = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
/** A pod proxy path, the pod's name and port joined by a colon as kubectl writes them. */
const PROXY = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/:]+):(\d+)\/proxy\/(.*)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386, as the API server applies `application/merge-patch+json`. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

function matchesSelector(labels: Record<string, string> | undefined, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=');
    return key !== undefined && (labels ?? {})[key] === value;
  });
}

/**
 * A Kubernetes API server on loopback for tests: objects kept in memory by their API path, the
 * verbs mcc uses (get, create, merge patch, delete, list with a label selector, pod logs with
 * follow), `Status` errors shaped as the real server sends them, and every request recorded. It
 * behaves like a real server where mcc depends on it: a namespaced object needs its namespace,
 * the operator's resource type exists only while its CRD does, and `generation` counts spec
 * changes. `operator` plays the operator on each read of an object (a test sets status there).
 */
export class FakeKubeServer {
  readonly requests: KubeRequest[] = [];
  readonly objects = new Map<string, StoredObject>();
  readonly faults: KubeFault[] = [];
  /** Pod logs by `namespace/pod`: lines written at once, then more for a followed stream. */
  readonly logs = new Map<string, { lines: string[]; followLines?: string[] }>();
  /** Called before an object is returned by a GET, with how many GETs of that path came before. */
  operator?: (object: StoredObject, path: string, nth: number) => void;
  /** Answers pod proxy requests for pods that exist; without it the pod is out of reach (503). */
  proxy?: (target: ProxyTarget, request: KubeRequest) => ProxyAnswer;
  /** Decides SelfSubjectAccessReviews; everything is allowed without it. */
  access?: (attributes: AccessAttributes) => boolean;
  /** GETs a deleted object still answers (terminating, as a finalizer holds it) before it is gone. */
  lingerAfterDelete = 0;
  private server?: Server;
  private readonly gets = new Map<string, number>();
  private readonly lingering = new Map<string, number>();
  private readonly open = new Set<ServerResponse>();
  private serial = 0;

  /**
   * Starts on a free loopback port; answers the server's URL. With a certificate it speaks TLS, as
   * an EKS API server does (clients that check certificates refuse plain http to a cluster).
   */
  async start(tls?: { key: string; cert: string }): Promise<string> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = tls ? createTlsServer(tls, handler) : createServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `${tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.open) res.end();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Stores an object as if created earlier (a namespace, the CRD, a pod). */
  put(path: string, object: StoredObject): void {
    this.objects.set(path, structuredClone({ ...object, metadata: { generation: 1, ...object.metadata } }));
  }

  /** Every request so far, as `METHOD path` (without the query). */
  lines(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const json = /json/.test(req.headers['content-type'] ?? '');
    const request: KubeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      ...(text && json ? { body: JSON.parse(text) as unknown } : {}),
      raw: text,
    };
    this.requests.push(request);
    const fault = this.faults.find(
      (f) =>
        f.method === request.method &&
        (typeof f.path === 'string' ? f.path === request.path : f.path.test(request.path)),
    );
    if (fault) return this.status(res, fault.status, fault.reason, fault.message);
    if (request.path === '/version' && request.method === 'GET') {
      return this.json(res, 200, { major: '1', minor: '31', gitVersion: 'v1.31.0-fake' });
    }
    if (request.path === SELF_SUBJECT_ACCESS_REVIEWS && request.method === 'POST') {
      return this.review(request, res);
    }
    if (request.path.startsWith(IEC_GROUP_PREFIX) && !this.objects.has(IEC_CRD_PATH)) {
      return this.status(res, 404, 'NotFound', 'the server could not find the requested resource');
    }
    const namespace = /\/namespaces\/([^/]+)\/[^/]+/.exec(request.path)?.[1];
    if (namespace && !this.objects.has(`/api/v1/namespaces/${namespace}`)) {
      return this.status(res, 404, 'NotFound', `namespaces "${namespace}" not found`);
    }
    if (request.path.endsWith('/log')) return this.podLog(request, res);
    const proxied = PROXY.exec(request.path);
    if (proxied) return this.proxied(proxied, request, res);
    switch (request.method) {
      case 'GET':
        return this.get(request, res);
      case 'POST':
        return this.create(request, res);
      case 'PATCH':
        return this.patch(request, res);
      case 'DELETE':
        return this.remove(request, res);
      default:
        return this.status(res, 405, 'MethodNotAllowed', `${request.method} is not supported`);
    }
  }

  private get(request: KubeRequest, res: ServerResponse): void {
    const object = this.objects.get(request.path);
    if (object) {
      const left = this.lingering.get(request.path);
      if (left !== undefined) {
        if (left <= 0) {
          this.objects.delete(request.path);
          this.lingering.delete(request.path);
          return this.notFound(res, request.path);
        }
        this.lingering.set(request.path, left - 1);
      }
      const nth = this.gets.get(request.path) ?? 0;
      this.gets.set(request.path, nth + 1);
      this.operator?.(object, request.path, nth);
      return this.json(res, 200, object);
    }
    // A collection: every stored object directly under this path, filtered by label selector.
    const prefix = `${request.path}/`;
    const items = [...this.objects.entries()]
      .filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
      .map(([, o]) => o)
      .filter((o) => matchesSelector(o.metadata.labels, request.query.get('labelSelector')));
    if (items.length > 0 || this.isCollection(request.path)) {
      return this.json(res, 200, { kind: 'List', apiVersion: 'v1', metadata: {}, items });
    }
    return this.notFound(res, request.path);
  }

  /** Collections the tests list: pods of a namespace. */
  private isCollection(path: string): boolean {
    return /^\/api\/v1\/namespaces\/[^/]+\/pods$/.test(path);
  }

  private create(request: KubeRequest, res: ServerResponse): void {
    const body = request.body as StoredObject;
    const path = `${request.path}/${body.metadata.name}`;
    if (this.objects.has(path)) {
      return this.status(
        res,
        409,
        'AlreadyExists',
        `${request.path.split('/').pop()} "${body.metadata.name}" already exists`,
      );
    }
    const stored: StoredObject = {
      ...structuredClone(body),
      metadata: {
        ...body.metadata,
        uid: `uid-${++this.serial}`,
        resourceVersion: String(this.serial),
        generation: 1,
      },
    };
    this.objects.set(path, stored);
    this.json(res, 201, stored);
  }

  private patch(request: KubeRequest, res: ServerResponse): void {
    const object = this.objects.get(request.path);
    if (!object) return this.notFound(res, request.path);
    if (request.headers['content-type'] !== 'application/merge-patch+json') {
      return this.status(
        res,
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format`,
      );
    }
    const patched = applyMergePatch(object, request.body) as StoredObject;
    const changed = JSON.stringify(patched.spec) !== JSON.stringify(object.spec);
    const generation = Number(object.metadata.generation ?? 1) + (changed ? 1 : 0);
    patched.metadata = { ...patched.metadata, generation, resourceVersion: String(++this.serial) };
    this.objects.set(request.path, patched);
    this.json(res, 200, patched);
  }

  private remove(request: KubeRequest, res: ServerResponse): void {
    const object = this.objects.get(request.path);
    if (!object || this.lingering.has(request.path)) {
      if (!object) return this.notFound(res, request.path);
      return this.json(res, 200, object);
    }
    if (this.lingerAfterDelete > 0) {
      object.metadata.deletionTimestamp = new Date(0).toISOString();
      this.lingering.set(request.path, this.lingerAfterDelete);
    } else {
      this.objects.delete(request.path);
    }
    this.json(res, 200, object);
  }

  private podLog(request: KubeRequest, res: ServerResponse): void {
    const key = /\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(request.path);
    const log = key ? this.logs.get(`${key[1]}/${key[2]}`) : undefined;
    if (!log) return this.notFound(res, request.path);
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    for (const line of log.lines) res.write(`${line}\n`);
    if (request.query.get('follow') !== 'true') {
      res.end();
      return;
    }
    // A followed log stays open; later lines arrive one by one, and only the client (or close) ends it.
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    const later = [...(log.followLines ?? [])];
    const next = () => {
      const line = later.shift();
      if (line === undefined || res.writableEnded) return;
      res.write(`${line}\n`);
      setTimeout(next, 5);
    };
    setTimeout(next, 5);
  }

  /** The API server's pod proxy: the pod must exist; then the test's `proxy` answers for it. */
  private proxied(match: RegExpExecArray, request: KubeRequest, res: ServerResponse): void {
    const [, namespace = '', pod = '', port = '0', path = ''] = match;
    if (!this.objects.has(`/api/v1/namespaces/${namespace}/pods/${pod}`)) {
      return this.status(res, 404, 'NotFound', `pods "${pod}" not found`);
    }
    if (!this.proxy) {
      return this.status(
        res,
        503,
        'ServiceUnavailable',
        `error trying to reach service: dial tcp 10.0.0.1:${port}: connect: connection refused`,
      );
    }
    const answer = this.proxy({ namespace, pod, port: Number(port), path }, request);
    res.writeHead(answer.status, {
      'Content-Type': answer.contentType,
      'Content-Length': Buffer.byteLength(answer.body),
    });
    res.end(answer.body);
  }

  /** A SelfSubjectAccessReview, answered with its spec and the `access` decision as the server does. */
  private review(request: KubeRequest, res: ServerResponse): void {
    const review = request.body as { spec?: { resourceAttributes?: AccessAttributes } };
    const attributes = review.spec?.resourceAttributes ?? {};
    const allowed = this.access ? this.access(attributes) : true;
    this.json(res, 201, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: review.spec ?? {},
      status: { allowed },
    });
  }

  private notFound(res: ServerResponse, path: string): void {
    const parts = path.split('/');
    this.status(res, 404, 'NotFound', `${parts.at(-2) ?? 'object'} "${parts.at(-1) ?? ''}" not found`);
  }

  private status(res: ServerResponse, code: number, reason: string, message: string): void {
    this.json(res, code, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    });
  }

  private json(res: ServerResponse, code: number, body: unknown): void {
    const payload = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
  }
}
