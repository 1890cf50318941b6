import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { envelope, mcc, sandbox } from './helpers/cli.js';

interface Setting {
  value: string;
  source: string;
  origin?: string;
}
interface Result {
  projectDir: string;
  files: string[];
  settings: Record<string, Setting>;
  options: Record<string, Record<string, { value: unknown; source: string }>>;
  instance: { instanceType: string; vcpu: number; sizing?: { sizer: string; hostMemoryBytes: number } };
  recommendations: { instanceType: string; reason: string; estimatedMemoryBytes: number }[];
  plugins: Record<string, { id: string; plugin: string; version: string }>;
}

describe('mcc generate --json', () => {
  it('generates the built-in sample with nothing but --yes, reporting every value and its source', async () => {
    const box = await sandbox();
    const run = await mcc(box, ['generate', '--yes', '--offline', '--json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const env = envelope<Result>(run);
    expect(env.status).toBe(0);
    expect(env.warnings).toEqual([]);
    const r = env.result;
    expect(r.projectDir).toBe(join(box.cwd, 'sklearn-sample'));
    expect(r.settings.server).toEqual({ value: 'sklearn', source: 'default' });
    expect(r.settings.modelSource).toEqual({ value: 'sample', source: 'default' });
    expect(r.settings.http).toMatchObject({ value: 'flask', source: 'default' });
    expect(r.settings.target).toEqual({ value: 'managed-inference', source: 'default' });
    expect(r.settings.region).toEqual({ value: 'us-east-1', source: 'default' });
    expect(r.settings.name).toMatchObject({ value: 'sklearn-sample', source: 'derived' });
    expect(r.settings.instanceType).toMatchObject({ value: 'ml.m5.large', source: 'sizer' });
    expect(r.settings.modelFormat).toMatchObject({ value: 'joblib', source: 'derived' });
    expect(r.recommendations[0]?.instanceType).toBe('ml.m5.large');
    expect(r.instance).toMatchObject({ instanceType: 'ml.m5.large', vcpu: 2 });
    // The sizer's estimate travels with the instance, for the inference component's reservation.
    expect(r.instance.sizing).toEqual({
      sizer: 'cpu',
      hostMemoryBytes: r.recommendations[0]!.estimatedMemoryBytes,
    });
    expect(r.plugins.server).toEqual({
      id: 'sklearn',
      plugin: '@mcc/plugin-sklearn',
      version: expect.any(String),
    });
    for (const f of [
      'Dockerfile',
      'README.md',
      'mcc.json',
      '.gitignore',
      'code/serve',
      'code/app.py',
      'sample/train.py',
      'do/build',
      'do/deploy',
      'buildspec.yml',
      'iam/execution-role-policy.json',
    ]) {
      expect(r.files).toContain(f);
    }
    // The list is the truth: every file listed exists.
    for (const f of r.files) expect((await stat(join(r.projectDir, f))).isFile()).toBe(true);
    expect((await stat(join(r.projectDir, 'code/serve'))).mode & 0o111).not.toBe(0);
    const manifest = JSON.parse(await readFile(join(r.projectDir, 'mcc.json'), 'utf8'));
    expect(manifest.settings).toMatchObject({
      server: 'sklearn',
      http: 'flask',
      instanceType: 'ml.m5.large',
      region: 'us-east-1',
    });
    expect(manifest.plugins.target.plugin).toBe('@mcc/plugin-managed-inference');
    // Progress goes to stderr only.
    expect(run.stderr).toContain('Rendering');
  });

  it('applies flags over environment over config file over user config', async () => {
    const box = await sandbox();
    await writeFile(join(box.cwd, 'model.pkl'), Buffer.from([0x80, 0x04, 0x4e, 0x2e])); // pickle of None
    await writeFile(
      join(box.cwd, 'mcc.config.yaml'),
      'http: fastapi\nregion: eu-west-1\ninstanceType: ml.c5.xlarge\noptions:\n  workers: 3\n  timeout: 30\n',
    );
    const { mkdir } = await import('node:fs/promises');
    await mkdir(box.env.MCC_CONFIG_DIR!, { recursive: true });
    await writeFile(
      join(box.env.MCC_CONFIG_DIR!, 'config.json'),
      JSON.stringify({ region: 'ap-south-1', outputDir: 'projects' }),
    );
    const run = await mcc(
      box,
      ['generate', 'mine', '--model', 'model.pkl', '--option', 'workers=5', '--yes', '--json'],
      {
        MCC_INSTANCE_TYPE: 'ml.m5.xlarge',
        MCC_OPTION_TIMEOUT: '90',
      },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const r = envelope<Result>(run).result;
    expect(r.projectDir).toBe(join(box.cwd, 'projects', 'mine'));
    expect(r.settings.name).toEqual({ value: 'mine', source: 'flag', origin: 'NAME' });
    expect(r.settings.modelSource).toMatchObject({ value: 'local', source: 'derived' });
    expect(r.settings.modelFormat).toMatchObject({
      value: 'pkl',
      source: 'derived',
      origin: 'extension .pkl',
    });
    expect(r.settings.http).toEqual({
      value: 'fastapi',
      source: 'config',
      origin: join(box.cwd, 'mcc.config.yaml'),
    });
    expect(r.settings.instanceType).toEqual({
      value: 'ml.m5.xlarge',
      source: 'env',
      origin: 'MCC_INSTANCE_TYPE',
    });
    expect(r.settings.region).toMatchObject({ value: 'eu-west-1', source: 'config' });
    expect(r.settings.outputDir).toMatchObject({ value: 'projects', source: 'user-config' });
    expect(r.options.server!.workers).toMatchObject({ value: 5, source: 'flag' });
    expect(r.options.server!.timeout).toMatchObject({ value: 90, source: 'env' });
    expect(r.files).toContain('model/model.pkl');
    expect(await readFile(join(r.projectDir, 'model/model.pkl'))).toEqual(
      Buffer.from([0x80, 0x04, 0x4e, 0x2e]),
    );
    const app = await readFile(join(r.projectDir, 'code/app.py'), 'utf8');
    expect(app).toMatch(/fastapi/i);
  });

  it('replaces a project with --force and warns about a GPU instance for a CPU server', async () => {
    const box = await sandbox();
    expect((await mcc(box, ['generate', 'p', '--yes'])).exitCode).toBe(0);
    const again = await mcc(box, [
      'generate',
      'p',
      '--yes',
      '--force',
      '--instance-type',
      'ml.g5.xlarge',
      '--json',
    ]);
    expect(again.exitCode, again.stderr).toBe(0);
    const env = envelope<Result>(again);
    expect(env.warnings).toEqual([
      expect.stringContaining('ml.g5.xlarge has accelerators that server "sklearn" does not use'),
    ]);
    expect(again.stderr).toContain('Warning: ml.g5.xlarge has accelerators');
    // The CPU sizer does not consider GPU families, so nothing is estimated for one.
    expect(env.result.instance.sizing).toBeUndefined();
  });

  it('sizes an instance type the user chose with the same figures a recommendation of it gives', async () => {
    const box = await sandbox();
    const sized = envelope<Result>(await mcc(box, ['generate', 'a', '--yes', '--offline', '--json']));
    // The runner-up: a type the sizer did not pick first.
    const other = sized.result.recommendations[1]!;
    const given = envelope<Result>(
      await mcc(box, [
        'generate',
        'b',
        '--yes',
        '--offline',
        '--json',
        '--instance-type',
        other.instanceType,
      ]),
    );
    expect(given.result.settings.instanceType).toMatchObject({ value: other.instanceType, source: 'flag' });
    expect(given.result.instance.sizing).toEqual({
      sizer: 'cpu',
      hostMemoryBytes: other.estimatedMemoryBytes,
    });
    const manifest = JSON.parse(await readFile(join(box.cwd, 'b', 'mcc.json'), 'utf8'));
    expect(manifest.instance.sizing).toEqual(given.result.instance.sizing);
    // Types outside the top five are sized too, one worker (and one model copy) per vCPU.
    const bytes = async (name: string, type: string) =>
      envelope<Result>(
        await mcc(box, ['generate', name, '--yes', '--offline', '--json', '--instance-type', type]),
      ).result.instance.sizing!.hostMemoryBytes;
    const large = sized.result.instance.sizing!.hostMemoryBytes;
    const xlarge = await bytes('c', 'ml.m5.xlarge');
    const x2large = await bytes('d', 'ml.m5.2xlarge');
    expect(xlarge).toBeGreaterThan(large);
    expect(x2large - xlarge).toBe(2 * (xlarge - large));
  });

  it('prints a human summary without --json', async () => {
    const box = await sandbox();
    const run = await mcc(box, ['generate', '--yes']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Generated \d+ files in .*sklearn-sample/m);
  });
});
