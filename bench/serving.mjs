#!/usr/bin/env node
// Serving benchmark (issue 3, item 5): mcc's generated predictive servers against a baseline shaped
// like AWS's SageMaker scikit-learn container (bench/baseline/), all run natively on loopback and
// driven with wrk, interleaved so machine noise hits every server alike.
// Usage: node bench/serving.mjs [--quick] [--json] [--seconds N] [--warmup N] [--rounds N]
//        [--baseline-as-shipped]
// Build first (`npx -y pnpm@10.34.9 exec turbo run manifest`); needs Debian's nginx, gunicorn,
// python3-gevent, python3-sklearn, python3-flask, python3-fastapi, python3-uvicorn and wrk.
// Exit code: 0 when the run completed (missed targets are reported, not failed), 1 on a setup failure.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runLoad, stopLoad } from './serving/load.mjs';
import { ROW_COUNTS, numericBodies, projectBodies } from './serving/payloads.mjs';
import { freePort, sampleRss, startServer, treeCpuSeconds } from './serving/processes.mjs';
import { generateSample, serverIds, trainNumeric, trainSample } from './serving/projects.mjs';
import { printReport } from './serving/report.mjs';
import { checkTargets } from './serving/targets.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const number = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const quick = flag('--quick');
const asJson = flag('--json');
const seconds = number('--seconds', quick ? 3 : 4);
const warmupSeconds = number('--warmup', 1);
const rounds = number('--rounds', quick ? 1 : 3);
const asShipped = flag('--baseline-as-shipped');
const concurrencies = quick ? [8] : [1, 8, 32];
const HTTP_LAYERS = ['flask', 'fastapi'];
const BASELINE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'baseline');
// Every worker process gets CPUs / workers OpenMP and BLAS threads: what mcc's code/serve sets.
// AWS's container sets nothing, and with this model (HistGradientBoosting uses OpenMP) two gevent
// workers of two spinning OpenMP threads each on two CPUs serve a few requests a second, which
// would measure OpenMP oversubscription, not the serving stack. --baseline-as-shipped shows that.
const cpuCount = cpus().length;
const baselineWorkers = cpuCount; // one gevent worker per CPU, as bench/baseline/serve.py starts
const baselineThreads = String(Math.max(1, Math.floor(cpuCount / baselineWorkers)));

const log = (message) => process.stderr.write(`serving: ${message}\n`);
const work = mkdtempSync(join(tmpdir(), 'mcc-bench-serving-'));
chmodSync(work, 0o755); // nginx workers, whatever user they run as, reach the sockets under it
const servers = [];

