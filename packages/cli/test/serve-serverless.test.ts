import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { abaloneCsv } from '../../../testkit/abalone.js';
import { isListening, post } from '../../../testkit/http.js';
import { startServe } from '../../../testkit/serve-process.js';
import type { ServeProcess } from '../../../testkit/serve-process.js';
import { generateScenario } from './helpers/scenarios.js';

/**
 * The serverless target's 4 MB request limit, for real: the built CLI generates the sklearn sample
 * for `--target serverless`, and the project's own nginx (run natively by code/serve) refuses a
 * body one byte over 4 MB with 413, as the endpoint would, while a normal request is served.
 */
const DEBIAN_PYTHON = '/usr/bin/python3';
const LIMIT = 4 * 1024 * 1024;
const ROW = 'M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15\n';

describe('generated sklearn sample for the serverless target, served', () => {
  let server: ServeProcess;

  beforeAll(async () => {
    const generated = await generateScenario({
      name: 'serve-serverless',
      args: ['serve-serverless', '--target', 'serverless'],
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

  it('answers a normal request with 200', async () => {
    const reply = await post(`${server.url}/invocations`, 'text/csv', abaloneCsv());
    expect(reply.status, reply.body).toBe(200);
    expect(JSON.parse(reply.body).predictions).toHaveLength(5);
  });

  it('answers a body one byte over 4 MB with nginx’s 413', async () => {
    const body = ROW.repeat(Math.ceil(LIMIT / ROW.length)).slice(0, LIMIT + 1);
    expect(body.length).toBe(LIMIT + 1);
    const reply = await post(`${server.url}/invocations`, 'text/csv', body);
    expect(reply.status).toBe(413);
    // nginx's own answer (the app's would name the byte count).
    expect(reply.body).toContain('the body is larger than the 4 MB limit');
  });

  it('keeps serving after refusing', async () => {
    expect((await post(`${server.url}/invocations`, 'text/csv', abaloneCsv())).status).toBe(200);
  });
});
