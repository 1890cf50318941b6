import { kubeErrorReason, kubeErrorStatus } from '@mcc/sdk';
import type { KubeResource } from '@mcc/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FakeKubeServer } from '../../../testkit/fake-kube-server.js';
import { freePort } from '../../../testkit/free-port.js';
import { HttpKubeApi } from '../src/kube/http-kube-api.js';

const NAMESPACES: KubeResource = { group: '', version: 'v1', plural: 'namespaces', namespaced: false };
const WIDGETS: KubeResource = { group: 'example.com', version: 'v1', plural: 'widgets', namespaced: true };
const PODS: KubeResource = { group: '', version: 'v1', plural: 'pods', namespaced: true };

let server: FakeKubeServer;
let api: HttpKubeApi;
beforeEach(async () => {
  server = new FakeKubeServer();
  const url = await server.start();
  // What the connector's kubeconfig adds: here a fixed token, to see it reach the server.
  api = new HttpKubeApi(url, async (options) => {
    options.headers = { ...options.headers, Authorization: 'Bearer test-token' };
  });
  server.put('/api/v1/namespaces/team-a', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team-a' },
  });
});
afterEach(async () => {
  await server.close();
});

const widget = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name, namespace: 'team-a', labels },
  spec: { size: 1, colour: { name: 'red' } },
});

describe('HttpKubeApi against a Kubernetes API server on loopback', () => {
  it('sends each verb to its path with the caller’s credentials, JSON in and out', async () => {
    expect(await api.get(WIDGETS, 'w1', 'team-a')).toBeUndefined();
    const created = await api.create(WIDGETS, widget('w1', { app: 'x' }));
    expect(created.metadata.uid).toBeDefined();
    const got = await api.get(WIDGETS, 'w1', 'team-a');
    expect(got?.metadata.name).toBe('w1');
    expect(await api.get(NAMESPACES, 'team-a')).toMatchObject({ kind: 'Namespace' });

    expect(server.lines()).toEqual([
      'GET /apis/example.com/v1/namespaces/team-a/widgets/w1',
      'POST /apis/example.com/v1/namespaces/team-a/widgets',
      'GET /apis/example.com/v1/namespaces/team-a/widgets/w1',
      'GET /api/v1/namespaces/team-a',
    ]);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe('Bearer test-token');
      expect(request.headers.accept).toBe('application/json');
    }
    const post = server.requests[1]!;
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.body).toEqual(widget('w1', { app: 'x' }));
  });

  it('merge-patches with application/merge-patch+json, the patch as the body', async () => {
    await api.create(WIDGETS, widget('w1'));
    const patched = await api.mergePatch<ReturnType<typeof widget>>(
      WIDGETS,
      'w1',
      { spec: { size: 3, colour: null } },
      'team-a',
    );
    expect(patched.spec).toEqual({ size: 3 });
    const patch = server.requests.at(-1)!;
    expect(patch.method).toBe('PATCH');
    expect(patch.path).toBe('/apis/example.com/v1/namespaces/team-a/widgets/w1');
    expect(patch.headers['content-type']).toBe('application/merge-patch+json');
    expect(patch.body).toEqual({ spec: { size: 3, colour: null } });
  });

  it('deletes, answering false for what was already gone; lists by label selector', async () => {
    await api.create(WIDGETS, widget('a', { app: 'x', tier: 'web' }));
    await api.create(WIDGETS, widget('b', { app: 'y' }));
    const listed = await api.list(WIDGETS, { namespace: 'team-a', labelSelector: 'app=x,tier=web' });
    expect(listed.map((o) => o.metadata.name)).toEqual(['a']);
    expect(server.requests.at(-1)!.query.get('labelSelector')).toBe('app=x,tier=web');
    expect(await api.delete(WIDGETS, 'a', 'team-a')).toBe(true);
    expect(await api.delete(WIDGETS, 'a', 'team-a')).toBe(false);
    expect(server.lines().slice(-2)).toEqual([
      'DELETE /apis/example.com/v1/namespaces/team-a/widgets/a',
      'DELETE /apis/example.com/v1/namespaces/team-a/widgets/a',
    ]);
  });

  it('turns a Status answer into an error with the HTTP status, the reason and the server’s message', async () => {
    server.faults.push({
      method: 'POST',
      path: '/apis/example.com/v1/namespaces/team-a/widgets',
      status: 403,
      reason: 'Forbidden',
      message:
        'widgets is forbidden: User "alice" cannot create resource "widgets" in the namespace "team-a"',
    });
    const error = await api.create(WIDGETS, widget('w1')).catch((e: unknown) => e);
    expect(kubeErrorStatus(error)).toBe(403);
    expect(kubeErrorReason(error)).toBe('Forbidden');
    expect((error as Error).message).toBe(
      'widgets is forbidden: User "alice" cannot create resource "widgets" in the namespace "team-a"',
    );
    const conflict = await api
      .create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } })
      .catch((e: unknown) => e);
    expect(kubeErrorStatus(conflict)).toBe(409);
    expect(kubeErrorReason(conflict)).toBe('AlreadyExists');
  });

  it('reads pod logs with the query the caller asked for, line by line', async () => {
    server.logs.set('team-a/p1', { lines: ['2026-01-01T00:00:00Z one', 'two'] });
    const lines: string[] = [];
    await api.podLogs('team-a', 'p1', {
      container: 'worker',
      sinceSeconds: 600,
      tailLines: 5,
      timestamps: true,
      onLine: (line) => lines.push(line),
    });
    expect(lines).toEqual(['2026-01-01T00:00:00Z one', 'two']);
    const request = server.requests.at(-1)!;
    expect(request.path).toBe('/api/v1/namespaces/team-a/pods/p1/log');
    expect(Object.fromEntries(request.query)).toEqual({
      container: 'worker',
      sinceSeconds: '600',
      tailLines: '5',
      timestamps: 'true',
    });
    expect(await api.list(PODS, { namespace: 'team-a' })).toEqual([]);
  });

  it('follows a log until the signal aborts, then returns without an error', async () => {
    server.logs.set('team-a/p1', { lines: ['first'], followLines: ['second', 'third'] });
    const controller = new AbortController();
    const lines: string[] = [];
    await api.podLogs('team-a', 'p1', {
      follow: true,
      signal: controller.signal,
      onLine: (line) => {
        lines.push(line);
        if (line === 'third') controller.abort();
      },
    });
    expect(lines).toEqual(['first', 'second', 'third']);
    expect(server.requests.at(-1)!.query.get('follow')).toBe('true');
  });

  it('says which server it cannot reach', async () => {
    const port = await freePort();
    const nowhere = new HttpKubeApi(`http://127.0.0.1:${port}`, async () => {});
    await expect(nowhere.get(NAMESPACES, 'x')).rejects.toMatchObject({
      code: 'KUBE_UNREACHABLE',
      message: expect.stringContaining(`http://127.0.0.1:${port}`),
    });
  });
});

