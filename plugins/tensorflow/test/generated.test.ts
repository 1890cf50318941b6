import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createFakeRegistry } from '@mcc/sdk/testing';
import { validate } from 'dockerfile-utils';
import { afterAll, describe, expect, it } from 'vitest';

import register from '../src/hooks/register.js';
import { tensorflowServer } from '../src/server.js';
import { projectInput } from './project-input.js';
import type { Scenario } from './project-input.js';
import { renderProject } from './render-project.js';
import type { RenderedProject } from './render-project.js';

/**
 * Golden files of the server's part of a project (shared predictive kit and this plugin's
 * templates) in test/__golden__/<scenario>/; large files are kept as their sha256. After an
 * intended change, regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
const GOLDEN = fileURLToPath(new URL('./__golden__/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

const SCENARIOS: readonly [string, Scenario][] = [
  ['sample-flask', { source: 'sample' }],
  ['keras-fastapi', { source: 'local', format: 'keras', fileName: 'churn.keras', http: 'fastapi' }],
  ['savedmodel-flask', { source: 'local', format: 'savedmodel', fileName: 'export' }],
];

const rendered: RenderedProject[] = [];
afterAll(async () => {
  for (const project of rendered) await rm(project.dir, { recursive: true, force: true });
});

function goldenForm(path: string, bytes: Buffer): [string, string] {
  if (bytes.includes(0) || bytes.length > 64 * 1024) {
    return [`${path}.sha256`, `${createHash('sha256').update(bytes).digest('hex')}\n`];
  }
  return [path, bytes.toString('utf8')];
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/** The Dockerfile's RUN commands as one shell script (continuation lines joined). */
function runCommands(dockerfile: string): string {
  const joined = dockerfile.replace(/\\\n/g, ' ');
  const commands = joined.split('\n').filter((line) => line.startsWith('RUN '));
  return `#!/bin/sh\nset -e\n${commands.map((line) => line.slice(4)).join('\n')}\n`;
}

describe.each(SCENARIOS)('the %s project', (name, scenario) => {
  it('matches its golden files', async () => {
    const project = await renderProject(projectInput(scenario));
    rendered.push(project);
    const expected = new Map(project.files.map((file) => goldenForm(file.path, Buffer.from(file.content))));
    expected.set('README.tensorflow-part.md', project.readme);
    const root = join(GOLDEN, name);
    if (UPDATE) {
      await rm(root, { recursive: true, force: true });
      for (const [path, text] of expected) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), text);
      }
    }
    expect(await listFiles(root)).toEqual([...expected.keys()].sort());
    for (const [path, text] of expected)
      expect(text, `${name}/${path}`).toBe(await readFile(join(root, path), 'utf8'));
    for (const [path, text] of expected) {
      if (!path.endsWith('.sha256')) expect(text, path).not.toMatch(/<%|%>|\bundefined\b|\bNaN\b|\[object/);
      expect(text, path).not.toContain(project.dir);
    }
  });

  it('has a Dockerfile that lints clean and RUN steps that pass shellcheck', async () => {
    const project = await renderProject(projectInput(scenario));
    rendered.push(project);
    const dockerfile = await readFile(join(project.dir, 'Dockerfile'), 'utf8');
    expect(validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    expect(dockerfile).toMatch(
      scenario.source === 'sample'
        ? /RUN python3 sample\/train\.py \/opt\/ml\/model/
        : /COPY model\/ \/opt\/ml\/model\//,
    );
    const requirements = await readFile(join(project.dir, 'requirements.txt'), 'utf8');
    expect(requirements).toContain('tensorflow-cpu==2.18.0; platform_machine == "x86_64"');
    if (!hasShellcheck && !process.env.CI) return;
    const script = join(project.dir, 'dockerfile-run.sh');
    await writeFile(script, runCommands(dockerfile));
    const shells = [];
    for (const file of project.files)
      if (/^#!\s*\/(usr\/)?bin\/(env\s+)?(ba)?sh\b/.test(file.content.toString())) shells.push(file.path);
    const check = spawnSync('shellcheck', ['--severity=style', 'dockerfile-run.sh', ...shells], {
      cwd: project.dir,
      encoding: 'utf8',
    });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

describe('the register hook', () => {
  it('adds the tensorflow server, loaded lazily', async () => {
    const fake = createFakeRegistry();
    await register({ registry: fake.registry });
    expect(fake.entries.map((e) => [e.point, e.descriptor.id])).toEqual([['server', 'tensorflow']]);
    expect(await fake.load('server', 'tensorflow')).toBe(tensorflowServer);
  });
});
