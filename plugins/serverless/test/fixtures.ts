import { mkdir, mkdtemp, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { ProjectInput } from '@mcc/sdk';
import { renderPartial, renderTemplates } from '@mcc/sdk/render';

import { serverlessContext } from '../src/context.js';
import { serverlessTarget } from '../src/target.js';

export interface Overrides {
  project?: Partial<ProjectInput['project']>;
  model?: Partial<ProjectInput['model']>;
  options?: ProjectInput['target']['options'];
  instance?: Partial<ProjectInput['instance']>;
  region?: string;
}

/** A ProjectInput as core would resolve it for a small sklearn project on serverless. */
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
    server: { id: 'sklearn', http: 'flask', baseImage: 'python:3.12-slim', options: {} },
    target: {
      id: 'serverless',
      options: { 'memory-mb': 2048, 'max-concurrency': 5, 'container-engine': 'auto', ...overrides.options },
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

/** Renders the templates as core does into a new temp folder, with their modes. */
export async function renderProject(
  input: ProjectInput,
): Promise<{ dir: string; files: Map<string, string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mcc-serverless-'));
  const rendered = await renderTemplates({
    templatesDir: serverlessTarget.templatesDir,
    locals: { ...input, ctx: serverlessContext(input) },
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
  const text = await renderPartial(serverlessTarget.templatesDir, '_README.md.ejs', {
    ...input,
    ctx: serverlessContext(input),
  });
  if (text === undefined) throw new Error('the README partial is missing');
  return text;
}

/** The error a function throws, for assertions on its code and message. */
export function thrown(work: () => unknown): Error & { code?: string; suggestions?: string[] } {
  try {
    work();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected an error');
}
