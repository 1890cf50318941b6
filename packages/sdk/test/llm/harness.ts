import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { validate } from 'dockerfile-utils';

import { startServe } from '../../../../testkit/serve-process.js';
import type { ServeProcess } from '../../../../testkit/serve-process.js';
import type { ProjectInput } from '../../src/project.js';
import type { RenderedFile } from '../../src/render.js';
import { renderPartial, renderTemplates } from '../../src/render.js';
import type { Server } from '../../src/server.js';

/**
 * Helpers shared by the LLM server plugins' tests: a ProjectInput for a GPU project, rendering a
 * server's templates as core does, linting the result, and running its `code/serve` against a
 * fake engine (`fake_engine.py`) put first on PATH.
 */
const FAKE_ENGINE = fileURLToPath(new URL('./fake_engine.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
/** Debian's python and nginx first: the generated code runs on them. */
const SYSTEM_PATH = '/usr/bin:/usr/sbin:/bin:/sbin';

export interface LlmInputChange {
  serverId: string;
  baseImage?: string;
  options?: ProjectInput['server']['options'];
  instance?: Partial<ProjectInput['instance']>;
  model?: Partial<ProjectInput['model']>;
  name?: string;
}

/** A ProjectInput as core would resolve it for an LLM server and a Hub model on ml.g5.12xlarge (4 GPUs). */
export function llmInput(change: LlmInputChange): ProjectInput {
  const name = change.name ?? `${change.serverId}-llama`;
  return {
    project: { name, imageName: name.toLowerCase(), version: '0.1.0' },
    generator: { name: 'mcc', version: '0.0.0-test' },
    model: {
      source: 'huggingface',
      sample: false,
      delivery: 'runtime',
      location: 'meta-llama/Llama-3.2-1B-Instruct',
      format: 'huggingface',
      fileName: 'model',
      hub: { id: 'meta-llama/Llama-3.2-1B-Instruct', revision: 'main', gated: true, chatTemplate: true },
      ...change.model,
    },
    server: {
      id: change.serverId,
      baseImage: change.baseImage ?? 'example/engine:1.0',
      options: { dtype: 'auto', ...change.options },
    },
    target: { id: 'managed-inference', options: {} },
    instance: {
      instanceType: 'ml.g5.12xlarge',
      vcpu: 48,
      memoryGiB: 192,
      acceleratorCount: 4,
      catalogued: true,
      ...change.instance,
    },
    region: 'us-east-1',
  };
}

/** An S3 model: SageMaker mounts it under /opt/ml/model. */
export const S3_MODEL: Partial<ProjectInput['model']> = {
  source: 's3',
  location: 's3://models/team/llama/',
  hub: undefined,
  s3: { uri: 's3://models/team/llama/', bucket: 'models', prefix: 'team/llama/' },
};

export interface RenderedLlmProject {
  dir: string;
  files: RenderedFile[];
  readme: string;
  text(path: string): string;
}

/** Renders a server's templates (the shared kit's and the plugin's) as core does, into a temp dir. */
export async function renderLlmProject(server: Server, input: ProjectInput): Promise<RenderedLlmProject> {
  const locals = { ...input, ctx: server.context(input) };
  const files = await renderTemplates({
    templatesDir: server.templatesDir,
    locals,
    rules: server.files ?? [],
  });
  const readme = (await renderPartial(server.templatesDir, '_README.md.ejs', locals)) ?? '';
  const dir = await mkdtemp(join(tmpdir(), `mcc-${server.id}-`));
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    await chmod(path, file.mode);
  }
  const text = (path: string): string => {
    const file = files.find((f) => f.path === path);
    if (!file) throw new Error(`${path} was not generated; got ${files.map((f) => f.path).join(', ')}`);
    return file.content.toString();
  };
  return { dir, files, readme, text };
}

/** Problems found in a rendered project: leftovers, shellcheck, Dockerfile lint, Python syntax. */
export function lintProject(project: RenderedLlmProject): string[] {
  const problems: string[] = [];
  for (const file of project.files) {
    const text = file.content.toString();
    if (/<%|%>|\bundefined\b|\bNaN\b|\[object Object\]/.test(text))
      problems.push(`${file.path}: unrendered value`);
    if (file.path.endsWith('.json')) {
      try {
        JSON.parse(text);
      } catch (error) {
        problems.push(`${file.path}: ${String(error)}`);
      }
    }
    const shell = /^#!\s*\/(usr\/)?bin\/(env\s+)?(ba)?sh\b/.test(text);
    const python = file.path.endsWith('.py') || /^#!.*python3/.test(text);
    const path = join(project.dir, file.path);
    if (shell) {
      const check = spawnSync('shellcheck', ['--severity=style', path], { encoding: 'utf8' });
      if (check.status !== 0) problems.push(`${file.path}: shellcheck: ${check.stdout}${check.stderr}`);
    }
    if (python) {
      const source = `import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])`;
      const check = spawnSync(PYTHON, ['-c', source, path], { encoding: 'utf8' });
      if (check.status !== 0) problems.push(`${file.path}: ${check.stderr}`);
    }
    if (file.path === 'Dockerfile') {
      for (const d of validate(text))
        problems.push(`Dockerfile line ${d.range.start.line + 1}: ${d.message}`);
    }
  }
  if (/\bundefined\b|\bNaN\b|<%|%>/.test(project.readme)) problems.push('README section: unrendered value');
  return problems;
}

export type FakeKind = 'executable' | 'python-module';

export interface FakeEngine {
  /** Directory to put first on PATH (executables) or on PYTHONPATH (modules). */
  dir: string;
  /** Where the fake writes the argv it was started with. */
  argvFile: string;
  env: Record<string, string>;
  argv(): Promise<string[]>;
  /** The recorded variables (HF_TOKEN, MCC_HF_TOKEN_SECRET_ARN) of the engine's environment; null when unset. */
  engineEnv(): Promise<Record<string, string | null>>;
}

/**
 * A fake engine named like the real one: an executable (`vllm`, `trtllm-serve`) or a Python module
 * (`sglang.launch_server`, run as `python3 -m`). It accepts `flags` in its help and, with
 * `sagemakerRoutes`, answers /ping and /invocations itself.
 */
export async function fakeEngine(
  name: string,
  kind: FakeKind,
  flags: readonly string[],
  sagemakerRoutes: boolean,
): Promise<FakeEngine> {
  const dir = await mkdtemp(join(tmpdir(), 'mcc-fake-engine-'));
  const argvFile = join(dir, 'argv.json');
  const envFile = join(dir, 'env.json');
  const body = (program: string): string =>
    `import sys\nsys.path.insert(0, ${JSON.stringify(dirname(FAKE_ENGINE))})\nimport fake_engine\n` +
    `sys.exit(fake_engine.main(${JSON.stringify(program)}, sys.argv[1:]))\n`;
  if (kind === 'executable') {
    await writeFile(join(dir, name), `#!${PYTHON}\n${body(name)}`, { mode: 0o755 });
  } else {
    const parts = name.split('.');
    await mkdir(join(dir, ...parts.slice(0, -1)), { recursive: true });
    for (let i = 1; i < parts.length; i += 1)
      await writeFile(join(dir, ...parts.slice(0, i), '__init__.py'), '');
    await writeFile(join(dir, ...parts) + '.py', body(name));
  }
  const env: Record<string, string> = {
    FAKE_ENGINE_ARGV: argvFile,
    FAKE_ENGINE_ENV: envFile,
    FAKE_ENGINE_FLAGS: flags.join(' '),
    FAKE_ENGINE_SAGEMAKER: sagemakerRoutes ? '1' : '0',
    PATH: kind === 'executable' ? `${dir}:${SYSTEM_PATH}` : SYSTEM_PATH,
    ...(kind === 'python-module' ? { PYTHONPATH: dir } : {}),
  };
  return {
    dir,
    argvFile,
    env,
    argv: async () => JSON.parse(await readFile(argvFile, 'utf8')) as string[],
    engineEnv: async () => JSON.parse(await readFile(envFile, 'utf8')) as Record<string, string | null>,
  };
}

/** Starts the project's `code/serve` against the fake engine, on a free loopback port. */
export async function startWithFake(
  project: RenderedLlmProject,
  fake: FakeEngine,
  env: Record<string, string>,
): Promise<ServeProcess> {
  // An empty model directory: no config.json there, so the Hub id is served.
  const modelDir = await mkdtemp(join(tmpdir(), 'mcc-no-model-'));
  return startServe({ projectDir: project.dir, modelDir, env: { ...fake.env, ...env } });
}

/** The value after `flag` in an argv, or undefined. */
export function flagValue(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}