async function cleanup() {
  stopLoad();
  await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
  rmSync(work, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** POSTs a body once and returns the parsed JSON answer; throws on anything but 200. */
async function invokeOnce(url, body) {
  const response = await fetch(`${url}/invocations`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url}/invocations answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

async function startMcc({ name, dir, modelDir }) {
  const port = await freePort();
  const runDir = join(work, 'run', name);
  mkdirSync(runDir, { recursive: true });
  const env = {
    SM_MODEL_DIR: modelDir,
    SAGEMAKER_BIND_TO_PORT: String(port),
    MCC_BIND_HOST: '127.0.0.1',
    MCC_RUN_DIR: runDir,
  };
  return startServer({ name, command: join(dir, 'code', 'serve'), cwd: dir, env, port });
}

async function startBaseline({ modelDir, modelFile }) {
  const port = await freePort();
  const env = {
    SM_MODEL_DIR: modelDir,
    BASELINE_MODEL_FILE: modelFile,
    BASELINE_PORT: String(port),
    BASELINE_HOST: '127.0.0.1',
    TMPDIR: work,
  };
  if (!asShipped)
    for (const name of ['OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'])
      env[name] = baselineThreads;
  const command = '/usr/bin/python3';
  return startServer({
    name: 'baseline',
    command,
    args: [join(BASELINE_DIR, 'serve.py')],
    cwd: BASELINE_DIR,
    env,
    port,
  });
}

/** Generates, trains and starts everything; returns [{server, bodies}] in a fixed order. */
async function setUp(failures) {
  const ids = serverIds(work);
  if (!ids.includes('sklearn'))
    throw new Error(`the sklearn server is not registered (servers: ${ids.join(', ')})`);
  const targets = [];

  // sklearn: the sample project for each HTTP layer (its own sample trained, as a user would),
  // then the numeric-only model that mcc and the baseline both serve.
  const sklearn = HTTP_LAYERS.map((http) => ({ http, ...generateSample({ server: 'sklearn', http, work }) }));
  log('training the sklearn sample and the numeric benchmark model');
  for (const p of sklearn) trainSample(p.dir);
  const abalone = join(sklearn[0].dir, 'sample', 'abalone.csv');
  const numericDir = join(work, 'sklearn-numeric-model');
  mkdirSync(numericDir);
  trainNumeric(abalone, join(numericDir, sklearn[0].modelFile));
  const bodies = numericBodies(abalone, work);
  for (const p of sklearn) {
    log(`starting mcc-${p.http}`);
    servers.push(await startMcc({ name: `mcc-${p.http}`, dir: p.dir, modelDir: numericDir }));
    targets.push({ server: servers.at(-1), bodies });
  }
  log('starting the baseline');
  servers.push(await startBaseline({ modelDir: numericDir, modelFile: sklearn[0].modelFile }));
  targets.push({ server: servers.at(-1), bodies });

  // Same model, same answer: mcc answers {"predictions": [...]}, the baseline a bare list.
  const one = readFileSync(bodies[1], 'utf8');
  const answers = await Promise.all(targets.map((t) => invokeOnce(t.server.url, one)));
  const values = answers.map((a) => Number((Array.isArray(a) ? a : a.predictions).flat()[0]));
  if (values.some((v) => !(Math.abs(v - values[0]) <= 1e-3 * Math.max(1, Math.abs(values[0])))))
    throw new Error(
      `the servers disagree on the same row: ${targets.map((t, i) => `${t.server.name} ${values[i]}`).join(', ')}`,
    );

  // xgboost, when registered: its own sample model and payload; no baseline for it.
  if (ids.includes('xgboost')) {
    for (const http of HTTP_LAYERS) {
      const name = `xgboost-${http}`;
      try {
        const project = generateSample({ server: 'xgboost', http, work });
        log(`training the xgboost sample (${http})`);
        const modelDir = trainSample(project.dir);
        const xgbBodies = projectBodies(project.dir, work);
        log(`starting ${name}`);
        const server = await startMcc({ name, dir: project.dir, modelDir });
        servers.push(server);
        for (const n of ROW_COUNTS) await invokeOnce(server.url, readFileSync(xgbBodies[n], 'utf8'));
        targets.push({ server, bodies: xgbBodies });
      } catch (error) {
        failures.push(`${name}: ${error.message.split('\n').slice(0, 12).join('\n')}`);
        log(`${name} left out: ${error.message.split('\n')[0]}`);
      }
    }
  } else log('xgboost is not registered (mcc list): only sklearn is measured');
  return targets;
}

function summarise(runs) {
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const sum = (key) => runs.reduce((n, r) => n + r[key], 0);
  const requests = sum('requests');
  const not2xx = sum('not2xx');
  const socketErrors = sum('socketErrors');
  return {
    requests,
    // Medians of the rounds: one round hit by a burst of other work on the machine does not count.
    rps: median(runs.map((r) => r.rps)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    not2xx,
    socketErrors,
    errors: not2xx + socketErrors,
    cpuMsPerRequest: requests > 0 ? (sum('cpuSeconds') * 1000) / requests : NaN,
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    rounds: runs,
  };
}

async function measure(targets) {
  const scenarios = [];
  for (const rows of ROW_COUNTS) {
    for (const connections of concurrencies) {
      const key = `${rows} row${rows > 1 ? 's' : ''}, c=${connections}`;
      const runs = Object.fromEntries(targets.map((t) => [t.server.name, []]));
      for (let round = 0; round < rounds; round++) {
        // Rotate the order each round, so no server always runs right after the same neighbour.
        const order = targets.map((_, i) => targets[(i + round) % targets.length]);
        for (const { server, bodies } of order) {
          log(`${key}: ${server.name} (round ${round + 1}/${rounds})`);
          const load = { url: server.url, bodyFile: bodies[rows], connections };
          const stopSampling = sampleRss(server.pid);
          if (warmupSeconds > 0) await runLoad({ ...load, seconds: warmupSeconds });
          const cpuBefore = treeCpuSeconds(server.pid);
          const result = await runLoad({ ...load, seconds });
          const cpuSeconds = treeCpuSeconds(server.pid) - cpuBefore;
          runs[server.name].push({ ...result, cpuSeconds, peakRssBytes: stopSampling() });
        }
      }
      const results = Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, summarise(r)]));
      scenarios.push({ key, rows, connections, results });
    }
  }
  return scenarios;
}

async function main() {
  const failures = [];
  const loadBefore = loadavg()[0];
  let targets;
  try {
    targets = await setUp(failures);
  } catch (error) {
    log(`setup failed: ${error.message}`);
    await cleanup();
    return 1;
  }
  let scenarios;
  try {
    scenarios = await measure(targets);
  } finally {
    await cleanup();
  }
  const names = targets.map((t) => t.server.name);
  const peakRss = Object.fromEntries(
    names.map((n) => [n, Math.max(...scenarios.map((s) => s.results[n].peakRssBytes))]),
  );
  const checks = checkTargets({
    scenarios,
    mccServers: names.filter((n) => n.startsWith('mcc-')),
    allMcc: names.filter((n) => n !== 'baseline'),
    peakRss,
  });
  const meta = {
    cpus: cpuCount,
    // Other work on the machine slows every server alike (interleaved), but widens the spread.
    loadAverage: { before: +loadBefore.toFixed(2), after: +loadavg()[0].toFixed(2) },
    seconds,
    warmupSeconds,
    rounds,
    quick,
    sklearnModel:
      "the sklearn sample's HistGradientBoosting regressor trained on the 7 numeric Abalone measurements (bench/serving/train_numeric.py)",
    baseline: asShipped
      ? 'nginx + gunicorn gevent (1 worker per CPU) + Flask, numpy CSV decoding; thread limits as shipped (none)'
      : `nginx + gunicorn gevent (1 worker per CPU) + Flask, numpy CSV decoding; OMP/BLAS threads ${baselineThreads} per worker like mcc`,
  };
  if (asJson) console.log(JSON.stringify({ meta, scenarios, peakRss, checks, failures }, null, 2));
  else printReport({ meta, scenarios, peakRss, checks, failures });
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = await main();
