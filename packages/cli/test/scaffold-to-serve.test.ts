import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { httpRequest, isListening, post } from '../../../testkit/http.js';
import { startServe } from '../../../testkit/serve-process.js';
import type { ServeProcess } from '../../../testkit/serve-process.js';
import { envelope, mcc, sandbox } from './helpers/cli.js';
import {
  buildPlugin,
  linkDevDependencies,
  offlineInstallEnv,
  packPlugin,
  testPlugin,
} from './helpers/outside-plugin.js';

/**
 * The whole path a plugin author takes, starting from nothing: `mcc plugins new --kind server`
 * writes the project, it is built with tsc against the built sdk and its own tests pass, it is
 * packed with npm, installed from the tarball into an isolated data dir (offline), used by
 * `mcc generate` with a local model file, and the generated project's `code/serve` is run natively
 * on loopback, answered over HTTP and stopped by its pid.
 */
const NAME = '@acme/mcc-plugin-tiny-linear';
const ID = 'tiny-linear';
/** A model in the scaffold's one format: linear weights as JSON. */
const MODEL = { weights: [0.5, -1, 2], bias: 0.25 };

describe('a plugin made by `mcc plugins new`, from scaffold to a served project', () => {
  let server: ServeProcess | undefined;

  afterAll(async () => {
    if (server && (await isListening(server.port))) await server.stop(5_000);
  });

  it('scaffolds, builds, packs, installs, generates and serves', async () => {
    const box = await sandbox();
    const work = await mkdtemp(join(tmpdir(), 'mcc-scaffold-serve-'));
    const dir = join(work, 'mcc-plugin-tiny-linear');

    // scaffold
    const made = await mcc(box, [
      'plugins',
      'new',
      '--kind',
      'server',
      '--name',
      NAME,
      '--dir',
      dir,
      '--json',
    ]);
    expect(made.exitCode, made.stderr).toBe(0);
    expect(envelope<{ dir: string; id: string }>(made).result).toMatchObject({ dir, id: ID });

    // build, and its own tests as written
    await linkDevDependencies(dir);
    await buildPlugin(dir);
    const own = await testPlugin(dir);
    expect(own.code, own.stdout + own.stderr).toBe(0);

    // pack (oclif manifest, then npm pack) and install from the tarball, offline
    const tarball = await packPlugin(dir, join(work, 'packed'));
    const installEnv = await offlineInstallEnv(box);
    const install = await mcc(box, ['plugins', 'install', `file:${tarball}`, '--yes'], installEnv);
    expect(install.exitCode, install.stderr).toBe(0);
    const data = JSON.parse(await readFile(join(box.env.MCC_DATA_DIR!, 'package.json'), 'utf8'));
    expect(data.oclif.plugins).toEqual([expect.objectContaining({ name: NAME, type: 'user' })]);

    // generate with a local model file in the scaffold's format
    await writeFile(join(box.cwd, 'model.json'), JSON.stringify(MODEL));
    const generated = await mcc(box, [
      'generate',
      'tiny',
      '--server',
      ID,
      '--model',
      'model.json',
      '--yes',
      '--offline',
      '--json',
    ]);
    expect(generated.exitCode, generated.stderr).toBe(0);
    const result = envelope<{
      projectDir: string;
      files: string[];
      plugins: Record<string, { plugin: string }>;
    }>(generated).result;
    expect(result.plugins.server!.plugin).toBe(NAME);
    expect(result.files).toEqual(
      expect.arrayContaining(['Dockerfile', 'code/serve', 'code/app.py', 'tests/payloads/request.json']),
    );
    const projectDir = result.projectDir;

    // serve natively on a free loopback port
    server = await startServe({ projectDir, modelDir: join(projectDir, 'model') });
    const ping = await httpRequest(`${server.url}/ping`);
    expect(ping.status).toBe(200);

    const payload = await readFile(join(projectDir, 'tests/payloads/request.json'), 'utf8');
    const answer = await post(`${server.url}/invocations`, 'application/json', payload);
    expect(answer.status, answer.body).toBe(200);
    const rows = JSON.parse(payload).instances as number[][];
    const expected = rows.map(
      (row) => row.reduce((sum, x, i) => sum + x * MODEL.weights[i]!, 0) + MODEL.bias,
    );
    expect(JSON.parse(answer.body)).toEqual({ predictions: expected });

    const wrongWidth = await post(`${server.url}/invocations`, 'application/json', '{"instances": [[1, 2]]}');
    expect(wrongWidth.status).toBe(400);
    expect(JSON.parse(wrongWidth.body).error).toMatch(/the model takes 3/);
    expect((await post(`${server.url}/invocations`, 'text/csv', '1,2,3\n')).status).toBe(415);

    const stopped = await server.stop(10_000);
    // SIGTERM by pid: the server ends its loop and exits 0 at once, not at the SIGKILL after the grace.
    expect(stopped).toMatchObject({ code: 0, signal: null, killed: false });
    expect(stopped.ms).toBeLessThan(5_000);
    expect(await isListening(server.port)).toBe(false);
  }, 60_000);
});
