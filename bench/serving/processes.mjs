// Starting and stopping the servers under test, and measuring their memory, from /proc (Linux).
// Each server is spawned as the leader of its own process group; stop() sends SIGTERM to it and,
// after a bound, SIGKILL to the group and to every descendant seen before (mcc's code/serve puts
// nginx and its workers in sessions of their own, so the group alone would miss them).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';

/** Debian's python (with sklearn, flask, gunicorn …) and nginx come first. */
export const SYSTEM_PATH = `/usr/bin:/usr/sbin:/bin:/sbin:${process.env.PATH ?? ''}`;
const STOP_GRACE_MS = 15_000;
const KEEP_LOG_CHARS = 16 * 1024;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port nothing listens on now, picked by the kernel on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command (2nd field) may hold spaces; the fields after the last `)` do not.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The process and all its live descendants. */
export function processTree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentOf(Number(name));
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** When a process started (clock ticks since boot): tells a pid apart from a later reuse of it. */
function startTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function rssBytes(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // gone, or a kernel thread
  }
}

/** Sum of the resident set sizes of a process and its descendants. */
export function treeRss(root) {
  return processTree(root).reduce((sum, pid) => sum + rssBytes(pid), 0);
}

// Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common architecture.
const TICKS_PER_SECOND = 100;

function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by a process and its live descendants. Less sensitive than requests/s
 * to other work on the machine: a busy neighbour delays a request, but barely adds to its CPU.
 */
export function treeCpuSeconds(root) {
  return processTree(root).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

/** Samples treeRss every `everyMs` until stopped; stop() returns the peak in bytes. */
export function sampleRss(root, everyMs = 100) {
  let peak = treeRss(root);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(root))), everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(peak, treeRss(root));
  };
}

async function pingOk(url) {
  try {
    const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts `command` on loopback `port` and waits until GET /ping answers 200.
 * Throws with the process's output when it exits first or is not ready within `readyMs`.
 */
export async function startServer({ name, command, args = [], cwd, env, port, readyMs = 60_000 }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PATH: SYSTEM_PATH, ...env },
    detached: true, // its own process group, so Ctrl-C in the terminal reaches only us
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk) => (log = (log + chunk.toString('utf8')).slice(-KEEP_LOG_CHARS));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitInfo;
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve((exitInfo = { code, signal })));
    child.once('error', (error) => {
      keep(error.message);
      resolve((exitInfo = { code: null, signal: null }));
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const known = new Map(); // pid -> start time, of every process of its tree seen so far
  const remember = () => {
    for (const pid of processTree(child.pid)) known.set(pid, startTime(pid));
  };
  const kill = (target) => {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const server = {
    name,
    url,
    pid: child.pid,
    log: () => log,
    async stop() {
      if (exitInfo || child.pid === undefined) return;
      remember();
      child.kill('SIGTERM');
      const inTime = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
      if (!inTime) kill(-child.pid);
      // Whatever of its tree outlived it (same pid, same start time) goes too.
      for (const [pid, started] of known) if (started !== undefined && startTime(pid) === started) kill(pid);
      await exited;
    },
  };

  const deadline = Date.now() + readyMs;
  while (!(await pingOk(url))) {
    if (exitInfo)
      throw new Error(`${name} exited (${JSON.stringify(exitInfo)}) before /ping answered 200:\n${log}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${name} did not answer /ping with 200 within ${readyMs} ms:\n${log}`);
    }
    await sleep(100);
  }
  remember();
  return server;
}
