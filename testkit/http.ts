import { request } from 'node:http';
import { connect } from 'node:net';

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/**
 * One HTTP request with node:http rather than fetch: a server may answer (413) and close before
 * a large body is fully sent, and the answer must still be read rather than lost to EPIPE.
 */
export function httpRequest(url: string, options: HttpOptions = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.setTimeout(options.timeoutMs ?? 30_000, () =>
      req.destroy(new Error(`no answer from ${url} in time`)),
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(options.body);
  });
}

/** POSTs a body with its content type (and an Accept header when given). */
export function post(
  url: string,
  contentType: string,
  body: string | Buffer,
  accept?: string,
): Promise<HttpReply> {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if (accept) headers.Accept = accept;
  return httpRequest(url, { method: 'POST', headers, body });
}

/** True when something accepts TCP connections on the port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
