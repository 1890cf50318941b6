import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

import type { PlannedCall } from '@mcc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import type { ExportCloudFormationResult } from '../src/commands/export/cloudformation.js';
import type { CfnTemplate } from '../src/cloudformation/template.js';
import { checkTemplate } from './cloudformation/checks.js';
import { pairPlanWithTemplate } from './cloudformation/equivalence.js';
import type { Environment } from './cloudformation/resolve.js';
import { envelope, fixturePlugin, linkPlugins, mcc, sandbox } from './helpers/cli.js';
import type { CliResult, Sandbox } from './helpers/cli.js';

// `mcc export cloudformation` from the built CLI, for every target it translates: the template is
// checked against CloudFormation's own resource schemas, held against the calls `mcc deploy --plan`
// lists, and kept as a golden file (UPDATE_GOLDEN=1 rewrites them; review the diff).
const GOLDEN = fileURLToPath(new URL('./__golden__/cloudformation/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const NO_AWS = {
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
};
const CLI_VERSION = (
  JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
/** The Description names the mcc version, which changes every release; goldens hold a placeholder. */
const versionless = (text: string) => text.replaceAll(`mcc ${CLI_VERSION} `, 'mcc <version> ');
const ROLE = 'arn:aws:iam::123456789012:role/MySageMakerRole';
const PUSHED = '123456789012.dkr.ecr.us-east-1.amazonaws.com/abalone@sha256:' + 'a'.repeat(64);

interface Scenario {
  id: string;
  project: string;
  flags: string[];
}
const PROJECTS: Record<string, string[]> = {
  abalone: [],
  'abalone-serverless': ['--target', 'serverless', '--option', 'provisioned-concurrency=2'],
  'abalone-async': [
    '--target',
    'async',
    '--option',
    'create-topics=true',
    '--option',
    'scale-to-zero=true',
    '--option',
    'max-instances=3',
  ],
  'abalone-batch': ['--target', 'batch'],
};
const SCENARIOS: Scenario[] = [
  { id: 'managed-inference', project: 'abalone', flags: [] },
  { id: 'managed-inference-copies', project: 'abalone', flags: ['--min-copies', '1', '--max-copies', '3'] },
  { id: 'managed-inference-role', project: 'abalone', flags: ['--role-arn', ROLE] },
  { id: 'serverless', project: 'abalone-serverless', flags: [] },
  { id: 'async', project: 'abalone-async', flags: [] },
  { id: 'batch', project: 'abalone-batch', flags: [] },
];

/** Concrete values, as a stack in an account would have them. */
const STACK: Environment = {
  accountId: '123456789012',
  region: 'us-east-1',
  partition: 'aws',
  parameters: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/abalone:1.0.0' },
  generatedName: (id) => `stack-${id}-1A2B3C4D5E6F`,
};

interface Exported {
  json: CliResult;
  yaml: CliResult;
  plan: PlannedCall[];
  file: string;
  yamlFile: string;
}

let box: Sandbox;
let out: string;
const exported = new Map<string, Exported>();
const dirOf = (project: string) => join(box.cwd, project);

beforeAll(async () => {
  box = await sandbox();
  out = join(box.root, 'out');
  await mkdir(out);
  const generated = await Promise.all(
    Object.entries(PROJECTS).map(([name, flags]) =>
      mcc(box, ['generate', name, '--yes', '--offline', ...flags]),
    ),
  );
  for (const g of generated) expect(g.exitCode, g.stderr).toBe(0);
  await Promise.all(
    SCENARIOS.map(async (s) => {
      const file = join(out, `${s.id}.json`);
      const yamlFile = join(out, `${s.id}.yaml`);
      const args = ['export', 'cloudformation', ...s.flags];
      const [json, yaml, plan] = await Promise.all([
        mcc(box, [...args, '--output', file, '--json'], NO_AWS, dirOf(s.project)),
        mcc(box, [...args, '--output', yamlFile], NO_AWS, dirOf(s.project)),
        mcc(box, ['deploy', '--plan', '--json', ...s.flags], NO_AWS, dirOf(s.project)),
      ]);
      expect(plan.exitCode, `${plan.stdout}\n${plan.stderr}`).toBe(0);
      exported.set(s.id, {
        json,
        yaml,
        plan: envelope<{ plan: PlannedCall[] }>(plan).result.plan,
        file,
        yamlFile,
      });
    }),
  );
}, 60_000);

afterAll(async () => {
  await rm(box.root, { recursive: true, force: true });
});

const resultOf = (id: string) => {
  const run = exported.get(id)!.json;
  expect(run.exitCode, run.stderr).toBe(0);
  return envelope<ExportCloudFormationResult>(run).result;
};

describe.each(SCENARIOS)('mcc export cloudformation: $id', ({ id }) => {
  it('writes the template it returns, in JSON and in YAML, and matches the golden file', async () => {
    const e = exported.get(id)!;
    const result = resultOf(id);
    expect(result.path).toBe(e.file);
    expect(result.format).toBe('json');
    const text = await readFile(e.file, 'utf8');
    expect(JSON.parse(text)).toEqual(result.template);
    expect(e.yaml.exitCode, e.yaml.stderr).toBe(0);
    expect(parseYaml(await readFile(e.yamlFile, 'utf8'))).toEqual(result.template);
    expect(result.resources).toEqual(
      Object.entries(result.template.Resources).map(([logicalId, r]) => ({ logicalId, type: r.Type })),
    );
    expect(result.parameters.map((p) => p.name)).toEqual(Object.keys(result.template.Parameters));
    const golden = join(GOLDEN, `${id}.json`);
    if (UPDATE) {
      await mkdir(GOLDEN, { recursive: true });
      await writeFile(golden, versionless(text));
    }
    expect(versionless(text)).toBe(await readFile(golden, 'utf8'));
  });

  it('passes every check against the CloudFormation resource schemas, parsed from JSON and from YAML', async () => {
    const e = exported.get(id)!;
    const fromJson = JSON.parse(await readFile(e.file, 'utf8')) as CfnTemplate;
    const fromYaml = parseYaml(await readFile(e.yamlFile, 'utf8')) as CfnTemplate;
    expect(checkTemplate(fromJson, STACK)).toEqual([]);
    expect(checkTemplate(fromYaml, STACK)).toEqual([]);
  });

  it('holds a resource for each call --plan makes, with the same input', () => {
    const e = exported.get(id)!;
    const { pairs, types } = pairPlanWithTemplate(e.plan, resultOf(id).template, 'us-east-1');
    expect(types.template).toEqual(types.plan);
    for (const pair of pairs) expect(pair.actual, `${pair.call} → ${pair.logicalId}`).toEqual(pair.expected);
  });
});

describe('the comparison with the plan', () => {
  it('catches a template that differs from what the plan shows', () => {
    const plan = exported.get('managed-inference')!.plan;
    const differing = (t: CfnTemplate) =>
      pairPlanWithTemplate(plan, t, 'us-east-1')
        .pairs.filter((p) => !isDeepStrictEqual(p.actual, p.expected))
        .map((p) => p.logicalId);
    const sized = structuredClone(resultOf('managed-inference').template);
    sized.Parameters.InstanceType!.Default = 'ml.m5.xlarge';
    expect(differing(sized)).toEqual(['EndpointConfig']);
    const lessPolicy = structuredClone(resultOf('managed-inference').template);
    delete lessPolicy.Resources.Role!.Properties.Policies;
    expect(differing(lessPolicy)).toEqual(['Role']);
    const noAlarm = structuredClone(resultOf('managed-inference').template);
    delete noAlarm.Resources.Alarm;
    const { types } = pairPlanWithTemplate(plan, noAlarm, 'us-east-1');
    expect(types.template).not.toEqual(types.plan);
  });
});

describe('what each template holds', () => {
  const template = (id: string) => resultOf(id).template;

  it('managed-inference: the role, configuration, endpoint, component and alarm, sized by parameters', () => {
    const t = template('managed-inference');
    expect(Object.keys(t.Resources)).toEqual([
      'Role',
      'EndpointConfig',
      'Endpoint',
      'InferenceComponent',
      'Alarm',
    ]);
    expect(Object.keys(t.Parameters)).toEqual([
      'ImageUri',
      'InstanceType',
      'InitialInstanceCount',
      'MinInstanceCount',
      'MaxInstanceCount',
      'CopyCount',
    ]);
    // No push recorded: the image must be given.
    expect(t.Parameters.ImageUri!.Default).toBeUndefined();
    // CloudFormation must be free to replace the configuration: it has no name of its own.
    expect(t.Resources.EndpointConfig!.Properties.EndpointConfigName).toBeUndefined();
    expect(t.Resources.Endpoint!.Properties.EndpointName).toBe('abalone');
    expect(t.Resources.Alarm!.DependsOn).toEqual(['InferenceComponent']);
    expect(t.Outputs.EndpointName!.Value).toEqual({ 'Fn::GetAtt': ['Endpoint', 'EndpointName'] });
    expect(t.Description).toMatch(/^abalone: the managed-inference deployment .* mcc \d+\.\d+\.\d+/);
  });

  it('--min-copies/--max-copies: autoscaling on the component, after it exists', () => {
    const t = template('managed-inference-copies');
    expect(t.Resources.ScalableTarget).toMatchObject({
      DependsOn: ['InferenceComponent'],
      Properties: { MinCapacity: { Ref: 'MinCapacity' }, MaxCapacity: { Ref: 'MaxCapacity' } },
    });
    expect(t.Resources.ScalingPolicy!.Properties.ScalingTargetId).toEqual({ Ref: 'ScalableTarget' });
    expect(t.Parameters.MaxCapacity).toMatchObject({ Type: 'Number', Default: 3 });
  });

  it('--role-arn: no role resource, an ExecutionRoleArn parameter defaulting to it', () => {
    const t = template('managed-inference-role');
    expect(Object.values(t.Resources).map((r) => r.Type)).not.toContain('AWS::IAM::Role');
    expect(t.Parameters.ExecutionRoleArn).toMatchObject({ Type: 'String', Default: ROLE });
    expect(t.Resources.EndpointConfig!.Properties.ExecutionRoleArn).toEqual({ Ref: 'ExecutionRoleArn' });
  });

  it('serverless: memory with its allowed sizes, concurrency, and an unnamed model', () => {
    const t = template('serverless');
    expect(Object.keys(t.Resources)).toEqual(['Role', 'Model', 'EndpointConfig', 'Endpoint']);
    expect(t.Parameters.MemorySizeInMB).toMatchObject({
      Default: 2048,
      AllowedValues: [1024, 2048, 3072, 4096, 5120, 6144],
    });
    expect(t.Parameters.ProvisionedConcurrency).toMatchObject({ Default: 2 });
    expect(t.Resources.Model!.Properties.ModelName).toBeUndefined();
    expect(t.Resources.Model!.Properties.PrimaryContainer).toEqual({ Image: { Ref: 'ImageUri' } });
  });

  it('async: topics by reference, the bucket a prerequisite, the alarm firing the scale-out policy', () => {
    const result = resultOf('async');
    const t = result.template;
    expect(result.prerequisites).toEqual(['the S3 bucket sagemaker-us-east-1-<account>']);
    expect(envelope(exported.get('async')!.json).warnings.join('\n')).toContain(
      'sagemaker-us-east-1-<account>',
    );
    const config = t.Resources.EndpointConfig!.Properties.AsyncInferenceConfig as {
      OutputConfig: { NotificationConfig: unknown };
    };
    const notification = config.OutputConfig.NotificationConfig;
    expect(notification).toMatchObject({
      SuccessTopic: { Ref: 'SuccessTopic' },
      ErrorTopic: { Ref: 'ErrorTopic' },
    });
    expect(t.Resources.Alarm!.Properties.AlarmActions).toEqual([
      { 'Fn::GetAtt': ['ScaleOutFromZeroScalingPolicy', 'Arn'] },
    ]);
    expect(t.Resources.ScalableTarget!.Properties.ResourceId).toEqual({
      'Fn::Sub': 'endpoint/${Endpoint.EndpointName}/variant/AllTraffic',
    });
  });

  it('batch: the role and the model only; the job mcc invoke starts is not part of the stack', () => {
    const result = resultOf('batch');
    expect(Object.keys(result.template.Resources)).toEqual(['Role', 'Model']);
    expect(JSON.stringify(result.template)).not.toContain('TransformJobName');
    const planned = exported
      .get('batch')!
      .plan.filter((c) => 'operation' in c && c.operation === 'CreateTransformJob');
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ madeBy: 'invoke' });
    expect(result.prerequisites).toEqual(['the S3 bucket sagemaker-us-east-1-<account>']);
  });

  it('prints where it wrote and what, human-readably', () => {
    const run = exported.get('async')!.yaml;
    expect(run.stdout).toContain('a CloudFormation template (YAML)');
    expect(run.stdout).toMatch(
      /\n {2}ScaleOutFromZeroScalingPolicy +AWS::ApplicationAutoScaling::ScalingPolicy\n/,
    );
    expect(run.stdout).toContain('\n  MaxCapacity = 3\n');
    expect(run.stdout).toContain('\n  ImageUri (required)\n');
    expect(run.stdout).toContain('--capabilities CAPABILITY_NAMED_IAM');
  });
});

