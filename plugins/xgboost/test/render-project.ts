import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { ProjectInput } from '@mcc/sdk';
import type { RenderedFile } from '@mcc/sdk/render';
import { renderPartial, renderTemplates } from '@mcc/sdk/render';

import { xgboostServer } from '../src/server.js';

/** Only for the sample model; every other template of the plugin is always emitted. */
export const SAMPLE_ONLY = [
  'sample/train.py',
  'sample/abalone.csv',
  'sample/ABALONE.md',
  'tests/payloads/abalone.csv',
  'tests/payloads/abalone.json',
];

export interface RenderedProject {
  dir: string;
  files: RenderedFile[];
  readme: string;
}

/** The locals core would give the plugin's templates: the input and the server's merged context. */
export function locals(input: ProjectInput): object {
  return { ...input, ctx: xgboostServer.context(input) };
}

/** Renders the plugin's own templates, as core would, into a temp dir. */
export async function renderProject(input: ProjectInput): Promise<RenderedProject> {
  const values = locals(input);
  const files = await renderTemplates({
    // The shared predictive kit's templates and the plugin's own, as the server declares them.
    templatesDir: xgboostServer.templatesDir,
    locals: values,
    rules: xgboostServer.files ?? [],
  });
  const readme = (await renderPartial(xgboostServer.templatesDir, '_README.md.ejs', values)) ?? '';
  const dir = await mkdtemp(join(tmpdir(), `mcc-xgboost-${input.project.name}-`));
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    await chmod(path, file.mode);
  }
  return { dir, files, readme };
}
