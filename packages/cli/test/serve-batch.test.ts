import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isListening, post } from '../../../testkit/http.js';
import { startServe } from '../../../testkit/serve-process.js';
import type { ServeProcess } from '../../../testkit/serve-process.js';
import { generateScenario } from './helpers/scenarios.js';

/**
 * Batch transform's mini-batches, for real: the built CLI generates the sklearn sample for
 * `--target batch`, and the project's own nginx and handler (run natively by code/serve) take a
 * multi-record CSV body larger than a real-time endpoint's 6 MB, as a MultiRecord job with
 * max-payload-mb above 6 sends it, and answer one prediction per line (what assemble-with=Line
 * keeps record by record).
 */
const DEBIAN_PYTHON = '/usr/bin/python3';
const REAL_TIME_LIMIT = 6 * 1024 * 1024;
const ROW = 'M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15\n';

describe('generated sklearn sample for the batch target, served', () => {
  let server: ServeProcess;

  beforeAll(async () => {
    const generated = await generateScenario({
      name: 'serve-batch',
      args: ['serve-batch', '--target', 'batch'],
    });
    const train = spawnSync(DEBIAN_PYTHON, ['sample/train.py', join(generated.dir, 'model')], {
      cwd: generated.dir,
      encoding: 'utf8',
    });
    expect(train.status, train.stderr).toBe(0);
    server = await startServe({
      projectDir: generated.dir,
      modelDir: join(generated.dir, 'model'),
      env: { MCC_WORKERS: '1' },
    });
  }, 120_000);

  afterAll(async () => {
    if (server && (await isListening(server.port))) await server.stop(5_000);
  });

  it('answers a multi-record CSV mini-batch over 6 MB with one prediction per line', async () => {
    const rows = Math.ceil((REAL_TIME_LIMIT + 1024 * 1024) / ROW.length);
    const body = ROW.repeat(rows);
    expect(body.length).toBeGreaterThan(REAL_TIME_LIMIT);
    const reply = await post(`${server.url}/invocations`, 'text/csv', body, 'text/csv');
    expect(reply.status, reply.body.slice(0, 500)).toBe(200);
    expect(reply.contentType).toMatch(/^text\/csv/);
    const lines = reply.body.trimEnd().split('\n');
    expect(lines).toHaveLength(rows);
    expect(lines.every((line) => Number.isFinite(Number(line)))).toBe(true);
    // The same record, the same prediction: nothing shifted between lines.
    expect(new Set(lines).size).toBe(1);
  }, 120_000);

  it('keeps serving after the large request', async () => {
    const reply = await post(`${server.url}/invocations`, 'text/csv', ROW.repeat(3), 'text/csv');
    expect(reply.status).toBe(200);
    expect(reply.body.trimEnd().split('\n')).toHaveLength(3);
  });
});
