import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { ABALONE_ROWS, abaloneCsv, abaloneJson } from '../../../testkit/abalone.js';
import { post } from '../../../testkit/http.js';
import { npyFloat64, npyText } from '../../../testkit/npy.js';
import { startServe } from '../../../testkit/serve-process.js';
import { generateScenario } from './helpers/scenarios.js';

/**
 * xgboost through the built CLI, for real: the sample and a user's model in each format (made here
 * by Debian's xgboost), each served with Flask and with FastAPI, answering CSV, JSON and npy with
 * the predictions xgboost itself gives for the same rows.
 */
const PYTHON = '/usr/bin/python3';
const REFERENCE = fileURLToPath(new URL('./fixtures/xgboost_reference.py', import.meta.url));
// xgboost computes in float32; the server and the reference may differ in the last bits.
const TOLERANCE = 1e-5;

function python(args: string[]): string {
  const run = spawnSync(PYTHON, args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
  if (run.status !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThan(TOLERANCE));
}

const predictions = (body: string): number[] => JSON.parse(body).predictions;

let userModels: string;
let userRows: number[][];
let userPredictions: number[];

beforeAll(() => {
  return mkdtemp(join(tmpdir(), 'mcc-xgb-models-')).then((dir) => {
    userModels = dir;
    const made = JSON.parse(python([REFERENCE, 'make', dir]));
    userRows = made.rows;
    userPredictions = made.predictions;
  });
});

describe.each(['flask', 'fastapi'] as const)('xgboost served with %s', (http) => {
  it('serves the sample model, matching xgboost on raw Abalone rows in CSV, JSON and npy', async () => {
    const generated = await generateScenario({
      name: `xgb-sample-${http}`,
      args: [`xgb-sample-${http}`, '--server', 'xgboost', '--http', http],
    });
    const modelDir = join(generated.dir, 'model');
    python([join(generated.dir, 'sample/train.py'), modelDir]);
    const expected = JSON.parse(python([REFERENCE, 'sample', modelDir, JSON.stringify(ABALONE_ROWS)]));
    const server = await startServe({ projectDir: generated.dir, modelDir, env: { MCC_WORKERS: '2' } });
    try {
      expectClose(
        predictions((await post(`${server.url}/invocations`, 'text/csv', abaloneCsv())).body),
        expected,
      );
      expectClose(
        predictions((await post(`${server.url}/invocations`, 'text/csv', abaloneCsv({ header: true }))).body),
        expected,
      );
      expectClose(
        predictions((await post(`${server.url}/invocations`, 'application/json', abaloneJson())).body),
        expected,
      );
      const npy = await post(
        `${server.url}/invocations`,
        'application/x-npy',
        npyText(ABALONE_ROWS.map((r) => [...r])),
      );
      expect(npy.status, npy.body).toBe(200);
      expectClose(predictions(npy.body), expected);
      expect((await post(`${server.url}/invocations`, 'text/csv', 'X,1,2\n')).status).toBe(400);
    } finally {
      expect((await server.stop(20_000)).code).toBe(0);
    }
  });

  for (const format of ['json', 'ubj', 'model'] as const) {
    it(`serves a user's ${format} model, matching xgboost's own predictions`, async () => {
      const box = await mkdtemp(join(tmpdir(), 'mcc-xgb-user-'));
      await copyFile(join(userModels, `model.${format}`), join(box, `users.${format}`));
      const name = `xgb-${format}-${http}`;
      const generated = await generateScenario({
        name,
        args: [name, '--server', 'xgboost', '--http', http, '--model', join(box, `users.${format}`)],
      });
      expect(generated.files).toContain(`model/model.${format}`);
      const server = await startServe({
        projectDir: generated.dir,
        modelDir: join(generated.dir, 'model'),
        env: { MCC_WORKERS: '1' },
      });
      try {
        const csv = userRows.map((r) => r.join(',')).join('\n');
        expectClose(
          predictions((await post(`${server.url}/invocations`, 'text/csv', csv)).body),
          userPredictions,
        );
        const json = await post(
          `${server.url}/invocations`,
          'application/json',
          JSON.stringify({ inputs: userRows }),
        );
        expectClose(predictions(json.body), userPredictions);
        const npy = await post(`${server.url}/invocations`, 'application/x-npy', npyFloat64(userRows));
        expectClose(predictions(npy.body), userPredictions);
        const asCsv = await post(`${server.url}/invocations`, 'text/csv', csv, 'text/csv');
        expectClose(asCsv.body.trim().split('\n').map(Number), userPredictions);
      } finally {
        expect((await server.stop(20_000)).code).toBe(0);
      }
    });
  }
});
