import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { listTemplates } from '@mcc/sdk/render';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { managedInferenceContext } from '../src/context.js';
import type { PolicyDocument } from '../src/iam.js';
import { managedInferenceTarget } from '../src/target.js';
import { actionsOf, expectLeastPrivilege, resourcesOf, shellcheck, statement } from './checks.js';
import { SCENARIOS, projectInput, renderProject, renderReadme } from './fixtures.js';

const SCRIPTS = ['build', 'run', 'push', 'submit', 'deploy', 'invoke', 'status', 'logs', 'destroy'];
const IAM = [
  'execution-role-trust',
  'execution-role-policy',
  'codebuild-role-trust',
  'codebuild-role-policy',
];
const EXPECTED_FILES = [
  'buildspec.yml',
  ...SCRIPTS.map((s) => `do/${s}`),
  ...IAM.map((d) => `iam/${d}.json`),
].sort();

interface Buildspec {
  version: number;
  env: { shell: string; variables: Record<string, string>; 'exported-variables': string[] };
  phases: Record<string, { 'on-failure'?: string; commands: string[] }>;
  artifacts: { files: string[] };
}

function fail(message: string): never {
  throw new Error(message);
}

describe('the templates folder', () => {
  it('emits exactly the build spec, the do/ scripts and the IAM documents', async () => {
    expect((await listTemplates(managedInferenceTarget.templatesDir)).sort()).toEqual(EXPECTED_FILES);
  });

  it('interpolates only through the escaping helpers, never <%=', async () => {
    for (const root of [managedInferenceTarget.templatesDir].flat()) {
      const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ejs'));
      for (const file of files) {
        const text = await readFile(new URL(file, root), 'utf8');
        expect(text, file).not.toContain('<%=');
        for (const [tag] of text.matchAll(/<%-[^%]*%>/g)) {
          expect(tag, `${file}: ${tag}`).toMatch(/^<%-\s*(sh|json|yaml|py|include)\(/);
        }
      }
    }
  });
});

describe.each(SCENARIOS)('rendered for $name', ({ overrides }) => {
  const input = projectInput(overrides);
  const ctx = managedInferenceContext(input);
  const rendered = renderProject(input);

  it('writes every file, with no unresolved value', async () => {
    const { files } = await rendered;
    expect([...files.keys()].sort()).toEqual(EXPECTED_FILES);
    for (const [path, content] of files) {
      expect(content, path).not.toMatch(/undefined|NaN|\[object Object\]|<%|%>/);
      expect(content.endsWith('\n'), `${path} ends with a newline`).toBe(true);
    }
  });

  it('makes every do/ script executable, and nothing else', async () => {
    const { dir, files } = await rendered;
    for (const path of files.keys()) {
      const mode = (await stat(join(dir, path))).mode & 0o777;
      expect(mode, path).toBe(path.startsWith('do/') ? 0o755 : 0o644);
    }
  });

  it('passes shellcheck on every do/ script with no finding', async () => {
    const { dir } = await rendered;
    const result = shellcheck(
      SCRIPTS.map((s) => `do/${s}`),
      dir,
    );
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('starts every do/ script with bash strict mode and a move to the project root', async () => {
    const { files } = await rendered;
    for (const script of SCRIPTS) {
      const lines = files.get(`do/${script}`)!.split('\n');
      expect(lines[0]).toBe('#!/usr/bin/env bash');
      expect(lines).toContain('set -euo pipefail');
      expect(lines).toContain('cd "$(dirname "${BASH_SOURCE[0]}")/.."');
    }
  });

  it('writes valid IAM documents that keep least privilege', async () => {
    const { files } = await rendered;
    for (const name of IAM) {
      const doc = JSON.parse(files.get(`iam/${name}.json`)!) as PolicyDocument;
      expect(doc).toEqual(ctx.iam[name as keyof typeof ctx.iam]);
      expectLeastPrivilege(doc, fail);
    }
  });

  it('trusts only SageMaker and CodeBuild, the latter only for this project', async () => {
    const { files } = await rendered;
    const execution = JSON.parse(files.get('iam/execution-role-trust.json')!) as PolicyDocument;
    const codebuild = JSON.parse(files.get('iam/codebuild-role-trust.json')!) as PolicyDocument;
    expect(execution.Statement).toHaveLength(1);
    expect(execution.Statement[0]).toMatchObject({
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Action: 'sts:AssumeRole',
    });
    expect(codebuild.Statement).toHaveLength(1);
    expect(codebuild.Statement[0]).toMatchObject({
      Principal: { Service: 'codebuild.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        ArnLike: {
          'aws:SourceArn': `arn:${ctx.partition}:codebuild:${ctx.region}:*:project/${ctx.codebuild.project}`,
        },
      },
    });
  });

  it('lets the execution role pull this repository only and log for this endpoint only', async () => {
    const { files } = await rendered;
    const doc = JSON.parse(files.get('iam/execution-role-policy.json')!) as PolicyDocument;
    const pull = statement(doc, 'PullProjectImage');
    expect(actionsOf(pull).sort()).toEqual([
      'ecr:BatchCheckLayerAvailability',
      'ecr:BatchGetImage',
      'ecr:GetDownloadUrlForLayer',
    ]);
    expect(resourcesOf(pull)).toEqual([
      `arn:${ctx.partition}:ecr:${ctx.region}:*:repository/${ctx.image.repository}`,
    ]);
    const logs = resourcesOf(statement(doc, 'WriteEndpointLogs'));
    expect(logs).toEqual([
      `arn:${ctx.partition}:logs:${ctx.region}:*:log-group:/aws/sagemaker/Endpoints/${ctx.endpoint.name}*`,
      `arn:${ctx.partition}:logs:${ctx.region}:*:log-group:/aws/sagemaker/InferenceComponents/${ctx.inferenceComponent.name}*`,
    ]);
    expect(statement(doc, 'PublishSageMakerMetrics').Condition).toEqual({
      StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' },
    });
    const modelData = doc.Statement.find((s) => s.Sid === 'ReadModelData');
    if (ctx.modelData) {
      expect(resourcesOf(modelData!)).toEqual([
        `arn:${ctx.partition}:s3:::${ctx.modelData.bucket}/${ctx.modelData.prefix}*`,
      ]);
    } else {
      expect(modelData).toBeUndefined();
    }
  });

  it('lets the CodeBuild role push to this repository, log for this project and read its source', async () => {
    const { files } = await rendered;
    const doc = JSON.parse(files.get('iam/codebuild-role-policy.json')!) as PolicyDocument;
    const push = statement(doc, 'PushProjectImage');
    expect(actionsOf(push)).toEqual(
      expect.arrayContaining([
        'ecr:PutImage',
        'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload',
      ]),
    );
    expect(resourcesOf(push)).toEqual([
      `arn:${ctx.partition}:ecr:${ctx.region}:*:repository/${ctx.image.repository}`,
    ]);
    // Push rights never reach another repository, not even the base image's.
    for (const s of doc.Statement.filter((x) => x.Sid !== 'PushProjectImage')) {
      expect(actionsOf(s)).not.toContain('ecr:PutImage');
    }
    expect(resourcesOf(statement(doc, 'WriteBuildLogs'))).toEqual([
      `arn:${ctx.partition}:logs:${ctx.region}:*:log-group:/aws/codebuild/${ctx.codebuild.project}`,
      `arn:${ctx.partition}:logs:${ctx.region}:*:log-group:/aws/codebuild/${ctx.codebuild.project}:*`,
    ]);
    expect(resourcesOf(statement(doc, 'ReadBuildSource'))).toEqual([
      `arn:${ctx.partition}:s3:::${ctx.codebuild.bucketPattern}/mcc/${ctx.names.base}/source/*`,
    ]);
    const base = doc.Statement.find((s) => s.Sid === 'PullBaseImage');
    if (ctx.codebuild.baseImageRegistry) {
      const { region, account, repository } = ctx.codebuild.baseImageRegistry;
      expect(resourcesOf(base!)).toEqual([
        `arn:${ctx.partition}:ecr:${region}:${account}:repository/${repository}`,
      ]);
    } else {
      expect(base).toBeUndefined();
    }
  });

  it('writes a CodeBuild buildspec that logs in, builds for linux/amd64, pushes and records the URI', async () => {
    const { files } = await rendered;
    const spec = parseYaml(files.get('buildspec.yml')!) as Buildspec;
    expect(spec.version).toBe(0.2);
    expect(spec.env.shell).toBe('bash');
    expect(spec.env.variables).toEqual({
      ECR_REPOSITORY: ctx.image.repository,
      IMAGE_TAG: ctx.image.tag,
      ECR_REGION: ctx.region,
      PLATFORM: 'linux/amd64',
    });
    expect(spec.env['exported-variables']).toEqual(['IMAGE_URI']);
    expect(Object.keys(spec.phases)).toEqual(['pre_build', 'build']);
    expect(spec.phases.pre_build!['on-failure']).toBe('ABORT');
    expect(spec.phases.build!['on-failure']).toBe('ABORT');
    const pre = spec.phases.pre_build!.commands;
    expect(pre).toContain(`REGISTRY="\${ACCOUNT_ID}.dkr.ecr.\${ECR_REGION}.${ctx.dnsSuffix}"`);
    expect(pre).toContain(
      'aws ecr get-login-password --region "$ECR_REGION" | docker login --username AWS --password-stdin "$REGISTRY"',
    );
    const baseLogin = pre.filter((c) => c.includes('docker login') && !c.includes('"$REGISTRY"'));
    expect(baseLogin).toHaveLength(ctx.codebuild.baseImageRegistry ? 1 : 0);
    const build = spec.phases.build!.commands;
    expect(build[0]).toMatch(
      /^docker build --platform "\$PLATFORM" .* --tag "\$IMAGE_URI" --tag "\$\{REGISTRY\}\/\$\{ECR_REPOSITORY\}:latest" \.$/,
    );
    expect(build).toContain('docker push "$IMAGE_URI"');
    expect(build.at(-1)).toBe(`printf '%s\\n' "$IMAGE_URI" > ${ctx.codebuild.imageUriFile}`);
    expect(spec.artifacts.files).toEqual([ctx.codebuild.imageUriFile]);
  });

  it('writes buildspec commands that pass shellcheck', async () => {
    const { dir, files } = await rendered;
    const spec = parseYaml(files.get('buildspec.yml')!) as Buildspec;
    const script = ['#!/usr/bin/env bash', ...Object.values(spec.phases).flatMap((p) => p.commands), ''].join(
      '\n',
    );
    await writeFile(join(dir, 'buildspec-commands.sh'), script);
    const result = shellcheck(['buildspec-commands.sh'], dir);
    expect(result.output).toBe('');
  });

  it('explains the path from build to destroy in its README section', async () => {
    const readme = await renderReadme(input);
    expect(readme).not.toMatch(/undefined|NaN|\[object Object\]|<%|%>/);
    for (const script of SCRIPTS) expect(readme).toContain(`do/${script}`);
    for (const doc of IAM) expect(readme).toContain(`${doc}.json`);
    expect(readme).toContain('buildspec.yml');
    expect(readme).toContain(`\`${ctx.endpoint.name}\``);
    expect(readme).toContain(`\`${ctx.inferenceComponent.name}\``);
    expect(readme).toMatch(/mcc deploy. and .mcc submit. create the roles/);
    if (ctx.roles.execution.arn) expect(readme).toContain(ctx.roles.execution.arn);
    const steps = ['do/build', 'do/run', 'do/push', 'do/deploy', 'do/invoke', 'do/status', 'do/destroy'];
    const at = steps.map((s) => readme.indexOf(s));
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('gives README commands that scope the IAM documents to an account', async () => {
    const { dir } = await rendered;
    const readme = await renderReadme(input);
    const loop = readme.split('\n').find((line) => line.startsWith('for f in iam/*.json'));
    expect(loop).toBeDefined();
    const scoped = join(dir, 'scoped');
    const run = spawnSync(
      'bash',
      ['-euc', `account=123456789012; scoped=${scoped}; mkdir -p "$scoped"; ${loop!}`],
      {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const name of IAM) {
      const text = await readFile(join(scoped, `${name}.json`), 'utf8');
      const doc = JSON.parse(text) as PolicyDocument;
      expect(text).not.toMatch(/:\*:|-\*[/"]/);
      expectLeastPrivilege(doc, fail);
    }
  });
});
