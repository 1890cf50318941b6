import { createServer } from 'node:net';

/**
 * A TCP port nothing listens on right now, found by letting the kernel pick one on loopback.
 * Another process could take it before the caller does; for tests that is rare enough.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port was assigned'))));
    });
  });
}
