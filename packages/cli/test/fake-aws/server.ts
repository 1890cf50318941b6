import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { failure, parseCall, success } from './protocols.js';
import type { HttpAnswer, Protocol } from './protocols.js';
import { parseAuthorization, signatureMatches } from '../../../../testkit/sigv4.js';

/** One request as the fake received it, and what it answered. */
export interface RecordedRequest {
  /** 1, 2, … in the order requests arrived. */
  seq: number;
  method: string;
  path: string;
  /** The signing name and region of the SigV4 credential scope; `(unsigned)` when there is none. */
  service: string;
  region: string;
  accessKeyId: string;
  /** The signature recomputed with the test's secret matches the one sent. */
  signatureValid: boolean;
  protocol: Protocol;
  operation: string;
  targetPrefix?: string;
  input: unknown;
  headers: IncomingHttpHeaders;
  /** The status answered, and the error code when it was an error. */
  status: number;
  fault?: string;
}

/** Thrown by a handler to answer an AWS error in the request's protocol. */
export class AwsFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Answers one operation: the output object, or throws AwsFault. */
export type Handler = (request: RecordedRequest) => unknown;
/** Handlers by operation name (`CreateEndpoint`, `GetCallerIdentity`). */
export type Handlers = Readonly<Record<string, Handler>>;

export interface FakeAws {
  /** `http://127.0.0.1:<port>`, for AWS_ENDPOINT_URL. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /**
   * What should make a test fail: operations with no handler, handlers that crashed, signatures
   * that do not match. Each names the operation.
   */
  readonly problems: readonly string[];
  /** The table the next requests are answered from; replace it between runs as needed. */
  handlers: Handlers;
  /** `service:Operation` of every request so far, in order. */
  operations(): string[];
  /** Forgets the recorded requests and problems. */
  reset(): void;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * A fake AWS on loopback (port chosen by the kernel) that every service's client can be pointed
 * at through AWS_ENDPOINT_URL: it tells the services apart by the credential scope of the
 * signature, and the operation by the protocol's own routing (X-Amz-Target or Action=).
 */
export async function startFakeAws(options: {
  handlers: Handlers;
  secretAccessKey: string;
}): Promise<FakeAws> {
  const requests: RecordedRequest[] = [];
  const problems: string[] = [];
  let seq = 0;

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const scope = parseAuthorization(req.headers.authorization);
    const call = parseCall(method, url, req.headers, body);
    const record: RecordedRequest = {
      seq: ++seq,
      method,
      path: url,
      service: scope?.service ?? '(unsigned)',
      region: scope?.region ?? '(unsigned)',
      accessKeyId: scope?.accessKeyId ?? '',
      signatureValid:
        scope !== undefined &&
        signatureMatches(scope, { method, url, headers: req.headers, body }, options.secretAccessKey),
      protocol: call.protocol,
      operation: call.operation,
      ...(call.targetPrefix === undefined ? {} : { targetPrefix: call.targetPrefix }),
      input: call.input,
      headers: req.headers,
      status: 0,
    };
    requests.push(record);
    const name = `${record.service}:${record.operation}`;
    const requestId = `fake-${record.seq}`;
    let reply: HttpAnswer;
    try {
      if (!record.signatureValid) {
        problems.push(`${name}: the signature does not match the request`);
        throw new AwsFault(
          'SignatureDoesNotMatch',
          `The fake could not verify the signature of ${name}.`,
          403,
        );
      }
      const handler = fake.handlers[record.operation];
      if (!handler) {
        problems.push(`${name}: no handler for this operation`);
        throw new AwsFault('UnknownOperationException', `The fake AWS has no handler for ${name}.`);
      }
      reply = success(call, record.service, await handler(record), requestId);
    } catch (error) {
      if (!(error instanceof AwsFault)) problems.push(`${name}: the handler threw ${String(error)}`);
      const fault =
        error instanceof AwsFault
          ? { code: error.code, message: error.message, status: error.status }
          : { code: 'InternalFailure', message: String(error), status: 500 };
      record.fault = fault.code;
      reply = failure(call, record.service, fault, requestId);
    }
    record.status = reply.status;
    res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
    res.end(reply.body);
  };

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      problems.push(`the fake failed on ${req.method} ${req.url}: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeAws = {
    url: `http://127.0.0.1:${port}`,
    requests,
    problems,
    handlers: options.handlers,
    operations: () => requests.map((r) => `${r.service}:${r.operation}`),
    reset: () => {
      requests.length = 0;
      problems.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // The SDK keeps connections alive; a CLI that has exited has closed them, but be sure.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}
