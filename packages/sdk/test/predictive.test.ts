import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { isMcError } from '../src/errors.js';
import {
  HTTP_LAYERS,
  PREDICTIVE_OPTIONS,
  defaultWorkers,
  definePredictiveServer,
  predictiveTemplatesDir,
  threadsPerWorker,
} from '../src/predictive/index.js';
import type { FrameworkParts, PredictiveServerSpec } from '../src/predictive/index.js';
import { listTemplates, renderPartial, renderTemplates } from '../src/render.js';
import { predictiveInput } from './predictive-input.js';

interface ToyFramework extends FrameworkParts {
  toyVersion: string;
}

async function toyTemplates(): Promise<URL> {
  const dir = await mkdtemp(join(tmpdir(), 'mcc-sdk-toy-'));
  await writeFile(
    join(dir, 'framework.txt.ejs'),
    'toy <%- ctx.toyVersion %> with <%- ctx.workers %> workers\n',
  );
  await writeFile(join(dir, 'train.txt'), 'sample only\n');
  await writeFile(join(dir, '_README.md.ejs'), '### Toy specifics\n');
  return new URL(`file://${dir}/`);
}

async function toySpec(): Promise<PredictiveServerSpec<ToyFramework>> {
  return {
    id: 'toy',
    summary: 'A toy framework',
    framework: 'Toy',
    formats: [{ id: 'bin', summary: 'bin', extensions: ['.bin'], layout: 'file' }],
    defaultBaseImage: 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm',
    options: [
      { key: 'toy-version', description: 'The toy release to install', type: 'string', default: '1.0' },
    ],
    templatesDir: await toyTemplates(),
    sampleOnly: ['train.txt'],
    samplePayloads: [{ contentType: 'text/csv', file: 'tests/payloads/toy.csv' }],
    memoryPerModelByte: 2,
    frameworkContext: (input) => ({
      toyVersion: String(input.server.options['toy-version'] ?? '1.0'),
      pip: ['toy==1.0'],
      apt: ['libgomp1'],
      debian: ['python3-toy'],
    }),
  };
}

async function toyServer() {
  return definePredictiveServer(await toySpec());
}

