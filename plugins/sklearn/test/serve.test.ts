import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ABALONE_HEADER, ABALONE_ROWS, abaloneCsv, abaloneJson } from '../../../testkit/abalone.js';
import { httpRequest, isListening, post } from '../../../testkit/http.js';
import { npyFloat64, npyText } from '../../../testkit/npy.js';
import { commandLine, descendantsOf, processesMatching } from '../../../testkit/process-tree.js';
import { startServe } from '../../../testkit/serve-process.js';
import type { ServeProcess } from '../../../testkit/serve-process.js';
import { runPython } from './python.js';
import { renderProject } from './render-project.js';
import type { RenderedProject } from './render-project.js';

// The generated server for real: Debian's python, gevent (Flask) or uvicorn, and nginx on loopback.
const STOP_BUDGET_MS = 10_000;
const temps: string[] = [];
let modelDir: string;

beforeAll(async () => {
  // Trained once for the whole file with the generated sample/train.py, as the image build does.
  const trainer = await renderProject({ http: 'flask', source: 'sample' });
  temps.push(trainer.dir);
  modelDir = join(trainer.dir, 'model');
  const trained = await runPython(['sample/train.py', modelDir], trainer.dir);
  expect(trained.code, trained.output).toBe(0);
  expect(trained.output).toMatch(/MAE \d+\.\d+ rings/);
}, 60_000);

afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

const REFERENCE = fileURLToPath(new URL('./fixtures/reference.py', import.meta.url));
const TOLERANCE = 1e-9;

/** What the model itself predicts for the rows, computed by Debian's python. */
async function reference(args: string[], cwd: string): Promise<unknown> {
  const run = await runPython([REFERENCE, ...args], cwd);
  expect(run.code, run.output).toBe(0);
  return JSON.parse(run.output.trim().split('\n').pop()!);
}

function expectClose(body: string, expected: readonly number[], what: string): void {
  const actual = (JSON.parse(body) as { predictions: number[] }).predictions;
  expect(actual, what).toHaveLength(expected.length);
  actual.forEach((value, index) =>
    expect(Math.abs(value - expected[index]!), `${what}, row ${index + 1}`).toBeLessThanOrEqual(TOLERANCE),
  );
}

const csvOf = (rows: readonly (readonly unknown[])[], header?: readonly string[]): string =>
  `${[...(header ? [header] : []), ...rows].map((row) => row.join(',')).join('\n')}\n`;

/**
 * Sends the same rows as CSV (with and without a header), JSON (`instances`, `inputs`, named
 * columns) and npy, and checks every answer against the model's own predictions.
 */
async function expectEveryFormatToMatch(
  url: string,
  rows: readonly (readonly (string | number)[])[],
  columns: readonly string[],
  expected: readonly number[],
): Promise<void> {
  const numeric = rows.every((row) => row.every((cell) => typeof cell === 'number'));
  const named = Object.fromEntries(columns.map((name, c) => [name, rows.map((row) => row[c])]));
  const bodies: [string, string, string | Buffer][] = [
    ['CSV', 'text/csv', csvOf(rows)],
    ['CSV with a header', 'text/csv', csvOf(rows, columns)],
    ['JSON instances', 'application/json', JSON.stringify({ instances: rows })],
    ['JSON inputs', 'application/json', JSON.stringify({ inputs: rows })],
    ['JSON named columns', 'application/json', JSON.stringify({ inputs: named })],
    ['npy', 'application/x-npy', numeric ? npyFloat64(rows as number[][]) : npyText(rows)],
  ];
  for (const [what, contentType, body] of bodies) {
    const reply = await post(`${url}/invocations`, contentType, body);
    expect(reply.status, `${what}: ${reply.body}`).toBe(200);
    expectClose(reply.body, expected, what);
  }
}

/**
 * A stand-in model whose predict sleeps `seconds`, dumped as `model.joblib` into `modelDir`; its
 * class lives in a temp folder the workers import through PYTHONPATH (returned).
 */
