import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { abaloneCsv } from '../../../testkit/abalone.js';
import { isListening, post } from '../../../testkit/http.js';
import { startServe } from '../../../testkit/serve-process.js';
import type { ServeProcess } from '../../../testkit/serve-process.js';
import { generateScenario } from './helpers/scenarios.js';

/**
 * The async target's large requests, for real: the built CLI generates the sklearn sample for
 * `--target async`, and the project's own nginx (run natively by code/serve) takes a body well
 * over a real-time endpoint's 6 MB and the model answers every row, with an hour's timeout baked in.
 */
const DEBIAN_PYTHON = '/usr/bin/python3';
const REAL_TIME_LIMIT = 6 * 1024 * 1024;
const ROW = 'M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15\n';

describe('generated sklearn sample for the async target, served', () => {
  let server: ServeProcess;
  let dir: string;

  beforeAll(async () => {
    const generated = await generateScenario({
      name: 'serve-async',
      args: ['serve-async', '--target', 'async'],
    });
    dir = generated.dir;
    const train = spawnSync(DEBIAN_PYTHON, ['sample/train.py', join(dir, 'model')], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(train.status, train.stderr).toBe(0);
    server = await startServe({ projectDir: dir, modelDir: join(dir, 'model'), env: { MCC_WORKERS: '1' } });
  }, 120_000);

  afterAll(async () => {
    if (server && (await isListening(server.port))) await server.stop(5_000);
  });

  it('is generated for 1 GB bodies, spilled to disk, and requests of up to an hour', async () => {
    const nginx = await readFile(join(dir, 'code', 'nginx.conf'), 'utf8');
    expect(nginx).toContain('client_max_body_size 1024m;');
    expect(nginx).toContain('client_body_buffer_size 6m;');
    const serve = await readFile(join(dir, 'code', 'serve'), 'utf8');
    expect(serve).toContain('DEFAULT_TIMEOUT = 3600');
    const manifest = JSON.parse(await readFile(join(dir, 'mcc.json'), 'utf8')) as { target?: unknown };
    expect(manifest.target).toEqual({ maxPayloadBytes: 1024 ** 3, requestTimeoutSeconds: 3600 });
  });

  it('answers a body larger than a real-time endpoint takes, one prediction per row', async () => {
    const rows = Math.ceil((REAL_TIME_LIMIT + 1024 * 1024) / ROW.length);
    const body = ROW.repeat(rows);
    expect(body.length).toBeGreaterThan(REAL_TIME_LIMIT);
    const reply = await post(`${server.url}/invocations`, 'text/csv', body);
    expect(reply.status, reply.body.slice(0, 300)).toBe(200);
    expect((JSON.parse(reply.body) as { predictions: unknown[] }).predictions).toHaveLength(rows);
  }, 60_000);

  it('still serves a small request', async () => {
    expect((await post(`${server.url}/invocations`, 'text/csv', abaloneCsv())).status).toBe(200);
  });
});