describe('definePredictiveServer', () => {
  it('returns a normal Server: the shared templates first, Flask and FastAPI, shared options last', async () => {
    const server = await toyServer();
    expect(server).toMatchObject({
      kind: 'server',
      id: 'toy',
      accelerator: 'cpu',
      sources: ['local', 'sample'],
      httpLayers: HTTP_LAYERS,
      defaultHttp: 'flask',
      memoryPerModelByte: 2,
    });
    expect(server.templatesDir).toHaveLength(2);
    expect((server.templatesDir as readonly URL[])[0]).toBe(predictiveTemplatesDir);
    expect(server.options.map((option) => option.key)).toEqual(['toy-version', 'workers', 'timeout']);
    expect(server.options.slice(1)).toEqual(PREDICTIVE_OPTIONS);
  });

  it('merges the shared context with the framework’s', async () => {
    const ctx = (await toyServer()).context(predictiveInput({ http: 'fastapi', sample: false }));
    expect(ctx).toMatchObject({
      framework: 'Toy',
      toyVersion: '1.0',
      http: 'fastapi',
      httpStack: 'FastAPI on uvicorn',
      workers: 4,
      workersPerVcpu: true,
      threadsPerWorker: 1,
      timeoutSeconds: 60,
      modelFileName: 'model.bin',
      sample: false,
      samplePayloads: [],
      sampleScript: 'sample/train.py',
      maxBodyBytes: 6 * 1024 * 1024,
    });
    expect(ctx.requirements).toEqual(['toy==1.0', 'numpy==2.1.3', 'fastapi==0.115.6', 'uvicorn==0.32.1']);
    expect(ctx.aptPackages).toEqual(['nginx', 'libgomp1']);
    expect(ctx.debianPackages).toEqual(
      expect.arrayContaining(['python3-toy', 'python3-fastapi', 'python3-uvicorn', 'nginx']),
    );
  });

  it('refuses a framework field that shadows a shared one, naming it', async () => {
    const shadowing = { pip: [], debian: [], toyVersion: '1.0', workers: 99 };
    const server = definePredictiveServer({
      ...(await toySpec()),
      id: 'bad',
      frameworkContext: () => shadowing,
    });
    expect(() => server.context(predictiveInput({}))).toThrow(/server bad: .*workers/);
  });

  it.each([
    [
      'an HTTP layer it lacks',
      predictiveInput({ http: 'django' }),
      /toy server has no HTTP layer "django".*flask or fastapi/,
    ],
    [
      'a model fetched at runtime',
      {
        ...predictiveInput({}),
        model: { ...predictiveInput({}).model, delivery: 'runtime' as const, source: 's3' },
      },
      /model source "s3"/,
    ],
    [
      'a base image with a space',
      { ...predictiveInput({}), server: { ...predictiveInput({}).server, baseImage: 'python:3.12 slim' } },
      /"python:3\.12 slim" is not an image reference/,
    ],
  ])('refuses %s with a usage error naming the value', async (_name, input, message) => {
    const server = await toyServer();
    try {
      server.context(input);
      expect.unreachable();
    } catch (error) {
      expect(isMcError(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('renders the shared kit and the plugin’s templates with the file rules', async () => {
    const server = await toyServer();
    for (const [http, sample] of [
      ['flask', true],
      ['fastapi', false],
    ] as const) {
      const input = predictiveInput({ http, sample });
      const locals = { ...input, ctx: server.context(input) };
      const files = await renderTemplates({ templatesDir: server.templatesDir, locals, rules: server.files });
      const paths = files.map((file) => file.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'Dockerfile',
          '.dockerignore',
          'requirements.txt',
          'code/serve',
          'code/nginx.conf',
          'code/app.py',
          'code/workers.py',
          'code/model_handler.py',
          'code/payloads.py',
          'tests/conftest.py',
          'tests/test_parsing.py',
          'framework.txt',
        ]),
      );
      expect(paths.filter((path) => path.startsWith('code/app'))).toEqual(['code/app.py']);
      expect(paths.includes('code/gevent_server.py')).toBe(http === 'flask');
      expect(paths.includes('train.txt')).toBe(sample);
      const text = (path: string) => String(files.find((file) => file.path === path)!.content);
      expect(text('framework.txt')).toBe('toy 1.0 with 4 workers\n');
      expect(text('code/app.py')).toContain(`from ${http} import`);
      expect(text('Dockerfile')).toContain('apt-get install -y --no-install-recommends nginx libgomp1');
      expect(text('Dockerfile')).toContain(
        sample ? 'RUN python3 sample/train.py /opt/ml/model' : 'COPY model/ /opt/ml/model/',
      );
      expect(text('requirements.txt')).toContain('toy==1.0\nnumpy==2.1.3\n');
      for (const file of files) expect(String(file.content), file.path).not.toMatch(/<%|%>|\bundefined\b/);
      const readme = await renderPartial(server.templatesDir, '_README.md.ejs', locals);
      expect(readme).toMatch(/^## Serving: Toy behind nginx and /);
      expect(readme).toMatch(/### Toy specifics\n$/);
      for (const name of ['MCC_WORKERS', 'MCC_THREADS', 'MCC_TIMEOUT', 'SM_MODEL_DIR', 'application/x-npy']) {
        expect(readme).toContain(name);
      }
      expect(readme).toContain(sample ? 'tests/payloads/toy.csv' : "'Content-Type: application/x-npy'");
    }
  });

  it('names only templates that exist in its file rules', async () => {
    const server = await toyServer();
    const templates = await listTemplates(server.templatesDir);
    for (const rule of server.files ?? []) expect(templates).toContain(rule.template);
  });
});

describe('worker and thread defaults', () => {
  it('is one worker per vCPU, capped by what memory holds of the model', () => {
    expect(defaultWorkers(predictiveInput({ sample: false, instance: { vcpu: 16, memoryGiB: 64 } }), 3)).toBe(
      16,
    );
    // 20 GB model × 3 on 128 GiB: 0.8 × 128 GiB − 704 MiB holds one worker, not two.
    const large = predictiveInput({ sample: false, sizeBytes: 20e9, instance: { vcpu: 16, memoryGiB: 128 } });
    expect(defaultWorkers(large, 3)).toBe(1);
    expect(defaultWorkers(large, 1)).toBe(5);
    expect(defaultWorkers(predictiveInput({ instance: { vcpu: 4, memoryGiB: undefined } }), 3)).toBe(4);
    expect(defaultWorkers(predictiveInput({ instance: { vcpu: 0.5 } }), 3)).toBe(1);
  });

  it('shares the vCPUs out as threads, at least one each', () => {
    expect(threadsPerWorker(8, 2)).toBe(4);
    expect(threadsPerWorker(4, 8)).toBe(1);
    expect(threadsPerWorker(2, 0)).toBe(2);
  });

  it('an explicit worker count wins, and threads follow it', async () => {
    const ctx = (await toyServer()).context(predictiveInput({ options: { workers: 2, timeout: 5 } }));
    expect(ctx).toMatchObject({ workers: 2, workersPerVcpu: false, threadsPerWorker: 2, timeoutSeconds: 5 });
  });
});

describe('the shared templates folder', () => {
  it('is shipped with the package and holds no template the rules do not know', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    expect(pkg.files).toContain('predictive-templates');
    expect(pkg.exports['./predictive']).toBeDefined();
    expect(fileURLToPath(predictiveTemplatesDir)).toMatch(/predictive-templates\/$/);
  });

  it('imports no EJS and no renderer (cheap to import from a plugin’s server module)', async () => {
    const dir = fileURLToPath(new URL('../src/predictive/', import.meta.url));
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.ts'))) {
      const source = await readFile(join(dir, name), 'utf8');
      expect(source, name).not.toMatch(/from '(ejs|\.\.\/render\.js)'/);
    }
  });
});