async function slowModel(modelDir: string, seconds: number): Promise<string> {
  const slow = await mkdtemp(join(tmpdir(), 'mcc-sklearn-slow-'));
  temps.push(slow);
  await writeFile(
    join(slow, 'slow_model.py'),
    `import time\n\nclass SlowModel:\n    def predict(self, rows):\n        time.sleep(${seconds})\n        return [1.0] * len(rows)\n`,
  );
  const dumped = await runPython(
    [
      '-c',
      `import joblib, slow_model; joblib.dump(slow_model.SlowModel(), ${JSON.stringify(join(modelDir, 'model.joblib'))})`,
    ],
    slow,
    { PYTHONPATH: slow },
  );
  expect(dumped.code, dumped.output).toBe(0);
  return slow;
}

function predictions(body: string): number[] {
  const parsed = JSON.parse(body) as { predictions: unknown[] };
  expect(parsed.predictions).toHaveLength(ABALONE_ROWS.length);
  for (const value of parsed.predictions) expect(typeof value).toBe('number');
  return parsed.predictions as number[];
}

describe.each(['flask', 'fastapi'] as const)('code/serve with %s', (http) => {
  let project: RenderedProject;
  let server: ServeProcess;

  beforeAll(async () => {
    project = await renderProject({ http, source: 'sample' });
    temps.push(project.dir);
    server = await startServe({ projectDir: project.dir, modelDir, env: { MCC_WORKERS: '2' } });
  }, 60_000);

  afterAll(async () => {
    await server?.stop(5_000);
  });

  it('answers /ping with 200 once the model is loaded', async () => {
    const ping = await httpRequest(`${server.url}/ping`);
    expect(ping.status).toBe(200);
    expect(JSON.parse(ping.body)).toEqual({ loaded: true });
  });

  it('predicts the five rows from CSV (with or without a header) and from JSON alike', async () => {
    const csv = await post(`${server.url}/invocations`, 'text/csv', abaloneCsv());
    expect(csv.status, csv.body).toBe(200);
    expect(csv.contentType).toContain('application/json');
    const fromCsv = predictions(csv.body);
    for (const rings of fromCsv) expect(rings).toBeGreaterThan(1);

    const withHeader = await post(
      `${server.url}/invocations`,
      'text/csv; charset=utf-8',
      abaloneCsv({ header: true }),
    );
    expect(predictions(withHeader.body)).toEqual(fromCsv);

    const json = await post(`${server.url}/invocations`, 'application/json', abaloneJson());
    expect(json.status, json.body).toBe(200);
    expect(predictions(json.body)).toEqual(fromCsv);

    const asCsv = await post(`${server.url}/invocations`, 'text/csv', abaloneCsv(), 'text/csv');
    expect(asCsv.contentType).toContain('text/csv');
    expect(asCsv.body.trim().split('\n').map(Number)).toEqual(fromCsv);
  });

  it('matches the sample model’s own predictions over CSV, JSON and npy', async () => {
    const expected = (await reference(
      ['predict', join(modelDir, 'model.joblib'), JSON.stringify(ABALONE_ROWS)],
      project.dir,
    )) as number[];
    await expectEveryFormatToMatch(server.url, ABALONE_ROWS, ABALONE_HEADER, expected);
  }, 30_000);

  it('gives each of many concurrent one-row requests its own row’s prediction', async () => {
    // Requests that reach a worker together are stacked into one call and split back: a
    // misrouted slice would hand a request another row's answer.
    const expected = (await reference(
      ['predict', join(modelDir, 'model.joblib'), JSON.stringify(ABALONE_ROWS)],
      project.dir,
    )) as number[];
    const asks = Array.from({ length: 60 }, (_, n) => n % ABALONE_ROWS.length);
    const replies = await Promise.all(
      asks.map((row) => post(`${server.url}/invocations`, 'text/csv', csvOf([ABALONE_ROWS[row]!]))),
    );
    replies.forEach((reply, n) => {
      expect(reply.status, reply.body).toBe(200);
      const [value] = (JSON.parse(reply.body) as { predictions: number[] }).predictions;
      expect(Math.abs(value! - expected[asks[n]!]!), `request ${n}`).toBeLessThanOrEqual(TOLERANCE);
    });
  }, 30_000);

  it('answers 406 for an Accept it cannot write', async () => {
    const reply = await post(`${server.url}/invocations`, 'text/csv', abaloneCsv(), 'application/xml');
    expect(reply.status).toBe(406);
    expect(JSON.parse(reply.body).error).toMatch(/application\/json or text\/csv/);
  });

  it('answers 400 naming the problem for malformed input, and keeps serving', async () => {
    const broken = await post(`${server.url}/invocations`, 'application/json', '{"instances": [[1, 2]');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error).toMatch(/not valid JSON/);

    const narrow = await post(`${server.url}/invocations`, 'text/csv', '1,2,3\n');
    expect(narrow.status).toBe(400);
    expect(JSON.parse(narrow.body).error).toMatch(/features/);

    const after = await post(`${server.url}/invocations`, 'text/csv', abaloneCsv());
    expect(after.status).toBe(200);
  });

  it('answers 413 above 6 MB and 415 for other content types', async () => {
    const large = await post(`${server.url}/invocations`, 'text/csv', Buffer.alloc(7 * 1024 * 1024, '1'));
    expect(large.status).toBe(413);

    const png = await post(`${server.url}/invocations`, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(png.status).toBe(415);
    expect(JSON.parse(png.body).error).toMatch(/text\/csv.*application\/json/);
  });

  it('passes its own pytest suite', async () => {
    const result = await runPython(['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], project.dir, {
      SM_MODEL_DIR: modelDir,
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/\d+ passed/);
    expect(result.output).not.toMatch(/failed|error/i);
  }, 60_000);

  it('stops on SIGTERM with exit code 0, promptly, and frees the port', async () => {
    const stopped = await server.stop(STOP_BUDGET_MS * 3);
    expect(stopped, server.stderr()).toMatchObject({ code: 0, killed: false });
    expect(stopped.ms).toBeLessThan(STOP_BUDGET_MS);
    expect(await isListening(server.port)).toBe(false);
    expect(server.stderr()).toMatch(/serve: stopped \(exit 0\)/);
  }, 40_000);
});

describe.each(['flask', 'fastapi'] as const)('users’ pkl and joblib models with %s', (http) => {
  let made: {
    rows: number[][];
    columns: string[];
    expected: Record<'pkl' | 'joblib', number[]>;
  };
  let models: string;

  beforeAll(async () => {
    models = await mkdtemp(join(tmpdir(), 'mcc-sklearn-users-'));
    temps.push(models);
    made = (await reference(['make', models], models)) as typeof made;
  }, 60_000);

  it.each(['pkl', 'joblib'] as const)(
    'serves a .%s model with the predictions it makes itself',
    async (format) => {
      const project = await renderProject({ http, source: 'local', format });
      temps.push(project.dir);
      // What core does for a local model: copy the file into model/ under the server's file name.
      await copyFile(join(models, `model.${format}`), join(project.dir, 'model', `model.${format}`));
      const server = await startServe({
        projectDir: project.dir,
        modelDir: join(project.dir, 'model'),
        env: { MCC_WORKERS: '1' },
      });
      try {
        await expectEveryFormatToMatch(server.url, made.rows, made.columns, made.expected[format]);
        if (format === 'joblib') {
          // Fitted on a DataFrame: columns named in another order are put back in the model's.
          const order = [...made.columns].reverse();
          const shuffled = made.rows.map((row) => order.map((name) => row[made.columns.indexOf(name)]!));
          const reply = await post(`${server.url}/invocations`, 'text/csv', csvOf(shuffled, order));
          expectClose(reply.body, made.expected.joblib, 'CSV with columns reordered');
        }
      } finally {
        await server.stop(5_000);
      }
    },
    60_000,
  );
});

describe.each(['flask', 'fastapi'] as const)('/ping while a slow prediction runs, with %s', (http) => {
  it('answers at once, even with the only worker busy', async () => {
    const project = await renderProject({ http, source: 'local', format: 'joblib' });
    const slow = await slowModel(join(project.dir, 'model'), 2);
    temps.push(project.dir);
    const server = await startServe({
      projectDir: project.dir,
      modelDir: join(project.dir, 'model'),
      env: { MCC_WORKERS: '1', PYTHONPATH: slow },
    });
    try {
      const started = Date.now();
      let predicted = 0;
      const inFlight = post(`${server.url}/invocations`, 'text/csv', '1,2\n').then((reply) => {
        predicted = Date.now() - started;
        return reply;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const pings: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const sent = Date.now();
        const ping = await httpRequest(`${server.url}/ping`);
        expect(ping.status).toBe(200);
        pings.push(Date.now() - sent);
      }
      expect(predicted, 'the prediction was still running during the pings').toBe(0);
      expect(Math.max(...pings), `ping times ${pings.join(', ')} ms`).toBeLessThan(250);
      expect((await inFlight).status).toBe(200);
      expect(predicted).toBeGreaterThanOrEqual(1_900);
    } finally {
      await server.stop(10_000);
    }
  }, 30_000);
});

describe('a local model file', () => {
  it('is served from model/, passes the project tests, and ends serve when a worker dies', async () => {
    const project = await renderProject({ http: 'flask', source: 'local' });
    temps.push(project.dir);
    // What core does for a local model: copy the file into model/ under the server's file name.
    await copyFile(join(modelDir, 'model.joblib'), join(project.dir, 'model', 'model.pkl'));
    const tests = await runPython(['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], project.dir);
    expect(tests.code, tests.output).toBe(0);
    expect(tests.output).not.toMatch(/failed|error/i);

    const server = await startServe({
      projectDir: project.dir,
      modelDir: join(project.dir, 'model'),
      env: { MCC_WORKERS: '1' },
    });
    try {
      const reply = await post(`${server.url}/invocations`, 'application/json', abaloneJson());
      expect(reply.status, reply.body).toBe(200);
      expect(JSON.parse(reply.body).predictions).toHaveLength(ABALONE_ROWS.length);

      const worker = descendantsOf(server.pid).find((pid) => commandLine(pid).includes('gevent_server.py'));
      expect(worker, 'the Flask worker among the children of serve').toBeDefined();
      process.kill(worker!, 'SIGKILL');
      const ended = await server.exited;
      expect(ended.code, server.stderr()).not.toBe(0);
      expect(server.stderr()).toMatch(/flask-1 exited with code -9; stopping the rest/);
      expect(await isListening(server.port)).toBe(false);
      expect(processesMatching(project.dir), 'processes left behind').toEqual([]);
    } finally {
      await server.stop(5_000);
    }
  }, 60_000);

  it('makes serve exit non-zero, with the reason, when the model is missing', async () => {
    const project = await renderProject({ http: 'fastapi', source: 'local' });
    temps.push(project.dir);
    const empty = await mkdtemp(join(tmpdir(), 'mcc-sklearn-empty-'));
    temps.push(empty);
    await expect(
      startServe({ projectDir: project.dir, modelDir: empty, env: { MCC_WORKERS: '1' } }),
    ).rejects.toThrow(/exited \(code [1-9]\d*.*cannot load the model/s);
  }, 30_000);
});

describe.each(['flask', 'fastapi'] as const)('SIGTERM during a request with %s', (http) => {
  it('finishes the request in flight, then exits 0', async () => {
    const project = await renderProject({ http, source: 'sample' });
    temps.push(project.dir);
    const slow = await slowModel(join(project.dir, 'model'), 1.5);
    const server = await startServe({
      projectDir: project.dir,
      modelDir: join(project.dir, 'model'),
      env: { MCC_WORKERS: '1', PYTHONPATH: slow },
    });
    const inFlight = post(`${server.url}/invocations`, 'text/csv', '1,2\n');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stopping = server.stop(20_000);
    const reply = await inFlight;
    expect(reply.status, server.stderr()).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ predictions: [1.0] });
    expect(await stopping).toMatchObject({ code: 0, killed: false });
  }, 30_000);
});
