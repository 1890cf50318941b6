import { describe, expect, it } from 'vitest';

import { projectInput, renderProject, renderReadme } from './fixtures.js';

describe('generated files', () => {
  it('are the image kit’s do/ scripts, this target’s, and the two IAM documents, executable where scripts', async () => {
    const { files } = await renderProject(projectInput());
    expect([...files.keys()].sort()).toEqual([
      'do/build',
      'do/deploy',
      'do/destroy',
      'do/invoke',
      'do/logs',
      'do/push',
      'do/run',
      'do/status',
      'iam/execution-role-policy.json',
      'iam/execution-role-trust.json',
    ]);
    expect(files.get('do/deploy')).toContain('exec "$mcc" deploy "$@"');
    expect(files.get('do/deploy')).toContain('serverless endpoint abalone (2048 MB');
    expect(files.get('do/logs')).toContain('/aws/sagemaker/Endpoints/abalone');
  });

  it('writes an execution role that can only pull the image and write its logs and metrics', async () => {
    const { files } = await renderProject(projectInput());
    const policy = JSON.parse(files.get('iam/execution-role-policy.json')!) as {
      Statement: { Sid: string; Action: unknown }[];
    };
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      'EcrLogin',
      'PullProjectImage',
      'WriteEndpointLogs',
      'PublishSageMakerMetrics',
    ]);
    expect(JSON.stringify(policy)).not.toMatch(/"\*"\]|ecr:PutImage|s3:/);
    const trust = JSON.parse(files.get('iam/execution-role-trust.json')!) as {
      Statement: { Principal: unknown }[];
    };
    expect(trust.Statement[0]!.Principal).toEqual({ Service: 'sagemaker.amazonaws.com' });
  });

  it('explains the serverless limits and repeats the fit warnings in the README section', async () => {
    const plain = await renderReadme(projectInput({ options: { 'provisioned-concurrency': 2 } }));
    expect(plain).toContain('Requests of at most 4 MB');
    expect(plain).toContain('within\n  60 s');
    expect(plain).toContain('keeps 2 warm');
    expect(plain).not.toContain('Check before deploying');
    const warned = await renderReadme(projectInput({ model: { sizeBytes: 3 * 1024 ** 3 } }));
    expect(warned).toContain('Check before deploying');
    expect(warned).toContain('memory-mb=3072');
  });
});
