import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { ProjectInput } from '@mcc/sdk';
import { renderPartial, renderTemplates } from '@mcc/sdk/render';

import { managedInferenceContext } from '../src/context.js';
import type { ManagedInferenceContext } from '../src/context.js';
import { managedInferenceTarget } from '../src/target.js';

export interface Overrides {
  project?: Partial<ProjectInput['project']>;
  model?: Partial<ProjectInput['model']>;
  server?: Partial<ProjectInput['server']>;
  options?: ProjectInput['target']['options'];
  instance?: Partial<ProjectInput['instance']>;
  region?: string;
}

/** A ProjectInput as core would resolve it for a small sklearn project, with the given changes. */
export function projectInput(overrides: Overrides = {}): ProjectInput {
  return {
    project: { name: 'abalone', imageName: 'abalone', version: '0.1.0', ...overrides.project },
    generator: { name: '@mcc/cli', version: '0.1.0' },
    model: {
      source: 'sample',
      sample: true,
      delivery: 'train',
      format: 'joblib',
      fileName: 'model.joblib',
      ...overrides.model,
    },
    server: { id: 'sklearn', http: 'flask', baseImage: 'python:3.12-slim', options: {}, ...overrides.server },
    target: {
      id: 'managed-inference',
      options: { 'instance-count': 1, copies: 1, 'container-engine': 'auto', ...overrides.options },
    },
    instance: {
      instanceType: 'ml.m5.large',
      vcpu: 2,
      memoryGiB: 8,
      acceleratorCount: 0,
      catalogued: true,
      ...overrides.instance,
    },
    region: overrides.region ?? 'us-east-1',
  };
}

export interface Scenario {
  name: string;
  overrides: Overrides;
}

/** Odd but valid inputs the rendered files must survive. */
export const SCENARIOS: readonly Scenario[] = [
  { name: 'defaults', overrides: {} },
  {
    name: 'dotted name, semver build tag, own role, docker, own bucket',
    overrides: {
      project: { name: 'My_Model.v2', imageName: 'my_model.v2', version: '1.0.0+build.5' },
      options: {
        'role-arn': 'arn:aws:iam::123456789012:role/team/My-SageMaker_Role',
        'container-engine': 'docker',
        bucket: 'my.team-bucket',
      },
      region: 'eu-west-1',
    },
  },
  {
    name: 'very long name, podman, several instances',
    overrides: {
      project: {
        name: 'x'.repeat(70),
        imageName: `${'very-long-project-name-'.repeat(4)}end`,
        version: '2024.10.1',
      },
      options: { 'container-engine': 'podman', 'instance-count': 3, copies: 6 },
      region: 'ap-southeast-2',
    },
  },
  {
    name: 'LLM from the hub on a GPU, ECR base image',
    overrides: {
      project: { name: 'llama', imageName: 'llama', version: '0.1.0' },
      model: {
        source: 'huggingface',
        sample: false,
        delivery: 'runtime',
        location: 'meta-llama/Llama-3.2-1B',
        format: 'hf',
        fileName: 'model',
      },
      server: {
        id: 'lmi',
        baseImage: '763104351884.dkr.ecr.us-west-2.amazonaws.com/djl-inference:0.29.0-lmi11.0.0-cu124',
        options: {},
      },
      instance: { instanceType: 'ml.g5.2xlarge', vcpu: 8, memoryGiB: 32, acceleratorCount: 1 },
      region: 'us-west-2',
    },
  },
  {
    name: 'S3 model in China, own role',
    overrides: {
      model: {
        source: 's3',
        sample: false,
        delivery: 'runtime',
        location: 's3://models-cn/team/abalone/',
        format: 'joblib',
        fileName: 'model.joblib',
      },
      options: { 'role-arn': 'arn:aws-cn:iam::123456789012:role/sm' },
      region: 'cn-north-1',
    },
  },
  { name: 'GovCloud', overrides: { region: 'us-gov-west-1' } },
];

export type Locals = ProjectInput & { ctx: ManagedInferenceContext };

export function locals(input: ProjectInput): Locals {
  return { ...input, ctx: managedInferenceContext(input) };
}

/** Renders the templates as core does and writes them, with their modes, into a new temp folder. */
export async function renderProject(
  input: ProjectInput,
): Promise<{ dir: string; files: Map<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mcc-mi-'));
  const rendered = await renderTemplates({
    templatesDir: managedInferenceTarget.templatesDir,
    locals: locals(input),
  });
  const files = new Map<string, string>();
  for (const file of rendered) {
    const full = join(dir, file.path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, file.content);
    await chmod(full, file.mode);
    files.set(file.path, file.content.toString());
  }
  return { dir, files };
}

export async function renderReadme(input: ProjectInput): Promise<string> {
  const text = await renderPartial(managedInferenceTarget.templatesDir, '_README.md.ejs', locals(input));
  if (text === undefined) throw new Error('the README partial is missing');
  return text;
}
