import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake Hub received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  authorization?: string;
}

/** One answer: a status, headers, a JSON body (or raw text), and an optional delay before answering. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  delayMs?: number;
}

/**
 * A Hugging Face Hub on 127.0.0.1 for tests, reached through HF_ENDPOINT. Routes are keyed by path
 * (query left out); a route's replies are used in order, the last one repeating. Unknown paths get
 * the Hub's 404 with `X-Error-Code: EntryNotFound`.
 */
/** A reply, or a function choosing one from the request (e.g. by its Authorization header). */
export type Answer = Reply | ((request: RecordedRequest) => Reply);

export class FakeHub {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Answer[]>();
  private readonly served = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: Server;
  url = '';

  on(path: string, ...replies: Answer[]): this {
    this.routes.set(path, replies);
    return this;
  }

  /** Routes of a model found: its info, config.json and tokenizer_config.json at `revision`. */
  model(
    id: string,
    files: { info: unknown; config?: unknown; tokenizerConfig?: unknown; revision?: string },
  ): this {
    const revision = files.revision ?? 'main';
    this.on(`/api/models/${id}`, { json: files.info });
    this.on(`/api/models/${id}/revision/${encodeURIComponent(revision)}`, { json: files.info });
    if (files.config !== undefined)
      this.on(`/${id}/resolve/${encodeURIComponent(revision)}/config.json`, { json: files.config });
    if (files.tokenizerConfig !== undefined) {
      this.on(`/${id}/resolve/${encodeURIComponent(revision)}/tokenizer_config.json`, {
        json: files.tokenizerConfig,
      });
    }
    return this;
  }

  /** Requests whose path (query left out) is `path`. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.url.split('?')[0] === path);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      url,
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
    };
    this.requests.push(request);
    const replies = this.routes.get(path);
    const nth = this.served.get(path) ?? 0;
    this.served.set(path, nth + 1);
    const answer = replies?.[Math.min(nth, replies.length - 1)];
    const reply: Reply = (typeof answer === 'function' ? answer(request) : answer) ?? {
      status: 404,
      headers: { 'x-error-code': 'EntryNotFound' },
      json: { error: 'Entry not found' },
    };
    const send = (): void => {
      const body = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(body);
    };
    if (reply.delayMs === undefined) {
      send();
    } else {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!res.destroyed) send();
      }, reply.delayMs);
      this.timers.add(timer);
    }
  }
}
