import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A fake `djl-serving`: records its argv, its OPTION_/SERVING_ environment and the properties file
 * of the model directory it was given (`-m file:///…`), then answers /ping and /invocations on the
 * address in SERVING_INFERENCE_ADDRESS, as DJL Serving would. Debian's python, stdlib only.
 */
const FAKE = `#!/usr/bin/python3
import json, os, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, unquote

args = sys.argv[1:]
model_uri = args[args.index("-m") + 1]
model_dir = unquote(urlparse(model_uri).path)
with open(os.path.join(model_dir, "serving.properties"), encoding="latin-1") as f:
    properties_text = f.read()
env = {k: v for k, v in os.environ.items() if k.startswith(("OPTION_", "SERVING_", "HF_", "SAGEMAKER_"))}
with open(os.environ["FAKE_DJL_RECORD"], "w") as f:
    json.dump({"argv": sys.argv, "env": env, "properties": properties_text}, f)

address = urlparse(os.environ["SERVING_INFERENCE_ADDRESS"])

class Handler(BaseHTTPRequestHandler):
    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.reply(200, {}) if self.path == "/ping" else self.reply(404, {"error": "not found"})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        if self.path != "/invocations" or "inputs" not in body:
            return self.reply(400, {"error": "bad request"})
        self.reply(200, {"generated_text": "echo: " + body["inputs"]})

    def log_message(self, *args):
        pass

ThreadingHTTPServer((address.hostname, address.port), Handler).serve_forever()
`;

/** Writes the fake into `<dir>/bin/djl-serving` and returns that bin folder. */
export async function installFakeDjl(dir: string): Promise<string> {
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const path = join(bin, 'djl-serving');
  await writeFile(path, FAKE);
  await chmod(path, 0o755);
  return bin;
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls GET url until it answers, or fails after the deadline. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 15_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Runs `code/serve serve` with Debian's python; the caller stops it by PID. */
export function startServe(serve: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn('/usr/bin/python3', [serve, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Stops a child by its PID and waits for it to exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  await exited;
}
