import { spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { abaloneCsv, abaloneJson } from '../../../testkit/abalone.js';
import { descendantsOf } from '../../../testkit/process-tree.js';
import { startServe } from '../../../testkit/serve-process.js';
import { generateScenario } from './helpers/scenarios.js';

/**
 * Load and abuse (issue 3, item 6): 30 s at 64 concurrent connections against each HTTP layer,
 * malformed bodies mixed in. Every well-formed request must succeed, every malformed one get a
 * 4xx, and no worker process may die. Bounded by a deadline and by per-request timeouts.
 */
const SECONDS = Number(process.env.MCC_ABUSE_SECONDS ?? 30);
const CONNECTIONS = 64;

interface Shot {
  contentType: string;
  body: string | Buffer;
  good: boolean;
}

const SHOTS: Shot[] = [
  { contentType: 'text/csv', body: abaloneCsv(), good: true },
  { contentType: 'application/json', body: abaloneJson(), good: true },
  { contentType: 'text/csv', body: 'M,0.455,0.365,0.095,0.514,0.2245,0.101,0.15\n', good: true },
  { contentType: 'application/json', body: '{"instances": [[1, 2', good: false },
  { contentType: 'text/csv', body: 'M,0.1\n', good: false },
  { contentType: 'text/csv', body: '', good: false },
  { contentType: 'application/json', body: '{"rows": 3}', good: false },
  { contentType: 'application/x-npy', body: Buffer.from('\u0093NUMPY garbage', 'latin1'), good: false },
  { contentType: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), good: false },
  { contentType: 'text/csv', body: 'Z,x,y,z,1,2,3,4\n'.repeat(50), good: false },
];

function send(agent: Agent, url: string, shot: Shot): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/invocations`,
      { method: 'POST', agent, headers: { 'content-type': shot.contentType }, timeout: 30_000 },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(shot.body);
  });
}

async function hammer(url: string): Promise<{ good: number; bad: number; failures: string[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const deadline = Date.now() + SECONDS * 1000;
  const tally = { good: 0, bad: 0, failures: [] as string[] };
  let turn = 0;
  const client = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const shot = SHOTS[turn++ % SHOTS.length]!;
      try {
        const status = await send(agent, url, shot);
        const ok = shot.good ? status === 200 : status >= 400 && status < 500;
        if (shot.good) tally.good++;
        else tally.bad++;
        if (!ok && tally.failures.length < 10)
          tally.failures.push(`${shot.contentType} ${shot.good ? 'good' : 'malformed'} → ${status}`);
      } catch (error) {
        if (tally.failures.length < 10)
          tally.failures.push(`${shot.contentType}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  agent.destroy();
  return tally;
}

describe('load and abuse', () => {
  it(
    `${CONNECTIONS} connections for ${SECONDS} s with malformed bodies: all good requests succeed, all malformed get 4xx, no worker dies`,
    async () => {
      const servers = await Promise.all(
        (['flask', 'fastapi'] as const).map(async (http) => {
          const generated = await generateScenario({
            name: `abuse-${http}`,
            args: [`abuse-${http}`, '--http', http],
          });
          const modelDir = join(generated.dir, 'model');
          const train = spawnSync('/usr/bin/python3', ['sample/train.py', modelDir], {
            cwd: generated.dir,
            encoding: 'utf8',
          });
          expect(train.status, train.stderr).toBe(0);
          const server = await startServe({ projectDir: generated.dir, modelDir, env: { MCC_WORKERS: '2' } });
          return { http, server, workers: descendantsOf(server.pid).sort() };
        }),
      );
      try {
        const results = await Promise.all(servers.map(({ server }) => hammer(server.url)));
        for (const [i, { http, server, workers }] of servers.entries()) {
          const tally = results[i]!;
          expect(tally.failures, `${http}: ${server.stderr().slice(-2000)}`).toEqual([]);
          expect(tally.good).toBeGreaterThan(100);
          expect(tally.bad).toBeGreaterThan(100);
          // The same processes serve after the storm as before it: no worker died or was replaced.
          expect(descendantsOf(server.pid).sort(), http).toEqual(workers);
        }
      } finally {
        for (const { server } of servers) expect((await server.stop(25_000)).code).toBe(0);
      }
    },
    (SECONDS + 90) * 1000,
  );
});
