// Drives POST /invocations with wrk (Debian package `wrk`) and returns its figures. Each run is
// bounded: wrk stops after `seconds`, a request counts as a timeout after 10 s, and wrk itself is
// killed if it has not finished 20 s after its deadline.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { SYSTEM_PATH } from './processes.mjs';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'post.lua');
const REQUEST_TIMEOUT = '10s';
const OVERRUN_MS = 20_000;

/** The running wrk, so an interrupted benchmark can stop it. */
let current;
export function stopLoad() {
  current?.kill('SIGKILL');
}

/**
 * One wrk run of `seconds` against `url` with `connections` open connections, POSTing `bodyFile`.
 * Returns {requests, seconds, rps, p50Ms, p99Ms, not2xx, socketErrors}.
 */
export function runLoad({ url, bodyFile, connections, seconds }) {
  // One wrk thread: it keeps 32 connections busy easily and leaves the CPUs to the servers.
  const args = ['-t', '1', '-c', String(connections), '-d', `${seconds}s`, '--timeout', REQUEST_TIMEOUT];
  args.push('--latency', '-s', SCRIPT, `${url}/invocations`);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, {
      env: { ...process.env, PATH: SYSTEM_PATH, BENCH_BODY_FILE: bodyFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    current = child;
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000 + OVERRUN_MS);
    child.once('error', (error) =>
      reject(new Error(`cannot run wrk (Debian package wrk: apt-get install -y wrk): ${error.message}`)),
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`wrk ${args.join(' ')} ended (code ${code}, signal ${signal}):\n${out}`));
        return;
      }
      const r = JSON.parse(line.slice('BENCH_RESULT '.length));
      const secondsRun = r.durationUs / 1e6;
      resolve({
        requests: r.requests,
        seconds: secondsRun,
        rps: r.requests / secondsRun,
        p50Ms: r.p50Us / 1000,
        p99Ms: r.p99Us / 1000,
        not2xx: r.not2xx,
        socketErrors: r.connect + r.read + r.write + r.timeout,
      });
    });
  });
}