describe('HttpKubeApi.request, for what the typed methods do not cover', () => {
  it('sends raw bytes with their content type and accept header, and returns any status without throwing', async () => {
    server.put('/api/v1/namespaces/team-a/pods/p1', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p1', namespace: 'team-a' },
    });
    server.proxy = (_target, request) => ({
      status: 422,
      contentType: 'text/plain',
      body: `got ${request.raw.length} bytes`,
    });
    const response = await api.request({
      method: 'POST',
      path: '/api/v1/namespaces/team-a/pods/p1:8080/proxy/invocations',
      body: Buffer.from('1,2,3\n'),
      contentType: 'text/csv',
      accept: 'text/csv',
    });
    expect(response).toEqual({ status: 422, contentType: 'text/plain', body: Buffer.from('got 6 bytes') });
    const sent = server.requests[0]!;
    expect(sent.raw).toBe('1,2,3\n');
    expect(sent.headers).toMatchObject({
      'content-type': 'text/csv',
      accept: 'text/csv',
      authorization: 'Bearer test-token',
      'content-length': '6',
    });
  });

  it('sends no content type without a body, and JSON is taken as a string too', async () => {
    const version = await api.request({ method: 'GET', path: '/version' });
    expect(version.status).toBe(200);
    expect(JSON.parse(version.body.toString('utf8'))).toMatchObject({ gitVersion: 'v1.31.0-fake' });
    expect(server.requests[0]!.headers['content-type']).toBeUndefined();
    await api.request({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: JSON.stringify({ spec: { resourceAttributes: { verb: 'get' } } }),
      contentType: 'application/json',
    });
    expect(server.requests[1]!.body).toEqual({ spec: { resourceAttributes: { verb: 'get' } } });
  });
});
