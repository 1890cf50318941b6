import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { abaloneCsv, abaloneJson } from '../../../testkit/abalone.js';
import { isListening, post } from '../../../testkit/http.js';
import { startServe } from '../../../testkit/serve-process.js';
import type { ServeProcess } from '../../../testkit/serve-process.js';
import { generateScenario } from './helpers/scenarios.js';

/**
 * The whole user path, for real: the built CLI generates the sample project, Debian's python trains
 * the sample model with the project's own script, and the project's code/serve runs nginx in front
 * of gevent (Flask) or uvicorn (FastAPI) on a free loopback port.
 */
const DEBIAN_PYTHON = '/usr/bin/python3';

describe.each(['flask', 'fastapi'] as const)('generated sklearn sample served with %s', (http) => {
  let server: ServeProcess;
  let projectDir: string;

  beforeAll(async () => {
    const generated = await generateScenario({
      name: `serve-${http}`,
      args: [`serve-${http}`, '--http', http],
    });
    projectDir = generated.dir;
    const train = spawnSync(DEBIAN_PYTHON, ['sample/train.py', join(projectDir, 'model')], {
      cwd: projectDir,
      encoding: 'utf8',
    });
    expect(train.status, train.stderr).toBe(0);
    server = await startServe({ projectDir, modelDir: join(projectDir, 'model'), env: { MCC_WORKERS: '2' } });
  }, 120_000);

  afterAll(async () => {
    if (server && (await isListening(server.port))) await server.stop(5_000);
  });

  it('answers /ping with 200', async () => {
    const { httpRequest } = await import('../../../testkit/http.js');
    expect((await httpRequest(`${server.url}/ping`)).status).toBe(200);
  });

  it('predicts 5 rings for 5 Abalone rows as CSV', async () => {
    const reply = await post(`${server.url}/invocations`, 'text/csv', abaloneCsv());
    expect(reply.status, reply.body).toBe(200);
    const predictions = JSON.parse(reply.body).predictions as number[];
    expect(predictions).toHaveLength(5);
    for (const p of predictions) {
      expect(typeof p).toBe('number');
      expect(p).toBeGreaterThan(1);
      expect(p).toBeLessThan(30);
    }
  });

  it('predicts the same for the same rows as JSON', async () => {
    const csv = JSON.parse(
      (await post(`${server.url}/invocations`, 'text/csv', abaloneCsv())).body,
    ).predictions;
    const reply = await post(`${server.url}/invocations`, 'application/json', abaloneJson());
    expect(reply.status, reply.body).toBe(200);
    expect(JSON.parse(reply.body).predictions).toEqual(csv);
  });

  it('answers a malformed body with 400 and keeps serving', async () => {
    const reply = await post(`${server.url}/invocations`, 'application/json', '{"instances": [[1, 2');
    expect(reply.status).toBe(400);
    expect(reply.body.length).toBeGreaterThan(0);
    const wrongWidth = await post(`${server.url}/invocations`, 'text/csv', 'M,0.1\n');
    expect(wrongWidth.status).toBe(400);
    expect((await post(`${server.url}/invocations`, 'text/csv', abaloneCsv())).status).toBe(200);
  });

  it('answers a 7 MB body with 413', async () => {
    const row = 'M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15\n';
    const body = row.repeat(Math.ceil((7 * 1024 * 1024) / row.length));
    expect((await post(`${server.url}/invocations`, 'text/csv', body)).status).toBe(413);
  });

  it('answers image/png with 415', async () => {
    const reply = await post(`${server.url}/invocations`, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(reply.status).toBe(415);
    expect(reply.body).toMatch(/text\/csv/);
  });

  it('stops cleanly on SIGTERM, by PID', async () => {
    const stopped = await server.stop(25_000);
    expect(stopped.killed).toBe(false);
    expect(stopped.code).toBe(0);
    expect(await isListening(server.port)).toBe(false);
  });
});
