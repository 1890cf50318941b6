import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { ProjectInput } from '@mcc/sdk';
import { renderPartial, renderTemplates } from '@mcc/sdk/render';
import type { RenderedFile } from '@mcc/sdk/render';

import type { TritonContext } from '../../src/context.js';
import { tritonServer } from '../../src/server.js';

export interface RenderedProject {
  dir: string;
  ctx: TritonContext;
  files: RenderedFile[];
  readme: string;
  text(path: string): string;
}

/** Renders the triton templates for an input as core would, and writes them into a temp dir. */
export async function renderProject(input: ProjectInput): Promise<RenderedProject> {
  const ctx = tritonServer.context(input);
  const locals = { ...input, ctx };
  const files = await renderTemplates({
    templatesDir: tritonServer.templatesDir,
    locals,
    rules: tritonServer.files,
  });
  const readme = (await renderPartial(tritonServer.templatesDir, '_README.md.ejs', locals)) ?? '';
  const dir = await mkdtemp(join(tmpdir(), `mcc-triton-${input.project.name}-`));
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    await chmod(path, file.mode);
  }
  const byPath = new Map(files.map((file) => [file.path, file.content.toString()]));
  return {
    dir,
    ctx,
    files,
    readme,
    text(path) {
      const content = byPath.get(path);
      if (content === undefined) throw new Error(`${path} was not rendered`);
      return content;
    },
  };
}
