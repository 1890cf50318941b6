import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { defineServer, defineTarget } from '@mcc/sdk';
import type { ProjectInput } from '@mcc/sdk';
import { testProjectInput, testSampleModel } from '@mcc/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { renderProject } from '../src/generate/render-project.js';
import { loadProject } from '../src/index.js';

// A target's request limit reaches the project input at generation; mcc.json keeps it so the verbs,
// reading the project back, see the input its templates were rendered from.

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcc-payload-limit-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function input(target: ProjectInput['target']): ProjectInput {
  return testProjectInput({
    model: testSampleModel({ format: 'joblib', fileName: 'model.joblib' }),
    server: { id: 'toy', baseImage: 'python:3.12', options: {} },
    target,
    name: 'capped',
  });
}

/** mcc.json as core renders it for this input, written into a fresh project folder. */
async function generated(
  projectInput: ProjectInput,
): Promise<{ dir: string; manifest: Record<string, unknown> }> {
  const empty = pathToFileURL(`${tempDir()}/`);
  const server = defineServer({
    id: 'toy',
    summary: 'toy',
    accelerators: ['cpu'],
    formats: [],
    options: [],
    templatesDir: empty,
    defaultBaseImage: 'python:3.12',
    context: () => ({}),
  } as unknown as Parameters<typeof defineServer>[0]);
  const target = defineTarget({
    id: projectInput.target.id,
    summary: 'toy',
    accelerators: ['cpu'],
    options: [],
    templatesDir: empty,
    context: () => ({}),
  });
  const files = await renderProject({
    input: projectInput,
    server,
    target,
    settings: {
      server: { value: 'toy', source: 'flag' },
      target: { value: projectInput.target.id, source: 'flag' },
      baseImage: { value: 'python:3.12', source: 'flag' },
      region: { value: 'us-east-1', source: 'flag' },
    } as never,
    options: { server: {}, target: {} },
    plugins: {},
  });
  const dir = tempDir();
  const text = String(files.find((file) => file.path === 'mcc.json')!.content);
  writeFileSync(join(dir, 'mcc.json'), text);
  return { dir, manifest: JSON.parse(text) as Record<string, unknown> };
}

describe('a target’s request limit in mcc.json', () => {
  it('is recorded and read back into input.target', async () => {
    const { dir, manifest } = await generated(
      input({ id: 'serverless', options: {}, maxPayloadBytes: 4194304 }),
    );
    expect(manifest.target).toEqual({ maxPayloadBytes: 4194304 });
    expect(loadProject(dir).input.target).toEqual({
      id: 'serverless',
      options: {},
      maxPayloadBytes: 4194304,
    });
  });

  it('leaves the manifest as before, and the input without one, when the target has none', async () => {
    const { dir, manifest } = await generated(input({ id: 'managed-inference', options: {} }));
    expect(manifest).not.toHaveProperty('target');
    expect(loadProject(dir).input.target).toEqual({ id: 'managed-inference', options: {} });
  });

  it('refuses a recorded limit that is not a positive whole number, naming it', async () => {
    const { dir, manifest } = await generated(
      input({ id: 'serverless', options: {}, maxPayloadBytes: 4194304 }),
    );
    writeFileSync(join(dir, 'mcc.json'), JSON.stringify({ ...manifest, target: { maxPayloadBytes: -1 } }));
    expect(() => loadProject(dir)).toThrow(/target\.maxPayloadBytes is -1/);
  });
});
