import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';

import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { abaloneCsv, abaloneJson } from '../../../testkit/abalone.js';
import { renderProject } from './render-project.js';
import type { RenderedProject } from './render-project.js';

const SCENARIOS = [
  { http: 'flask', source: 'sample' },
  { http: 'fastapi', source: 'sample' },
  { http: 'flask', source: 'local' },
  { http: 'fastapi', source: 'local' },
] as const;

const SAMPLE_ONLY = [
  'sample/train.py',
  'sample/abalone.csv',
  'sample/ABALONE.md',
  'tests/payloads/abalone.csv',
  'tests/payloads/abalone.json',
];

const projects = new Map<string, RenderedProject>();
const key = (s: { http: string; source: string }) => `${s.source}/${s.http}`;
const project = (s: { http: string; source: string }) => projects.get(key(s))!;

beforeAll(async () => {
  for (const scenario of SCENARIOS) projects.set(key(scenario), await renderProject(scenario));
});

afterAll(async () => {
  for (const rendered of projects.values()) await rm(rendered.dir, { recursive: true, force: true });
});

describe.each(SCENARIOS)('rendered project ($source, $http)', (scenario) => {
  it('leaves no template syntax, undefined or NaN in any text file or the README section', () => {
    const texts = project(scenario)
      .files.filter((file) => !file.path.endsWith('.csv'))
      .map((file) => [file.path, file.content.toString()] as const);
    texts.push(['README section', project(scenario).readme]);
    for (const [path, text] of texts) {
      expect(text, path).not.toMatch(/\bundefined\b|\bNaN\b|<%|%>/);
      expect(text.length, path).toBeGreaterThan(0);
    }
  });

  it('emits the app, worker plan and configuration of its HTTP layer', () => {
    const { text, files } = project(scenario);
    const paths = files.map((file) => file.path);
    expect(text('code/app.py')).toContain(`from ${scenario.http} import`);
    expect(paths.filter((path) => path.startsWith('code/app'))).toEqual(['code/app.py']);
    expect(text('code/workers.py')).toContain(scenario.http === 'flask' ? 'gevent_server.py' : '"uvicorn"');
    expect(paths.includes('code/gevent_server.py')).toBe(scenario.http === 'flask');
    expect(paths.includes('code/batching.py')).toBe(true);
    const requirements = text('requirements.txt')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    for (const line of requirements) expect(line).toMatch(/^[a-z-]+==\d+(\.\d+)+$/);
    const names = requirements.map((line) => line.split('==')[0]);
    expect(names).toEqual([
      'scikit-learn',
      'scipy',
      'joblib',
      ...(scenario.source === 'local' ? ['pandas'] : []),
      'numpy',
      ...(scenario.http === 'flask' ? ['flask', 'gevent'] : ['fastapi', 'uvicorn']),
    ]);
  });

  it('makes the scripts executable and nothing else', () => {
    const executable = project(scenario)
      .files.filter((file) => file.mode === 0o755)
      .map((file) => file.path);
    expect(executable).toEqual(
      scenario.source === 'sample' ? ['code/serve', 'sample/train.py'] : ['code/serve'],
    );
  });

  it('emits the sample files only for the sample model', () => {
    const paths = project(scenario).files.map((file) => file.path);
    for (const path of SAMPLE_ONLY) expect(paths.includes(path), path).toBe(scenario.source === 'sample');
    expect(paths).toContain('model/README.md');
    expect(paths).toContain('.dockerignore');
    expect(paths.some((path) => path.startsWith('_') || path.includes('/_'))).toBe(false);
  });

  it('writes a Dockerfile a linter accepts, with the SageMaker label, a non-root user and serve', () => {
    const dockerfile = project(scenario).text('Dockerfile');
    expect(validate(dockerfile)).toEqual([]);
    expect(dockerfile).toMatch(
      /^ARG BASE_IMAGE=public\.ecr\.aws\/docker\/library\/python:3\.12\.\d+-slim-bookworm$/m,
    );
    expect(dockerfile).toContain('LABEL com.amazonaws.sagemaker.capabilities.accept-bind-to-port=true');
    expect(dockerfile).toContain('apt-get install -y --no-install-recommends nginx');
    expect(dockerfile).toContain('rm -rf /var/lib/apt/lists/*');
    expect(dockerfile).toContain('pip install --no-cache-dir -r');
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(/^CMD \["serve"\]$/m);
    if (scenario.source === 'sample') {
      expect(dockerfile).toContain('RUN python3 sample/train.py /opt/ml/model');
      expect(dockerfile).not.toContain('COPY model/');
    } else {
      expect(dockerfile).toContain('COPY model/ /opt/ml/model/');
      expect(dockerfile).not.toContain('sample/');
    }
  });

  it('writes Python that parses', () => {
    const { dir, files } = project(scenario);
    const python = files
      .filter((file) => file.path.endsWith('.py') || file.path === 'code/serve')
      .map((file) => file.path);
    const check = 'import ast, sys\nfor path in sys.argv[1:]:\n    ast.parse(open(path).read(), path)';
    expect(() =>
      execFileSync('/usr/bin/python3', ['-c', check, ...python], { cwd: dir, stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('bakes the model file name and the resolved defaults into the code', () => {
    const { text } = project(scenario);
    const fileName = scenario.source === 'sample' ? 'model.joblib' : 'model.pkl';
    expect(text('code/framework.py')).toContain(`MODEL_FILE = "${fileName}"`);
    expect(text('code/model_handler.py')).toContain('import framework');
    expect(text('code/serve')).toMatch(/^DEFAULT_WORKERS = 4$/m);
    expect(text('code/serve')).toMatch(/^DEFAULT_TIMEOUT = 60$/m);
    expect(text('code/serve').startsWith('#!/usr/bin/env python3\n')).toBe(true);
  });

  it('documents every setting in the README section, and warns about pickles for local models', () => {
    const { readme } = project(scenario);
    for (const name of [
      'SM_MODEL_DIR',
      'SAGEMAKER_BIND_TO_PORT',
      'MCC_BIND_HOST',
      'MCC_WORKERS',
      'MCC_TIMEOUT',
      'MCC_THREADS',
      'MCC_RUN_DIR',
      'application/x-npy',
      'inputs',
    ]) {
      expect(readme).toContain(name);
    }
    expect(readme).toContain('code/serve');
    expect(/trust/.test(readme)).toBe(scenario.source === 'local');
  });
});

describe('differences between scenarios', () => {
  it('the Dockerfile differs by model source, the app by HTTP layer', () => {
    const dockerfile = (source: 'sample' | 'local') => project({ http: 'flask', source }).text('Dockerfile');
    expect(dockerfile('sample')).not.toEqual(dockerfile('local'));
    const app = (http: 'flask' | 'fastapi') => project({ http, source: 'sample' }).text('code/app.py');
    expect(app('flask')).not.toEqual(app('fastapi'));
  });

  it('ships the same five Abalone rows as the testkit', () => {
    const sample = project({ http: 'flask', source: 'sample' });
    expect(sample.text('tests/payloads/abalone.csv')).toBe(abaloneCsv());
    expect(JSON.parse(sample.text('tests/payloads/abalone.json'))).toEqual(JSON.parse(abaloneJson()));
  });

  it('keeps the data set and its attribution together', () => {
    const sample = project({ http: 'flask', source: 'sample' });
    expect(sample.text('sample/ABALONE.md')).toContain('CC BY 4.0');
    expect(sample.text('sample/abalone.csv').split('\n')[0]).toBe(
      'sex,length,diameter,height,whole_weight,shucked_weight,viscera_weight,shell_weight,rings',
    );
  });
});
