import { Socket } from 'node:net';

/** What a guarded call tried to reach. */
export interface NetworkAttempt {
  kind: 'fetch' | 'socket';
  /** The URL fetched, or the host and port a socket connected to. */
  target: string;
}

/** Thrown at the code that tried to reach the network, so it fails where it tried. */
export class NetworkForbiddenError extends Error {
  constructor(attempt: NetworkAttempt) {
    super(`network I/O is not allowed here (${attempt.kind} to ${attempt.target})`);
    this.name = 'NetworkForbiddenError';
  }
}

function describeFetch(input: unknown): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  if (typeof input === 'object' && input !== null && 'url' in input) return String(input.url);
  return String(input);
}

function describeConnect(args: readonly unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; port?: unknown; path?: unknown };
    if (options.path !== undefined) return String(options.path);
    return `${String(options.host ?? 'localhost')}:${String(options.port)}`;
  }
  return typeof second === 'string' ? `${second}:${String(first)}` : String(first);
}

/**
 * Runs `action` with the network closed: `fetch` throws, and so does every TCP or socket connection
 * (the AWS SDK, `node:http` and most clients open sockets through `net.Socket#connect`, whichever
 * way they imported it). Attempts are recorded even when the plugin catches the error, so a plugin
 * that swallows it is still caught. The guard is process-wide while it runs: do not run guarded
 * checks concurrently with tests that need the network.
 */
export async function withoutNetwork<T>(
  action: () => Promise<T> | T,
): Promise<{ result?: T; error?: unknown; attempts: NetworkAttempt[] }> {
  const attempts: NetworkAttempt[] = [];
  const originalFetch = globalThis.fetch;
  const originalConnect = Socket.prototype.connect;
  globalThis.fetch = (async (input: unknown) => {
    const attempt: NetworkAttempt = { kind: 'fetch', target: describeFetch(input) };
    attempts.push(attempt);
    throw new NetworkForbiddenError(attempt);
  }) as typeof fetch;
  Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]): Socket {
    const attempt: NetworkAttempt = { kind: 'socket', target: describeConnect(args) };
    attempts.push(attempt);
    throw new NetworkForbiddenError(attempt);
  } as typeof Socket.prototype.connect;
  try {
    const result = await action();
    // Let work the action started without awaiting reach its first connection attempt.
    await new Promise((resolve) => setImmediate(resolve));
    return { result, attempts };
  } catch (error) {
    return { error, attempts };
  } finally {
    globalThis.fetch = originalFetch;
    Socket.prototype.connect = originalConnect;
  }
}