describe('mcc export cloudformation: writing', () => {
  it('defaults to cloudformation/template.json in the project, replaces it byte for byte, leaves no temporary file', async () => {
    const project = dirOf('abalone');
    const first = await mcc(box, ['export', 'cloudformation'], NO_AWS, project);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Wrote cloudformation\/template\.json: /);
    const path = join(project, 'cloudformation', 'template.json');
    const text = await readFile(path, 'utf8');
    expect(versionless(text)).toBe(await readFile(join(GOLDEN, 'managed-inference.json'), 'utf8'));
    const second = await mcc(box, ['export', 'cloudformation'], NO_AWS, project);
    expect(second.stdout).toMatch(/^Replaced cloudformation\/template\.json: .*overwritten/);
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(await readdir(join(project, 'cloudformation'))).toEqual(['template.json']);
  });

  it('--output - prints the template alone on stdout (the summary goes to stderr); --format yaml from the flag', async () => {
    const run = await mcc(
      box,
      ['export', 'cloudformation', '--output', '-', '--format', 'yaml'],
      NO_AWS,
      dirOf('abalone'),
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(parseYaml(run.stdout)).toEqual(resultOf('managed-inference').template);
    expect(run.stdout).toMatch(/^AWSTemplateFormatVersion: "2010-09-09"\n/);
    expect(run.stderr).toContain('Printed a CloudFormation template (YAML)');
    const json = await mcc(box, ['export', 'cloudformation', '-o', '-', '--json'], NO_AWS, dirOf('abalone'));
    expect(envelope<ExportCloudFormationResult>(json).result).toMatchObject({ path: '-', format: 'json' });
  });

  it('defaults ImageUri to the image the last push recorded, and still plans a first deploy', async () => {
    const generated = await mcc(box, ['generate', 'pushed', '--yes', '--offline']);
    expect(generated.exitCode, generated.stderr).toBe(0);
    const project = dirOf('pushed');
    await mkdir(join(project, '.mcc'));
    // A deployed project: the template must still hold everything, not an update of it.
    await writeFile(
      join(project, '.mcc', 'state.json'),
      JSON.stringify({
        schema: 1,
        targets: { 'managed-inference': { endpoint: { name: 'pushed', configName: 'pushed-config-1' } } },
        image: { uri: PUSHED, pushedAt: '2026-01-01T00:00:00.000Z', by: 'push' },
      }),
    );
    const run = await mcc(box, ['export', 'cloudformation', '--output', '-', '--json'], NO_AWS, project);
    const result = envelope<ExportCloudFormationResult>(run).result;
    expect(result.template.Parameters.ImageUri!.Default).toBe(PUSHED);
    expect(result.resources.map((r) => r.logicalId)).toEqual(
      resultOf('managed-inference').resources.map((r) => r.logicalId),
    );
    const given = await mcc(
      box,
      ['export', 'cloudformation', '-o', '-', '--json', '--image-uri', 'x/y:2'],
      NO_AWS,
      project,
    );
    expect(envelope<ExportCloudFormationResult>(given).result.template.Parameters.ImageUri!.Default).toBe(
      'x/y:2',
    );
  });
});

