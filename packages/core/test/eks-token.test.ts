import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { parseAuthorization, signatureMatches } from '../../../testkit/sigv4.js';
import { EKS_TOKEN_PREFIX, eksToken, stsHost } from '../src/kube/eks-token.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret', sessionToken: 'session-1' };
const NOW = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

async function decoded(region = 'us-west-2'): Promise<URL> {
  const token = await eksToken({ clusterName: 'ml-eks', region, credentials: CREDENTIALS, now: NOW });
  expect(token.startsWith(EKS_TOKEN_PREFIX)).toBe(true);
  const body = token.slice(EKS_TOKEN_PREFIX.length);
  expect(body).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
  return new URL(Buffer.from(body, 'base64url').toString('utf8'));
}

describe('the EKS token', () => {
  it('is a presigned STS GetCallerIdentity URL for the region, valid 60 s, signing the cluster header', async () => {
    const url = await decoded();
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe('sts.us-west-2.amazonaws.com');
    expect(url.pathname).toBe('/');
    const q = url.searchParams;
    expect(q.get('Action')).toBe('GetCallerIdentity');
    expect(q.get('Version')).toBe('2011-06-15');
    expect(q.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(q.get('X-Amz-Expires')).toBe('60');
    expect(q.get('X-Amz-Date')).toBe('20260102T030405Z');
    expect(q.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20260102/us-west-2/sts/aws4_request');
    expect(q.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['host', 'x-k8s-aws-id']);
    expect(q.get('X-Amz-Security-Token')).toBe('session-1');
  });

  it('carries a signature that recomputes with the secret (and not with another)', async () => {
    const url = await decoded();
    const q = url.searchParams;
    const [accessKeyId, date, region, service] = q.get('X-Amz-Credential')!.split('/');
    const scope = parseAuthorization(
      `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${date}/${region}/${service}/aws4_request, SignedHeaders=${q.get('X-Amz-SignedHeaders')}, Signature=${q.get('X-Amz-Signature')}`,
    )!;
    const unsigned = new URL(url);
    unsigned.searchParams.delete('X-Amz-Signature');
    const request = {
      method: 'GET',
      url: `${unsigned.pathname}${unsigned.search}`,
      headers: {
        host: url.host,
        'x-k8s-aws-id': 'ml-eks',
        'x-amz-date': q.get('X-Amz-Date')!,
        // A presigned GET signs the empty body's hash.
        'x-amz-content-sha256': createHash('sha256').update('').digest('hex'),
      },
      body: Buffer.alloc(0),
    };
    expect(signatureMatches(scope, request, CREDENTIALS.secretAccessKey)).toBe(true);
    expect(signatureMatches(scope, request, 'another-secret')).toBe(false);
    expect(
      signatureMatches(
        scope,
        { ...request, headers: { ...request.headers, 'x-k8s-aws-id': 'other' } },
        CREDENTIALS.secretAccessKey,
      ),
    ).toBe(false);
  });

  it('goes to the China partition’s STS host in cn- regions', async () => {
    expect(stsHost('cn-north-1')).toBe('sts.cn-north-1.amazonaws.com.cn');
    expect((await decoded('cn-north-1')).host).toBe('sts.cn-north-1.amazonaws.com.cn');
  });
});
