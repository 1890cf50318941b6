import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { projectInput, renderProject, renderReadme } from './fixtures.js';

const SCRIPTS = [
  'do/build',
  'do/deploy',
  'do/destroy',
  'do/invoke',
  'do/logs',
  'do/push',
  'do/run',
  'do/status',
];

describe('generated files', () => {
  it('are the image kit’s do/ scripts, this target’s, and the two IAM documents', async () => {
    const { files } = await renderProject(projectInput());
    expect([...files.keys()].sort()).toEqual([
      ...SCRIPTS,
      'iam/execution-role-policy.json',
      'iam/execution-role-trust.json',
    ]);
    for (const verb of ['deploy', 'invoke', 'status', 'logs', 'destroy']) {
      expect(files.get(`do/${verb}`)).toContain(`exec "$mcc" ${verb} "$@"`);
    }
    expect(files.get('do/invoke')).toContain('1 x ml.m5.large');
    expect(files.get('do/logs')).toContain('/aws/sagemaker/TransformJobs');
  });

  it('writes do/ scripts that shellcheck passes at every severity, and that are executable', async () => {
    const { dir } = await renderProject(
      projectInput({ 'instance-count': 2, 'role-arn': 'arn:aws:iam::123456789012:role/own' }),
    );
    const paths = SCRIPTS.map((script) => join(dir, script));
    const run = spawnSync('shellcheck', ['--severity=style', ...paths], { encoding: 'utf8' });
    expect(run.error, 'shellcheck must be installed').toBeUndefined();
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
    const modes = spawnSync('stat', ['-c', '%a', ...paths], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n');
    expect(modes.every((mode) => /^7[0-7]{2}$/.test(mode))).toBe(true);
  });

  it('explains the job settings, the costs and the paths in the README section', async () => {
    const readme = await renderReadme(
      projectInput({ 'instance-count': 3, 'max-payload-mb': 50, 'max-concurrent-transforms': 2 }),
    );
    expect(readme).toContain('Instances run, and are billed,\nonly while a job runs');
    expect(readme).toContain('| instances per job | 3 × `ml.m5.large` |');
    expect(readme).toContain('`s3://sagemaker-us-east-1-<account>/mcc/abalone/batch-input/`');
    expect(readme).toContain(
      '`MultiRecord`, up to 50 MB each, 2 at once per instance; 600 s timeout, 3 retries',
    );
    expect(readme).toContain('`mcc-abalone-batch`, created by `mcc deploy` from `iam/`');
    expect(readme).not.toContain('Check before running a job');
    const warned = await renderReadme(projectInput({ 'assemble-with': 'None' }));
    expect(warned).toContain('### Check before running a job');
    expect(warned).toContain('- With split-type=Line and assemble-with=None');
    const own = await renderReadme(projectInput({ 'role-arn': 'arn:aws:iam::123456789012:role/own' }));
    expect(own).toContain('`arn:aws:iam::123456789012:role/own` (yours; mcc creates none');
  });
});
