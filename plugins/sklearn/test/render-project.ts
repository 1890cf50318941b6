import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { RenderedFile } from '@mcc/sdk/render';
import { renderPartial, renderTemplates } from '@mcc/sdk/render';

import { sklearnServer } from '../src/server.js';
import { projectInput } from './project-input.js';
import type { Scenario } from './project-input.js';

export interface RenderedProject {
  dir: string;
  files: RenderedFile[];
  readme: string;
  text(path: string): string;
}

/** Renders the sklearn templates for a scenario, as core would, and writes them into a temp dir. */
export async function renderProject(scenario: Scenario): Promise<RenderedProject> {
  const input = projectInput(scenario);
  const locals = { ...input, ctx: sklearnServer.context(input) };
  const files = await renderTemplates({
    templatesDir: sklearnServer.templatesDir,
    locals,
    rules: sklearnServer.files,
  });
  const readme = (await renderPartial(sklearnServer.templatesDir, '_README.md.ejs', locals)) ?? '';
  const dir = await mkdtemp(join(tmpdir(), `mcc-sklearn-${scenario.source}-${scenario.http}-`));
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    await chmod(path, file.mode);
  }
  const byPath = new Map(files.map((file) => [file.path, file.content.toString()]));
  return {
    dir,
    files,
    readme,
    text(path) {
      const content = byPath.get(path);
      if (content === undefined) throw new Error(`${path} was not rendered`);
      return content;
    },
  };
}
