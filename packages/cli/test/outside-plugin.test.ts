import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { abaloneCsv, abaloneJson } from '../../../testkit/abalone.js';
import { httpRequest, isListening, post } from '../../../testkit/http.js';
import { startServe } from '../../../testkit/serve-process.js';
import type { ServeProcess } from '../../../testkit/serve-process.js';
import { envelope, mcc, sandbox } from './helpers/cli.js';
import type { Sandbox } from './helpers/cli.js';
import {
  REPO,
  buildPlugin,
  copySources,
  linkDevDependencies,
  offlineInstallEnv,
  packPlugin,
  testPlugin,
} from './helpers/outside-plugin.js';

/**
 * A plugin mcc does not ship, the whole way a third party takes it: the example's sources (laid out
 * as `mcc plugins new --kind server` writes them) are built against the built sdk, their own
 * conformance test run, packed with npm, installed into an isolated data dir from the tarball with
 * `mcc plugins install file:<tarball>` (offline), listed as a user plugin, used by `mcc generate`,
 * and the generated project is served for real with Debian's python and nginx.
 */
const EXAMPLE = join(REPO, 'examples', 'mcc-plugin-numpy-linear');
const DEBIAN_PYTHON = '/usr/bin/python3';

describe('an outside plugin from tarball to a served project', () => {
  let box: Sandbox;
  let tarball: string;
  let installEnv: Record<string, string>;
  let projectDir: string;
  let server: ServeProcess | undefined;

  beforeAll(async () => {
    box = await sandbox();
    const work = await mkdtemp(join(tmpdir(), 'mcc-example-'));
    const dir = join(work, 'mcc-plugin-numpy-linear');
    await copySources(EXAMPLE, dir);
    await linkDevDependencies(dir);
    await buildPlugin(dir);
    const own = await testPlugin(dir);
    expect(own.code, own.stdout + own.stderr).toBe(0);
    tarball = await packPlugin(dir, join(work, 'packed'));
    installEnv = await offlineInstallEnv(box);
  }, 120_000);

  afterAll(async () => {
    if (server && (await isListening(server.port))) await server.stop(5_000);
  });

  it('installs from the tarball into the isolated data dir, offline, and lists it as a user plugin', async () => {
    const install = await mcc(box, ['plugins', 'install', `file:${tarball}`], installEnv);
    expect(install.exitCode, install.stderr).toBe(0);
    // CI is set in the sandbox and there is no terminal: installed without a question, and said so.
    expect(install.stderr).toContain('@acme/mcc-plugin-numpy-linear');
    expect(install.stderr).toMatch(/outside the @mcc scope, without asking: CI is set/);
    const data = JSON.parse(await readFile(join(box.env.MCC_DATA_DIR!, 'package.json'), 'utf8'));
    expect(data.oclif.plugins).toEqual([
      expect.objectContaining({ name: '@acme/mcc-plugin-numpy-linear', type: 'user' }),
    ]);
    // The peer was not installed beside it: the plugin uses the sdk mcc provides.
    expect(Object.keys(data.dependencies)).toEqual(['@acme/mcc-plugin-numpy-linear']);

    const list = envelope<{
      contributions: { kind: string; id: string; plugin: { name: string; type: string } }[];
    }>(await mcc(box, ['list', '--kind', 'server', '--json']));
    expect(list.result.contributions.find((c) => c.id === 'numpy-linear')?.plugin).toMatchObject({
      name: '@acme/mcc-plugin-numpy-linear',
      type: 'user',
    });
    expect(list.warnings).toEqual([]);
  });

  it('generates a project with it, recording the plugin in mcc.json', async () => {
    const run = await mcc(box, [
      'generate',
      'linear',
      '--server',
      'numpy-linear',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    const result = envelope<{
      projectDir: string;
      files: string[];
      plugins: Record<string, { plugin: string }>;
    }>(run).result;
    projectDir = result.projectDir;
    expect(result.plugins.server!.plugin).toBe('@acme/mcc-plugin-numpy-linear');
    expect(result.files).toEqual(
      expect.arrayContaining(['code/framework.py', 'code/serve', 'sample/train.py', 'Dockerfile']),
    );
    const dockerfile = await readFile(join(projectDir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=/m);
  });

  it('serves the generated project for real: /ping, CSV and JSON /invocations, 400 on a bad row', async () => {
    const train = spawnSync(DEBIAN_PYTHON, ['sample/train.py', join(projectDir, 'model')], {
      cwd: projectDir,
      encoding: 'utf8',
    });
    expect(train.status, train.stderr).toBe(0);
    server = await startServe({ projectDir, modelDir: join(projectDir, 'model'), env: { MCC_WORKERS: '1' } });
    expect((await httpRequest(`${server.url}/ping`)).status).toBe(200);

    const csv = await post(`${server.url}/invocations`, 'text/csv', abaloneCsv());
    expect(csv.status, csv.body).toBe(200);
    const predictions = JSON.parse(csv.body).predictions as number[];
    expect(predictions).toHaveLength(5);
    // A least-squares fit of rings: every sample row lands in a plausible age.
    for (const p of predictions) {
      expect(p).toBeGreaterThan(3);
      expect(p).toBeLessThan(20);
    }

    const json = await post(`${server.url}/invocations`, 'application/json', abaloneJson());
    expect(json.status, json.body).toBe(200);
    expect(JSON.parse(json.body).predictions).toEqual(predictions);

    const unknownSex = await post(
      `${server.url}/invocations`,
      'text/csv',
      'X,0.4,0.3,0.1,0.5,0.2,0.1,0.15\n',
    );
    expect(unknownSex.status).toBe(400);
    expect(unknownSex.body).toMatch(/model knows/);
    expect((await post(`${server.url}/invocations`, 'text/csv', abaloneCsv())).status).toBe(200);

    const stopped = await server.stop(25_000);
    expect(stopped.code).toBe(0);
    expect(await isListening(server.port)).toBe(false);
  }, 90_000);
});
