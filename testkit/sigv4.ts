import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What a SigV4 `Authorization` header says about who signed a request, and for what. */
export interface SigV4Scope {
  accessKeyId: string;
  /** `YYYYMMDD`, the day of the credential scope. */
  date: string;
  region: string;
  /** The signing name, which is not always the client's name (`application-autoscaling`, `logs`). */
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

/** The credential scope of a request, or undefined when it is not signed with SigV4 (HMAC). */
export function parseAuthorization(header: string | undefined): SigV4Scope | undefined {
  const m = AUTHORIZATION.exec(header ?? '');
  if (!m) return undefined;
  return {
    accessKeyId: m[1]!,
    date: m[2]!,
    region: m[3]!,
    service: m[4]!,
    signedHeaders: m[5]!.split(';'),
    signature: m[6]!,
  };
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves `!'()*` alone). */
const encode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(search: string): string {
  return [...new URLSearchParams(search)]
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .sort()
    .join('&');
}

/**
 * Recomputes the signature with the secret the test gave the CLI, so a request whose bytes differ
 * from what the SDK signed (or that was signed with other credentials) is caught. Covers what the
 * fake receives: non-S3 services, whose paths SigV4 encodes twice ("/" for the RPC protocols).
 */
export function signatureMatches(
  scope: SigV4Scope,
  request: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
  secretAccessKey: string,
): boolean {
  const url = new URL(request.url, 'http://fake');
  const path = url.pathname
    .split('/')
    .map((segment) => encode(encode(decodeURIComponent(segment))))
    .join('/');
  const headerValue = (name: string): string => {
    const value = request.headers[name];
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    return text.trim().replace(/\s+/g, ' ');
  };
  const payloadHash = headerValue('x-amz-content-sha256') || sha256(request.body);
  const canonical = [
    request.method,
    path || '/',
    canonicalQuery(url.search),
    ...scope.signedHeaders.map((name) => `${name}:${headerValue(name)}`),
    '',
    scope.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', headerValue('x-amz-date'), credentialScope, sha256(canonical)].join(
    '\n',
  );
  let key = hmac(`AWS4${secretAccessKey}`, scope.date);
  for (const part of [scope.region, scope.service, 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(toSign).digest('hex') === scope.signature;
}