describe('mcc export cloudformation: refusals (exit 2, the --json error envelope, nothing written)', () => {
  it('refuses a hyperpod-eks project, naming the target and the Kubernetes request', async () => {
    const generated = await mcc(box, [
      'generate',
      'llama',
      '--server',
      'vllm',
      '--model-source',
      'huggingface',
      '--model',
      'openai-community/gpt2',
      '--target',
      'hyperpod-eks',
      '--option',
      'cluster-name=ml-cluster',
      '--instance-type',
      'ml.g5.xlarge',
      '--yes',
      '--offline',
    ]);
    expect(generated.exitCode, generated.stderr).toBe(0);
    const project = dirOf('llama');
    const run = await mcc(
      box,
      ['export', 'cloudformation', '--json'],
      { ...NO_AWS, KUBECONFIG: '/nonexistent' },
      project,
    );
    expect(run.exitCode).toBe(2);
    const out = envelope(run);
    expect(out.status).toBe(2);
    expect(out.error?.code).toBe('CFN_UNSUPPORTED');
    expect(out.error?.message).toMatch(
      /^The hyperpod-eks target deploys through the Kubernetes API of a cluster \(POST \/api\/v1\/namespaces …\), which a CloudFormation template cannot express/,
    );
    expect(existsSync(join(project, 'cloudformation'))).toBe(false);
    const human = await mcc(box, ['export', 'cloudformation'], NO_AWS, project);
    expect(human.exitCode).toBe(2);
    expect(human.stderr).toMatch(/^Error \[CFN_UNSUPPORTED\]: The hyperpod-eks target/);
    expect(human.stdout).toBe('');
  });

  it('refuses a third-party target without planDeploy, and one whose plan makes a call it does not know', async () => {
    // Two targets of a plugin linked into the sandbox; a generated project is pointed at each.
    const plugin = await fixturePlugin(
      box.root,
      '@acme/mcc-plugin-odd-targets',
      `export default function ({ registry }) {
        registry.add('target', { id: 'acme-bare', summary: 'no verbs', load: async () => ({ kind: 'target', id: 'acme-bare', lifecycle: async () => ({}) }) });
        registry.add('target', { id: 'acme-lambda', summary: 'a function', load: async () => ({ kind: 'target', id: 'acme-lambda', lifecycle: async () => ({
          planDeploy: () => [{ service: 'lambda', operation: 'CreateFunction', input: { FunctionName: 'f' }, purpose: 'create the function' }],
        }) }) });
      }`,
    );
    const other = await sandbox();
    try {
      await linkPlugins(other, [plugin]);
      const generated = await mcc(other, ['generate', 'odd', '--yes', '--offline']);
      expect(generated.exitCode, generated.stderr).toBe(0);
      const project = join(other.cwd, 'odd');
      const manifest = JSON.parse(await readFile(join(project, 'mcc.json'), 'utf8')) as {
        settings: { target: string };
      };
      for (const [target, message] of [
        ['acme-bare', /^The acme-bare target cannot plan a deploy/],
        [
          'acme-lambda',
          /^The acme-lambda target calls lambda CreateFunction to deploy \(create the function\)/,
        ],
      ] as const) {
        manifest.settings.target = target;
        await writeFile(join(project, 'mcc.json'), JSON.stringify(manifest));
        const run = await mcc(other, ['export', 'cloudformation', '--json'], NO_AWS, project);
        expect(run.exitCode, run.stderr).toBe(2);
        expect(envelope(run).error).toMatchObject({
          code: 'CFN_UNSUPPORTED',
          message: expect.stringMatching(message),
        });
        expect(existsSync(join(project, 'cloudformation'))).toBe(false);
      }
    } finally {
      await rm(other.root, { recursive: true, force: true });
    }
  });

  it('refuses outside a project', async () => {
    const run = await mcc(
      box,
      ['export', 'cloudformation', '--json', '--output', join(out, 'none.json')],
      NO_AWS,
    );
    expect(run.exitCode).toBe(2);
    expect(envelope(run).error?.code).toBe('PROJECT_NOT_FOUND');
    expect(existsSync(join(out, 'none.json'))).toBe(false);
  });

  it('refuses an output path that is a folder', async () => {
    const run = await mcc(
      box,
      ['export', 'cloudformation', '--output', out, '--json'],
      NO_AWS,
      dirOf('abalone'),
    );
    expect(run.exitCode).toBe(2);
    expect(envelope(run).error?.code).toBe('OUTPUT_IS_DIRECTORY');
  });

  it('refuses an output path under a file, or where no folder can be made, naming it and leaving nothing', async () => {
    const blocker = join(out, 'blocker');
    await writeFile(blocker, 'not a folder');
    for (const [target, reason] of [
      [join(blocker, 'template.json'), `${blocker} is a file, not a folder`],
      // A pseudo file system where no folder can be made (Node's own recursive mkdir spins there).
      ...(existsSync('/proc/1')
        ? [['/proc/1/mcc-no-such/template.json', '/proc/1/mcc-no-such'] as const]
        : []),
    ] as const) {
      const run = await mcc(
        box,
        ['export', 'cloudformation', '--output', target, '--json'],
        NO_AWS,
        dirOf('abalone'),
      );
      expect(run.exitCode, run.stderr).toBe(2);
      const error = envelope(run).error;
      expect(error?.code).toBe('OUTPUT_NOT_WRITABLE');
      expect(error?.message).toContain(reason);
    }
    expect(await readFile(blocker, 'utf8')).toBe('not a folder');
    expect((await readdir(out)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an unknown format, and bad copies the way deploy does', async () => {
    const format = await mcc(
      box,
      ['export', 'cloudformation', '--format', 'toml', '--json'],
      NO_AWS,
      dirOf('abalone'),
    );
    expect(format.exitCode).toBe(2);
    expect(envelope(format).error?.code).toBe('USAGE');
    const file = join(out, 'bad-copies.json');
    const copies = await mcc(
      box,
      ['export', 'cloudformation', '--min-copies', '3', '--max-copies', '2', '--output', file, '--json'],
      NO_AWS,
      dirOf('abalone'),
    );
    expect(copies.exitCode).toBe(2);
    expect(envelope(copies).error?.code).toBe('COPIES_INVALID');
    expect(existsSync(file)).toBe(false);
  });
});
