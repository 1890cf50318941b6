import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './free-port.js';
import { httpRequest } from './http.js';
import { descendantsOf } from './process-tree.js';

/** Debian's python (with python3-sklearn and friends) and nginx first: the generated code runs on them. */
const SYSTEM_PATH = '/usr/bin:/usr/sbin:/bin:/sbin';
const KEEP_OUTPUT_CHARS = 64 * 1024;

export interface StartServeOptions {
  /** The generated project; its `code/serve` is run. */
  projectDir: string;
  /** `SM_MODEL_DIR`: where the model file is. */
  modelDir: string;
  /** Defaults to a free loopback port. */
  port?: number;
  /** More environment, e.g. `{MCC_WORKERS: '2'}`. */
  env?: Record<string, string>;
  /** How long to wait for `/ping` to answer 200; default 30 s. */
  readyTimeoutMs?: number;
}

export interface StopResult {
  /** Exit code, or null when ended by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the SIGTERM (or from the start, when it ended on its own) to the exit. */
  ms: number;
  /** True when it did not stop in time and was killed with SIGKILL (with its descendants). */
  killed: boolean;
}

export interface ServeProcess {
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** stderr (and stdout) so far, the last 64 KB of each. */
  stderr(): string;
  stdout(): string;
  /** SIGTERM by pid, then SIGKILL to it and its descendants after `graceMs` (default 30 s). */
  stop(graceMs?: number): Promise<StopResult>;
  /** Settles when the process exits, however that happens. */
  exited: Promise<StopResult>;
}

function collector(): { add(chunk: Buffer): void; text(): string } {
  let text = '';
  return {
    add(chunk) {
      text = (text + chunk.toString('utf8')).slice(-KEEP_OUTPUT_CHARS);
    },
    text: () => text,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a generated project's `code/serve` on loopback and waits until `GET /ping` answers 200.
 * Throws with the process's stderr when it exits early or is not ready in time (it is stopped then).
 */
export async function startServe(options: StartServeOptions): Promise<ServeProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // The runtime directory's parent; open to all so nginx's workers reach the sockets whatever user they run as.
  const runParent = await mkdtemp(join(tmpdir(), 'mcc-serve-test-'));
  await chmod(runParent, 0o755);
  const child = spawn(join(options.projectDir, 'code', 'serve'), [], {
    cwd: options.projectDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${SYSTEM_PATH}:${process.env.PATH ?? ''}`,
      SM_MODEL_DIR: options.modelDir,
      SAGEMAKER_BIND_TO_PORT: String(port),
      MCC_BIND_HOST: '127.0.0.1',
      MCC_RUN_DIR: runParent,
      ...options.env,
    },
  });
  const out = collector();
  const err = collector();
  child.stdout.on('data', out.add);
  child.stderr.on('data', err.add);

  const started = Date.now();
  let signalledAt: number | undefined;
  let killed = false;
  const exited = new Promise<StopResult>((resolve) => {
    child.once('exit', (code, signal) =>
      resolve({ code, signal, ms: Date.now() - (signalledAt ?? started), killed }),
    );
    child.once('error', (error) => {
      err.add(Buffer.from(`\n${error.message}\n`));
      resolve({ code: null, signal: null, ms: Date.now() - started, killed });
    });
  });
  let done: StopResult | undefined;
  void exited.then((result) => (done = result));

  const stop = async (graceMs = 30_000): Promise<StopResult> => {
    if (!done && child.pid !== undefined) {
      signalledAt = Date.now();
      child.kill('SIGTERM');
      const timer = sleep(graceMs).then(() => undefined);
      if ((await Promise.race([exited, timer])) === undefined) {
        killed = true;
        for (const pid of [...descendantsOf(child.pid), child.pid]) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
    }
    const result = await exited;
    await rm(runParent, { recursive: true, force: true });
    return { ...result, killed };
  };

  const deadline = started + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (done) {
      await rm(runParent, { recursive: true, force: true });
      throw new Error(
        `code/serve exited (code ${done.code}, signal ${done.signal}) before /ping answered 200:\n${err.text()}`,
      );
    }
    try {
      if ((await httpRequest(`${url}/ping`, { timeoutMs: 2_000 })).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop(5_000);
      throw new Error(
        `code/serve did not answer /ping with 200 within ${options.readyTimeoutMs ?? 30_000} ms:\n${err.text()}`,
      );
    }
    await sleep(100);
  }

  return { pid: child.pid!, port, url, stderr: err.text, stdout: out.text, stop, exited };
}
