import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { validate } from 'dockerfile-utils';
import { afterAll, describe, expect, it } from 'vitest';

import { SCENARIOS, projectInput } from './helpers/input.js';
import { renderProject } from './helpers/render.js';
import type { RenderedProject } from './helpers/render.js';

const GOLDEN = fileURLToPath(new URL('./__golden__/', import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Versions that change with every release are replaced, so goldens change only with the output. */
function normalise(text: string): string {
  return text.replaceAll(/tritonserver:\d\d\.\d\d-/g, 'tritonserver:<release>-');
}

async function goldenFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await goldenFiles(dir, path)));
    else out.push(path);
  }
  return out.sort();
}

/** The project's own files; the Abalone data is the sdk's, checked once by name. */
function kept(project: RenderedProject): { path: string; text: string }[] {
  return project.files
    .filter((file) => !file.path.startsWith('sample/abalone') && file.path !== 'sample/ABALONE.md')
    .map((file) => ({ path: file.path, text: normalise(file.content.toString()) }));
}

describe.each(SCENARIOS.map((s) => [s.name, s] as const))('generated project %s', (name, scenario) => {
  let project: RenderedProject;
  const render = async (): Promise<RenderedProject> => {
    if (!project) {
      project = await renderProject(projectInput(scenario));
      dirs.push(project.dir);
    }
    return project;
  };

  it('matches its golden repository (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const files = [...kept(await render()), { path: 'README.section.md', text: normalise(project.readme) }];
    const dir = join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1') {
      await rm(dir, { recursive: true, force: true });
      for (const file of files) {
        await mkdir(dirname(join(dir, file.path)), { recursive: true });
        await writeFile(join(dir, file.path), file.text);
      }
    }
    expect(files.map((file) => file.path).sort()).toEqual(await goldenFiles(dir));
    for (const file of files) expect(file.text, file.path).toBe(await readFile(join(dir, file.path), 'utf8'));
    if (scenario.source === 'sample') {
      expect(project.files.map((file) => file.path)).toEqual(
        expect.arrayContaining(['sample/abalone.csv', 'sample/ABALONE.md', 'sample/train.py']),
      );
    }
  });

  it('every shell script passes shellcheck', async () => {
    const scripts = (await render()).files
      .filter((file) => /^#!\s*\/(usr\/)?bin\/(env\s+)?(ba)?sh\b/.test(file.content.toString()))
      .map((file) => file.path);
    // The LLM backends' code/serve is Python (nginx, the adapter and Triton; see llm-serve.test.ts).
    if (project.ctx.llm) expect(scripts).not.toContain('code/serve');
    else expect(scripts).toContain('code/serve');
    if (scripts.length === 0) return;
    const check = spawnSync('shellcheck', ['--severity=style', ...scripts], {
      cwd: project.dir,
      encoding: 'utf8',
    });
    expect(check.error, 'shellcheck must be installed').toBeUndefined();
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('its Python files compile with the system python', async () => {
    const python = (await render()).files
      .filter((file) => file.path.endsWith('.py') || /^#!.*python3/.test(file.content.toString()))
      .map((file) => join(project.dir, file.path));
    if (project.ctx.llm)
      expect(python.map((p) => p.slice(project.dir.length + 1))).toEqual(
        expect.arrayContaining(['code/serve', 'code/adapter.py', 'code/aws_secret.py']),
      );
    const source = 'import ast, sys\nfor p in sys.argv[1:]: ast.parse(open(p).read(), p)';
    const check = spawnSync('/usr/bin/python3', ['-c', source, ...python], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('the Dockerfile lints clean and puts the model where config.pbtxt expects it', async () => {
    const dockerfile = (await render()).text('Dockerfile');
    expect(validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=\S+/m);
    expect(dockerfile).toMatch(/^FROM \$\{BASE_IMAGE\}$/m);
    expect(dockerfile).toMatch(/^USER \S+/m);
    const repository = project.ctx.repositoryDir;
    expect(dockerfile).toContain(`COPY model_repository/ ${repository}/`);
    const artifact = project.ctx.artifactName;
    if (artifact) expect(dockerfile).toContain(`${repository}/model/1/${artifact}`);
    else expect(dockerfile).not.toMatch(/^COPY model\//m);
    if (project.ctx.llm) {
      // SageMaker copies an S3 model into /opt/ml/model: nothing of the image may live there.
      expect(repository.startsWith('/opt/ml/model')).toBe(false);
      expect(dockerfile).not.toMatch(/^(COPY|ADD) .*\/opt\/ml\/model/m);
      expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends nginx/);
    }
  });
});
