import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { ProjectInput } from '@mcc/sdk';
import type { RenderedFile } from '@mcc/sdk/render';
import { renderPartial, renderTemplates } from '@mcc/sdk/render';

import { tensorflowServer } from '../src/server.js';

export interface RenderedProject {
  dir: string;
  files: RenderedFile[];
  readme: string;
}

/** Renders the server's templates (the shared predictive kit, then this plugin's) as core would. */
export async function renderProject(input: ProjectInput): Promise<RenderedProject> {
  const locals = { ...input, ctx: tensorflowServer.context(input) };
  const folders = tensorflowServer.templatesDir;
  const files = await renderTemplates({ templatesDir: folders, locals, rules: tensorflowServer.files ?? [] });
  const readme = (await renderPartial(folders, '_README.md.ejs', locals)) ?? '';
  const dir = await mkdtemp(join(tmpdir(), `mcc-tensorflow-${input.project.name}-`));
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    await chmod(path, file.mode);
  }
  return { dir, files, readme };
}
